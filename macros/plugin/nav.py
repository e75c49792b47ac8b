"""The configured navigation with the generated pages added beneath their sections."""

from __future__ import annotations

import html
from typing import Any

from ..site import urls
from ..site.pages import NavEntry, SitePlan
from .editions import Generated


def expand_nav(nav: list[Any], plan: SitePlan, prefix: str) -> list[Any]:
    """A nav section whose first page has generated children gets them appended: those of the
    language with ``prefix``, at source paths within the language (as the configured ones are)."""
    by_src = {
        urls.src_uri(url)[len(prefix) :]: children
        for url, children in plan.nav_children.items()
        if url.startswith(prefix)
    }
    out = []
    for item in nav:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            if isinstance(value, list):
                value = expand_nav(value, plan, prefix)
                first = value[0] if value else None
                first_src = first if isinstance(first, str) else None
                if first_src in by_src:
                    value = value + [_nav_item(child, prefix) for child in by_src[first_src]]
            item = {title: value}
        out.append(item)
    return out


def _nav_item(entry: NavEntry, prefix: str) -> dict[str, Any]:
    # MkDocs templates do not escape titles: ours are escaped (or marked-up) already, and not translated again
    title = Generated(entry.html or html.escape(entry.title))
    src = urls.src_uri(entry.url)[len(prefix) :]
    if not entry.children:
        return {title: src}
    return {title: [src, *(_nav_item(child, prefix) for child in entry.children)]}
