"""A city's outcome indicators: ``indicators.yaml`` and one ``indicators/<id>.csv`` per indicator.

Every problem is reported where it stands (``path:line:col``), in both kinds of file, in one run.
The rules are tables (fields, patterns, limits) that ``scripts/schemas`` turns into the JSON Schema.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from pathlib import Path

from ..diagnostics import Report, one_of, printable, shown_path, suggest
from ..layout import INDICATORS_DIR, INDICATORS_FILE, SLUG
from ..load.csv_cells import Cell, CsvTable, csv_table, plain_records, read_csv_text
from ..load.nodes import TAG_FLOAT, TAG_INT, Node, snapshot
from ..model.catalogue import Catalogue, SourceRef
from ..model.indicators import DIRECTIONS, Indicator, Observation, YearValue
from . import fields
from .entries import entry_problem
from .fast import check_file, strict_tree
from .fields import Fields, PathContext

INDICATOR_FIELDS = (
    "id",
    "name",
    "unit",
    "direction",
    "tracks",
    "standard",
    "baseline",
    "target",
    "source",
    "disaggregation",
    "description",
)
YEAR_VALUE_FIELDS = ("year", "value")
SOURCE_FIELDS = ("title", "url")
MAX_INDICATORS = 50
# A reference by ID to an indicator of a named standard, never its text: ISO 37120/37122/37123
# (with the edition's year and the clause), ITU-T Y.4903 / U4SSC KPI codes.
STANDARD_PATTERN = (
    r"(?:ISO [0-9]{5}(?::[0-9]{4})?|ITU-T Y\.[0-9]{4}|U4SSC) [A-Za-z0-9](?:[A-Za-z0-9]|[.\-](?=[A-Za-z0-9])){0,29}"
)
STANDARD = re.compile(STANDARD_PATTERN)
STANDARD_HINT = 'a reference by ID such as "ISO 37120:2018 5.1" or "U4SSC EC-ICT-ICT-1C"'
# A disaggregation column: a short lower-case name, as the CSV's header writes it.
COLUMN_PATTERN = r"[a-z][a-z0-9_]{0,29}"
COLUMN = re.compile(COLUMN_PATTERN)
RESERVED_COLUMNS = ("year", "value", "note")
MAX_DISAGGREGATION = 3
YEARS = (1900, 2100)
# A plain number, as a spreadsheet saves it: optional minus, digits, optional "." and digits.
NUMBER_PATTERN = r"-?[0-9]+(?:\.[0-9]+)?"
NUMBER = re.compile(NUMBER_PATTERN)
YEAR = re.compile(r"[0-9]{4}")
MAX_GROUP_LEN = 100
MAX_NOTE_LEN = 500


def read_indicators(
    folder: Path, catalogue: Catalogue, report: Report, *, display_root: Path, today_year: int
) -> tuple[list[Indicator], SourceRef] | None:
    """The city's indicators and where indicators.yaml is (with its snapshot, for the loss-free export),
    or None when it has none or any file has an error (all reported)."""
    yaml_path = folder / INDICATORS_FILE
    csv_dir = folder / INDICATORS_DIR
    errors_before = report.error_count
    indicators: list[Indicator] = []
    snapshot_of = b""
    declared: dict[str, None] = {}
    yaml_shown = shown_path(yaml_path, display_root)
    if yaml_path.exists() or yaml_path.is_symlink():
        problem = entry_problem(yaml_path)
        if problem:
            report.error(yaml_shown, 1, 1, problem)
        else:
            indicators, named, snapshot_of = _read_yaml(yaml_path, yaml_shown, catalogue, report, today_year)
            declared = dict.fromkeys(named)  # every id written, also of entries with errors
    files: dict[str, Path] = {}
    if csv_dir.is_symlink():
        report.error(shown_path(csv_dir, display_root), 1, 1, entry_problem(csv_dir) or "not a folder")
    elif csv_dir.is_dir():
        for path in sorted(csv_dir.iterdir()):
            shown = shown_path(path, display_root)
            problem = entry_problem(path)
            stem, dot, ext = path.name.rpartition(".")
            if problem:
                report.error(shown, 1, 1, problem)
            elif path.is_dir():
                report.error(
                    shown, 1, 1, f"folders are not allowed in {INDICATORS_DIR}/; only one <id>.csv per indicator"
                )
            elif not dot or ext != "csv" or not SLUG.fullmatch(stem):
                report.error(
                    shown,
                    1,
                    1,
                    f'"{printable(path.name)}" is not named <id>.csv after an indicator of {INDICATORS_FILE} '
                    "(lower-case letters, digits and hyphens, then .csv)",
                )
            elif stem not in declared:
                hint = suggest(stem, declared)
                report.error(
                    shown,
                    1,
                    1,
                    f'"{path.name}": no indicator "{stem}" is declared in {INDICATORS_FILE}{hint}; add its entry '
                    f"(scripts/new-indicator writes one), or remove the file",
                )
            else:
                files[stem] = path
    elif csv_dir.exists():
        report.error(shown_path(csv_dir, display_root), 1, 1, f"{INDICATORS_DIR} must be a folder of <id>.csv files")
    for indicator in indicators:
        series = files.get(indicator.id)
        if series is None:
            line, col = _entry_position(yaml_path, indicator.id)
            report.error(
                yaml_shown,
                line,
                col,
                f'indicators: "{indicator.id}" has no series: add {INDICATORS_DIR}/{indicator.id}.csv '
                "(a header row year,value, then one row per year)",
            )
            continue
        shown = shown_path(series, display_root)
        text = read_csv_text(series, shown, report)
        if text is None:
            continue
        # most files are plain and right: read without every cell's position, which only a problem needs
        records = plain_records(text)
        observations = _plain_series(records, indicator, today_year) if records is not None else None
        if observations is None:
            table = csv_table(text, shown, report)
            observations = _read_series(table, indicator, report, today_year) if table is not None else ()
        indicator.observations = observations
    if report.error_count > errors_before or not indicators:
        return None
    return indicators, SourceRef(yaml_shown, 1, snapshot_of)


def _read_yaml(
    path: Path, shown: str, catalogue: Catalogue, report: Report, today_year: int
) -> tuple[list[Indicator], list[str], bytes]:
    """The valid indicators, every id written (a CSV of an entry with errors is not "undeclared"), and
    the file's snapshot. Read the fast way first, as assessments are (``fast.check_file``)."""
    check = functools.partial(_check_yaml, catalogue=catalogue, today_year=today_year)
    (found, ids), root = check_file(path, PathContext(shown, report), check)
    if root is None:
        return [], [], b""
    return found, ids, snapshot(root)


def _check_yaml(
    ctx: PathContext, root: Node | None, *, catalogue: Catalogue, today_year: int
) -> tuple[list[Indicator], list[str]]:
    if root is None:
        return [], []
    top = Fields(ctx, root, INDICATORS_FILE, ("indicators",))
    entries = fields.sequence(ctx, top.get("indicators", hint="the list of the city's indicators"), "indicators")
    top.finish()
    if len(entries) > MAX_INDICATORS:
        ctx.error(root, f"indicators: {len(entries)} entries; at most {MAX_INDICATORS} are allowed")
        return [], []
    found: list[Indicator] = []
    ids: dict[str, Node] = {}
    for i, entry in enumerate(entries, start=1):
        indicator = _read_entry(ctx, entry, f"indicators[{i}]", catalogue, today_year, ids)
        if indicator is not None:
            found.append(indicator)
    return found, list(ids)


def _entry_position(path: Path, ident: str) -> tuple[int, int]:
    """Where the entry of ``ident`` starts in indicators.yaml (a file read the fast way has no positions:
    the strict reader's, for a problem that only the CSV files show)."""
    root = strict_tree(path)
    entries = root.value.get("indicators") if root is not None and root.kind == "map" else None
    for entry in entries.value if entries is not None and entries.kind == "seq" else []:
        node = entry.value.get("id") if entry.kind == "map" else None
        if node is not None and node.kind == "scalar" and node.value == ident:
            return entry.line, entry.col
    return 1, 1


def _read_entry(
    ctx: PathContext, node: Node, path: str, catalogue: Catalogue, today_year: int, ids: dict[str, Node]
) -> Indicator | None:
    errors_before = ctx.errors
    f = Fields(ctx, node, path, INDICATOR_FIELDS, path)
    ident = f.read(fields.identifier, "id", SLUG.pattern, "household-income (lower-case words and hyphens)")
    if ident is not None:
        if ident in ids:
            ctx.error(f.value("id") or node, f'{path}.id: "{ident}" is used twice (first at line {ids[ident].line})')
        else:
            ids[ident] = node
    name = f.read(fields.text, "name", hint="the indicator's name, in the city's language", max_len=200)
    unit = f.read(fields.text, "unit", hint='what a value counts, e.g. "%" or "tonnes CO2e per person"', max_len=60)
    direction = f.read(fields.choice, "direction", DIRECTIONS, hint=f"which way is better: {one_of(DIRECTIONS)}")
    tracks = _tracks(ctx, f.get("tracks", hint='the catalogue IDs it tracks, e.g. ["1.5.2", "4.6"]'), path, catalogue)
    standard = _standard(ctx, f.get("standard", required=False, hint=STANDARD_HINT), f"{path}.standard")
    base_year, baseline = _year_value(ctx, f.get("baseline", required=False), f"{path}.baseline", today_year)
    target_year, target = _year_value(ctx, f.get("target", required=False), f"{path}.target", None)
    if base_year and target_year and target_year <= base_year:
        target_node = f.value("target")
        year_node = target_node.value.get("year") if target_node is not None and target_node.kind == "map" else None
        ctx.error(
            year_node or target_node or node,
            f"{path}.target.year: {target_year} is not after the baseline year ({base_year}); "
            "a target is set for a later year",
        )
    source = f.get("source", hint="where the figures come from: title and url")
    sf = Fields(ctx, source, f"{path}.source", SOURCE_FIELDS, f"{path}.source") if source is not None else None
    title = sf.read(fields.text, "title", hint="the publication or data set", max_len=300) if sf else None
    url = sf.read(fields.url, "url", hint="its web address (https://…)") if sf else None
    if sf:
        sf.finish()
    columns = _columns(ctx, f.get("disaggregation", required=False), f"{path}.disaggregation")
    description = f.read(fields.text, "description", required=False, hint="what it measures", max_len=1000)
    f.finish()
    if ctx.errors > errors_before or None in (ident, name, unit, direction, title, url) or not tracks:
        return None
    assert ident and name and unit and direction and title and url
    return Indicator(
        id=ident,
        name=name,
        unit=unit,
        direction=direction,
        tracks=tracks,
        source_title=title,
        source_url=url,
        standard=standard,
        baseline=baseline,
        target=target,
        disaggregation=columns,
        description=description,
    )


def _tracks(ctx: PathContext, node: Node | None, path: str, catalogue: Catalogue) -> tuple[str, ...]:
    found: list[str] = []
    for i, item in enumerate(fields.sequence(ctx, node, f"{path}.tracks", min_items=1), start=1):
        cid = fields.identifier(ctx, item, f"{path}.tracks[{i}]", r"[0-9](?:\.[0-9]{1,2}){1,2}", '"1.5.2" or "4.6"')
        if cid is None:
            continue
        if cid not in catalogue.characteristics:
            ctx.error(
                item,
                f'{path}.tracks[{i}]: "{cid}" is not a characteristic of the catalogue'
                f"{suggest(cid, catalogue.characteristics)}; use an ID such as 1.5.2 or 4.6 (see criteria/)",
            )
        elif item.kind == "scalar" and item.tag in (TAG_FLOAT, TAG_INT) and not item.quoted:
            ctx.error(item, f'{path}.tracks[{i}]: write the ID in quotes, "{cid}" (unquoted, 4.10 would read as 4.1)')
        elif cid in found:
            ctx.error(item, f'{path}.tracks[{i}]: "{cid}" is listed twice')
        else:
            found.append(cid)
    return tuple(found)


def _standard(ctx: PathContext, node: Node | None, path: str) -> str | None:
    value = fields.text(ctx, node, path, max_len=60)
    if node is None or value is None:
        return None
    if not STANDARD.fullmatch(value):
        ctx.error(node, f'{path}: "{value[:60]}" is not a reference by ID; write {STANDARD_HINT}')
        return None
    return value


def _number(node: Node) -> float | None:
    if node.kind != "scalar" or node.tag not in (TAG_INT, TAG_FLOAT) or isinstance(node.value, bool):
        return None
    value = float(node.value)
    return value if math.isfinite(value) and NUMBER.fullmatch(node.raw.strip()) else None


def _year_value(
    ctx: PathContext, node: Node | None, path: str, latest: int | None
) -> tuple[int | None, YearValue | None]:
    """The year read (for the baseline-before-target check even when the value is bad), and the pair."""
    if node is None:
        return None, None
    f = Fields(ctx, node, path, YEAR_VALUE_FIELDS, path)
    hi = latest if latest is not None else YEARS[1]
    year = f.read(fields.integer, "year", YEARS[0], hi)
    value_node = f.get("value")
    value = None
    if value_node is not None:
        value = _number(value_node)
        if value is None:
            ctx.error(
                value_node,
                f'{path}.value: must be a plain number with a "." decimal point (e.g. 12.5), found "{value_node.raw}"',
            )
    f.finish()
    return year, (YearValue(year, value) if year is not None and value is not None else None)


def _columns(ctx: PathContext, node: Node | None, path: str) -> tuple[str, ...]:
    found: list[str] = []
    items = fields.sequence(ctx, node, path, min_items=1 if node is not None else 0)
    if len(items) > MAX_DISAGGREGATION:
        ctx.error(node or items[0], f"{path}: at most {MAX_DISAGGREGATION} columns are allowed, found {len(items)}")
        return ()
    for i, item in enumerate(items, start=1):
        name = fields.text(ctx, item, f"{path}[{i}]", max_len=30)
        if name is None:
            continue
        if not COLUMN.fullmatch(name):
            ctx.error(item, f'{path}[{i}]: "{name}" is not a column name: lower-case letters, digits and _ (e.g. age)')
        elif name in RESERVED_COLUMNS:
            ctx.error(item, f'{path}[{i}]: "{name}" is a column every series has; name the group, e.g. district')
        elif name in found:
            ctx.error(item, f'{path}[{i}]: "{name}" is listed twice')
        else:
            found.append(name)
    return tuple(found)


def _read_series(table: CsvTable, indicator: Indicator, report: Report, today_year: int) -> tuple[Observation, ...]:
    """The rows of one CSV, checked against the indicator's declared columns."""
    path = table.path

    def error(cell: Cell, message: str) -> None:
        report.error(path, cell.line, cell.col, message)

    errors_before = report.error_count
    allowed = ("year", "value", *indicator.disaggregation, "note")
    position: dict[str, int] = {}
    for i, cell in enumerate(table.header):
        name = cell.text
        if name in position:
            error(cell, f'column "{name}" appears twice in the header')
        elif name not in allowed:
            declared = f"[{', '.join(indicator.disaggregation)}]" if indicator.disaggregation else "none"
            error(
                cell,
                f'column "{printable(name[:40])}" is not declared{suggest(name, allowed)}: the columns are year, '
                f"value, the indicator's disaggregation (declared: {declared}) and an optional note; declare it in "
                f"{INDICATORS_FILE} under disaggregation, or remove the column",
            )
        else:
            position[name] = i
    first = table.header[0] if table.header else Cell("", 1, 1)
    for name in ("year", "value", *indicator.disaggregation):
        if name not in position:
            why = "declared in disaggregation but missing" if name in indicator.disaggregation else "missing"
            error(first, f'the header has no "{name}" column ({why}); the header row names every column')
    if report.error_count > errors_before:
        return ()
    if not table.rows:
        error(first, "no data rows: write one row per year (and group) under the header")
        return ()
    width = len(table.header)
    seen: dict[tuple[tuple[str, ...], int], int] = {}
    found: list[Observation] = []
    for row in table.rows:
        if len(row) > width and any(cell.text for cell in row[width:]):
            extra = next(cell for cell in row[width:] if cell.text)
            error(extra, f"the row has {len(row)} cells; the header names {width} columns")
            continue
        if len(row) < width:  # trailing empty cells left out (a hand-written file): they are empty
            end = row[-1]
            row = row + [Cell("", end.line, end.col + len(end.text)) for _ in range(width - len(row))]
        year_cell, value_cell = row[position["year"]], row[position["value"]]
        year = _cell_year(year_cell, error, today_year)
        value = _cell_value(value_cell, error)
        group = tuple(row[position[name]].text for name in indicator.disaggregation)
        for name, text in zip(indicator.disaggregation, group, strict=True):
            cell = row[position[name]]
            if len(text) > MAX_GROUP_LEN:
                error(cell, f"{name}: is {len(text)} characters long; at most {MAX_GROUP_LEN} are allowed")
                year = None
        note = row[position["note"]].text if "note" in position else ""
        if len(note) > MAX_NOTE_LEN:
            error(row[position["note"]], f"note: is {len(note)} characters long; at most {MAX_NOTE_LEN} are allowed")
        if year is None or value is None:
            continue
        key = (group, year)
        if key in seen:
            pairs = zip(indicator.disaggregation, group, strict=True)
            who = ", ".join(f"{n}={g}" for n, g in pairs if g) or "the total"
            first_at = seen[key]
            twice = f"year {year} appears twice for {who} (first at line {first_at})"
            error(year_cell, f"{twice}; one row per year and group")
            continue
        seen[key] = year_cell.line
        found.append(Observation(year, value, group, note or None))
    if report.error_count > errors_before:
        return ()
    found.sort(key=lambda o: (o.group, o.year))
    return tuple(found)


def _plain_series(records: list[list[str]], indicator: Indicator, today_year: int) -> tuple[Observation, ...] | None:
    """The series :func:`_read_series` gives for these records (``plain_records``) when it finds nothing
    wrong; None at the first thing it would report (it then reads the file again, to report each problem
    at its line and column). tests/test_validate_indicators.py checks that both agree, mutants included."""
    header, rows = records[0], records[1:]
    columns = ("year", "value", *indicator.disaggregation)
    allowed = (*columns, "note")
    position = {name: i for i, name in enumerate(header)}
    if not rows or len(position) < len(header) or any(name not in allowed for name in header):
        return None
    if any(name not in position for name in columns):
        return None
    width = len(header)
    at_year, at_value = position["year"], position["value"]
    at_groups = [position[name] for name in indicator.disaggregation]
    at_note = position.get("note")
    first_year, seen = YEARS[0], set()
    found: list[Observation] = []
    for row in rows:
        if len(row) < width:
            row = row + [""] * (width - len(row))
        elif len(row) > width and any(row[width:]):
            return None
        year_text, value_text = row[at_year], row[at_value]
        if not YEAR.fullmatch(year_text) or not NUMBER.fullmatch(value_text):
            return None
        year = int(year_text)
        group = tuple([row[i] for i in at_groups])
        note = row[at_note] if at_note is not None else ""
        key = (group, year)
        if not first_year <= year <= today_year or key in seen or len(note) > MAX_NOTE_LEN:
            return None
        if any(len(text) > MAX_GROUP_LEN for text in group):
            return None
        seen.add(key)
        found.append(Observation(year, float(value_text), group, note or None))
    found.sort(key=lambda o: (o.group, o.year))
    return tuple(found)


def _cell_year(cell: Cell, error: Callable[[Cell, str], None], today_year: int) -> int | None:
    text = cell.text
    if not YEAR.fullmatch(text):
        error(cell, f'year: must be a year written with four digits (e.g. 2021), found "{printable(text[:40])}"')
        return None
    year = int(text)
    if not YEARS[0] <= year <= today_year:
        error(cell, f"year: {year} is not between {YEARS[0]} and this year ({today_year})")
        return None
    return year


def _cell_value(cell: Cell, error: Callable[[Cell, str], None]) -> float | None:
    text = cell.text
    if NUMBER.fullmatch(text):
        return float(text)
    if not text:
        error(cell, "value: is empty; leave out the row of a year without data")
    elif re.fullmatch(r"-?[0-9]+,[0-9]+", text):
        error(cell, f'value: "{text}" uses a decimal comma; write a "." decimal point: {text.replace(",", ".")}')
    elif re.fullmatch(r"-?[0-9]{1,3}(?:[ ,'][0-9]{3})+(?:\.[0-9]+)?", text):
        digits = re.sub("[ ,']", "", text)
        error(cell, f'value: "{text}" has thousands separators; write the digits only: {digits}')
    else:
        found = printable(text[:40])
        error(cell, f'value: must be a plain number with a "." decimal point (e.g. 12.5), found "{found}"')
    return None
