"""What may stand in ``assessments/``: no links, and only city.yaml and dated assessment files."""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import printable
from ..layout import CITY_FILE
from .fields import ISO_DATE

# A date in any script's digits ("٢٠٢٣-٠٥-١٠"): never a valid name, but the rename hint reads it.
_ANY_DIGITS_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def entry_problem(path: Path) -> str | None:
    """Why a folder entry cannot be read as data: links could point anywhere on the machine."""
    if path.is_symlink():
        return "symbolic links are not allowed in assessments/; replace it with the file itself"
    return None


def misnamed_file(name: str) -> str:
    """The message for a file that is neither city.yaml nor a dated assessment, with the likely fix."""
    return (
        f'"{printable(name)}" is neither {CITY_FILE} nor an assessment named by its date '
        f"(YYYY-MM-DD.yaml){_rename_hint(name)}"
    )


def _rename_hint(name: str) -> str:
    stem, _, ext = name.rpartition(".")
    if name.lower() in ("city.yml", "city.yaml", "city.json"):
        return f'; rename it to "{CITY_FILE}"'
    match = (ISO_DATE.fullmatch(stem) or _ANY_DIGITS_DATE.fullmatch(stem)) if ext.lower() in ("yaml", "yml") else None
    if match:
        y, m, d = (int(part) for part in match.groups())
        digits = "" if stem.isascii() else " (the name is written in ASCII digits 0-9)"
        return f'; rename it to "{y:04d}-{m:02d}-{d:02d}.yaml"{digits}'
    return ""
