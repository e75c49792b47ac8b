"""Catalogue rich text (paragraphs, bullet lists, footnote marks) → HTML."""

from __future__ import annotations

from collections.abc import Callable

from ..model.catalogue import Footnote
from ..model.text import FOOTNOTE_MARK, Blocks, Bullets, Paragraph, Untranslated
from ..site.languages import ENGLISH, Language
from .html import Markup, esc, join, mark_untranslated, tag


def inline(
    text: str, footnotes: dict[str, Footnote] | None = None, anchor_prefix: str = "fn", *, lang: Language = ENGLISH
) -> Markup:
    """Escape ``text``, turning ``[^key]`` marks into footnote references (named in ``lang``)."""
    order = list(footnotes or {})
    out: list[str] = []
    pos = 0
    for match in FOOTNOTE_MARK.finditer(text):
        out.append(esc(text[pos : match.start()]))
        key = match.group(1)
        number = order.index(key) + 1 if key in order else "?"
        out.append(
            tag(
                "sup",
                tag(
                    "a",
                    f"[{number}]",
                    href=f"#{anchor_prefix}-{key}",
                    class_="mmssc-fnref",
                    aria_label=lang._("footnote {number}", number=number),
                ),
            )
        )
        pos = match.end()
    out.append(esc(text[pos:]))
    if type(text) is Untranslated:
        return mark_untranslated("".join(out))
    return Markup("".join(out))


def blocks(
    value: Blocks, footnotes: dict[str, Footnote] | None = None, anchor_prefix: str = "fn", *, lang: Language = ENGLISH
) -> Markup:
    parts: list[Markup] = []
    for block in value:
        if isinstance(block, Paragraph):
            parts.append(tag("p", inline(block.text, footnotes, anchor_prefix, lang=lang)))
        elif isinstance(block, Bullets):
            parts.append(
                tag("ul", [tag("li", inline(item, footnotes, anchor_prefix, lang=lang)) for item in block.items])
            )
    return join(parts)


def footnote_list(
    footnotes: dict[str, Footnote],
    cite: Callable[[str], Markup] | None = None,
    anchor_prefix: str = "fn",
    *,
    lang: Language = ENGLISH,
) -> Markup:
    if not footnotes:
        return Markup("")
    items = []
    for key, note in footnotes.items():
        extra = Markup(" ") + cite(note.standard) if (cite and note.standard) else Markup("")
        items.append(tag("li", note.text, extra, id=f"{anchor_prefix}-{key}"))
    return tag("section", tag("h2", lang._("Notes")), tag("ol", items), class_="mmssc-footnotes")


def plain(text: str) -> str:
    """Text without footnote marks (for tables and summaries); untranslated text stays marked as such."""
    out = FOOTNOTE_MARK.sub("", text)
    return Untranslated(out) if type(text) is Untranslated else out
