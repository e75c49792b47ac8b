"""Translations of the catalogue's texts into another language, as data (``criteria/translations/<lang>.yaml``).

A translated text is keyed by a :class:`TextKey` (what kind of node, its ID, which of its fields)
and records the English text it translates (``source``): when the catalogue's English changes,
the translation is *stale* and the page shows the English instead, marked as untranslated.

:func:`catalogue_texts` lists every translatable text of a catalogue, in catalogue order: the
validator checks keys against it, and the coverage page and the localiser read the English from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from .catalogue import LEVELS, Catalogue
from .text import Blocks, Bullets, Paragraph

# What can be translated, and the fields of each (the level criteria and Table 2's definitions
# are per level: "levels.3", "definitions.3").
Kind = Literal["dimension", "subdimension", "characteristic", "level", "family"]
KINDS: tuple[Kind, ...] = ("dimension", "subdimension", "characteristic", "level", "family")
# The section of a translation file that holds each kind, and the kind's plain-text fields.
SECTIONS: dict[Kind, str] = {
    "dimension": "dimensions",
    "subdimension": "subdimensions",
    "characteristic": "characteristics",
    "level": "levels",
    "family": "families",
}
TEXT_FIELDS: dict[Kind, tuple[str, ...]] = {
    "dimension": ("name", "description"),
    "subdimension": ("name",),
    "characteristic": ("name",),
    "level": ("name",),
    "family": ("name", "applies_to"),
}
# Fields holding one text per maturity level, and whether that text is rich text (Blocks).
LEVEL_FIELDS: dict[Kind, str] = {"characteristic": "levels", "family": "definitions"}

Translatable = str | Blocks  # a plain text, or rich text (a criterion: paragraphs and bullet lists)


@dataclass(frozen=True)
class TextKey:
    """One translatable text: ``TextKey("characteristic", "1.1.1", "levels.3")``."""

    kind: Kind
    id: str
    field: str  # "name", "description", "applies_to", "levels.<n>" or "definitions.<n>"

    @property
    def level(self) -> int | None:
        """The maturity level of a per-level field ("levels.3" → 3), else None."""
        head, _, number = self.field.partition(".")
        return int(number) if number and head in LEVEL_FIELDS.values() else None

    def __str__(self) -> str:
        return f"{self.kind} {self.id} {self.field}"


@dataclass(frozen=True)
class TranslatedText:
    """A text in the translation's language, with the English it was translated from."""

    text: Translatable
    source: Translatable  # the English text as it was when translated
    line: int  # where the entry is in the translation file
    column: int


@dataclass(frozen=True)
class CatalogueTranslation:
    """One language's translation of the catalogue (every valid entry of one file, fresh or stale)."""

    language: str  # a BCP 47 primary language subtag: "fr", "el"
    model_version: str  # the catalogue version it translates (criteria/model.yaml)
    path: str  # the file, as diagnostics name it
    official: bool  # published by ISO (or a national body) rather than by a community
    texts: dict[TextKey, TranslatedText]

    def fresh(self, key: TextKey, english: Translatable) -> Translatable | None:
        """The translation of ``key`` if it translates today's ``english``; None if missing or stale."""
        entry = self.texts.get(key)
        if entry is None or not same_text(entry.source, english):
            return None
        return entry.text


def catalogue_texts(catalogue: Catalogue) -> Iterator[tuple[TextKey, Translatable]]:
    """Every translatable text of ``catalogue`` with its English, in the order pages show them."""
    for dim in catalogue.dimensions.values():
        yield TextKey("dimension", dim.id, "name"), dim.name
        yield TextKey("dimension", dim.id, "description"), dim.description
    for sub in catalogue.subdimensions.values():
        yield TextKey("subdimension", sub.id, "name"), sub.name
    for ch in catalogue.characteristics.values():
        yield TextKey("characteristic", ch.id, "name"), ch.name
        for level, criterion in ch.criteria.items():
            yield TextKey("characteristic", ch.id, f"levels.{level}"), criterion.blocks
    for number, lvl in catalogue.levels.items():
        yield TextKey("level", str(number), "name"), lvl.name
    for fam in catalogue.families.values():
        yield TextKey("family", fam.id, "name"), fam.name
        yield TextKey("family", fam.id, "applies_to"), fam.applies_to
        for level in LEVELS:
            if level in fam.definitions:
                yield TextKey("family", fam.id, f"definitions.{level}"), fam.definitions[level]


def _words(value: str) -> str:
    return " ".join(value.split())


def _normal(value: Translatable) -> tuple:
    """A text compared by its words: line breaks and runs of spaces do not make a translation stale."""
    if isinstance(value, str):
        return (("p", _words(value)),)  # one paragraph, as rich text reads a plain string
    out: list[tuple] = []
    for block in value:
        if isinstance(block, Paragraph):
            out.append(("p", _words(block.text)))
        elif isinstance(block, Bullets):
            out.append(("bullets", *(_words(item) for item in block.items)))
    return tuple(out)


def same_text(source: Translatable, english: Translatable) -> bool:
    """Whether a translation's recorded ``source`` is still the catalogue's ``english``."""
    return _normal(source) == _normal(english)


def plain_text(value: Translatable) -> str:
    """A text as one line of plain words (rich text's paragraphs and items joined), for tables."""
    if isinstance(value, str):
        return _words(value)
    parts: list[str] = []
    for block in value:
        parts.extend([block.text] if isinstance(block, Paragraph) else block.items)
    return " ".join(_words(p) for p in parts)
