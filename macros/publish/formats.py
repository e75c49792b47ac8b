"""How the open data is written: stable paths, the header every export carries, and the JSON
and CSV encodings (strict JSON, CSV cells safe from spreadsheet formulas)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any, BinaryIO

from ..model.catalogue import SourceRef

FORMAT_VERSION = 1


CATALOGUE_JSON = "data/catalogue.json"


CRITERIA_CSV = "data/criteria.csv"


ASSESSMENTS_JSON = "data/assessments.json"


ASSESSMENTS_CSV = "data/assessments.csv"


CITIES_CSV = "data/cities.csv"


SITE_FEED = "feeds/assessments.xml"


CATALOGUE_SCHEMA = "schemas/catalogue-export.schema.json"


ASSESSMENTS_SCHEMA = "schemas/assessments-export.schema.json"


def json_bytes(data: Any) -> bytes:
    """A JSON file: :func:`compact_json` and a line end."""
    return compact_json(data) + b"\n"


def compact_json(data: Any) -> bytes:
    """``data`` as the exports write JSON, also where one value is written inside a larger document."""
    # allow_nan=False: the output is always strict JSON (non-finite numbers are converted first).
    # No indent: only the compact form uses the C encoder (far faster: BENCHMARKS.md).
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode("utf-8")


# Spreadsheets run a cell that begins with "=", "+", "-" or "@" as a formula (and a leading tab
# or carriage return can smuggle one past a check), so text from the data could execute
# "=HYPERLINK(…)" or "=cmd|…" on a reader's machine: CSV injection. Every text cell that begins
# with one of these characters is neutralised with a leading apostrophe, which spreadsheets
# show as text and do not display. Numbers are written as numbers and never neutralised.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    if type(value) is str:  # most cells (the checks below, in this order, for the rest)
        return "'" + value if value.startswith(FORMULA_TRIGGERS) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_bytes(header: list[str] | None, rows: Iterable[list[Any]]) -> bytes:
    out = io.BytesIO()
    write_csv(out, header, rows)
    return out.getvalue()


def write_csv(out: BinaryIO, header: list[str] | None, rows: Iterable[list[Any]]) -> None:
    """RFC 4180 CSV in UTF-8 (no byte-order mark), CRLF line ends, every field quoted when needed;
    rows are written as they come, so a large export is never held in memory. Without ``header``,
    the rows alone (a part of a larger file)."""
    text = io.StringIO(newline="")  # encoded a chunk at a time: a text wrapper over ``out`` encodes row by row
    writer = csv.writer(text, lineterminator="\r\n")
    if header is not None:
        writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
        if text.tell() > _CSV_CHUNK:
            out.write(text.getvalue().encode("utf-8"))
            text.seek(0)
            text.truncate()
    out.write(text.getvalue().encode("utf-8"))


_CSV_CHUNK = 1 << 16  # characters


def write_csv_lines(out: BinaryIO, header: list[str], lines: Iterable[str]) -> None:
    """The same file as :func:`write_csv`, from lines already written (each ending in CRLF, its cells made
    by :func:`csv_line`), encoded a chunk at a time like its rows."""
    write_csv(out, header, [])
    chunk: list[str] = []
    size = 0
    for line in lines:
        chunk.append(line)
        size += len(line)
        if size > _CSV_CHUNK:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
            size = 0
    out.write("".join(chunk).encode("utf-8"))


def csv_line(cells: list[str]) -> str:
    """``cells`` (each what :func:`csv_cell` made) as :func:`write_csv` writes them in a row, without the
    line end: for a table whose rows share most of their cells, quoted once (a lone empty cell is written
    as ``""``, as the writer writes a row of one)."""
    text = io.StringIO(newline="")
    # with the files' line end: the writer quotes a cell holding any of its characters
    csv.writer(text, lineterminator="\r\n").writerow(cells)
    return text.getvalue()[:-2]


def source_data(ref: SourceRef) -> dict:
    return {"path": ref.path, "line": ref.line}


def export_header(kind: str, schema: str, built: dt.date, site_url: str | None) -> dict:
    return {
        "$schema": f"{site_url.rstrip('/')}/{schema}" if site_url else f"../{schema}",
        "format": kind,
        "format_version": FORMAT_VERSION,
        "built": built.isoformat(),
        "site_url": site_url,
    }


def site_link(path: str, site_url: str | None) -> str:
    return f"{site_url.rstrip('/')}/{path}" if site_url else path
