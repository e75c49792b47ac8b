"""Typed field readers over YAML nodes, shared by the catalogue and assessment validators.

Each reader returns the converted value, or ``None`` after recording a diagnostic that
names the field, what was found and what is allowed. Callers carry on, so one run
reports every problem in every file.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from ..diagnostics import Report, one_of, suggest
from ..load.characters import find_noncharacter
from ..load.nodes import Node
from ..load.scalars import YAML_1_1_BOOLEANS
from .text_rules import BIDI_OVERRIDE, CONTROL, INVISIBLE_FORMAT, ISOLATE, SPACE, isolate_problem, visible

T = TypeVar("T")

# A date as people type it, with or without leading zeros in month and day, in ASCII digits
# (``\d`` would also match Arabic-Indic or Devanagari digits).
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# A whole number as the model writes it: decimal digits, no leading zero (YAML 1.1 readers take
# 0123 for an octal number), no 0x or 0o prefix.
PLAIN_INTEGER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def integer_problem(node: Node) -> str | None:
    """Why an integer scalar is not written as the model writes whole numbers, or None."""
    raw = node.raw.strip()
    if PLAIN_INTEGER.fullmatch(raw):
        return None
    if re.fullmatch(r"[-+]?0[0-9]+", raw):
        return (
            f'"{raw}" has a leading zero, which some YAML readers take for an octal number (YAML 1.1 reads '
            f"0123 as 83); write {node.value}"
        )
    return f'"{raw}" is not written in decimal digits; write {node.value}'


@dataclass
class FileContext:
    """Where diagnostics for one file go, and how its messages name a field.

    Every reader's message is ``<field's name>: <problem>``. The catalogue's files are short
    and flat, so a field is named by its key, quoted (``field "id": …``)."""

    path: str
    report: Report
    errors: int = 0  # this file's errors so far: a reader's caller checks it did not grow

    def name(self, field: str) -> str:
        return f'field "{field}"'

    def error(self, node: Node, message: str) -> None:
        self.errors += 1
        self.report.error(self.path, node.line, node.col, message)

    def warning(self, node: Node, message: str) -> None:
        self.report.warning(self.path, node.line, node.col, message)


@dataclass
class PathContext(FileContext):
    """A file people fill in (city.yaml, an assessment): a field is named by its path as
    written in the file, ``characteristics."1.1.1".now: …``, so it can be found in 300 lines."""

    today: dt.date = dt.date.max  # dates after it are in the future

    def name(self, field: str) -> str:
        return field


# What scripts/new-assessment writes where a person must fill something in ("TODO", "TODO: …",
# but not "Todos os bairros…").
PLACEHOLDER = re.compile(r"\s*TODO(?![A-Za-z0-9_])")


def is_placeholder(node: Node) -> bool:
    """An empty value or "TODO": what scripts/new-assessment leaves for a person to fill in."""
    if node.kind != "scalar":
        return False
    if node.tag.endswith(":null"):
        return True
    return node.tag.endswith(":str") and "TODO" in node.value and PLACEHOLDER.match(node.value) is not None


class Fields:
    """The fields of one YAML mapping: ``get`` each one, then ``finish`` flags unknown keys.

    ``what`` names the mapping in messages; ``path`` (for files named by path) is the prefix
    of its fields' paths, so that :meth:`path_of` ("rating", "now") gives ``rating.now``."""

    def __init__(self, ctx: FileContext, node: Node | None, what: str, allowed: Iterable[str], path: str = ""):
        self.ctx = ctx
        self.node = node
        self.what = what
        self.path = path
        self.allowed = tuple(allowed)
        self.ok = node is not None and node.kind == "map"
        if node is not None and not self.ok:
            ctx.error(node, f"{what} must be a mapping of fields (key: value), found {node.type_name}")

    def path_of(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str, required: bool = True, *, hint: str | None = None) -> Node | None:
        """The value of ``key``, or None after reporting a missing required field.

        With a ``hint`` (what to write), the field is one a person fills in from the
        template: an empty value or "TODO" is reported as not filled in yet, with the hint."""
        if not self.ok:
            return None
        assert self.node is not None  # self.ok
        value = self.node.value.get(key)
        if value is None:
            if required:
                how = f": {hint}" if hint is not None else ""
                self.ctx.error(self.node, f'{self.what}: missing required field "{key}"{how}')
            return None
        if hint is not None:
            if is_placeholder(value):
                extra = "" if required else f' (or delete the "{key}" line: it is optional)'
                self.ctx.error(value, f"{self.path_of(key)}: not filled in yet: {hint}{extra}")
                return None
        elif value.kind == "scalar" and value.tag.endswith(":null") and required:
            self.ctx.error(value, f'{self.what}: field "{key}" is empty; it needs a value')
            return None
        return value

    def read(
        self, reader: Callable[..., T], key: str, *args: Any, required: bool = True, hint: str | None = None, **kw: Any
    ) -> T:
        """``reader`` (one of this module's) on the value of ``key``, named by its path."""
        return reader(self.ctx, self.get(key, required, hint=hint), self.path_of(key), *args, **kw)

    def value(self, key: str) -> Node | None:
        """The value of ``key`` as written, without any check (None when absent)."""
        return self.node.value.get(key) if self.ok else None  # type: ignore[union-attr]

    def key(self, key: str) -> Node:
        """The node of ``key`` itself (for messages about the key, not its value)."""
        return self.node.keys[key]  # type: ignore[union-attr]

    def key_nodes(self) -> list[Node]:
        return [key_node for key_node, _ in self.node.items()] if self.ok else []  # type: ignore[union-attr]

    def has(self, key: str) -> bool:
        return self.ok and key in self.node.value  # type: ignore[union-attr]

    def finish(self) -> None:
        if not self.ok:
            return
        assert self.node is not None
        allowed, key_nodes = self.allowed, self.node.keys
        for key in self.node.value:  # a key's text is the key node's raw text
            if key not in allowed:
                key_node = key_nodes[key]
                self.ctx.error(
                    key_node,
                    f'{self.what}: unknown field "{key_node.raw}"{suggest(key_node.raw, self.allowed)}; '
                    f"allowed fields: {', '.join(self.allowed)}",
                )


def text(ctx: FileContext, node: Node | None, field: str, *, max_len: int = 5000, required: bool = True) -> str | None:
    """Free text: any scalar, as written (so "1984" or "yes" stay text). Never empty."""
    if node is None:
        return None
    if node.kind != "scalar" or node.tag.endswith(":null"):
        ctx.error(node, f"{ctx.name(field)}: must be text, found {node.type_name}")
        return None
    value = node.raw if node.tag != "tag:yaml.org,2002:str" else node.value
    value = value.strip()
    if not value:
        if required:
            ctx.error(node, f"{ctx.name(field)}: is empty; it needs text")
        return None
    if len(value) > max_len:
        ctx.error(node, f"{ctx.name(field)}: is {len(value):,} characters long; at most {max_len:,} are allowed")
        return None
    control = CONTROL.search(value)
    if control is None and value.isascii():
        # stripped ASCII with no control character starts with a visible one, holds no noncharacter,
        # bidirectional control or isolate, and is its own NFC form: every check below passes
        return value
    if control:
        ctx.error(node, f"{ctx.name(field)}: contains the control character U+{ord(control.group()):04X}; remove it")
        return None
    if (odd := find_noncharacter(value)) is not None:
        ctx.error(node, f"{ctx.name(field)}: contains the noncharacter U+{ord(odd):04X}; remove it")
        return None
    if not visible(value):
        hidden = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in value if not c.isspace()))
        ctx.error(
            node,
            f"{ctx.name(field)}: has no visible character, only invisible ones ({hidden[:80]}); "
            "it would show as nothing: write the text",
        )
        return None
    if BIDI_OVERRIDE.search(value):
        ctx.error(
            node,
            f"{ctx.name(field)}: contains a bidirectional override character (U+202A-U+202E), "
            "which can disguise text; remove it",
        )
        return None
    if ISOLATE.search(value) and (problem := isolate_problem(value)):
        ctx.error(node, f"{ctx.name(field)}: {problem}")
        return None
    return unicodedata.normalize("NFC", value)


def identifier(ctx: FileContext, node: Node | None, field: str, pattern: str, example: str) -> str | None:
    """An ID written as text, e.g. "1.1.1": the raw text is used, so 4.1 is not read as a number."""
    if node is None:
        return None
    if node.kind != "scalar":
        ctx.error(node, f"{ctx.name(field)}: must be an ID such as {example}, found {node.type_name}")
        return None
    raw = node.raw.strip()
    if INVISIBLE_FORMAT.search(raw):
        ctx.error(node, f"{ctx.name(field)}: contains an invisible or direction-changing character; type the ID again")
        return None
    if not re.fullmatch(pattern, raw):
        ctx.error(node, f'{ctx.name(field)}: "{raw}" is not a valid ID; expected the form {example}')
        return None
    return raw


def choice(ctx: FileContext, node: Node | None, field: str, choices: Iterable[str]) -> str | None:
    if node is None:
        return None
    choices = tuple(choices)
    if node.kind != "scalar":
        ctx.error(node, f"{ctx.name(field)}: must be one of {one_of(choices)}, found {node.type_name}")
        return None
    raw = node.raw.strip()
    if raw not in choices:
        ctx.error(node, f'{ctx.name(field)}: "{raw}" is not allowed{suggest(raw, choices)}; allowed: {one_of(choices)}')
        return None
    return raw


def integer(ctx: FileContext, node: Node | None, field: str, lo: int, hi: int | None = None) -> int | None:
    if node is None:
        return None
    allowed = f"a whole number from {lo} to {hi}" if hi is not None else f"a whole number of at least {lo}"
    if node.kind != "scalar" or node.tag != "tag:yaml.org,2002:int" or isinstance(node.value, bool):
        found = f'"{node.raw}" ({node.type_name})' if node.kind == "scalar" else node.type_name
        ctx.error(node, f"{ctx.name(field)}: must be {allowed}, found {found}")
        return None
    if node.value < lo or (hi is not None and node.value > hi):
        ctx.error(node, f"{ctx.name(field)}: must be {allowed}, found {node.value}")
        return None
    if problem := integer_problem(node):
        ctx.error(node, f"{ctx.name(field)}: must be {allowed}, found {problem}")
        return None
    return node.value


def date(
    ctx: FileContext, node: Node | None, field: str, *, today: dt.date | None = None, earliest: dt.date | None = None
) -> dt.date | None:
    """A date written YYYY-MM-DD (quoted or not), a real calendar day, not after ``today`` (nor before ``earliest``)."""
    if node is None:
        return None
    match = ISO_DATE.fullmatch(node.raw.strip()) if node.kind == "scalar" and node.tag.endswith(":str") else None
    value: dt.date
    if match is not None:  # quoted: YAML left it text, so the calendar check is ours
        try:
            value = dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            ctx.error(
                node, f'{ctx.name(field)}: "{node.raw.strip()}" is not a real calendar date; write it as YYYY-MM-DD'
            )
            return None
    elif node.kind != "scalar" or node.tag != "tag:yaml.org,2002:timestamp" or isinstance(node.value, dt.datetime):
        found = f'"{node.raw}"' if node.kind == "scalar" else node.type_name
        ctx.error(node, f"{ctx.name(field)}: must be a date written YYYY-MM-DD (e.g. 2024-03-31), found {found}")
        return None
    else:
        value = node.value
    if today is not None and value > today:
        ctx.error(node, f"{ctx.name(field)}: {value.isoformat()} is in the future (today is {today.isoformat()})")
        return None
    if earliest is not None and value < earliest:
        ctx.error(
            node, f"{ctx.name(field)}: {value.isoformat()} is before {earliest.isoformat()}, too early; check the year"
        )
        return None
    return value


def node_date(node: Node | None) -> dt.date | None:
    """The date a node holds, if it is one, without reporting anything (for cross-file checks)."""
    if node is None or node.kind != "scalar":
        return None
    if isinstance(node.value, dt.date) and not isinstance(node.value, dt.datetime):
        return node.value
    match = ISO_DATE.fullmatch(node.raw.strip())
    try:
        return dt.date(*(int(part) for part in match.groups())) if match else None
    except ValueError:
        return None


def url(ctx: FileContext, node: Node | None, field: str, schemes: tuple[str, ...] = ("http", "https")) -> str | None:
    """A link: only the given schemes, never javascript:, data: or relative paths."""
    value = text(ctx, node, field, max_len=2000)
    if node is None or value is None:
        return None
    scheme, sep, rest = value.partition(":")
    if not sep or scheme.lower() not in schemes or SPACE.search(value) or INVISIBLE_FORMAT.search(value):
        ctx.error(
            node,
            f'{ctx.name(field)}: "{value[:80]}" is not an allowed link; '
            f"use a full {one_of(s + ':' for s in schemes)} address",
        )
        return None
    if scheme.lower() in ("http", "https") and (not rest.startswith("//") or rest == "//"):
        ctx.error(node, f'{ctx.name(field)}: "{value[:80]}" is not a complete web address (expected https://…)')
        return None
    return value


def boolean(ctx: FileContext, node: Node | None, field: str) -> bool | None:
    if node is None:
        return None
    if node.kind == "scalar" and node.tag == "tag:yaml.org,2002:str" and node.raw.strip() in YAML_1_1_BOOLEANS:
        ctx.error(
            node,
            f'{ctx.name(field)}: must be true or false, found "{node.raw.strip()}" (text: data files are read '
            "as YAML 1.2, where only true and false are yes/no values)",
        )
        return None
    if node.kind != "scalar" or node.tag != "tag:yaml.org,2002:bool":
        ctx.error(node, f"{ctx.name(field)}: must be true or false, found {node.type_name}")
        return None
    return bool(node.value)


def sequence(ctx: FileContext, node: Node | None, field: str, *, min_items: int = 0) -> list[Node]:
    if node is None:
        return []
    if node.kind != "seq":
        ctx.error(node, f"{ctx.name(field)}: must be a list (lines starting with '- '), found {node.type_name}")
        return []
    if len(node.value) < min_items:
        ctx.error(node, f"{ctx.name(field)}: needs at least {min_items} item(s), found {len(node.value)}")
    return node.value


def mapping(ctx: FileContext, node: Node | None, field: str) -> list[tuple[Node, Node]]:
    if node is None:
        return []
    if node.kind != "map":
        ctx.error(node, f"{ctx.name(field)}: must be a mapping (key: value lines), found {node.type_name}")
        return []
    return list(node.items())
