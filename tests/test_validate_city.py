"""validate/city.py: a city.yaml profile, and the maintainers reader CODEOWNERS shares."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from macros.diagnostics import Report
from macros.validate import load_registry, read_maintainers, validate_paths
from macros.validate.city import LANGUAGE_HINT, MISSING_LANGUAGE
from macros.validate.language_tags import ALLOWED

GOOD = Path(__file__).parent / "fixtures" / "assessments" / "good" / "sorvika"
TODAY = dt.date(2026, 11, 22)


def _city(tmp_path: Path, **lines: str) -> Path:
    """A copy of the good city whose city.yaml has these fields replaced (or added)."""
    folder = tmp_path / "sorvika"
    shutil.copytree(GOOD, folder)
    city = folder / "city.yaml"
    kept = [line for line in city.read_text(encoding="utf-8").splitlines() if line.split(":")[0] not in lines]
    city.write_text("\n".join(kept + [f"{k}: {v}" for k, v in lines.items()]) + "\n", encoding="utf-8")
    return city


def test_a_field_reader_s_error_is_counted(catalogue, tmp_path):
    """The defect of issue 11: this error was appended unseen, so the run looked ok."""
    city = _city(tmp_path, website="ftp://sorvika.example.org")
    report = Report()
    validate_paths([city], catalogue, report, display_root=tmp_path, today=TODAY)
    assert [d.format() for d in report.errors] == [
        'sorvika/city.yaml:11:10: error: website: "ftp://sorvika.example.org" is not an allowed link; '
        'use a full "http:" or "https:" address'
    ]
    assert report.error_count == 1 and report.ok is False


def test_the_folder_scan_counts_it_too(catalogue, tmp_path):
    _city(tmp_path, website="ftp://sorvika.example.org")
    report = Report()
    validate_paths([tmp_path / "sorvika"], catalogue, report, display_root=tmp_path, today=TODAY)
    assert report.error_count == len(report.errors) == 1 and not report.ok


def test_maintainers_are_read_with_the_validator_s_rules(tmp_path):
    city = _city(tmp_path, maintainers='[ana-silva, "@bo", "not a user", Ana-Silva, cy]')
    report = Report()
    assert read_maintainers(city, report, display_root=tmp_path) == ["ana-silva", "cy"]
    assert [d.message for d in report.diagnostics] == [
        'maintainers[2]: write the GitHub user name without "@": bo',
        'maintainers[3]: "not a user" is not a GitHub user name (letters, digits and single hyphens, '
        "at most 39 characters)",
        'maintainers[4]: "Ana-Silva" is listed twice (first at line 10)',
    ]
    assert report.error_count == 3


def test_maintainers_missing_or_unreadable(tmp_path):
    report = Report()
    assert read_maintainers(tmp_path / "gone" / "city.yaml", report, display_root=tmp_path) == []
    city = _city(tmp_path, maintainers="[]")
    assert read_maintainers(city, report, display_root=tmp_path) == []
    assert [d.format() for d in report.diagnostics] == [
        "gone/city.yaml:1:1: error: no city.yaml: every city folder needs its profile",
        "sorvika/city.yaml:10:14: error: maintainers: not filled in yet: list the GitHub user names of the "
        "people who may update this city's files, e.g. [octocat]",
    ]


def test_the_good_city_has_its_maintainers(tmp_path):
    report = Report()
    assert read_maintainers(GOOD / "city.yaml", report, display_root=GOOD.parent) == ["sorvika-kommune"]
    assert report.diagnostics == []


# --- language: the language the city's own text is written in --------------------------------------


def _check(tmp_path: Path, catalogue, city_yaml: str):
    folder = tmp_path / "assessments" / "sorvika"
    shutil.copytree(GOOD, folder)
    (folder / "city.yaml").write_text(city_yaml, encoding="utf-8")
    report = Report()
    registry = load_registry(tmp_path / "assessments", catalogue, report, display_root=tmp_path, today=TODAY)
    return registry.cities.get("sorvika"), [d.format() for d in report.sorted()]


CITY = "name: Sørvika\ncountry: NO\npopulation: 3200\ncommunity_type: island\nmaintainers: [sorvika-kommune]\n"


@pytest.mark.parametrize("tag", ["nb", "nb-NO", "se", "sr-Latn-RS", "zh-Hant", "es-419", '"no"', "no"])
def test_a_language_tag_is_kept_on_the_city(tmp_path, catalogue, tag):
    city, diagnostics = _check(tmp_path, catalogue, CITY + f"language: {tag}\n")
    assert diagnostics == []
    assert city is not None and city.language == tag.strip('"')


@pytest.mark.parametrize(
    "value, col, problem",
    [
        ("gr", 11, '"gr" is not an ISO 639 language code (did you mean "el", Greek?)'),
        ("English", 11, '"English" is the name of a language, not its code (did you mean "en", English?)'),
        (
            "nb-no",
            11,
            '"nb-no" is not in the usual case of a language tag (did you mean "nb-NO", Norwegian Bokmål (Norway)?)',
        ),
        (
            '"nb_NO"',
            11,
            '"nb_NO" is not a language tag: its parts are joined by "-" '
            '(did you mean "nb-NO", Norwegian Bokmål (Norway)?)',
        ),
        (
            "de-CH-1996",
            11,
            '"1996" in "de-CH-1996" is a variant subtag, which is not accepted '
            '(did you mean "de-CH", German (Switzerland)?)',
        ),
    ],
)
def test_a_wrong_language_is_an_error_on_its_value(tmp_path, catalogue, value, col, problem):
    city, diagnostics = _check(tmp_path, catalogue, CITY + f"language: {value}\n")
    assert city is None
    assert diagnostics == [f"assessments/sorvika/city.yaml:6:{col}: error: language: {problem}; {ALLOWED}"]


@pytest.mark.parametrize(
    "value, message",
    [
        ("TODO", f"language: not filled in yet: {LANGUAGE_HINT}"),
        ("", f"language: not filled in yet: {LANGUAGE_HINT}"),
        ("[el, en]", "language: must be text, found a list"),
    ],
)
def test_language_written_but_not_filled_in_is_an_error(tmp_path, catalogue, value, message):
    city, diagnostics = _check(tmp_path, catalogue, CITY + f"language: {value}\n")
    assert city is None
    assert len(diagnostics) == 1 and diagnostics[0].startswith("assessments/sorvika/city.yaml:6:")
    assert diagnostics[0].split(": error: ", 1)[1] == message


def test_a_missing_language_is_a_warning_and_no_claim(tmp_path, catalogue):
    city, diagnostics = _check(tmp_path, catalogue, "# a city.yaml written before language existed\n" + CITY)
    assert city is not None and city.language is None  # not "en": nothing is claimed about its text
    assert diagnostics == [f"assessments/sorvika/city.yaml:2:1: warning: {MISSING_LANGUAGE}"]
    assert MISSING_LANGUAGE.startswith('city.yaml: no "language" field: add the language this city\'s own text')
