"""A data file's bytes as text, the same way for every reader (YAML, CSV): the size limit, UTF-8, a
byte-order mark dropped, and each refused character (``characters.py``) reported where an editor shows
it, then read as a stand-in, so that the rest of the file's problems are reported in the same run (the
file stays refused: its errors are in the report)."""

from __future__ import annotations

from ..diagnostics import Report
from .characters import all_refused, find_refused, first_on_each_line, position, refused_character, stand_in


def checked_text(
    data: bytes, display: str, report: Report, *, max_bytes: int, too_big: str, not_utf8: str
) -> str | None:
    """The file's text, or None when it cannot be read as text at all (over ``max_bytes``, not UTF-8),
    each reported at its position; ``too_big`` and ``not_utf8`` say what to do, for this kind of file."""
    if len(data) > max_bytes:
        report.error(display, 1, 1, f"file is {len(data):,} bytes; the limit is {max_bytes:,} bytes ({too_big})")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        # the column in characters, as an editor counts them (the bytes before are valid UTF-8)
        col = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        report.error(
            display,
            data.count(b"\n", 0, exc.start) + 1,
            col,
            f"file is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded); {not_utf8}",
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if find_refused(text) is not None:
        refused = all_refused(text)
        for at in first_on_each_line(text, refused):
            line, col = position(text, at)
            report.error(display, line, col, refused_character(text[at]))
        text = stand_in(text, refused)
    return text
