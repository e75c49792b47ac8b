"""Safe YAML reading that keeps every value's line and column.

Assessment files arrive from strangers in pull requests, so this reader is stricter
than ``yaml.safe_load``:

* duplicate keys are errors (PyYAML silently keeps the last one);
* explicit tags (``!!python/object``, ``!custom``) are errors, never constructed;
* anchors and aliases are errors: data files have no use for them, and refusing
  them makes "billion laughs" alias bombs impossible rather than merely limited;
* files must be UTF-8, below a size limit, and not absurdly deeply nested;
* a file with no content at all (empty, or only comments) is an error, not a file that vanishes;
* characters that make a file read differently in an editor than to the parser are refused
  where they stand: control characters (C0 and C1), noncharacters, bidirectional controls
  ("Trojan Source"), and the line breaks YAML counts but editors do not (U+0085, U+2028,
  U+2029, a lone carriage return), so every position reported is the line and column a
  person sees (lines counted by ``\n`` alone, columns in characters);
* plain scalars are read by the YAML 1.2 core schema, not PyYAML's YAML 1.1 rules: ``NO``,
  ``yes`` and ``off`` stay text, ``0123`` is the decimal 123 (never octal), dates stay text
  until validation reads them, so the loss-free export holds what the person wrote.

It walks libyaml's event stream (C speed, pulled straight from the parser) and builds small
:class:`Node` objects itself, so that validation can report ``path:line:col`` for any value.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import math
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Report

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 32

# The bare parser, pulled event by event: ``yaml.parse`` wraps it in a loader and a generator
# that cost three times the parsing itself.
try:
    from yaml._yaml import CParser as _new_parser
except ImportError:  # PyYAML built without libyaml: the pure-Python parser, same events

    def _new_parser(text: str) -> Any:  # type: ignore[no-redef]  # the same call as CParser(text)
        return yaml.SafeLoader(text)


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class Node:
    """A YAML value with its position (1-based line and column).

    A plain class with slots, not a dataclass: a build creates millions of these."""

    __slots__ = ("kind", "line", "col", "value", "raw", "tag", "quoted", "keys")

    def __init__(
        self,
        kind: str,
        line: int,
        col: int,
        value: Any = None,
        raw: str = "",
        tag: str = _STR,
        quoted: bool = False,
        keys: dict[str, Node] | None = None,
    ):
        self.kind = kind  # "map", "seq" or "scalar"
        self.line = line
        self.col = col
        self.value = value  # scalar: the resolved Python value; seq: list[Node]; map: dict[str, Node]
        self.raw = raw  # scalar: the text as written
        self.tag = tag  # scalar: the implicit type YAML gives it
        self.quoted = quoted  # scalar: written in quotes (so always a string)
        self.keys = keys if keys is not None else {}  # map: key text → key node

    def __repr__(self) -> str:
        return f"Node({self.kind!r}, {self.line}, {self.col}, value={self.value!r})"

    @property
    def type_name(self) -> str:
        """A plain-language name of the value's type, for error messages."""
        if self.kind == "map":
            return "a mapping (key: value pairs)"
        if self.kind == "seq":
            return "a list"
        return {
            _STR: "text",
            _INT: "a whole number",
            _FLOAT: "a decimal number",
            _BOOL: "a yes/no value",
            _NULL: "an empty value",
            _TIMESTAMP: "a date",
        }.get(self.tag, "a value")

    def items(self) -> Iterator[tuple[Node, Node]]:
        for key, value in (self.value or {}).items():
            yield self.keys[key], value

    def to_python(self) -> Any:
        """Plain Python data (dicts, lists, scalars), e.g. for JSON export."""
        if self.kind == "map":
            return {k: v.to_python() for k, v in self.value.items()}
        if self.kind == "seq":
            return [v.to_python() for v in self.value]
        return self.value

    def to_json_data(self) -> Any:
        """The content as written, in JSON (the loss-free export): text, true/false and null as
        read; a number as a JSON number when that is exactly how it was written, otherwise as
        the text written (``0123``, ``0x1F``, ``1e3``, ``+5``, ``.inf``: JSON would lose how)."""
        if self.kind == "map":
            return {k: v.to_json_data() for k, v in self.value.items()}
        if self.kind == "seq":
            return [v.to_json_data() for v in self.value]
        if self.tag == _INT or self.tag == _FLOAT:
            value = self.value
            written = str(value) if self.tag == _INT else (json.dumps(value) if math.isfinite(value) else None)
            return value if written == self.raw else self.raw
        return json_scalar(self.value)


def json_scalar(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    return value


def snapshot(root: Node) -> bytes:
    """A compact, compressed copy of a validated file's content, kept for the loss-free export
    so that the build never has to parse the file a second time."""
    return zlib.compress(json.dumps(root.to_json_data(), ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def from_snapshot(data: bytes) -> Any:
    return json.loads(zlib.decompress(data))


@dataclass
class YamlDocument:
    path: str  # as shown in diagnostics (relative to the project when possible)
    root: Node | None
    text: str = ""


def _mark(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


_NO_KEYS: dict[str, Node] = {}  # shared by every scalar: only maps have keys
_QUOTED_STYLES = frozenset(("'", '"'))
_BLOCK_STYLES = frozenset(("|", ">"))
# The YAML 1.2 core schema (YAML 1.2.2, 10.3.2), ASCII digits only. Numbers longer than this
# stay text: Python (and so JSON export) refuses to convert integers of more than 4,300 digits.
_CORE_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_CORE_INT = re.compile(r"[-+]?[0-9]+")
_CORE_OCT = re.compile(r"0o[0-7]+")
_CORE_HEX = re.compile(r"0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_CORE_SPECIAL = {
    ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf,
    "+.inf": math.inf, "+.Inf": math.inf, "+.INF": math.inf,
    "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
    ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
}  # fmt: skip
_MAX_NUMBER_LENGTH = 1000
# What YAML 1.1 (PyYAML, and many other tools) reads as true or false, and YAML 1.2 as text:
# the validator names these where a yes/no value or a reason is expected.
YAML_1_1_BOOLEANS = frozenset(
    w for word in ("y", "yes", "n", "no", "on", "off", "true", "false") for w in (word, word.title(), word.upper())
)
# A plain scalar that can be anything but text starts with one of these (the fast way out).
_NOT_TEXT_START = frozenset("0123456789+-.~nNtTfF")
_MEMO_MAX_LENGTH = 64  # plain scalars memoised: short texts (levels, IDs, group names, dates)


def resolve_plain(text: str) -> tuple[str, Any]:
    """The type (tag) and value of a plain (unquoted) scalar by the YAML 1.2 core schema."""
    if not text:
        return _NULL, None
    if text[0] not in _NOT_TEXT_START or len(text) > _MAX_NUMBER_LENGTH:
        return _STR, text
    return _resolve_memo(text) if len(text) <= _MEMO_MAX_LENGTH else _resolve_core(text)


def _resolve_core(text: str) -> tuple[str, Any]:
    if text in _CORE_NULL:
        return _NULL, None
    flag = _CORE_BOOL.get(text)
    if flag is not None:
        return _BOOL, flag
    if _CORE_INT.fullmatch(text):
        return _INT, int(text, 10)
    if _CORE_OCT.fullmatch(text):
        return _INT, int(text[2:], 8)
    if _CORE_HEX.fullmatch(text):
        return _INT, int(text[2:], 16)
    if _CORE_FLOAT.fullmatch(text):
        return _FLOAT, float(text)
    special = _CORE_SPECIAL.get(text)
    if special is not None:
        return _FLOAT, special
    return _STR, text


# Data files repeat the same short texts (levels, IDs, group names) thousands of times: an
# explicit, bounded memo of their resolution (a build reads millions of scalars).
_resolve_memo = functools.lru_cache(maxsize=4096)(_resolve_core)


def read_yaml(path: Path, display: str, report: Report, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    """Read one YAML file; problems go to ``report`` and give ``root=None``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.error(display, 1, 1, f"cannot read file: {exc.strerror}")
        return YamlDocument(display, None)
    return parse_yaml(data, display, report, max_bytes)


def parse_yaml(data: bytes, display: str, report: Report, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    if len(data) > max_bytes:
        report.error(
            display,
            1,
            1,
            f"file is {len(data):,} bytes; the limit is {max_bytes:,} bytes (split it, or shorten long texts)",
        )
        return YamlDocument(display, None)
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
            f"file is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded); save it as UTF-8",
        )
        return YamlDocument(display, None)
    if text.startswith("\ufeff"):
        text = text[1:]
    at = _find_refused(text)
    if at is not None:
        line, col = position(text, at)
        report.error(display, line, col, _refused_character(text[at]))
        return YamlDocument(display, None)
    errors_before = report.error_count
    try:
        root = _compose(text, display, report)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = inside(text, *_mark(mark)) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        report.error(display, line, col, f"invalid YAML syntax: {problem}")
        return YamlDocument(display, None, text)
    except yaml.YAMLError as exc:  # a reader error: its position is a byte offset, so find the character
        character = getattr(exc, "character", None)
        at = text.find(chr(character)) if isinstance(character, int) else -1
        line, col = position(text, at) if at >= 0 else (1, 1)
        report.error(display, line, col, f"invalid YAML syntax: {getattr(exc, 'reason', None) or exc}")
        return YamlDocument(display, None, text)
    if root is None and report.error_count == errors_before:
        report.error(
            display,
            1,
            1,
            "the file has no content (it is empty, or holds only comments): write its fields, or delete the file",
        )
    return YamlDocument(display, root, text)


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


def _find_refused(text: str) -> int | None:
    """Where the first refused character is (one character class for the common ones: fast)."""
    found = [m.start() for m in (_REFUSED_CHARACTER.search(text),) if m]
    if "\r" in text and (cr := _LONE_CR.search(text)):
        found.append(cr.start())
    if not text.isascii() and (astral := _astral_noncharacter(text)) is not None:
        found.append(astral)
    return min(found) if found else None


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


def _refused_character(char: str) -> str:
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


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


class _Refused(Exception):
    pass


def _refuse_decoration(event: Any, display: str, report: Report) -> None:
    """Anchors (the way into alias bombs) and explicit tags (``!!python/object``) are refused."""
    line, col = _mark(event.start_mark)
    if event.anchor is not None:
        report.error(display, line, col, f'YAML anchors ("&{event.anchor}") are not allowed; write values out in full')
    else:
        report.error(
            display, line, col, f'YAML tags ("{_short_tag(event.tag)}") are not allowed in data files; remove the tag'
        )
    raise _Refused


def _compose(text: str, display: str, report: Report) -> Node | None:
    """Build the node tree from libyaml's events (the loop is written for speed: it runs once per value)."""
    # containers still open, each with its pending key (maps) or None
    stack: list[list] = []
    root: Node | None = None
    documents = 0
    errors_before = report.error_count
    ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
    SeqStart, MapStart = yaml.SequenceStartEvent, yaml.MappingStartEvent
    SeqEnd, MapEnd, DocStart = yaml.SequenceEndEvent, yaml.MappingEndEvent, yaml.DocumentStartEvent
    StreamEnd = yaml.StreamEndEvent
    resolve, memo, text_start = _resolve_core, _resolve_memo, _NOT_TEXT_START
    parser = _new_parser(text)
    try:
        while True:
            event: Any = parser.get_event()  # typed by kind below, not by PyYAML's stubs
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    _refuse_decoration(event, display, report)
                mark = event.start_mark
                raw = event.value
                style = event.style
                if style in _QUOTED_STYLES:
                    node = Node("scalar", mark.line + 1, mark.column + 1, raw, raw, _STR, True, _NO_KEYS)
                elif style in _BLOCK_STYLES:
                    node = Node("scalar", mark.line + 1, mark.column + 1, raw, raw, _STR, False, _NO_KEYS)
                elif raw and raw[0] not in text_start:  # plain text: most values (resolve_plain, inlined)
                    node = Node("scalar", mark.line + 1, mark.column + 1, raw, raw, _STR, False, _NO_KEYS)
                else:
                    if not raw:
                        tag, value = _NULL, None
                    elif len(raw) <= _MEMO_MAX_LENGTH:
                        tag, value = memo(raw)
                    else:
                        tag, value = resolve(raw) if len(raw) <= _MAX_NUMBER_LENGTH else (_STR, raw)
                    node = Node("scalar", mark.line + 1, mark.column + 1, value, raw, tag, False, _NO_KEYS)
            elif kind is SeqEnd or kind is MapEnd:
                stack.pop()
                continue
            elif kind is SeqStart or kind is MapStart:
                if event.anchor is not None or event.tag is not None:
                    _refuse_decoration(event, display, report)
                line, col = _mark(event.start_mark)
                if len(stack) >= MAX_DEPTH:
                    report.error(display, line, col, f"data is nested more than {MAX_DEPTH} levels deep")
                    raise _Refused
                node = Node("seq", line, col, []) if kind is SeqStart else Node("map", line, col, {})
            elif kind is AliasEvent:
                line, col = _mark(event.start_mark)
                report.error(
                    display, line, col, f'YAML aliases ("*{event.anchor}") are not allowed; write the value out in full'
                )
                raise _Refused
            elif kind is DocStart:
                documents += 1
                if documents > 1:
                    line, col = _mark(event.start_mark)
                    report.error(
                        display, line, col, "only one YAML document per file is allowed (remove the extra '---')"
                    )
                    raise _Refused
                continue
            elif kind is StreamEnd:
                break
            else:
                continue
            # attach the new node to the open container (or make it the root)
            if not stack:
                root = node
            else:
                top = stack[-1]
                container = top[0]
                if container.kind == "seq":
                    container.value.append(node)
                elif top[1] is None:  # this node is a key
                    if node.kind != "scalar":
                        report.error(display, node.line, node.col, "keys must be plain text, not lists or mappings")
                        raise _Refused
                    top[1] = node
                else:
                    pending = top[1]
                    key = pending.raw
                    if key in container.value:
                        first = container.keys[key]
                        report.error(
                            display,
                            pending.line,
                            pending.col,
                            f'duplicate key "{key}" (first defined at line {first.line}); '
                            "each key may appear only once",
                        )
                    else:
                        container.value[key] = node
                        container.keys[key] = pending
                    top[1] = None
            if kind is SeqStart or kind is MapStart:
                stack.append([node, None])
    except _Refused:
        return None
    finally:
        parser.dispose()
    if report.error_count > errors_before:
        return None
    return root
