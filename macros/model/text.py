"""Rich text of the catalogue: paragraphs, bullet lists and footnote marks, as the source writes them."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


Block = Paragraph | Bullets
Blocks = tuple[Block, ...]


# A footnote mark in rich text, "[^key]" (the key is a slug): read by the validator and the renderer.
FOOTNOTE_MARK = re.compile(r"\[\^([a-z0-9-]+)\]")


class Untranslated(str):
    """Catalogue text shown in English on a page in another language, because its translation is
    missing or stale (its English source changed since). The HTML builder marks it where it is shown
    (``lang="en"``, visibly "not yet translated"), so the fallback can never pass as a translation."""

    __slots__ = ()
