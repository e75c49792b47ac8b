"""Safe YAML reading that keeps every value's line and column.

Assessment files arrive from strangers in pull requests, so this reader is stricter
than ``yaml.safe_load``:

* duplicate keys are errors (PyYAML silently keeps the last one);
* explicit tags (``!!python/object``, ``!custom``) are errors, never constructed;
* anchors and aliases are errors: data files have no use for them, and refusing
  them makes "billion laughs" alias bombs impossible rather than merely limited;
* files must be UTF-8, below a size limit, and not absurdly deeply nested.

It walks libyaml's event stream (C speed, pulled straight from the parser) and builds small
:class:`Node` objects itself, so that validation can report ``path:line:col`` for any value.
"""

from __future__ import annotations

import datetime as _dt
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


_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()

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
        """Data JSON can carry: dates and times as ISO 8601 text, non-finite numbers as YAML writes them."""
        if self.kind == "map":
            return {k: v.to_json_data() for k, v in self.value.items()}
        if self.kind == "seq":
            return [v.to_json_data() for v in self.value]
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
# Plain scalars resolve by their text alone, and data files repeat the same short texts
# (levels, IDs, group names) thousands of times: remember each resolution.
_resolved: dict[str, tuple[str, Any]] = {}
_RESOLVED_MAX = 50_000


def _resolve_plain(text: str) -> tuple[str, Any]:
    cached = _resolved.get(text)
    if cached is not None:
        return cached
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
    value: Any = text
    if tag != _STR:
        try:
            value = _constructor.construct_object(yaml.ScalarNode(tag, text))
        except (ValueError, yaml.YAMLError):
            # e.g. a timestamp-shaped "2024-02-30": keep the text, validation will reject it
            tag, value = _STR, text
    if len(text) <= 64 and len(_resolved) < _RESOLVED_MAX:
        _resolved[text] = (tag, value)
    return tag, value


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
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        report.error(
            display,
            line,
            col,
            f"file is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded); save it as UTF-8",
        )
        return YamlDocument(display, None)
    if text.startswith("\ufeff"):
        text = text[1:]
    # libyaml refuses some characters itself; other control characters we refuse here,
    # because they hide text in reviews (bidirectional overrides are handled by validation).
    bad = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        report.error(display, line, col, f"control character U+{ord(bad.group()):04X} is not allowed in data files")
        return YamlDocument(display, None)
    try:
        root = _compose(text, display, report)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _mark(mark) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        report.error(display, line, col, f"invalid YAML syntax: {problem}")
        return YamlDocument(display, None, text)
    except yaml.YAMLError as exc:
        report.error(display, 1, 1, f"invalid YAML syntax: {exc}")
        return YamlDocument(display, None, text)
    return YamlDocument(display, root, text)


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
    resolved = _resolved
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
                else:
                    tag, value = resolved.get(raw) or _resolve_plain(raw)
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
