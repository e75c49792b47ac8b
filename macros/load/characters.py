"""Characters that make a file read differently in an editor than to the parser, and positions
as an editor shows them (lines end at ``\n`` only, columns count characters)."""

from __future__ import annotations

import re

# Characters refused anywhere in a file, as typed (YAML escapes in double quotes are the
# validator's business): C0 controls but tab, LF and CR; DEL and the C1 controls (U+0085, "next
# line", among them); a CR not followed by LF; the line and paragraph separators; bidirectional
# embeddings, overrides and isolates, which reorder what a reviewer sees (in comments too:
# "Trojan Source", CVE-2021-42574); and the 66 noncharacters.
_REFUSED_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]"
)


_LONE_CR = re.compile("\r(?!\n)")


_ASTRAL_NONCHARACTER_PLANES = re.compile("[\U0001fffe-\U0010ffff]")  # then checked one by one: rare


def find_refused(text: str) -> int | None:
    """Where the first refused character is (one character class for the common ones: fast)."""
    found = [m.start() for m in (_REFUSED_CHARACTER.search(text),) if m]
    if "\r" in text and (cr := _LONE_CR.search(text)):
        found.append(cr.start())
    if not text.isascii() and (astral := _astral_noncharacter(text)) is not None:
        found.append(astral)
    return min(found) if found else None


def all_refused(text: str) -> list[int]:
    """Where every refused character is, in order (after :func:`find_refused` found one: rare)."""
    found = [m.start() for m in _REFUSED_CHARACTER.finditer(text)]
    found += [m.start() for m in _LONE_CR.finditer(text)]
    found += [m.start() for m in _ASTRAL_NONCHARACTER_PLANES.finditer(text) if is_noncharacter(m.group())]
    return sorted(found)


def first_on_each_line(text: str, at: list[int]) -> list[int]:
    """Of the positions ``at``, the first of each character on each line: what is reported (a file saved
    with old Mac line ends, all on one line to an editor, gets one error, not one per carriage return)."""
    seen: set[tuple[int, str]] = set()
    first = []
    line, counted = 0, 0
    for index in at:  # in order: the lines are counted once over the file
        line += text.count("\n", counted, index)
        counted = index
        if (line, text[index]) not in seen:
            seen.add((line, text[index]))
            first.append(index)
    return first


def stand_in(text: str, at: list[int]) -> str:
    """``text`` with the characters at ``at`` read as stand-ins, so that the rest of the file is still
    checked (every error in one run): one character for one, so that every later position stays the one
    an editor shows; a space (what the reviewer sees of an invisible control: ``key:<U+2067> FR`` is read
    as ``key:  FR``), or U+FFFD at the start of a line (where a space would change the indentation)."""
    chars = list(text)
    for index in at:
        chars[index] = "\ufffd" if index == 0 or text[index - 1] == "\n" else " "
    return "".join(chars)


def _astral_noncharacter(text: str) -> int | None:
    for m in _ASTRAL_NONCHARACTER_PLANES.finditer(text):
        if is_noncharacter(m.group()):
            return m.start()
    return None


_BMP_NONCHARACTER = re.compile("[\ufdd0-\ufdef\ufffe\uffff]")


def find_noncharacter(text: str) -> str | None:
    """The first noncharacter in ``text`` (U+FDD0-U+FDEF, and the last two of every plane), or None."""
    if text.isascii():
        return None
    at = [m.start() for m in (_BMP_NONCHARACTER.search(text),) if m]
    if (astral := _astral_noncharacter(text)) is not None:
        at.append(astral)
    return text[min(at)] if at else None


def is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def refused_character(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char == "\r":
        return (
            "a carriage return (U+000D) without a line feed: YAML reads it as a line break, editors "
            "do not; save the file with LF (or CRLF) line ends"
        )
    if char in "\x85\u2028\u2029":
        name = {"\x85": "next line", "\u2028": "line separator", "\u2029": "paragraph separator"}[char]
        return (
            f"{name} character {code} is a line break to YAML but not to editors, so the file reads "
            f'differently than it is parsed; remove it (in a double-quoted value, write it as "\\u{ord(char):04x}")'
        )
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return (
            f"bidirectional control character {code} in the file: it reorders how the text around it is "
            "shown, so the file reads differently in review than to the parser; remove it"
        )
    if is_noncharacter(char):
        return f"noncharacter {code} is not allowed in data files; remove it"
    return f"control character {code} is not allowed in data files; remove it"


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[index]`` as an editor shows them: lines end at
    ``\n`` only, columns count characters."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def inside(text: str, line: int, col: int) -> tuple[int, int]:
    """A position kept within the file (libyaml may point one past its last line)."""
    lines = text.split("\n")
    line = max(1, min(line, len(lines)))
    return line, max(1, min(col, len(lines[line - 1]) + 1))
