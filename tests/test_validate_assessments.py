"""Cities and assessments: every class of bad input is reported as path:line:col naming the field,
all in one run; the example data and the good fixtures pass; the JSON Schemas agree with the data."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from macros.diagnostics import Diagnostic, Report, Severity
from macros.load.nodes import Node
from macros.load.yaml_nodes import MAX_FILE_BYTES, read_yaml
from macros.model.assessments import COMMUNITY_TYPES, GROUP_VIEW_METHODS, Registry, size_band
from macros.model.catalogue import Catalogue
from macros.validate import load_registry, validate_paths
from macros.validate.evidence import EVIDENCE_MAX_AGE_YEARS

FIXTURES = Path(__file__).parent / "fixtures" / "assessments"
BAD, GOOD = FIXTURES / "bad", FIXTURES / "good"
TODAY = dt.date(2026, 11, 22)  # fixed, so "in the future" does not depend on when the tests run
E, W = Severity.ERROR, Severity.WARNING


def _load(root: Path, catalogue: Catalogue, display_root: Path | None = None) -> tuple[Registry, Report]:
    report = Report()
    registry = load_registry(root, catalogue, report, display_root=display_root or root, today=TODAY)
    return registry, report


@pytest.fixture(scope="module")
def bad_run(catalogue) -> Report:
    """All bad fixtures in one run: the validator never stops at the first problem."""
    return _load(BAD, catalogue)[1]


# (file, line, col, severity, words the message must contain: the field's path first)
EXPECTED: list[tuple[str, int, int, Severity, tuple[str, ...]]] = [
    # YAML itself
    ("invalid-yaml/2024-03-15.yaml", 10, 10, E, ("invalid YAML syntax",)),
    ("duplicate-key/2024-03-15.yaml", 11, 5, E, ('duplicate key "now"', "first defined at line 9")),
    ("duplicate-characteristic/2024-03-15.yaml", 34, 3, E, ('duplicate key "4.1"', "line 33")),
    ("duplicate-characteristic-spaced/2024-03-15.yaml", 35, 3, E, ('characteristics: "4.2" appears twice', "line 34")),
    ("yaml-tag/2024-03-15.yaml", 7, 53, E, ('YAML tags ("!!python/object/apply:os.system") are not allowed',)),
    ("alias-bomb/2024-03-15.yaml", 2, 4, E, ('YAML anchors ("&a") are not allowed',)),
    ("not-utf8/2024-03-15.yaml", 7, 56, E, ("not UTF-8", "0xe9")),
    # fields: unknown, missing, wrong types
    ("unknown-keys/2024-03-15.yaml", 4, 1, E, ('unknown field "methd"', 'did you mean "method"?')),
    ("unknown-keys/2024-03-15.yaml", 2, 1, E, ('missing required field "method"', '"single-stakeholder"')),
    (
        "unknown-keys/2024-03-15.yaml",
        7,
        38,
        E,
        ('characteristics."1.1.1": unknown field "justificaton"', 'did you mean "justification"?'),
    ),
    ("unknown-keys/2024-03-15.yaml", 7, 12, E, ('characteristics."1.1.1": missing required field "justification"',)),
    ("missing-fields/2024-03-15.yaml", 2, 1, E, ('missing required field "model_version"', '"iso-ts-37107-draft"')),
    ("missing-fields/2024-03-15.yaml", 11, 12, E, ('characteristics."1.3.1": missing required field "in_two_years"',)),
    ("wrong-types/2024-03-15.yaml", 5, 15, E, ("participants: must be a list", "found text")),
    ("wrong-types/2024-03-15.yaml", 7, 12, E, ('characteristics."1.1.1" must be a mapping', "found a whole number")),
    ("wrong-types/2024-03-15.yaml", 8, 78, E, ('characteristics."1.1.2".evidence: must be a list',)),
    # levels
    (
        "bad-levels/2024-03-15.yaml",
        7,
        18,
        E,
        ('characteristics."1.1.1".now: must be a maturity level', '"3.5"', "whole numbers"),
    ),
    ("bad-levels/2024-03-15.yaml", 8, 18, E, ('characteristics."1.1.2".now:', '"three"', "write the number 3")),
    ("bad-levels/2024-03-15.yaml", 9, 18, E, ('characteristics."1.2.1".now:', '"true"', "yes/no")),
    ("bad-levels/2024-03-15.yaml", 10, 18, E, ('characteristics."1.2.2".now:', "from 1 to 5", "found 0")),
    ("bad-levels/2024-03-15.yaml", 10, 35, E, ('characteristics."1.2.2".in_two_years:', "found 6")),
    ("bad-levels/2024-03-15.yaml", 11, 18, E, ('characteristics."1.2.3".now:', "without quotes")),
    ("bad-levels/2024-03-15.yaml", 11, 37, E, ('characteristics."1.2.3".in_two_years:', "found a list")),
    # characteristics
    ("unknown-characteristic/2024-03-15.yaml", 8, 3, E, ('unknown characteristic "1.1.3"', 'did you mean "1.1.2"?')),
    ("unknown-characteristic/2024-03-15.yaml", 7, 3, E, ('1 of the 32 characteristics are missing: "1.1.2"',)),
    (
        "missing-characteristics/2024-03-15.yaml",
        7,
        3,
        E,
        ('3 of the 32 characteristics are missing: "1.5.1", "2.2.2", "4.6"', "not_assessed"),
    ),
    (
        "not-assessed-mixed/2024-03-15.yaml",
        14,
        41,
        E,
        ('characteristics."1.4.1".now: not allowed together with not_assessed',),
    ),
    (
        "not-assessed-mixed/2024-03-15.yaml",
        15,
        27,
        E,
        ('characteristics."1.4.2".not_assessed: give the reason as text',),
    ),
    # dates
    ("bad-dates/2024-03-15.yaml", 2, 7, E, ("date: must be a date written YYYY-MM-DD", '"15/03/2024"')),
    (
        "bad-dates/2024-03-15.yaml",
        12,
        62,
        E,
        ('characteristics."1.1.1".evidence[1].date: "2024-02-30" is not a real calendar date',),
    ),
    ("future-date/2030-01-01.yaml", 2, 7, E, ("date: 2030-01-01 is in the future", "2026-11-22")),
    ("date-not-file-name/2024-03-15.yaml", 2, 7, E, ("date: 2024-03-16 does not match the file name 2024-03-15.yaml",)),
    (
        "date-not-file-name/2024-03-15.yaml",
        3,
        10,
        E,
        ("updated: 2024-03-01 is before the assessment's date (2024-03-16)",),
    ),
    ("same-date/2024-03-16.yaml", 2, 7, E, ("date: 2024-03-15 does not match the file name 2024-03-16.yaml",)),
    ("same-date/2024-03-16.yaml", 2, 7, E, ("date: 2024-03-15 is also the date of same-date/2024-03-15.yaml",)),
    # links
    (
        "bad-links/2024-03-15.yaml",
        12,
        32,
        E,
        ('characteristics."1.1.1".evidence[1].url: "javascript:alert(1)" is not an allowed link', "https"),
    ),
    (
        "bad-links/2024-03-15.yaml",
        13,
        32,
        E,
        ('characteristics."1.1.1".evidence[2].url: "../secret.pdf" is not an allowed link',),
    ),
    # IDs from the catalogue, and stakeholder groups
    (
        "unknown-ids/2024-03-15.yaml",
        3,
        16,
        E,
        ('model_version: "iso-ts-37107" is not allowed', 'did you mean "iso-ts-37107-draft"?'),
    ),
    (
        "unknown-ids/2024-03-15.yaml",
        4,
        9,
        E,
        ('method: "multi-stakeholders" is not allowed', 'did you mean "multi-stakeholder"?'),
    ),
    (
        "unknown-ids/2024-03-15.yaml",
        5,
        31,
        E,
        ('participants[2]: "resident" is not allowed', 'did you mean "residents"?'),
    ),
    ("unknown-ids/2024-03-15.yaml", 5, 41, E, ('participants[3]: "civil-society" is listed twice',)),
    (
        "groups-wrong-method/2024-03-15.yaml",
        6,
        16,
        E,
        ("consolidation: only applies to the methods", '"single-stakeholder"'),
    ),
    (
        "groups-wrong-method/2024-03-15.yaml",
        24,
        5,
        E,
        ('characteristics."2.1.1".groups: groups\' views are only recorded',),
    ),
    (
        "group-not-participant/2024-03-15.yaml",
        26,
        7,
        E,
        ('characteristics."2.1.1".groups: "private-sector" is not among the participants',),
    ),
    (
        "group-not-participant/2024-03-15.yaml",
        27,
        7,
        E,
        ('unknown stakeholder group "civil-societies"', 'did you mean "civil-society"?'),
    ),
    (
        "consolidation-missing/2024-03-15.yaml",
        2,
        1,
        E,
        ('missing required field "consolidation"', "first at line 31", '"median"'),
    ),
    ("median-disagrees/2024-03-15.yaml", 9, 10, E, ('characteristics."1.1.1".now: 3 differs from 2, the median',)),
    (
        "median-disagrees/2024-03-15.yaml",
        13,
        12,
        E,
        ('characteristics."1.1.2": consolidation "median" derives the levels', '"groups"'),
    ),
    # placeholders written by scripts/new-assessment
    ("placeholders/2024-03-15.yaml", 4, 9, E, ("method: not filled in yet", '"external-audit"')),
    ("placeholders/2024-03-15.yaml", 5, 15, E, ("participants: not filled in yet",)),
    ("placeholders/2024-03-15.yaml", 6, 12, E, ("assessors: not filled in yet", "optional")),
    (
        "placeholders/2024-03-15.yaml",
        9,
        10,
        E,
        (
            'characteristics."1.1.1".now: not filled in yet: choose a level 1-5, or replace '
            "now/in_two_years by not_assessed: reason",
        ),
    ),
    ("placeholders/2024-03-15.yaml", 10, 19, E, ('characteristics."1.1.1".in_two_years: not filled in yet',)),
    ("placeholders/2024-03-15.yaml", 11, 20, E, ('characteristics."1.1.1".justification: not filled in yet',)),
    ("placeholders/2024-03-15.yaml", 13, 11, E, ('characteristics."1.1.2": not filled in yet',)),
    # folders and file names
    ("Bad_Slug", 1, 1, E, ('city folder name "Bad_Slug" is not allowed', 'rename it to "bad-slug"')),
    ("no-city-file/city.yaml", 1, 1, E, ('city folder "no-city-file" has no city.yaml',)),
    (
        "stray-files/2024-3-15.yaml",
        1,
        1,
        E,
        ("is neither city.yaml nor an assessment", 'rename it to "2024-03-15.yaml"'),
    ),
    ("stray-files/notes.txt", 1, 1, E, ('"notes.txt" is neither city.yaml nor an assessment',)),
    ("stray-files/drafts", 1, 1, E, ("folders are not allowed inside a city folder",)),
    ("stray.txt", 1, 1, E, ("only city folders belong in bad/",)),
    ("twin-b/city.yaml", 2, 7, E, ('"Twin Town" (FR) is already the city in twin-a/city.yaml',)),
    # city.yaml
    (
        "bad-city/city.yaml",
        3,
        10,
        E,
        ('country: "Brazil" is not an ISO 3166-1 two-letter country code', 'did you mean "BR"'),
    ),
    ("bad-city/city.yaml", 4, 1, E, ('unknown field "popluation"', 'did you mean "population"?')),
    ("bad-city/city.yaml", 5, 13, E, ("population: must be a whole number written without separators", "1234567")),
    ("bad-city/city.yaml", 6, 17, E, ('community_type: "metropolis" is not allowed', '"island"')),
    ("bad-city/city.yaml", 7, 10, E, ('website: "javascript:alert(1)" is not an allowed link',)),
    ("bad-city/city.yaml", 8, 10, E, ('contact: write an e-mail address as a link: "mailto:someone@example.org"',)),
    ("bad-city/city.yaml", 9, 15, E, ('maintainers[1]: write the GitHub user name without "@"',)),
    ("bad-city/city.yaml", 9, 27, E, ('maintainers[2]: "not a user" is not a GitHub user name',)),
    ("bad-city/city.yaml", 10, 12, E, ("fictional: must be true or false",)),
    # warnings: right, perhaps, but worth a second look
    ("warnings/2024-03-15.yaml", 7, 35, W, ('characteristics."1.1.1".in_two_years (2) is below now (3)',)),
    ("warnings/2024-03-15.yaml", 8, 18, W, ('characteristics."1.1.2".now is 4 (Improving) but no evidence is given',)),
    (
        "warnings/2024-03-15.yaml",
        14,
        69,
        W,
        (
            'characteristics."1.2.1".evidence[1].date: 2018-01-31 is more than '
            f"{EVIDENCE_MAX_AGE_YEARS} years before the assessment",
        ),
    ),
    (
        "warnings/2024-03-15.yaml",
        15,
        73,
        W,
        ('characteristics."1.2.1".evidence[2].date: 2024-04-01 is after the assessment',),
    ),
    # the published record: corrections, withdrawal, review, feedback (validate/record.py)
    (
        "bad-record/2024-03-15.yaml",
        45,
        16,
        E,
        ('corrections[1].previous.characteristics."1.1.1".now: 2 is the value the field has after',),
    ),
    (
        "bad-record/2024-03-15.yaml",
        46,
        11,
        E,
        ("corrections[2].date: 2024-03-01 is before the assessment (2024-03-15)",),
    ),
    ("bad-record/2024-03-15.yaml", 47, 13, E, ("corrections[2].reason: not filled in yet",)),
    ("bad-record/2024-03-15.yaml", 51, 16, E, ('"9.9.9" is not a characteristic of the catalogue',)),
    (
        "bad-record/2024-03-15.yaml",
        52,
        15,
        E,
        ('corrections[2].previous.colour: "colour" is not a field a correction can record',),
    ),
    ("bad-record/2024-03-15.yaml", 54, 3, E, ('withdrawn: missing required field "reason"',)),
    ("bad-record/2024-03-15.yaml", 57, 9, E, ('review.kind: "auditor" is not allowed',)),
    ("bad-record/2024-03-15.yaml", 60, 8, E, ('review.url: "javascript:alert(1)" is not an allowed link',)),
    ("bad-record/2024-03-15.yaml", 62, 14, E, ('review.levels."1.1.2": 2 is the city\'s own level',)),
    ("bad-record/2024-03-15.yaml", 63, 5, E, ('review.levels."1.1.3": "1.1.3" is not a characteristic',)),
    (
        "bad-record/city.yaml",
        6,
        11,
        E,
        ('feedback: "http://bad-record.example.org/feedback" is not an allowed link', '"https:"'),
    ),
]


def _matches(d: Diagnostic, expected: tuple) -> bool:
    path, line, col, severity, words = expected
    return (d.path, d.line, d.col, d.severity) == (path, line, col, severity) and all(w in d.message for w in words)


@pytest.mark.parametrize("expected", EXPECTED, ids=[f"{e[0]}:{e[1]}:{e[2]}" for e in EXPECTED])
def test_bad_input_is_reported_where_it_is(bad_run, expected):
    found = [d.format() for d in bad_run.diagnostics if d.path == expected[0]]
    assert any(_matches(d, expected) for d in bad_run.diagnostics), "\n".join(found)


def test_nothing_unexpected_is_reported(bad_run):
    # every diagnostic of the run is one the table above explains: no noise, no duplicates
    unexplained = [d.format() for d in bad_run.diagnostics if not any(_matches(d, e) for e in EXPECTED)]
    assert unexplained == []
    assert len(bad_run.diagnostics) == len(set(bad_run.diagnostics)) == len(EXPECTED)


def test_every_bad_fixture_is_asserted():
    asserted = {e[0].split("/")[0] for e in EXPECTED}
    on_disk = {p.name for p in BAD.iterdir()} - {"twin-a"}  # twin-a is the first, valid twin
    assert on_disk == asserted


def test_format_is_path_line_col_severity_message(bad_run):
    line = next(d for d in bad_run.diagnostics if d.path == "future-date/2030-01-01.yaml").format()
    assert line == "future-date/2030-01-01.yaml:2:7: error: date: 2030-01-01 is in the future (today is 2026-11-22)"


def test_an_oversized_file_is_refused_before_parsing(catalogue, tmp_path):
    shutil.copytree(GOOD, tmp_path / "assessments")
    path = tmp_path / "assessments" / "sorvika" / "2024-02-01.yaml"
    padding = ("# " + "x" * 98 + "\n") * (MAX_FILE_BYTES // 100 + 1)
    path.write_text(path.read_text(encoding="utf-8") + padding, encoding="utf-8")
    _, report = _load(tmp_path / "assessments", catalogue, tmp_path)
    assert [d.format() for d in report.errors] == [
        f"assessments/sorvika/2024-02-01.yaml:1:1: error: file is {path.stat().st_size:,} bytes; "
        f"the limit is {MAX_FILE_BYTES:,} bytes (split it, or shorten long texts)"
    ]


def test_symbolic_links_are_refused(catalogue, tmp_path):
    # a link could make the site publish any file of the machine that builds it
    shutil.copytree(GOOD, tmp_path / "assessments")
    (tmp_path / "assessments" / "sorvika" / "2025-01-01.yaml").symlink_to("/etc/hostname")
    (tmp_path / "assessments" / "elsewhere").symlink_to(tmp_path / "assessments" / "sorvika")
    _, report = _load(tmp_path / "assessments", catalogue, tmp_path)
    assert [(d.path, d.line) for d in report.errors] == [
        ("assessments/elsewhere", 1),
        ("assessments/sorvika/2025-01-01.yaml", 1),
    ]
    assert all("symbolic links are not allowed" in d.message for d in report.errors)


def test_control_characters_in_folder_names_stay_on_one_line(catalogue, tmp_path):
    (tmp_path / "bad\nname").mkdir()
    _, report = _load(tmp_path, catalogue)
    assert [d.format() for d in report.errors][0].startswith(
        'bad\\u000aname:1:1: error: city folder name "bad\\u000aname"'
    )
    assert all("\n" not in d.format() for d in report.diagnostics)


def test_a_full_width_look_alike_of_a_city_is_its_twin(catalogue, tmp_path):
    # the same place written in full-width letters looks the same on a page: one folder per city
    shutil.copytree(FIXTURES / "bad" / "twin-a", tmp_path / "twin-a")
    (tmp_path / "twin-wide").mkdir()
    text = (FIXTURES / "bad" / "twin-b" / "city.yaml").read_text(encoding="utf-8")
    wide = "".join(chr(0xFF00 + ord(c) - 0x20) if c.isalpha() else c for c in "Twin Town")
    (tmp_path / "twin-wide" / "city.yaml").write_text(
        text.replace("name: Twin Town", f"name: {wide}"), encoding="utf-8"
    )
    _, report = _load(tmp_path, catalogue)
    assert [(d.path, d.message.split(";")[0]) for d in report.errors] == [
        ("twin-wide/city.yaml", f'name: "{wide}" (FR) is already the city in twin-a/city.yaml')
    ]


def test_an_invisible_character_does_not_make_a_city_another_one(catalogue, tmp_path):
    # "Twin\u200bTown" looks like "TwinTown"; the error points at the name, not at line 1
    shutil.copytree(FIXTURES / "bad" / "twin-a", tmp_path / "twin-a")
    (tmp_path / "twin-zw").mkdir()
    text = (FIXTURES / "bad" / "twin-b" / "city.yaml").read_text(encoding="utf-8")
    (tmp_path / "twin-zw" / "city.yaml").write_text(
        text.replace("name: Twin Town", 'name: "Twin \\u200bTo\\u2060wn"'), encoding="utf-8"
    )
    _, report = _load(tmp_path, catalogue)
    assert [(d.path, d.line, d.col) for d in report.errors] == [("twin-zw/city.yaml", 2, 7)]
    assert "is already the city in twin-a/city.yaml" in report.errors[0].message


# --- valid data ------------------------------------------------------------------------------


def test_good_fixture_passes_and_builds_the_model(catalogue):
    registry, report = _load(GOOD, catalogue)
    assert report.diagnostics == []
    city = registry.cities["sorvika"]
    assert (city.name, city.country, city.size_band, city.fictional) == ("Sørvika", "NO", "town", True)
    first, second = city.assessments
    assert (first.date, second.date) == (dt.date(2023, 1, 10), dt.date(2024, 2, 1))  # oldest first; quoted date read
    assert (first.updated, second.updated) == (None, dt.date(2024, 5, 1))
    assert list(second.ratings) == list(catalogue.characteristics)  # unquoted 4.1 keys too, in catalogue order
    # consolidation "median": levels derived as the lower middle of the groups' views (3, 1, 2) and (4, 2, 3)
    derived = first.ratings["1.2.1"]
    assert (derived.now, derived.in_two_years, derived.spread) == (2, 3, 2)
    assert first.ratings["4.6"].not_assessed == "The groups did not discuss wellbeing."
    assert not first.ratings["4.6"].assessed
    assert second.ratings["2.2.1"].evidence[0].date == dt.date(2023, 12, 1)
    assert second.ratings["1.1.2"].justification.startswith("Todos os bairros")  # not mistaken for "TODO"


def test_example_data_passes_with_no_error_and_only_the_claims_warnings(repo, catalogue):
    """The examples leave one claim each in Harrowmere and Lumenport without an indicator, on purpose
    (issue 24): the warning shows; nothing else is reported."""
    registry, report = _load(repo / "assessments", catalogue, repo)
    assert [(d.path, d.severity.value, d.message.split(".now")[0]) for d in report.sorted()] == [
        ("assessments/harrowmere/2024-10-02.yaml", "warning", 'characteristics."1.5.2"'),
        ("assessments/lumenport/2025-05-20.yaml", "warning", 'characteristics."4.1"'),
    ], report.format()
    assert len(registry.cities) == 3


def test_example_data_tells_the_story_the_issue_asks_for(repo, catalogue):
    registry, _ = _load(repo / "assessments", catalogue, repo)
    cities = list(registry.cities.values())
    assert all(c.fictional for c in cities)
    assert len({c.size_band for c in cities}) == 3 and len({c.community_type for c in cities}) == 3
    assert any(not c.name.isascii() for c in cities)
    methods = set()
    for city in cities:
        dates = [a.date for a in city.assessments]
        assert len(dates) >= 2 and all(b - a >= dt.timedelta(days=365) for a, b in zip(dates, dates[1:], strict=False))
        assert dates[-1] <= dt.date(2026, 6, 30)
        assert len({a.method_id for a in city.assessments}) == len(city.assessments)  # a different method each time
        methods |= {a.method_id for a in city.assessments}
        first, last = city.assessments[0], city.assessments[-1]
        pairs = [
            (first.ratings[c], last.ratings[c])
            for c in catalogue.characteristics
            if first.ratings[c].assessed and last.ratings[c].assessed
        ]
        assert any(b.now > a.now for a, b in pairs) and any(b.now < a.now for a, b in pairs)  # progress and a fall
        assert any(b.now >= a.in_two_years for a, b in pairs) and any(b.now < a.in_two_years for a, b in pairs)
        for a in city.assessments:
            for r in a.ratings.values():
                assert all(e.url.split("/")[2].endswith(("example.org", "example.com")) for e in r.evidence)
    assert methods == set(catalogue.methods)
    diverging = [
        a
        for c in cities
        for a in c.assessments
        if a.method_id in GROUP_VIEW_METHODS and sum(1 for r in a.ratings.values() if (r.spread or 0) >= 2) >= 3
    ]
    assert diverging, "a multi-stakeholder assessment whose groups diverge by 2+ levels on several characteristics"
    assert any(not r.assessed for c in cities for a in c.assessments for r in a.ratings.values())
    assert set(COMMUNITY_TYPES) >= {c.community_type for c in cities}
    assert all(c.size_band == size_band(c.population) for c in cities)


# --- scripts/validate PATH… ------------------------------------------------------------------


def _paths(catalogue: Catalogue, *paths: Path) -> list[str]:
    report = Report()
    validate_paths(list(paths), catalogue, report, display_root=FIXTURES, today=TODAY)
    return [d.format() for d in report.diagnostics]


def test_validate_one_assessment_file(catalogue):
    assert _paths(catalogue, BAD / "unknown-ids" / "2024-03-15.yaml") == [
        d.format()
        for d in sorted(_load(BAD, catalogue, FIXTURES)[1].diagnostics)
        if d.path == "bad/unknown-ids/2024-03-15.yaml"
    ]


def test_validate_one_city_file(catalogue):
    lines = _paths(catalogue, BAD / "bad-city" / "city.yaml")
    assert len(lines) == 9 and all(line.startswith("bad/bad-city/city.yaml:") for line in lines)


def test_validate_an_assessment_whose_city_has_no_profile(catalogue):
    assert _paths(catalogue, BAD / "no-city-file" / "2024-03-15.yaml") == [
        'bad/no-city-file/2024-03-15.yaml:1:1: error: city "no-city-file" has no city.yaml; create '
        "bad/no-city-file/city.yaml (see docs/contribute.md)"
    ]


def test_validate_files_of_a_badly_named_folder_reports_the_name_once(catalogue, tmp_path):
    folder = tmp_path / "Sorvika"
    shutil.copytree(GOOD / "sorvika", folder)
    report = Report()
    validate_paths(sorted(folder.iterdir()), catalogue, report, display_root=tmp_path, today=TODAY)
    assert [d.format() for d in report.diagnostics] == [
        'Sorvika:1:1: error: city folder name "Sorvika" is not allowed: only lowercase letters a-z, digits and '
        'single hyphens between them are allowed (rename it to "sorvika")'
    ]


def test_validate_a_city_folder_and_a_missing_path(catalogue):
    assert _paths(catalogue, GOOD / "sorvika", GOOD / "sorvika" / "2031-01-01.yaml") == [
        "good/sorvika/2031-01-01.yaml:1:1: error: no such file"
    ]


# --- JSON Schemas --------------------------------------------------------------------------


def _schema(repo: Path, name: str) -> dict:
    return json.loads((repo / "docs" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


def test_schemas_list_what_the_validator_requires(repo, catalogue):
    city, assessment = _schema(repo, "city"), _schema(repo, "assessment")
    for schema in (city, assessment):
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["additionalProperties"] is False
    assert set(city["required"]) == {"name", "country", "population", "community_type", "maintainers"}
    assert city["properties"]["community_type"]["enum"] == list(COMMUNITY_TYPES)
    assert set(assessment["required"]) == {"date", "model_version", "method", "participants", "characteristics"}
    props = assessment["properties"]
    assert props["method"]["enum"] == list(catalogue.methods)
    assert props["model_version"]["enum"] == list(catalogue.versions)
    assert props["participants"]["items"]["enum"] == list(catalogue.stakeholder_groups)
    assert props["characteristics"]["required"] == list(catalogue.characteristics)  # in step with the catalogue


def _as_json(path: Path):
    """A YAML file as an editor's language server sees it (YAML 1.2): dates are strings, NO is text."""

    def plain(node: Node):
        if node.kind == "map":
            return {k: plain(v) for k, v in node.value.items()}
        if node.kind == "seq":
            return [plain(v) for v in node.value]
        if isinstance(node.value, dt.date) or node.tag.endswith(":bool") and node.raw.lower() not in ("true", "false"):
            return node.raw
        return node.value

    report = Report()
    root = read_yaml(path, str(path), report).root
    assert root is not None, report.format()
    return plain(root)


def _schema_name(path: Path) -> str:
    return {"city.yaml": "city", "indicators.yaml": "indicators"}.get(path.name, "assessment")


def _schema_errors(repo: Path, path: Path) -> list[str]:
    jsonschema = pytest.importorskip("jsonschema")
    schema = _schema(repo, _schema_name(path))
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(_as_json(path))]


@pytest.mark.parametrize("name", ["repo", "good"])
def test_valid_files_match_their_schema(repo, name):
    folder = repo / "assessments" if name == "repo" else GOOD
    files = sorted(folder.glob("*/*.yaml"))
    assert files
    for path in files:
        assert _schema_errors(repo, path) == [], path
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        schema = _schema_name(path)
        target = (path.parent / first_line.split("$schema=", 1)[1]).resolve()  # the editor's line points at the schema
        assert (
            first_line.startswith("# yaml-language-server: $schema=")
            and target == repo / "docs" / "schemas" / f"{schema}.schema.json"
        )


@pytest.mark.parametrize(
    "case",
    [
        "bad-levels",
        "unknown-ids",
        "bad-links",
        "unknown-keys",
        "groups-wrong-method",
        "missing-characteristics",
        "placeholders",
        "not-assessed-mixed",
        "wrong-types",
    ],
)
def test_schema_also_rejects_bad_assessments(repo, case):
    assert _schema_errors(repo, BAD / case / "2024-03-15.yaml")


def test_schema_also_rejects_a_bad_city(repo):
    errors = _schema_errors(repo, BAD / "bad-city" / "city.yaml")
    assert {e.split(":")[0] for e in errors} >= {
        "country",
        "population",
        "website",
        "contact",
        "maintainers/0",
        "fictional",
    }
