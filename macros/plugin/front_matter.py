"""How a generated page is announced to the engine: a virtual Markdown file holding front matter only
(its body is given as HTML just before the page is written)."""

from __future__ import annotations

import html
import json
from typing import Any

from ..publish.shell import TOKENS, Slot
from ..site.pages import GeneratedPage, Search


def front_matter(page: GeneratedPage) -> str:
    # MkDocs' templates do not escape: Material writes the title into <title> and the
    # header, and the description into <meta name="description" content="…"> as they are
    meta: dict[str, Any] = {"title": html.escape(page.title), "render_macros": False}
    if page.description:
        meta["description"] = html.escape(page.description)
    if page.shared_shell:  # the placeholder page
        meta["title"], meta["description"] = TOKENS[Slot.TITLE], TOKENS[Slot.DESCRIPTION]
    if page.wide:
        meta["hide"] = ["navigation", "toc"]
    if page.search is not Search.WHOLE:  # outlines are added after the search plugin wrote its index
        meta["search"] = {"exclude": True}
    # JSON is valid YAML: the front matter cannot be broken by any title text
    return "---\n" + "\n".join(f"{k}: {json.dumps(v)}" for k, v in meta.items()) + "\n---\n"
