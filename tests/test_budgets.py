"""Byte budgets: a generated page or file of each kind must not grow past its budget
(``tools/bench/site_size.py`` holds them, named). Bytes are deterministic, so this is a test, not a
timing. Measured on a real build of the repository's example cities with generated ones beside them
(generated cities have up to six assessments: the longest histories), in every language."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, build_site, make_project

from tools import sample_data
from tools.bench import site_size

GENERATED = 12


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("budget-site"), REPO / "assessments")
    sample_data.generate(GENERATED, project / "assessments")
    # 2026-12-01: after every generated date (tools/sample_data.py WINDOW_END)
    result = build_site(project, env={"SOURCE_DATE_EPOCH": "1796083200"})
    assert result.returncode == 0, result.stderr
    yield project / "site"
    shutil.rmtree(project / "site", ignore_errors=True)


@pytest.fixture(scope="module")
def measured(site: Path) -> site_size.SiteSize:
    return site_size.measure(site)


def _cities(site: Path) -> list[str]:
    return [row[0] for row in json.loads((site / "data" / "cities" / "index.json").read_bytes())["cities"]]


def test_no_kind_grows_past_its_budget(measured: site_size.SiteSize):
    assert measured.over_budget() == []
    # every kind was measured (a renamed file would otherwise escape its budget)
    assert set(measured.kinds) == {kind for kind, _pattern, _budget in site_size.KINDS}


def test_files_per_city(site: Path, measured: site_size.SiteSize):
    cities = len(_cities(site))
    assert cities == 3 + GENERATED
    languages = len(measured.city_pages)
    assert languages == 3
    per_language = (
        "city page (en)",
        "city page (other languages)",
        "city ratings page",
        "city feed",
        "city badge image",
    )
    pages_and_files = (
        sum(measured.kind_files[kind] for kind in per_language) + measured.kind_files["city shields.io file"]
    )
    assert pages_and_files == cities * languages * site_size.FILES_PER_CITY_PER_LANGUAGE
    with_indicators = len(list((site.parent / "assessments").glob("*/indicators.yaml")))
    assert measured.kind_files["city outcomes page"] == with_indicators * languages
    once = measured.kind_files["city data file"] + measured.kind_files["city badge.json"]
    assert once == cities * site_size.FILES_PER_CITY


def test_the_form_and_its_city_list_stay_small(site: Path):
    """The form's page does not list the cities; its list is a few dozen bytes a city."""
    index = (site / "data" / "cities" / "index.json").stat().st_size
    assert index <= site_size.CITY_INDEX_PER_CITY * len(_cities(site)) + 500
    for page in ("assess/index.html", "fr/assess/index.html", "el/assess/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert not any(f'value="{slug}"' in text for slug in _cities(site)), page


@pytest.mark.browser
def test_choosing_a_city_in_the_form_fetches_its_own_file_only(site: Path):
    """Measured in Chromium (tools/bench/form_transfer.py), served as-is and compressed as hosts serve text."""
    import browser_support as bs

    from tools.bench import form_transfer

    browser = bs.browser()  # this process's Chromium (a second Playwright in one process is refused)
    plain = form_transfer.measure(site, "lumenport", browser=browser)
    assert plain["choose_city_requests"] == ["data/cities/lumenport.json"]
    assert plain["choose_city_bytes"] == (site / "data/cities/lumenport.json").stat().st_size <= site_size.CITY_DATA
    assert plain["city_list_bytes"] == (site / "data/cities/index.json").stat().st_size
    packed = form_transfer.measure(site, "lumenport", compressed=True, browser=browser)
    assert packed["choose_city_requests"] == plain["choose_city_requests"]
    assert 0 < packed["choose_city_bytes"] < plain["choose_city_bytes"] / 3  # JSON compresses well
    assert packed["open_form_bytes"] < plain["open_form_bytes"]


def test_every_part_of_the_full_exports_is_listed_with_its_size_and_digest(site: Path):
    import hashlib

    index = json.loads((site / "data" / "assessments" / "index.json").read_bytes())
    cities = 0
    for part in index["parts"]:
        data = (site / part["path"]).read_bytes()
        assert len(data) == part["bytes"] <= site_size.ANY_FILE
        assert hashlib.sha256(data).hexdigest() == part["sha256"]
        gzip.decompress(data)  # a whole gzip member
        cities += part["cities"] if part["format"] == "json" else 0
    assert cities == len(_cities(site))


def test_the_bench_edits_an_assessment_file_not_the_indicators(tmp_path: Path):
    """The site-size bench's warm build follows one edited justification (a city folder also holds
    indicators.yaml, which sorts after the assessment files)."""
    sample_data.generate(2, tmp_path / "assessments", indicators=6)
    before = {p: p.read_bytes() for p in (tmp_path / "assessments").rglob("*") if p.is_file()}
    site_size._edit_one_justification(tmp_path)
    changed = [p for p, data in before.items() if p.read_bytes() != data]
    assert len(changed) == 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}\.yaml", changed[0].name)
    assert b" Edited." in changed[0].read_bytes()
