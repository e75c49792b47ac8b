"""Cross-references from the MMSSC to other standards and maturity models
(Table 3, Table 4, Annex B, Annex C and the footnotes of Annex A)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import Blocks


def standard_slug(designation: str) -> str:
    """'ISO/IEC 30145' → 'iso-iec-30145': the stable URL part of a standard's page."""
    return re.sub(r"[^a-z0-9]+", "-", designation.lower()).strip("-")


@dataclass(frozen=True)
class Standard:
    id: str  # the designation, e.g. "ISO/TS 37151"
    title: str
    title_from_source: bool
    description: str
    description_source: str
    misprinted_as: tuple[str, ...] = ()
    url: str | None = None
    cited_in: tuple[str, ...] = ()  # clauses citing it for the model as a whole (not one part of it)

    @property
    def slug(self) -> str:
        return standard_slug(self.id)


@dataclass(frozen=True)
class Support:
    """One bullet of Annex B: these standards help with this part of the model."""

    applies_to: str  # "4" (purposes overall), "4.1".."4.6", or a sub-dimension "1.1".."3.2"
    standards: tuple[str, ...]
    part: str | None
    text: str
    line: int


@dataclass(frozen=True)
class LocalGovernmentFunction:
    """One row of Annex C: an ISO 18091 function that contributes to a purpose."""

    purpose: str
    code: str
    name: str
    printed_as: str | None = None
    conflict: str | None = None


@dataclass(frozen=True)
class LevelCorrespondence:
    level: str
    description: str | None
    mmssc_levels: tuple[int, ...]


@dataclass(frozen=True)
class MaturityModel:
    id: str
    name: str
    standard: str | None
    connects_to: tuple[str, ...]
    connection: Blocks
    how_to_use: Blocks
    level_correspondence: tuple[LevelCorrespondence, ...]
    correspondence_note: str | None


@dataclass(frozen=True)
class Erratum:
    id: str
    title: str
    where: str
    source_says: str
    resolution: str


@dataclass
class References:
    standards: dict[str, Standard]
    annex_b_title: str
    supports: list[Support]
    functions_introduction: str
    functions: list[LocalGovernmentFunction]
    models_introduction: Blocks
    models: list[MaturityModel]
    errata: list[Erratum] = field(default_factory=list)

    @classmethod
    def empty(cls) -> References:
        """No cross-references: what the catalogue's structure is checked with before they are read."""
        return cls({}, "", [], "", [], (), [])
