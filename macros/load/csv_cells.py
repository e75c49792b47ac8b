"""Safe CSV reading that keeps every cell's line and column (``indicators/<id>.csv``).

A spreadsheet's "Save as CSV" must work: a UTF-8 byte-order mark is dropped, lines may end in
CRLF, cells may be quoted (``"Centre, north"``), a quoted cell may hold a doubled quote. What is
refused, as in YAML files and by the same code (``text.py``): a file over the size limit, bytes that
are not UTF-8, the characters that make a file read differently in an editor than to the parser
(``characters.py``: each reported, the rest of the file still checked); and a quote left open.
Positions are 1-based, lines counted by ``\\n``, columns in characters, as editors show them. No
interpretation of meaning here: every cell is text.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Report
from .text import checked_text

# A city's yearly series for one indicator, by group: a few hundred rows at most. 256 KB holds
# thousands of rows and keeps the checked folder small.
MAX_CSV_BYTES = 256 * 1024
MAX_COLUMNS = 20


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # as written, quotes removed, surrounding spaces stripped
    line: int
    col: int


@dataclass
class CsvTable:
    path: str  # as shown in diagnostics
    header: list[Cell]
    rows: list[list[Cell]]  # data rows, blank lines left out


def read_csv(path: Path, display: str, report: Report, max_bytes: int = MAX_CSV_BYTES) -> CsvTable | None:
    """Read one CSV file; problems go to ``report`` and give None."""
    text = read_csv_text(path, display, report, max_bytes)
    return None if text is None else csv_table(text, display, report)


def read_csv_text(path: Path, display: str, report: Report, max_bytes: int = MAX_CSV_BYTES) -> str | None:
    """A CSV file's checked text (:func:`csv_text`); problems go to ``report`` and give None."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.error(display, 1, 1, f"cannot read file: {exc.strerror}")
        return None
    return csv_text(data, display, report, max_bytes)


def parse_csv(data: bytes, display: str, report: Report, max_bytes: int = MAX_CSV_BYTES) -> CsvTable | None:
    text = csv_text(data, display, report, max_bytes)
    return None if text is None else csv_table(text, display, report)


def csv_text(data: bytes, display: str, report: Report, max_bytes: int = MAX_CSV_BYTES) -> str | None:
    """The file's text: within the size limit, UTF-8, its refused characters reported (``text.py``)."""
    return checked_text(
        data,
        display,
        report,
        max_bytes=max_bytes,
        too_big="one row per year and group is enough",
        not_utf8='save it as "CSV UTF-8"',
    )


def plain_records(text: str) -> list[list[str]] | None:
    """The records of a file without quotes, as :func:`csv_table` reads them but without positions
    (what a spreadsheet saves: most series); None for any other file, which :func:`csv_table` reads.
    A reader that checks the cells may use these first, and the table only to report what is wrong."""
    if '"' in text or "\0" in text:
        return None
    records: list[list[str]] = []
    for line in text.split("\n"):
        record = line.removesuffix("\r")
        if not record.strip().strip(","):
            continue  # as _cells: blank lines and a spreadsheet's rows of empty cells
        if "\r" in record:
            return None
        cells = [cell.strip() for cell in record.split(",")]
        if len(cells) > MAX_COLUMNS:
            return None
        records.append(cells)
    return records or None


def csv_table(text: str, display: str, report: Report) -> CsvTable | None:
    """The checked text's records as cells with positions; problems go to ``report`` and give None."""
    rows = _cells(text, display, report)
    if rows is None:
        return None
    if not rows:
        report.error(display, 1, 1, "the file has no content: write a header row (year,value) and one row per year")
        return None
    return CsvTable(display, rows[0], rows[1:])


def _cells(text: str, display: str, report: Report) -> list[list[Cell]] | None:
    """Every non-blank record as cells with positions (a quoted cell may span lines)."""
    lines = text.split("\n")
    records: list[list[Cell]] = []
    i = 0
    while i < len(lines):
        start = i
        record = lines[i].removesuffix("\r")
        # a record continues while its quotes are unbalanced (a line break inside a quoted cell)
        while record.count('"') % 2 and i + 1 < len(lines):
            i += 1
            record += "\n" + lines[i].removesuffix("\r")
        if record.count('"') % 2:
            report.error(display, start + 1, record.find('"') + 1, 'a quote (") is opened and never closed')
            return None
        i += 1
        if not record.strip().strip(","):
            continue  # blank line, or a spreadsheet's row of empty cells
        cells = _split(record, start + 1, display, report)
        if cells is None:
            return None
        if len(cells) > MAX_COLUMNS:
            report.error(display, start + 1, 1, f"the row has {len(cells)} cells; at most {MAX_COLUMNS} are allowed")
            return None
        records.append(cells)
    return records


def _split(record: str, line: int, display: str, report: Report) -> list[Cell] | None:
    """One record's cells; each cell's position is where its text begins (after an opening quote)."""
    if '"' not in record and "\0" not in record and "\r" not in record:
        # no quoting: the csv module's cells are the text between commas (most rows of a series;
        # a csv reader per row was most of a series' reading)
        cells: list[Cell] = []
        start = 0
        for text in record.split(","):
            lead = len(text) - len(text.lstrip(" "))
            cells.append(Cell(text.strip(), line, start + lead + 1))
            start += len(text) + 1
        return cells
    try:
        parsed = next(csv.reader(io.StringIO(record), strict=True), [])
    except csv.Error:
        report.error(
            display, line, max(record.find('"'), 0) + 1, 'a quoted cell is not written as "text" (check its quotes)'
        )
        return None
    cells = []
    offset = 0  # where the current cell starts in ``record``
    for value in parsed:
        rest = record[offset:]
        lead = len(rest) - len(rest.lstrip(" "))
        start = offset + lead
        if record.startswith('"', start):
            end = start + 1
            while True:
                end = record.index('"', end)
                if record.startswith('""', end):
                    end += 2
                    continue
                break
            next_offset = end + 1
            start += 1
        else:
            comma = record.find(",", offset)
            next_offset = comma if comma >= 0 else len(record)
        before = record[:start]
        cell_line = line + before.count("\n")
        cell_col = start - (before.rfind("\n") + 1) + 1
        cells.append(Cell(value.strip(), cell_line, cell_col))
        comma = record.find(",", next_offset)
        offset = comma + 1 if comma >= 0 else len(record)
    return cells
