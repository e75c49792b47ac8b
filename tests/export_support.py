"""The full exports read back from their compressed parts (``data/assessments/part-NNN.*.gz``)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from pathlib import Path


def _parts(files: Mapping[str, bytes], kind: str) -> list[bytes]:
    index = json.loads(files["data/assessments/index.json"])
    return [gzip.decompress(files[part["path"]]) for part in index["parts"] if part["format"] == kind]


def full_json(files: Mapping[str, bytes]) -> dict:
    """The whole ``assessments`` document: the first part's header with every part's cities."""
    parts = [json.loads(data) for data in _parts(files, "json")]
    whole = parts[0]
    whole["cities"] = [city for part in parts for city in part["cities"]]
    return whole


def full_csv(files: Mapping[str, bytes]) -> bytes:
    """The whole assessments table: the header once, then every part's rows."""
    parts = _parts(files, "csv")
    return parts[0] + b"".join(part.split(b"\r\n", 1)[1] for part in parts[1:])


def site_exports(site: Path) -> dict[str, bytes]:
    """A built site's parts and their index, by path, for :func:`full_json` and :func:`full_csv`."""
    folder = site / "data" / "assessments"
    return {f"data/assessments/{p.name}": p.read_bytes() for p in folder.iterdir()}
