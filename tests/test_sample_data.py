"""tools/sample_data.py (scripts/generate-sample-data): synthetic cities the validator accepts without a remark."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from macros.diagnostics import Report
from macros.model.assessments import SIZE_BANDS, size_band
from macros.site.settings import build_date
from macros.validate import load_registry
from macros.validate.catalogue import load_catalogue
from macros.validate.countries import country_name
from macros.validate.language_tags import language_problem
from tools import sample_data
from tools.sample_names import CULTURES

REPO = Path(__file__).resolve().parent.parent
CITIES = 60


@pytest.fixture(scope="module")
def catalogue():
    report = Report()
    loaded = load_catalogue(REPO / "criteria", report, display_root=REPO)
    assert loaded is not None and report.ok, report.format()
    return loaded


@pytest.fixture(scope="module")
def generated(tmp_path_factory, catalogue) -> Path:
    out = tmp_path_factory.mktemp("sample") / "assessments"
    sample_data.generate(CITIES, out, seed=1, catalogue=catalogue)
    return out


@pytest.fixture(scope="module")
def registry(generated, catalogue):
    report = Report()
    loaded = load_registry(generated, catalogue, report, display_root=generated.parent, today=build_date())
    return loaded, report


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _script(name: str) -> str:
    return unicodedata.name(next(c for c in name if c.isalpha())).split()[0]


def test_valid_with_no_error_and_no_warning(registry):
    reg, report = registry
    assert report.diagnostics == [], report.format()
    assert len(reg.cities) == CITIES


def test_same_seed_gives_byte_identical_files(tmp_path, generated, catalogue):
    sample_data.generate(CITIES, tmp_path / "again", seed=1, catalogue=catalogue)
    assert _files(tmp_path / "again") == _files(generated)


def test_a_smaller_run_is_a_prefix_and_another_seed_differs(tmp_path, generated, catalogue):
    first = sample_data.generate(10, tmp_path / "ten", seed=1, catalogue=catalogue)
    assert _files(tmp_path / "ten") == {k: v for k, v in _files(generated).items() if k.split("/")[0] in first}
    other = sample_data.generate(10, tmp_path / "other", seed=2, catalogue=catalogue)
    assert other != first


def test_every_file_names_its_schema(generated):
    for path in generated.rglob("*.yaml"):
        first = path.read_text("utf-8").split("\n", 1)[0]
        kind = {"city.yaml": "city", "indicators.yaml": "indicators"}.get(path.name, "assessment")
        assert first == f"# yaml-language-server: $schema=../../docs/schemas/{kind}.schema.json", path


def test_names_in_many_scripts_with_ascii_slugs(registry):
    reg, _ = registry
    scripts = Counter(_script(city.name) for city in reg.cities.values())
    assert {"LATIN", "CJK", "ARABIC", "CYRILLIC"} <= set(scripts), scripts
    assert len(scripts) >= 6, scripts
    assert any(not name.isascii() for name in (c.name for c in reg.cities.values() if _script(c.name) == "LATIN"))
    for slug in reg.cities:
        assert slug.isascii() and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    assert len({(c.name, c.country, c.region) for c in reg.cities.values()}) == CITIES


def test_countries_sizes_and_types(registry):
    reg, _ = registry
    cities = list(reg.cities.values())
    assert all(country_name(c.country) for c in cities)
    assert len({c.country for c in cities}) >= 15
    assert {size_band(c.population) for c in cities} == {band for band, _, _ in SIZE_BANDS}
    assert len({c.community_type for c in cities}) >= 5
    assert all(c.fictional for c in cities)


def test_each_city_declares_a_language_of_its_country(registry):
    reg, _ = registry
    cities = list(reg.cities.values())
    assert all(c.language and language_problem(c.language) is None for c in cities)
    for city in cities:  # the region of a tag, when it has one, is the city's country
        parts = (city.language or "").split("-")
        assert len(parts) == 1 or len(parts[-1]) == 4 or parts[-1] == city.country, (city.slug, city.language)
    assert {c.language for c in cities if c.country == "GR"} <= {"el"}
    assert len({c.language.split("-")[0] for c in cities if c.language}) >= 10
    assert any(c.language and len(c.language.split("-")) == 3 for c in cities)  # a script too (sr-Cyrl-RS, zh-Hans-CN)


def test_every_culture_names_a_language_for_each_of_its_countries():
    for culture in CULTURES:
        assert len(culture.languages) == len(culture.countries), culture.script
        assert all(language_problem(tag) is None for tag in culture.languages), culture.languages


def test_assessments_over_ten_years_never_in_the_future(registry):
    reg, _ = registry
    today = build_date()
    end = sample_data.window_end(today)
    counts = Counter(len(c.assessments) for c in reg.cities.values())
    assert set(counts) <= set(range(1, 7)) and len(counts) >= 4, counts
    for city in reg.cities.values():
        dates = [a.date for a in city.assessments]
        assert len(set(dates)) == len(dates)
        assert all(end - dt.timedelta(days=366 * 10 + 3) <= d <= end <= today for d in dates), (city.slug, dates)
    spread = [d for c in reg.cities.values() for d in (a.date for a in c.assessments)]
    assert (max(spread) - min(spread)).days > 365 * 8


def test_methods_groups_evidence_and_not_assessed(registry):
    reg, _ = registry
    assessments = [a for c in reg.cities.values() for a in c.assessments]
    assert {a.method_id for a in assessments} == {
        "single-stakeholder",
        "multi-stakeholder",
        "moderated-multi-stakeholder",
        "cross-city-benchmarking",
        "external-audit",
    }
    assert {a.consolidation for a in assessments} == {None, "median", "moderated"}
    ratings = [r for a in assessments for r in a.ratings.values()]
    assert any(len(r.groups) >= 3 for r in ratings)
    assert any(r.spread and r.spread >= 2 for r in ratings)  # groups that disagree
    evidence = [e for r in ratings for e in r.evidence]
    assert evidence and all(e.url.startswith("https://example.org/") for e in evidence)
    not_assessed = [r for r in ratings if r.not_assessed]
    assert 0 < len(not_assessed) < len(ratings) / 10


def test_cli_writes_refuses_and_replaces(tmp_path, capsys):
    out = tmp_path / "cli"
    assert sample_data.main(["3", "--seed", "5", "--out", str(out)]) == 0
    assert len([p for p in out.iterdir()]) == 3
    before = _files(out)
    assert sample_data.main(["3", "--seed", "5", "--out", str(out)]) == 2  # not without --replace
    assert "--replace" in capsys.readouterr().err
    assert sample_data.main(["2", "--seed", "6", "--out", str(out), "--replace"]) == 0
    assert len(list(out.iterdir())) == 2 and _files(out) != before

    foreign = tmp_path / "foreign"
    (foreign / "real-city").mkdir(parents=True)
    (foreign / "real-city" / "city.yaml").write_text("name: Real\n", encoding="utf-8")
    assert sample_data.main(["2", "--out", str(foreign), "--replace"]) == 2
    assert "did not write" in capsys.readouterr().err
    assert sample_data.main(["2", "--out", str(REPO / "assessments"), "--replace"]) == 2
    assert sample_data.main([]) == 2 and "usage:" in capsys.readouterr().err
    assert sample_data.main(["two"]) == 2


def test_script_entry_point(tmp_path):
    out = tmp_path / "script"
    result = subprocess.run(
        [str(REPO / "scripts" / "generate-sample-data"), "2", "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote 2 cities" in result.stderr
    assert sum(1 for p in out.iterdir() if (p / "city.yaml").is_file()) == 2


def test_six_indicators_per_city_and_the_same_cities_without_them(registry, tmp_path, catalogue):
    """Issue 24: six indicators of six to ten years (one by district, one by sex and age), tracking 1.5.2
    and each purpose, so no claims warning; --indicators 0 writes the same cities without them."""
    reg, _ = registry
    for city in reg.cities.values():
        assert len(city.indicators) == 6, city.slug
        assert {cid for i in city.indicators for cid in i.tracks} == {"1.5.2", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6"}
        assert all(6 <= len({o.year for o in i.observations}) <= 10 for i in city.indicators)
        assert [i.disaggregation for i in city.indicators if i.disaggregation] == [("district",), ("sex", "age")]
    bare, full = tmp_path / "bare", tmp_path / "full"
    slugs = sample_data.generate(10, bare, seed=1, catalogue=catalogue, indicators=0)
    assert sample_data.generate(10, full, seed=1, catalogue=catalogue) == slugs
    for slug in slugs:
        with_them = {k: v for k, v in _files(full / slug).items() if not k.startswith("indicators")}
        assert _files(bare / slug) == with_them and (full / slug / "indicators.yaml").is_file()
