"""``scripts/new-indicator CITY ID``: add an outcome indicator for a city to fill in.

Appends the indicator's entry to ``assessments/CITY/indicators.yaml`` (created when missing) as text,
so the file's comments and layout stay as they are, and writes ``assessments/CITY/indicators/ID.csv``
with its header row: the series is then typed in, or pasted from a spreadsheet saved as CSV UTF-8.
Every value a person must choose is a placeholder (``TODO``, ``[]``) that the validator reports until
filled in. Nothing existing is overwritten.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..layout import ASSESSMENTS_DIR, CITY_FILE, INDICATORS_DIR, INDICATORS_FILE, SLUG
from ..model.catalogue import Catalogue
from ..model.indicators import DIRECTIONS
from ..validate.indicators import COLUMN, MAX_DISAGGREGATION, RESERVED_COLUMNS
from . import catalogue_or_report, project_options, project_root

INDICATORS_SCHEMA = "# yaml-language-server: $schema=../../docs/schemas/indicators.schema.json"
_ENTRY_INDENT = re.compile(r"^( *)- ", re.MULTILINE)


class IndicatorError(Exception):
    """Nothing was written; the message says why and what to do."""


def render_entry(ident: str, tracks: list[str], columns: list[str], indent: str = "  ") -> str:
    """The entry's YAML text, one list item, indented as the file's other items."""
    pad = indent + "  "
    quoted = ", ".join(f'"{cid}"' for cid in tracks)
    lines = [
        f"{indent}- id: {ident}",
        f"{pad}name: TODO  # the indicator's name, in the city's language",
        f'{pad}unit: TODO  # what a value counts, e.g. "%" or "litres per day" (quote a value starting with %)',
        f"{pad}direction: TODO  # which way is better: {' or '.join(DIRECTIONS)}",
        f"{pad}tracks: [{quoted}]" + ("" if tracks else '  # TODO: the catalogue IDs it tracks, e.g. ["1.5.2", "4.6"]'),
        f"{pad}# standard: ISO 37120:2018 5.1  # optional: the indicator of a standard it follows, by ID",
        f"{pad}# baseline: {{year: 2020, value: 10}}  # optional: the base year for its status",
        f"{pad}# target: {{year: 2030, value: 20}}  # optional",
        f"{pad}source:",
        f"{pad}  title: TODO  # the publication or data set the figures come from",
        f"{pad}  url: TODO  # its web address (https://…)",
    ]
    if columns:
        lines.append(f"{pad}disaggregation: [{', '.join(columns)}]  # the CSV's group columns")
    lines.append(f"{pad}# description: what it measures, in one or two sentences")
    return "\n".join(lines) + "\n"


def csv_template(columns: list[str]) -> str:
    """The header row: the series follows, one row per year (and group: an empty group cell is the total)."""
    return ",".join(["year", *columns, "value", "note"]) + "\n"


def create(
    root: Path, slug: str, ident: str, catalogue: Catalogue, tracks: list[str], columns: list[str]
) -> list[Path]:
    folder = root / ASSESSMENTS_DIR / slug
    if not (folder / CITY_FILE).is_file():
        raise IndicatorError(f"no city folder {folder.relative_to(root)} with a {CITY_FILE}; check the name")
    if not SLUG.fullmatch(ident):
        raise IndicatorError(f'"{ident}" is not an indicator ID: lower-case letters, digits and single hyphens')
    for cid in tracks:
        if cid not in catalogue.characteristics:
            raise IndicatorError(f'"{cid}" is not a characteristic of the catalogue (e.g. 1.5.2, 4.6)')
    if len(columns) > MAX_DISAGGREGATION:
        raise IndicatorError(f"at most {MAX_DISAGGREGATION} disaggregation columns")
    for name in columns:
        if not COLUMN.fullmatch(name) or name in RESERVED_COLUMNS:
            raise IndicatorError(f'"{name}" is not a group column name (lower-case letters, digits and _, e.g. age)')
    yaml_path = folder / INDICATORS_FILE
    csv_path = folder / INDICATORS_DIR / f"{ident}.csv"
    if csv_path.exists():
        raise IndicatorError(f"{csv_path.relative_to(root)} exists already; nothing was written")
    text = yaml_path.read_text(encoding="utf-8") if yaml_path.exists() else ""
    if re.search(rf"^\s*-\s*id:\s*[\"']?{re.escape(ident)}[\"']?\s*(#.*)?$", text, re.MULTILINE):
        raise IndicatorError(f'{yaml_path.relative_to(root)} already has an indicator "{ident}"; nothing was written')
    if text:
        found = _ENTRY_INDENT.search(text)
        indent = found.group(1) if found else "  "
        if not text.endswith("\n"):
            text += "\n"
        text += render_entry(ident, tracks, columns, indent)
    else:
        text = f"{INDICATORS_SCHEMA}\nindicators:\n" + render_entry(ident, tracks, columns)
    csv_path.parent.mkdir(exist_ok=True)
    with open(csv_path, "x", encoding="utf-8", newline="") as file:
        file.write(csv_template(columns))
    yaml_path.write_text(text, encoding="utf-8")
    return [yaml_path, csv_path]


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """``scripts/new-indicator [--tracks IDS] [--by COLUMNS] CITY ID``; exit 0 when written, 1 when not."""
    parser = argparse.ArgumentParser(
        parents=[project_options()],
        prog="scripts/new-indicator",
        description="Add indicator ID to assessments/CITY/indicators.yaml and write indicators/ID.csv to fill in.",
    )
    parser.add_argument("city", metavar="CITY", help="the city's folder name in assessments/, e.g. sao-paulo")
    parser.add_argument("id", metavar="ID", help="the indicator's ID, e.g. household-income")
    parser.add_argument("--tracks", default="", help='the catalogue IDs it tracks, comma-separated, e.g. "1.5.2,4.6"')
    parser.add_argument("--by", default="", help="its group columns, comma-separated, e.g. district or sex,age")
    args = parser.parse_args(argv)
    root = root or project_root(args)
    catalogue = catalogue_or_report(root)
    if catalogue is None:
        return 1
    tracks = [t.strip() for t in args.tracks.split(",") if t.strip()]
    columns = [c.strip() for c in args.by.split(",") if c.strip()]
    try:
        created = create(root, args.city, args.id, catalogue, tracks, columns)
    except IndicatorError as exc:
        print(f"new-indicator: {exc}", file=sys.stderr)
        return 1
    for path in created:
        print(f"wrote {path.relative_to(root)}")
    print(
        "Fill in every TODO in indicators.yaml, then the series in the CSV (one row per year, and per group "
        "if it has group columns; an empty group cell is the total), then run: make validate"
    )
    return 0
