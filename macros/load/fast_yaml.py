"""A first, fast reading of a data file in native code, for files that pass every check.

A file that passes every check never needs its values' positions: they are only ever printed in
a diagnostic. So a file is first read by `yaml-rs` (a YAML 1.2 parser in Rust, installed as a pinned
wheel), whose plain Python values are wrapped into the same :class:`Node` objects the strict reader
(:mod:`.yaml_nodes`) makes, without positions. The caller validates that tree; if the file has any
diagnostic at all, it is read again by the strict reader and validated again, so every message and
position is exactly the strict reader's (``macros/validate/fast.py``).

This reader declines (returns None, and the strict reader reads the file) wherever yaml-rs could
read the text differently from the strict reader, or where the strict reader keeps something yaml-rs
does not give back:

* the byte-level refusals of the strict reader (size, UTF-8, refused characters) would apply;
* a character that could start a tag, an anchor or an alias (``!``, ``&``, ``*`` where a value or a
  key may begin), a directive (``%`` at a line start), a merge key (``<<``) or a document marker
  (``---``, ``...`` at a line start): the strict reader refuses or counts these, yaml-rs resolves them;
* a number not written as Python writes it (``+5``, ``0123``, ``0x1F``, ``0b101``, ``1_000``), or any
  decimal number, and ``True``/``FALSE`` spellings: the validator reads the text as written;
* a text that is a YAML 1.1 yes/no word (``no``, ``on``): the validator tells quoted from plain ones;
* a tab (libyaml refuses some that yaml-rs reads), a key that is not text, duplicate keys (yaml-rs
  refuses them), an empty value, nesting deeper than the limit, a file with no content, or a line of
  a rating's key that cannot be found unambiguously.

Positions that a check across files reports (two assessments with one date, an untracked claim) are
taken from the strict reader when it comes to that (``macros/validate/fast.py``, ``strict_tree``).

The only positions a valid file contributes to the model are the lines of its ``characteristics``
keys (a rating's ``line`` in the loss-free export); they are found in the text (:func:`_key_lines`).
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

from .characters import find_refused
from .nodes import TAG_BOOL, TAG_FLOAT, TAG_INT, TAG_STR, Node, PlainRoot
from .scalars import YAML_1_1_BOOLEANS

try:  # a pinned wheel (requirements.txt); without it every file takes the strict reader
    import yaml_rs

    _loads: Any = yaml_rs.loads
    _DUPLICATES_REFUSED: Any = yaml_rs.DuplicateKeyPolicy.Error
    PARSER_VERSION = f"yaml-rs {yaml_rs.__version__}"  # part of the stored results' key (validate/stored.py)
except ImportError:  # pragma: no cover - the project always installs it
    _loads = None
    PARSER_VERSION = "none"

# What the fast reading cannot give back as the strict one does, each pattern starting from a rare
# character and looking back at what stands before it (a pattern that starts with a class of common
# characters, or one alternation of them all, tries every position: slower, BENCHMARKS.md):
# * what could start a tag, an anchor or an alias where a node may begin, a merge key, a directive,
#   a document marker (text like "R & D" declines too: such a file is merely read the strict way);
# * a number whose text is not the one Python writes for its value (0123, 0x1F, -0, +5), or that
#   yaml-rs reads as a number and YAML 1.2's core schema as text (0b101, 1_000);
# * the capitalised spellings of true and false (the value alone would not say how it was written);
# * a tab anywhere (libyaml refuses some that yaml-rs reads).
_DECORATION = re.compile(r"[!&*](?<=[ \t\n\r\[{,:?-][!&*])")
_ZERO = re.compile(r"0(?<=[ \t\n\r\[{,:?]0)(?:[0-9A-Za-z_]|(?![0-9.]))|0(?<=[ \t\n\r\[{,:?]-0)")
_DIGIT_UNDERSCORE = re.compile(r"_(?<=[0-9]_)")
_PLUS = re.compile(r"\+[0-9.]")
_MARKERS = ("\t", "<<", "\n%", "\n---", "\n...", "True", "TRUE", "False", "FALSE")
# * (in a file with a decimal value) a decimal number written otherwise than Python writes its value
#   (38.10, 1., .5, 1e3): the strict reader keeps the text as written (messages and the loss-free
#   snapshot show it), the fast one only the value. Every token that could be one is looked at,
#   wherever it stands (in a sentence too).
_DECIMAL = re.compile(r"(?<![\w.])[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?(?![\w.])")


def _declined_text(text: str) -> bool:
    # ``in`` first (a fast substring search), the patterns only where their rare character is there at all
    if text.startswith(("%", "---", "...", "!", "&", "*", "0", "-0")) or any(m in text for m in _MARKERS):
        return True  # tabs: libyaml refuses some (before a comment, in indentation) that yaml-rs reads
    if ("!" in text or "&" in text or "*" in text) and _DECORATION.search(text):
        return True
    if "+" in text and _PLUS.search(text):
        return True
    return _ZERO.search(text) is not None or _DIGIT_UNDERSCORE.search(text) is not None


def _decimal_written_otherwise(text: str) -> bool:
    """Whether a decimal number in ``text`` is written otherwise than Python writes its value (looked for
    only in a file that has decimal values: a scan of every position, which most files need not pay)."""
    for token in _DECIMAL.findall(text):
        if ("." in token or "e" in token or "E" in token) and repr(float(token)) != token:
            return True
    return False


# A numbered key (a characteristic's ID) at a line's start: the common case, one pattern that fails at
# once on the other lines (the alternation of the wanted keys below tries each of them on every line).
_NUMBERED_KEY_LINE = re.compile(r"""\n( +)(["']?)([0-9][0-9.]*)\2[ \t]*:(?=[ \t\r\n]|$)""")
_NUMBERED = re.compile(r"[0-9][0-9.]*")


@functools.lru_cache(maxsize=16)
def _key_line(keys: tuple[str, ...]) -> re.Pattern[str]:
    """One of ``keys`` as a block mapping key at a line's start, as text, quoted or not."""
    alternatives = "|".join(re.escape(key) for key in sorted(keys, key=len, reverse=True))
    return re.compile(rf"""\n( +)(["']?)({alternatives})\2[ \t]*:(?=[ \t\r\n]|$)""")


class _Declined(Exception):
    """The file is left to the strict reader."""


_NO_KEYS: dict[str, Node] = {}


def read_fast(data: bytes, *, max_bytes: int, max_depth: int, lines_of: str | None = None) -> Node | None:
    """The file's node tree without positions, or None when the strict reader must read it.

    ``lines_of`` names a top-level key whose mapping's keys get their line and column (the only
    positions a valid file gives the model)."""
    if _loads is None or len(data) > max_bytes:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.startswith("\ufeff") or find_refused(text) is not None:
        return None
    if _declined_text(text):
        return None
    try:
        value = _loads(text, parse_datetime=False, duplicate_key_policy=_DUPLICATES_REFUSED)
    except Exception:  # anything yaml-rs refuses or fails on: the strict reader says why
        return None
    if value is None:  # no content: the strict reader reports it
        return None
    try:
        builder = _Builder(max_depth)
        tree = builder.node(value, 0)
        if builder.decimals and _decimal_written_otherwise(text):
            return None
        root = PlainRoot(tree.kind, 0, 0, tree.value, tree.raw, tree.tag, False, tree.keys)
        root.plain = value
        if lines_of is not None and root.kind == "map":
            section = root.value.get(lines_of)
            if section is not None and section.kind == "map" and section.value:
                _key_lines(text, lines_of, section)
    except _Declined:
        return None
    return root


class _Builder:
    """Plain values into :class:`Node` objects (the loop runs once per value: written for speed).

    Nodes without a position are never changed once made, so one node stands for every occurrence
    of the same key, text or whole number in a file."""

    def __init__(self, max_depth: int):
        self.max_depth = max_depth
        self.texts: dict[str, Node] = {}
        self.numbers: dict[int, Node] = {}
        self.decimals = False  # whether the file has a decimal value (its text is then looked at)

    def node(self, value: Any, depth: int) -> Node:
        kind = type(value)
        if kind is dict:
            if depth >= self.max_depth:
                raise _Declined
            values: dict[str, Node] = {}
            keys: dict[str, Node] = {}
            texts, numbers = self.texts, self.numbers
            for key, item in value.items():
                key_node = texts.get(key)
                if key_node is None:
                    if type(key) is not str:
                        raise _Declined
                    key_node = self.text(key)
                keys[key] = key_node
                item_kind = type(item)
                if item_kind is str:
                    found = texts.get(item)
                    values[key] = found if found is not None else self.text(item)
                elif item_kind is int:
                    found = numbers.get(item)
                    values[key] = found if found is not None else self.number(item)
                else:
                    values[key] = self.node(item, depth + 1)
            return Node("map", 0, 0, values, keys=keys)
        if kind is list:
            if depth >= self.max_depth:
                raise _Declined
            return Node("seq", 0, 0, [self.node(item, depth + 1) for item in value])
        if kind is str:
            return self.texts.get(value) or self.text(value)
        if kind is int:
            return self.numbers.get(value) or self.number(value)
        if kind is bool:
            return Node("scalar", 0, 0, value, "true" if value else "false", TAG_BOOL, False, _NO_KEYS)
        if kind is float:
            # as Python writes it: read_fast then looks at every decimal number's text in the file
            self.decimals = True
            written = repr(value)
            if "e" in written or not math.isfinite(value):  # 1e+16, inf, nan: written otherwise in a file
                raise _Declined
            return Node("scalar", 0, 0, value, written, TAG_FLOAT, False, _NO_KEYS)
        # empty values ("", "~", "null": how it was written shows in messages), anything else
        raise _Declined

    def text(self, value: str) -> Node:
        if value in YAML_1_1_BOOLEANS:  # "no" and no differ to the validator: only the strict reader knows
            raise _Declined
        node = self.texts[value] = Node("scalar", 0, 0, value, value, TAG_STR, False, _NO_KEYS)
        return node

    def number(self, value: int) -> Node:
        if abs(value) >= 10**999:  # the strict reader keeps such a number as text
            raise _Declined
        node = self.numbers[value] = Node("scalar", 0, 0, value, str(value), TAG_INT, False, _NO_KEYS)
        return node


def _key_lines(text: str, section_key: str, section: Node) -> None:
    """Give the keys of ``section`` (a top-level block mapping) their line and column, found in the text.

    Each key must stand at the start of exactly one line, below a ``section_key:`` line of its own, all
    at the same indentation and in order; otherwise the file is declined (a key could then be inside a
    block of text, or written in flow style)."""
    at = text.find(f"\n{section_key}:") + 1  # (a file starting with it has a comment line first, or declines)
    header = re.compile(r"[ \t]*(?:#.*)?(?=\r?\n|$)").match(text, at + len(section_key) + 1) if at else None
    if header is None:
        raise _Declined
    wanted = section.value
    found: dict[str, tuple[int, int]] = {}
    numbered = all(_NUMBERED.fullmatch(key) for key in wanted)
    for match in (_NUMBERED_KEY_LINE if numbered else _key_line(tuple(wanted))).finditer(text, header.end()):
        key = match.group(3)
        if key not in wanted:
            continue
        if key in found:
            raise _Declined
        found[key] = (match.start() + 1, len(match.group(1)))
    if len(found) != len(wanted):
        raise _Declined
    indents = {indent for _, indent in found.values()}
    starts = [found[key][0] for key in wanted]
    if len(indents) != 1 or starts != sorted(starts):
        raise _Declined
    indent = indents.pop()
    line = text.count("\n", 0, header.end()) + 1
    at = header.end()
    keys = section.keys
    for key in wanted:  # in the file's order
        start = found[key][0]
        line += text.count("\n", at, start)
        at = start
        keys[key] = Node("scalar", line, indent + 1, key, key, TAG_STR, False, _NO_KEYS)
