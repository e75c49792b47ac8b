"""The outcome indicators as open data: two tidy CSVs and a Frictionless Data Package describing them.

* ``data/indicators.csv.gz``: one row per city, indicator, year and group (Open SDG's tidy shape: the
  group's columns named in ``dimension_N`` with the group's value in ``group_N``, empty for the total),
  gzip-compressed like the assessments' parts: it grows with every city's series, past what a free
  host takes at thousands of cities (BENCHMARKS.md, issue 23's third round);
* ``data/indicator-list.csv``: one row per city and indicator: what it measures, how and against what;
* ``data/datapackage.json``: a Frictionless Data Package (https://specs.frictionlessdata.io/) whose
  resources are the site's CSVs with their Table Schemas, so tools can type and check them.

Text cells are neutralised against spreadsheet formulas like every CSV of the site (formats.csv_cell).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..compute import outcomes as out
from ..model.assessments import Registry
from ..validate.indicators import MAX_DISAGGREGATION
from .assessments_export import ASSESSMENTS_HEADER, CITIES_HEADER
from .bulk_parts import PART_CITIES, gzipped, part_path
from .catalogue_export import CRITERIA_HEADER
from .formats import CITIES_CSV, CRITERIA_CSV, FORMAT_VERSION, csv_cell, csv_line, write_csv_lines

INDICATORS_CSV = "data/indicators.csv.gz"
INDICATOR_LIST_CSV = "data/indicator-list.csv"
DATAPACKAGE_JSON = "data/datapackage.json"

INDICATORS_HEADER = (
    ["city_slug", "indicator_id", "year", "value", "unit"]
    + [name for n in range(1, MAX_DISAGGREGATION + 1) for name in (f"dimension_{n}", f"group_{n}")]
    + ["note"]
)
INDICATOR_LIST_HEADER = [
    "city_slug",
    "indicator_id",
    "name",
    "unit",
    "direction",
    "tracks",
    "standard",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "disaggregation",
    "source_title",
    "source_url",
    "status",
    "latest_year",
    "latest_value",
]


def indicators_lines(registry: Registry) -> Iterator[str]:
    """The table's lines after its header, as ``write_csv`` writes its rows (tests/test_indicators_export.py
    compares them with the rows written cell by cell). The cells a city's indicator shares, and each
    group's, are quoted once by the CSV writer itself; a row adds its year and value (numbers: never
    quoted) and its note."""
    empty = ["", ""] * MAX_DISAGGREGATION
    for city in registry.cities.values():
        slug = csv_cell(city.slug)
        for indicator in city.indicators:
            columns = [csv_cell(name) for name in indicator.disaggregation]
            head = csv_line([slug, csv_cell(indicator.id)])
            unit = csv_cell(indicator.unit)
            tails: dict[tuple[str, ...], str] = {}  # the unit and the group's cells, quoted
            for o in indicator.observations:
                tail = tails.get(o.group)
                if tail is None:
                    cells = list(empty)
                    for n, (column, group) in enumerate(zip(columns, o.group, strict=True)):
                        cells[2 * n : 2 * n + 2] = [column, csv_cell(group or None)]
                    tail = tails[o.group] = csv_line([unit, *cells])
                note = csv_cell(o.note)
                # a lone empty cell would be written as "": a note is empty, or a cell of its own
                yield f"{head},{o.year},{o.value},{tail},{csv_line([note]) if note else ''}\r\n"


def indicators_csv(registry: Registry) -> bytes:
    """``data/indicators.csv.gz``: the table, gzip-compressed (``bulk_parts.gzipped``)."""
    return gzipped(lambda out: write_csv_lines(out, INDICATORS_HEADER, indicators_lines(registry)))


def indicator_list_rows(registry: Registry) -> Iterator[list[Any]]:
    for city in registry.cities.values():
        for indicator in city.indicators:
            found = out.progress(indicator)
            base, target = indicator.baseline, indicator.target
            yield [
                city.slug,
                indicator.id,
                indicator.name,
                indicator.unit,
                indicator.direction,
                ";".join(indicator.tracks),
                indicator.standard,
                base.year if base else None,
                base.value if base else None,
                target.year if target else None,
                target.value if target else None,
                ";".join(indicator.disaggregation),
                indicator.source_title,
                indicator.source_url,
                found.status.name.lower(),
                found.latest_year,
                found.latest_value,
            ]


def _fields(header: list[str], types: dict[str, str], described: dict[str, str] | None = None) -> list[dict]:
    described = described or {}
    fields = []
    for name in header:
        field: dict[str, Any] = {"name": name, "type": types.get(name, "string")}
        if name in described:
            field["description"] = described[name]
        fields.append(field)
    return fields


def datapackage(registry: Registry) -> dict[str, Any]:
    """The Data Package describing the site's CSVs (paths relative to ``data/``, where it is published);
    the assessments' table is in gzip-compressed parts (``publish/bulk_parts.py``): one resource per part."""
    statuses = [status.name.lower() for status in out.Status]

    def resource(path: str, name: str, title: str, schema: dict[str, Any]) -> dict[str, Any]:
        found = {
            "name": name,
            "path": path.removeprefix("data/"),
            "title": title,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }
        if path.endswith(".gz"):
            found["compression"] = "gz"
        return found

    parts = max(1, -(-len(registry.cities) // PART_CITIES))
    assessment_schema = {
        "fields": _fields(
            ASSESSMENTS_HEADER,
            {"date": "date", "now": "integer", "in_two_years": "integer", "evidence_count": "integer"},
        ),
        "missingValues": [""],
    }

    indicator_fields = _fields(
        INDICATORS_HEADER,
        {"year": "integer", "value": "number"},
        {"dimension_1": "The disaggregation column the group is given by (district, sex, age…); empty: the total"},
    )
    list_fields = _fields(
        INDICATOR_LIST_HEADER,
        {
            "baseline_year": "integer",
            "baseline_value": "number",
            "target_year": "integer",
            "target_value": "number",
            "latest_year": "integer",
            "latest_value": "number",
        },
        {
            "tracks": "The catalogue characteristics it tracks, separated by ;",
            "status": "The status by the published rule (the site's Methodology page)",
        },
    )
    for field in list_fields:
        if field["name"] == "direction":
            field["constraints"] = {"enum": ["increase", "decrease"]}
        elif field["name"] == "status":
            field["constraints"] = {"enum": statuses}
    return {
        "profile": "tabular-data-package",
        "name": "mmssc-open-data",
        "title": "MMSSC catalogue, city assessments and outcome indicators",
        "version": f"{FORMAT_VERSION}.0.0",
        "resources": [
            resource(
                INDICATORS_CSV,
                "indicators",
                "Outcome indicators: one row per city, indicator, year and group",
                # no primaryKey: a key's cells may not be empty, and a total's group cells are
                {"fields": indicator_fields, "missingValues": [""]},
            ),
            resource(
                INDICATOR_LIST_CSV,
                "indicator-list",
                "Outcome indicators: one row per city and indicator",
                {"fields": list_fields, "primaryKey": ["city_slug", "indicator_id"], "missingValues": [""]},
            ),
            resource(
                CRITERIA_CSV,
                "criteria",
                "The catalogue: one row per characteristic and level",
                {"fields": _fields(CRITERIA_HEADER, {"level": "integer"}), "missingValues": [""]},
            ),
            *(
                resource(
                    part_path(n, "csv"),
                    f"assessments-part-{n:03d}",
                    f"Assessments, part {n}: one row per city, assessment and characteristic",
                    assessment_schema,
                )
                for n in range(1, parts + 1)
            ),
            resource(
                CITIES_CSV,
                "cities",
                "Cities: one row per city",
                {
                    "fields": _fields(
                        CITIES_HEADER,
                        {"population": "integer", "assessments": "integer", "latest_date": "date"},
                    ),
                    "missingValues": [""],
                },
            ),
        ],
    }
