"""Outcome indicators as open data: the CSVs, the Frictionless Data Package and indicators.yaml's JSON Schema."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import jsonschema
import pytest

from macros.diagnostics import Report
from macros.load.yaml_nodes import read_yaml
from macros.model.assessments import City, Registry
from macros.model.indicators import Indicator, Observation
from macros.publish.formats import csv_bytes, csv_cell
from macros.publish.indicators_export import (
    INDICATOR_LIST_HEADER,
    INDICATORS_HEADER,
    indicator_list_rows,
    indicators_csv,
)
from macros.validate.indicators import MAX_DISAGGREGATION

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "docs" / "schemas" / "indicators.schema.json").read_text(encoding="utf-8"))


def test_the_data_package_and_every_csv_it_describes_are_valid(built_repo_site):
    """Validated by Frictionless, the reference implementation of the Data Package specifications."""
    frictionless = pytest.importorskip("frictionless")
    package = frictionless.Package(str(built_repo_site / "data" / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]
    names = {task.name: task.stats["rows"] for task in report.tasks}
    assert set(names) == {"indicators", "indicator-list", "criteria", "assessments-part-001", "cities"}
    assert names["indicators"] > 200 and names["indicator-list"] == 13  # the three example cities


def test_the_bulk_csv_is_tidy(built_repo_site):
    text = gzip.decompress((built_repo_site / "data" / "indicators.csv.gz").read_bytes()).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    millside = [r for r in rows if r["city_slug"] == "harrowmere" and r["group_1"] == "Millside"]
    assert millside[0]["dimension_1"] == "district" and millside[0]["indicator_id"] == "fine-particles"
    assert [r["year"] for r in millside] == [str(y) for y in range(2016, 2024)]
    by_age = [r for r in rows if r["indicator_id"] == "employment-rate" and r["group_2"] == "16-24"]
    assert by_age and all(r["dimension_2"] == "age" and r["group_1"] == "" for r in by_age)


def test_text_cells_are_neutralised_against_spreadsheet_formulas():
    indicator = Indicator(
        id="x",
        name='=HYPERLINK("https://evil.example")',
        unit="@SUM(A1)",
        direction="increase",
        tracks=("4.6",),
        source_title="+cmd|' /C calc'!A0",
        source_url="https://example.org",
        disaggregation=("district",),
        observations=(Observation(2020, -5.0, ("-2+3",), "=1+1"),),
    )
    city = City("x-city", "X", "GB", None, 1000, "city", None, None, ["octocat"], indicators=[indicator])
    registry = Registry({"x-city": city})
    data = gzip.decompress(indicators_csv(registry)).decode()
    data += csv_bytes(INDICATOR_LIST_HEADER, indicator_list_rows(registry)).decode()
    cells = [cell for row in csv.reader(io.StringIO(data)) for cell in row]
    assert "-5.0" in cells  # a number stays a number
    for text in ("-2+3", "=1+1", "@SUM(A1)", '=HYPERLINK("https://evil.example")', "+cmd|' /C calc'!A0"):
        assert text not in cells and "'" + text in cells


def _rows_cell_by_cell(registry: Registry) -> list[list[str]]:
    """The bulk table's rows as the CSV writer is given them, each cell written on its own."""
    rows = []
    for city in registry.cities.values():
        for indicator in city.indicators:
            for o in indicator.observations:
                groups = [""] * (2 * MAX_DISAGGREGATION)
                for n, (column, cell) in enumerate(zip(indicator.disaggregation, o.group, strict=True)):
                    groups[2 * n : 2 * n + 2] = [column, cell]
                cells = [city.slug, indicator.id, o.year, o.value, indicator.unit, *groups, o.note]
                rows.append([csv_cell(None if cell == "" else cell) for cell in cells])
    return rows


def test_the_bulk_csv_is_what_the_csv_writer_writes_of_its_rows():
    """The table is written a line at a time from cells quoted once per indicator and group: the same
    bytes as the CSV writer gives row by row, whatever the cells hold (commas, quotes, line ends, a
    formula, an empty note)."""

    def indicator(ident: str, unit: str, columns: tuple[str, ...], rows: list[Observation]) -> Indicator:
        return Indicator(
            ident,
            "N",
            unit,
            "increase",
            ("4.6",),
            "S",
            "https://example.org",
            None,
            None,
            None,
            columns,
            None,
            tuple(rows),
        )

    odd = indicator(
        "odd",
        'per "100", residents',
        ("district", "age"),
        [
            Observation(2020, 1.5, ("", "")),
            Observation(2020, 2.25, ('North, "old" town', "")),
            Observation(2021, 1e-7, ("", "65+\r\nand over"), ""),
            Observation(2021, 12.0, ("South", "16-24"), 'revised, see "note"\n2nd line'),
            Observation(2022, -3.0, ("=cmd", ""), "=1+1"),
        ],
    )
    plain = indicator("plain", "%", (), [Observation(2019 + n, 40.0 + n / 3, ()) for n in range(4)])
    first = City("a-city", "A", "GB", None, 1000, "city", None, None, ["octocat"], indicators=[odd, plain])
    second = City("b-city", "B", "FR", None, 1000, "city", None, None, ["octocat"], indicators=[plain])
    registry = Registry({"a-city": first, "b-city": second})
    expected = io.StringIO(newline="")
    writer = csv.writer(expected, lineterminator="\r\n")
    writer.writerow(INDICATORS_HEADER)
    writer.writerows(_rows_cell_by_cell(registry))
    assert gzip.decompress(indicators_csv(registry)).decode("utf-8") == expected.getvalue()


@pytest.mark.parametrize("city", ["harrowmere", "lumenport", "nea-kymothoi"])
def test_the_examples_match_the_json_schema(city):
    document = read_yaml(REPO / "assessments" / city / "indicators.yaml", "x", Report()).root
    assert document is not None
    jsonschema.Draft202012Validator(SCHEMA).validate(document.to_json_data())


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda e: e.update(direction="up"), "direction"),
        (lambda e: e.update(tracks=["9.9.9"]), "tracks"),
        (lambda e: e.update(standard="Households with internet, clause 17.1"), "standard"),
        (lambda e: e.update(disaggregation=["year"]), "disaggregation"),
        (lambda e: e.update(colour="red"), ""),
    ],
)
def test_the_schema_refuses_what_the_validator_refuses(change, path):
    entry = {
        "id": "x",
        "name": "X",
        "unit": "%",
        "direction": "increase",
        "tracks": ["4.6"],
        "source": {"title": "S", "url": "https://example.org"},
    }
    jsonschema.Draft202012Validator(SCHEMA).validate({"indicators": [entry]})
    change(entry)
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors({"indicators": [entry]}))
    assert errors and any(path in "/".join(str(p) for p in e.absolute_path) for e in errors)
