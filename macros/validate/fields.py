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
from typing import TypeVar

from ..diagnostics import Report, one_of, suggest
from ..load.yaml_nodes import Node

T = TypeVar("T")

# Characters that make text look different from what it is (bidirectional overrides,
# zero-width joiners, byte-order marks): refused outright in identifiers, and in text
# only the bidirectional *overrides* are refused (isolates and marks are legitimate in
# right-to-left names).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_BIDI_OVERRIDE = re.compile("[\u202a-\u202e]")
_SPACE = re.compile(r"\s")
# C0 controls but tab and newline, and DEL: only YAML escapes ("\e", "\0") can put them in text
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class FileContext:
    """Where diagnostics for one file go."""

    path: str
    report: Report

    def error(self, node: Node, message: str) -> None:
        self.report.error(self.path, node.line, node.col, message)

    def warning(self, node: Node, message: str) -> None:
        self.report.warning(self.path, node.line, node.col, message)


class Fields:
    """The fields of one YAML mapping: ``get`` each one, then ``finish`` flags unknown keys."""

    def __init__(self, ctx: FileContext, node: Node | None, what: str, allowed: Iterable[str]):
        self.ctx = ctx
        self.node = node
        self.what = what
        self.allowed = tuple(allowed)
        self.ok = node is not None and node.kind == "map"
        if node is not None and not self.ok:
            ctx.error(node, f"{what} must be a mapping of fields (key: value), found {node.type_name}")

    def get(self, key: str, required: bool = True) -> Node | None:
        if not self.ok:
            return None
        value = self.node.value.get(key)
        if value is None and required:
            self.ctx.error(self.node, f'{self.what}: missing required field "{key}"')
        if value is not None and value.kind == "scalar" and value.tag.endswith(":null") and required:
            self.ctx.error(value, f'{self.what}: field "{key}" is empty; it needs a value')
            return None
        return value

    def has(self, key: str) -> bool:
        return self.ok and key in self.node.value

    def finish(self) -> None:
        if not self.ok:
            return
        for key_node, _ in self.node.items():
            if key_node.raw not in self.allowed:
                self.ctx.error(
                    key_node,
                    f'{self.what}: unknown field "{key_node.raw}"{suggest(key_node.raw, self.allowed)}; '
                    f"allowed fields: {', '.join(self.allowed)}",
                )


def _label(field: str) -> str:
    return f'field "{field}"'


def text(ctx: FileContext, node: Node | None, field: str, *, max_len: int = 5000, required: bool = True) -> str | None:
    """Free text: any scalar, as written (so "1984" or "yes" stay text). Never empty."""
    if node is None:
        return None
    if node.kind != "scalar" or node.tag.endswith(":null"):
        ctx.error(node, f"{_label(field)} must be text, found {node.type_name}")
        return None
    value = node.raw if node.tag != "tag:yaml.org,2002:str" else node.value
    value = value.strip()
    if not value:
        if required:
            ctx.error(node, f"{_label(field)} is empty; it needs text")
        return None
    if len(value) > max_len:
        ctx.error(node, f"{_label(field)} is {len(value):,} characters long; at most {max_len:,} are allowed")
        return None
    control = _CONTROL.search(value)
    if control:
        ctx.error(node, f"{_label(field)} contains the control character U+{ord(control.group()):04X}; remove it")
        return None
    if _BIDI_OVERRIDE.search(value):
        ctx.error(
            node,
            f"{_label(field)} contains a bidirectional override character (U+202A-U+202E), which can disguise text; remove it",
        )
        return None
    return unicodedata.normalize("NFC", value)


# Scripts whose letters look alike ("о" Cyrillic, "ο" Greek, "o" Latin): one word mixing them is
# how a name is made to look like another one (a look-alike city beside the real one).
_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_WORD = re.compile(r"\w+")


def mixed_script(value: str) -> str | None:
    """Why ``value`` has a word that mixes Latin, Cyrillic or Greek letters, or None."""
    for word in _WORD.findall(value):
        letters: dict[str, list[str]] = {}
        for char in word:
            if char.isalpha():
                script = unicodedata.name(char, "").split(" ", 1)[0]
                if script in _CONFUSABLE_SCRIPTS:
                    letters.setdefault(script, []).append(char)
        if len(letters) > 1:
            main, odd = sorted(letters, key=lambda s: -len(letters[s]))[:2]
            char = letters[odd][0]
            return (
                f'"{word}" mixes {main.title()} and {odd.title()} letters in one word '
                f'("{char}" U+{ord(char):04X} is {odd.title()}), which makes it look like another name; '
                "write each word in one script"
            )
    return None


def identifier(ctx: FileContext, node: Node | None, field: str, pattern: str, example: str) -> str | None:
    """An ID written as text, e.g. "1.1.1": the raw text is used, so 4.1 is not read as a number."""
    if node is None:
        return None
    if node.kind != "scalar":
        ctx.error(node, f"{_label(field)} must be an ID such as {example}, found {node.type_name}")
        return None
    raw = node.raw.strip()
    if _INVISIBLE.search(raw):
        ctx.error(node, f"{_label(field)} contains an invisible or direction-changing character; type the ID again")
        return None
    if not re.fullmatch(pattern, raw):
        ctx.error(node, f'{_label(field)}: "{raw}" is not a valid ID; expected the form {example}')
        return None
    return raw


def choice(ctx: FileContext, node: Node | None, field: str, choices: Iterable[str]) -> str | None:
    if node is None:
        return None
    choices = tuple(choices)
    if node.kind != "scalar":
        ctx.error(node, f"{_label(field)} must be one of {one_of(choices)}, found {node.type_name}")
        return None
    raw = node.raw.strip()
    if raw not in choices:
        ctx.error(node, f'{_label(field)}: "{raw}" is not allowed{suggest(raw, choices)}; allowed: {one_of(choices)}')
        return None
    return raw


def integer(ctx: FileContext, node: Node | None, field: str, lo: int, hi: int | None = None) -> int | None:
    if node is None:
        return None
    allowed = f"a whole number from {lo} to {hi}" if hi is not None else f"a whole number of at least {lo}"
    if node.kind != "scalar" or node.tag != "tag:yaml.org,2002:int" or isinstance(node.value, bool):
        found = f'"{node.raw}" ({node.type_name})' if node.kind == "scalar" else node.type_name
        ctx.error(node, f"{_label(field)} must be {allowed}, found {found}")
        return None
    if node.value < lo or (hi is not None and node.value > hi):
        ctx.error(node, f"{_label(field)} must be {allowed}, found {node.value}")
        return None
    return node.value


def date(
    ctx: FileContext, node: Node | None, field: str, *, today: dt.date | None = None, not_future: bool = True
) -> dt.date | None:
    if node is None:
        return None
    if node.kind != "scalar" or node.tag != "tag:yaml.org,2002:timestamp" or isinstance(node.value, dt.datetime):
        found = f'"{node.raw}"' if node.kind == "scalar" else node.type_name
        ctx.error(node, f"{_label(field)} must be a date written YYYY-MM-DD (e.g. 2024-03-31), found {found}")
        return None
    value: dt.date = node.value
    if not_future and today is not None and value > today:
        ctx.error(node, f"{_label(field)}: {value.isoformat()} is in the future (today is {today.isoformat()})")
        return None
    return value


def url(ctx: FileContext, node: Node | None, field: str, schemes: tuple[str, ...] = ("http", "https")) -> str | None:
    """A link: only the given schemes, never javascript:, data: or relative paths."""
    value = text(ctx, node, field, max_len=2000)
    if value is None:
        return None
    scheme, sep, rest = value.partition(":")
    if not sep or scheme.lower() not in schemes or _SPACE.search(value) or _INVISIBLE.search(value):
        ctx.error(
            node,
            f'{_label(field)}: "{value[:80]}" is not an allowed link; use a full {one_of(s + ":" for s in schemes)} address',
        )
        return None
    if scheme.lower() in ("http", "https") and (not rest.startswith("//") or rest == "//"):
        ctx.error(node, f'{_label(field)}: "{value[:80]}" is not a complete web address (expected https://…)')
        return None
    return value


def boolean(ctx: FileContext, node: Node | None, field: str) -> bool | None:
    if node is None:
        return None
    if node.kind != "scalar" or node.tag != "tag:yaml.org,2002:bool":
        ctx.error(node, f"{_label(field)} must be true or false, found {node.type_name}")
        return None
    return bool(node.value)


def sequence(ctx: FileContext, node: Node | None, field: str, *, min_items: int = 0) -> list[Node]:
    if node is None:
        return []
    if node.kind != "seq":
        ctx.error(node, f"{_label(field)} must be a list (lines starting with '- '), found {node.type_name}")
        return []
    if len(node.value) < min_items:
        ctx.error(node, f"{_label(field)} needs at least {min_items} item(s), found {len(node.value)}")
    return node.value


def mapping(ctx: FileContext, node: Node | None, field: str) -> list[tuple[Node, Node]]:
    if node is None:
        return []
    if node.kind != "map":
        ctx.error(node, f"{_label(field)} must be a mapping (key: value lines), found {node.type_name}")
        return []
    return list(node.items())


def each(ctx: FileContext, nodes: Iterable[Node], read: Callable[[Node], T | None]) -> list[T]:
    """Read every item, keeping the ones that were valid."""
    return [v for v in (read(n) for n in nodes) if v is not None]
