"""YAML values with their positions: :class:`Node` (what the validator reads) and a read file.

Also the compact copies of validated content kept for the loss-free export (:func:`snapshot`)."""

from __future__ import annotations

import datetime as _dt
import json
import math
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

TAG_STR = "tag:yaml.org,2002:str"


TAG_INT = "tag:yaml.org,2002:int"


TAG_FLOAT = "tag:yaml.org,2002:float"


TAG_BOOL = "tag:yaml.org,2002:bool"


TAG_NULL = "tag:yaml.org,2002:null"


TAG_TIMESTAMP = "tag:yaml.org,2002:timestamp"


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
        tag: str = TAG_STR,
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
            TAG_STR: "text",
            TAG_INT: "a whole number",
            TAG_FLOAT: "a decimal number",
            TAG_BOOL: "a yes/no value",
            TAG_NULL: "an empty value",
            TAG_TIMESTAMP: "a date",
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
        kind = self.kind
        if kind == "scalar":
            tag = self.tag
            if tag == TAG_STR or tag == TAG_NULL or tag == TAG_BOOL:  # as read (most values: the fast way)
                return self.value
        elif kind == "map":
            return {k: v.to_json_data() for k, v in self.value.items()}
        else:
            return [v.to_json_data() for v in self.value]
        if self.tag == TAG_INT or self.tag == TAG_FLOAT:
            value = self.value
            written = str(value) if self.tag == TAG_INT else (json.dumps(value) if math.isfinite(value) else None)
            return value if written == self.raw else self.raw
        return json_scalar(self.value)


class PlainRoot(Node):
    """The root of a file read the fast way (:mod:`.fast_yaml`), which also keeps the file's plain values:
    they are its content as written (that reader declines every file where they would not be), so the
    loss-free snapshot is made from them without walking the nodes."""

    __slots__ = ("plain",)

    plain: Any


def json_scalar(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    return value


def snapshot(root: Node) -> bytes:
    """A compact, compressed copy of a validated file's content, kept for the loss-free export
    so that the build never has to parse the file a second time."""
    data = root.plain if type(root) is PlainRoot else root.to_json_data()
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def from_snapshot(data: bytes) -> Any:
    return json.loads(zlib.decompress(data))


@dataclass
class YamlDocument:
    path: str  # as shown in diagnostics (relative to the project when possible)
    root: Node | None
    text: str = ""
