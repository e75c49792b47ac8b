"""macros/layout.py: the names a city folder or an assessment file may have."""

from __future__ import annotations

import inspect

import pytest

from macros import layout
from macros.site import urls


def _cities_urls() -> list[tuple[str, set[str]]]:
    """Every URL under cities/ that site/urls.py can make, with the arguments that made it
    (each function is called with probe arguments; constants are taken as they are)."""
    found: list[tuple[str, set[str]]] = []
    for value in vars(urls).values():
        if isinstance(value, str) and value.startswith(urls.CITIES_INDEX):
            found.append((value, set()))
        elif inspect.isfunction(value) and value.__module__ == urls.__name__:
            params = inspect.signature(value).parameters
            args = [f"probe{i}" for i in range(len(params))]
            try:
                result = value(*args)
            except (TypeError, ValueError, AttributeError):
                continue
            if isinstance(result, str) and result.startswith(urls.CITIES_INDEX):
                found.append((result, {a.lower() for a in args}))
    return found


def test_every_section_the_site_makes_under_cities_is_a_reserved_folder_name():
    """A city's page is cities/<slug>/: any other page under cities/ must be a name no city can take."""
    made = _cities_urls()
    assert any(url == urls.COMPARE for url, _ in made) and any("country" in url for url, _ in made)
    for url, args in made:
        first = url[len(urls.CITIES_INDEX) :].split("/", 1)[0]
        if not first or first in args:  # the index itself, or a city's own page and files
            continue
        assert first in layout.CITIES_SECTIONS, f"urls.py makes {url}: add {first!r} to layout.CITIES_SECTIONS"
        assert layout.slug_problem(first) is not None


@pytest.mark.parametrize("name", layout.CITIES_SECTIONS)
def test_a_reserved_name_is_refused_naming_the_reserved_word(name):
    problem = layout.slug_problem(name)
    assert problem is not None and f'"{name}" is reserved' in problem and f"cities/{name}/" in problem


@pytest.mark.parametrize("name", sorted(layout.WINDOWS_DEVICE_NAMES))
def test_windows_device_names_are_refused_in_lower_case(name):
    assert layout.slug_problem(name) is not None
    assert layout.windows_device_name(name.upper() + ".yaml")


@pytest.mark.parametrize("name", ["console", "auxerre", "com10", "nullarbor", "lpt", "concord"])
def test_names_that_only_start_like_a_device_are_fine(name):
    assert layout.slug_problem(name) is None


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("2023-05-10.yaml", True),
        ("٢٠٢٣-٠٥-١٠.yaml", False),  # Arabic-Indic digits
        ("２０２３-０５-１０.yaml", False),  # full-width digits
        ("२०२३-०५-१०.yaml", False),  # Devanagari digits
        ("2023-5-10.yaml", False),
    ],
)
def test_assessment_files_are_named_in_ascii_digits(name, ok):
    assert bool(layout.ASSESSMENT_FILE.fullmatch(name)) is ok
