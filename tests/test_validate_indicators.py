"""validate/indicators.py and load/csv_cells.py: every rule of the indicators' data contract, with positions."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from macros.diagnostics import Report
from macros.load.csv_cells import MAX_CSV_BYTES, parse_csv
from macros.validate import check_city_folder

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)

GOOD_YAML = """\
indicators:
  - id: broadband
    name: Households with broadband
    unit: "%"
    direction: increase
    tracks: ["1.5.2", "4.6"]
    standard: ISO 37122:2019 17.1
    baseline: {year: 2018, value: 60}
    target: {year: 2030, value: 95.5}
    source: {title: Survey, url: "https://example.org/survey"}
    disaggregation: [district]
"""
GOOD_CSV = "year,district,value\n2018,,60\n2019,,62.5\n2018,North,55\n2019,North,58\n"


def city_with(tmp_path: Path, yaml_text: str | None, csvs: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "assessments" / "lumenport"
    shutil.copytree(REPO / "assessments" / "lumenport", folder, ignore=shutil.ignore_patterns("indicator*"))
    if yaml_text is not None:
        (folder / "indicators.yaml").write_text(yaml_text, encoding="utf-8")
    if csvs:
        (folder / "indicators").mkdir()
        for name, content in csvs.items():
            path = folder / "indicators" / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
    return folder


def check(tmp_path: Path, catalogue, yaml_text: str | None, csvs: dict[str, str | bytes]):
    folder = city_with(tmp_path, yaml_text, csvs)
    result = check_city_folder(folder, catalogue, display_root=tmp_path, today=TODAY)
    lines = [d.format() for d in sorted(result.diagnostics) if d.severity.value == "error"]
    return result, lines


def test_a_good_city_reads_its_series_by_group(tmp_path, catalogue):
    result, errors = check(tmp_path, catalogue, GOOD_YAML, {"broadband.csv": GOOD_CSV})
    assert errors == []
    (indicator,) = result.city.indicators
    assert indicator.tracks == ("1.5.2", "4.6") and indicator.target.value == 95.5
    assert [(o.year, o.value) for o in indicator.total] == [(2018, 60.0), (2019, 62.5)]
    assert list(indicator.groups()) == [("North",)]


def test_every_yaml_rule_is_reported_with_its_position_in_one_run(tmp_path, catalogue):
    bad = """\
indicators:
  - id: broadband
    name: Households
    unit: "%"
    direction: up
    tracks: ["1.5.2", "9.9.9", 4.6]
    standard: Households with internet access as defined in clause 17.1
    baseline: {year: 2020, value: 60}
    target: {year: 2019, value: "a lot"}
    source: {title: Survey, url: "javascript:alert(1)"}
    disaggregation: [district, year]
    colour: red
  - id: broadband
    name: Again
    unit: "%"
    direction: increase
    tracks: ["1.5.2"]
    source: {title: Survey, url: "https://example.org"}
"""
    _, errors = check(tmp_path, catalogue, bad, {"broadband.csv": GOOD_CSV})
    shown = "assessments/lumenport/indicators.yaml"
    expected = [
        f'{shown}:5:16: error: indicators[1].direction: "up" is not allowed',
        f'{shown}:6:23: error: indicators[1].tracks[2]: "9.9.9" is not a characteristic of the catalogue',
        f'{shown}:6:32: error: indicators[1].tracks[3]: write the ID in quotes, "4.6"',
        f'{shown}:7:15: error: indicators[1].standard: "Households with internet access',
        f"{shown}:9:20: error: indicators[1].target.year: 2019 is not after the baseline year (2020)",
        f'{shown}:9:33: error: indicators[1].target.value: must be a plain number with a "." decimal point',
        f'{shown}:10:34: error: indicators[1].source.url: "javascript:alert(1)" is not an allowed link',
        f'{shown}:11:32: error: indicators[1].disaggregation[2]: "year" is a column every series has',
        f'{shown}:12:5: error: indicators[1]: unknown field "colour"',
        f'{shown}:13:9: error: indicators[2].id: "broadband" is used twice (first at line 2)',
    ]
    for want in expected:
        assert any(line.startswith(want) for line in errors), (want, errors)
    assert len(errors) == len(expected)  # the CSV of an entry with errors is not called undeclared


def test_every_csv_rule_is_reported_with_its_position_in_one_run(tmp_path, catalogue):
    bad_csv = (
        "year,district,value,colour\n"  # an undeclared column
        "2018,,60,\n"
        "2018,,61,\n"  # a year twice for the same group
        "19,North,58,\n"  # not a year
        "2020,North,5,5,x\n"  # a decimal comma, unquoted: one cell too many
        '2021,North,"5,5",\n'  # a decimal comma
        "2022,North,,\n"  # empty value
        "2023,North,1 234,\n"
    )
    _, errors = check(tmp_path, catalogue, GOOD_YAML, {"broadband.csv": bad_csv})
    assert errors == [
        'assessments/lumenport/indicators/broadband.csv:1:21: error: column "colour" is not declared: the columns '
        "are year, value, the indicator's disaggregation (declared: [district]) and an optional note; declare it "
        "in indicators.yaml under disaggregation, or remove the column"
    ]
    good_header = bad_csv.replace(",colour\n", ",note\n", 1)
    shutil.rmtree(tmp_path / "assessments")
    _, errors = check(tmp_path, catalogue, GOOD_YAML, {"broadband.csv": good_header})
    shown = "assessments/lumenport/indicators/broadband.csv"
    assert errors == [
        f"{shown}:3:1: error: year 2018 appears twice for the total (first at line 2); one row per year and group",
        f'{shown}:4:1: error: year: must be a year written with four digits (e.g. 2021), found "19"',
        f"{shown}:5:16: error: the row has 5 cells; the header names 4 columns",
        f'{shown}:6:13: error: value: "5,5" uses a decimal comma; write a "." decimal point: 5.5',
        f"{shown}:7:12: error: value: is empty; leave out the row of a year without data",
        f'{shown}:8:12: error: value: "1 234" has thousands separators; write the digits only: 1234',
    ]


def test_columns_declared_and_missing_and_files_named_in_neither_place(tmp_path, catalogue):
    yaml_text = GOOD_YAML + GOOD_YAML.split("indicators:\n", 1)[1].replace("broadband", "transit")
    csvs: dict[str, str | bytes] = {"broadband.csv": "year,value\n2019,1\n", "stray.csv": GOOD_CSV, "notes.txt": "x"}
    _, errors = check(tmp_path, catalogue, yaml_text, csvs)
    base = "assessments/lumenport"
    assert errors == [
        f'{base}/indicators.yaml:12:5: error: indicators: "transit" has no series: add indicators/transit.csv '
        "(a header row year,value, then one row per year)",
        f'{base}/indicators/broadband.csv:1:1: error: the header has no "district" column (declared in '
        "disaggregation but missing); the header row names every column",
        f'{base}/indicators/notes.txt:1:1: error: "notes.txt" is not named <id>.csv after an indicator of '
        "indicators.yaml (lower-case letters, digits and hyphens, then .csv)",
        f'{base}/indicators/stray.csv:1:1: error: "stray.csv": no indicator "stray" is declared in indicators.yaml; '
        "add its entry (scripts/new-indicator writes one), or remove the file",
    ]


def test_a_csv_over_the_size_limit_or_not_utf8_is_refused(tmp_path, catalogue):
    big = "year,district,value\n" + "2019,North,1\n" * (MAX_CSV_BYTES // 12)
    _, errors = check(tmp_path, catalogue, GOOD_YAML, {"broadband.csv": big})
    assert len(errors) == 1 and f"the limit is {MAX_CSV_BYTES:,} bytes" in errors[0]
    shutil.rmtree(tmp_path / "assessments")
    _, errors = check(tmp_path, catalogue, GOOD_YAML, {"broadband.csv": b"year,district,value\n2019,Z\xfcrich,1\n"})
    assert errors == [
        "assessments/lumenport/indicators/broadband.csv:2:7: error: file is not UTF-8 (byte 0xfc cannot be decoded); "
        'save it as "CSV UTF-8"'
    ]


def test_a_spreadsheets_save_as_csv_is_read(tmp_path, catalogue):
    """Byte-order mark, CRLF, quoted cells with commas and doubled quotes, trailing empty rows."""
    data = '\ufeffyear,district,value\r\n2018,,60\r\n2018,"North, ""old"" town",55.25\r\n,,\r\n'.encode()
    result, errors = check(tmp_path, catalogue, GOOD_YAML, {"broadband.csv": data})
    assert errors == []
    assert list(result.city.indicators[0].groups()) == [('North, "old" town',)]


@pytest.mark.parametrize(
    ("data", "where", "what"),
    [
        (b'year,value\n"2019,1\n', (2, 1), 'a quote (") is opened and never closed'),
        (b'year,value\n"20"19,1\n', (2, 1), "is not written as"),
        (b"year,value\n2019,1\x1b\n", (2, 7), "control character"),
        ("year,value\n2019,1\u202e\n".encode(), (2, 7), "U+202E"),
    ],
)
def test_the_csv_reader_refuses_what_reads_differently(data, where, what):
    report = Report()
    parse_csv(data, "f.csv", report)  # a refused character is reported, and the rest still read
    (diagnostic,) = report.diagnostics
    assert (diagnostic.line, diagnostic.col) == where and what in diagnostic.message


def test_a_refused_character_does_not_hide_the_rest_of_the_series(tmp_path, catalogue):
    """Issue 27, item 7, for CSV files too: the same reading of a file's text as YAML files (load/text.py)."""
    bad = "year,district,value,note\n2018,,60,a\u2028b\n2019,,x,\n"
    _, errors = check(tmp_path, catalogue, GOOD_YAML, {"broadband.csv": bad})
    shown = "assessments/lumenport/indicators/broadband.csv"
    assert errors[0].startswith(f"{shown}:2:11: error:") and "U+2028" in errors[0], errors
    assert len(errors) == 2 and errors[1].startswith(f"{shown}:3:7: error: value:"), errors


def test_the_warning_where_a_level_requires_indicators_and_none_track_it(tmp_path, catalogue):
    """Lumenport claims 4.1 at level 4 and publishes no indicator tracking it (its example data)."""
    folder = REPO / "assessments" / "lumenport"
    result = check_city_folder(folder, catalogue, display_root=REPO, today=TODAY)
    warnings = [d.format() for d in result.diagnostics if d.severity.value == "warning"]
    assert warnings == [
        'assessments/lumenport/2025-05-20.yaml:179:10: warning: characteristics."4.1".now: level 4 requires '
        'actively tracking performance against key indicators (from level 4); no indicator tracks "4.1": add one '
        'to indicators.yaml with tracks: ["4.1"] (scripts/new-indicator), or review the level'
    ]
    # with an indicator tracking 4.1, the warning goes; the city without indicators.yaml warns for 1.5.2 too
    _, errors = check(tmp_path, catalogue, None, {})
    result = check_city_folder(tmp_path / "assessments" / "lumenport", catalogue, display_root=tmp_path, today=TODAY)
    assert errors == [] and sorted(d.message.split(".now")[0] for d in result.diagnostics) == [
        'characteristics."1.5.2"',
        'characteristics."4.1"',
    ]


@pytest.mark.parametrize(
    "record",
    ["2020,12.5", " 2020 , 12.5 ,North", "2020,,", ",2020", "2021,1,\tSouth\t,a b", "é,ü,ω", "2020,3,,,"],
)
def test_a_record_without_quotes_is_split_as_the_csv_module_splits_it(record: str) -> None:
    """The fast path for records without quotes gives the cells and positions the csv reader's path gives
    (the same record with a quoted cell after it goes through the csv reader)."""
    import csv
    import io

    from macros.load.csv_cells import _split

    fast = _split(record, 4, "x.csv", Report())
    by_reader = _split(record + ',"q"', 4, "x.csv", Report())
    assert fast is not None and by_reader is not None
    assert fast == by_reader[:-1]
    assert [c.text for c in fast] == [text.strip() for text in next(csv.reader(io.StringIO(record), strict=True))]


def _full_and_plain(text: str, disaggregation: tuple[str, ...]):
    """The series read the full way (with the errors it reports) and the plain way (None: not plain)."""
    from macros.load.csv_cells import csv_table, plain_records
    from macros.model.indicators import Indicator
    from macros.validate.indicators import _plain_series, _read_series

    indicator = Indicator(
        "x", "X", "%", "increase", ("1.5.2",), "S", "https://example.org", disaggregation=disaggregation
    )
    report = Report()
    table = csv_table(text, "x.csv", report)
    full = _read_series(table, indicator, report, TODAY.year) if table is not None else ()
    records = plain_records(text)
    plain = _plain_series(records, indicator, TODAY.year) if records is not None else None
    return full, report.errors, plain


def test_the_plain_reading_of_a_series_agrees_with_the_full_one_on_every_mutant():
    """A series without quotes is read first without cells' positions (a spreadsheet's file: most of them):
    it must give exactly the full reading's series, and give up (None) wherever the full reading reports
    anything, so that every problem is still reported at its line and column."""
    import random

    rng = random.Random(24)
    tokens = [
        "",
        " ",
        ",",
        "\n",
        "\r\n",
        "\r",
        '"',
        "2019",
        "2031",
        "1899",
        "12.5",
        "1,5",
        "-3",
        "x",
        "North",
        "year",
        "value",
        "district",
        "note",
        "sex",
        "N" * 101,
        "n" * 501,
        "\ufeff",
        "\t",
    ]
    bases = {
        ("district",): GOOD_CSV + "2020,,64\n2020,South,61.25\n",
        (): "year,value,note\r\n2017,1.5,\r\n2018,2,revised\r\n2019,3,\r\n",
        ("sex", "age"): "value,year,sex,age\n10,2019,,\n11,2019,F,\n12,2019,F,15-24\n13,2020,M,25+\n",
    }
    plain_cases = agreed = 0
    for disaggregation, base in bases.items():
        for _ in range(2500):
            text = base
            for _edit in range(rng.randint(1, 3)):
                at = rng.randrange(len(text) + 1)
                cut = rng.choice([0, 0, 1, 2, 4])
                text = text[:at] + rng.choice(tokens) + text[at + cut :]
            full, errors, plain = _full_and_plain(text, disaggregation)
            if plain is not None:
                plain_cases += 1
                assert errors == [] and plain == full, text
            elif not errors:
                agreed += 1  # the full reading found nothing wrong in a file the plain one leaves to it
    assert plain_cases > 300, "the mutants hit the plain reading often enough to compare"
    for disaggregation, base in bases.items():
        full, errors, plain = _full_and_plain(base, disaggregation)
        assert errors == [] and plain == full and plain, "a good plain file is read the plain way"


def test_every_series_of_the_examples_and_the_sample_data_is_read_the_plain_way(tmp_path):
    """The fast reading is the one that runs: the example cities' and the generated cities' series."""
    import yaml

    from tools import sample_data

    sample_data.generate(12, tmp_path, seed=37107, indicators=6)
    folders = [p for p in (REPO / "assessments").iterdir() if p.is_dir()] + list(tmp_path.iterdir())
    read = 0
    for folder in folders:
        declared = folder / "indicators.yaml"
        if not declared.exists():
            continue
        for entry in yaml.safe_load(declared.read_text(encoding="utf-8"))["indicators"]:
            text = (folder / "indicators" / f"{entry['id']}.csv").read_text(encoding="utf-8")
            full, errors, plain = _full_and_plain(text, tuple(entry.get("disaggregation", ())))
            assert errors == [] and full, f"{folder.name}/{entry['id']}"
            if '"' not in text:  # a quoted cell ("hot summer, hosepipe ban") is read the full way
                assert plain == full, f"{folder.name}/{entry['id']}"
                read += 1
    assert read >= 12 * 4
