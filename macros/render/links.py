"""Links between generated pages, always relative to the page being rendered."""

from __future__ import annotations

from dataclasses import dataclass

from ..publish import urls
from .html import Content, Markup, link


@dataclass(frozen=True)
class Here:
    """The page being rendered; every internal link is made relative to it."""

    url: str

    def href(self, to_url: str) -> str:
        return urls.relative(self.url, to_url)

    def to(self, to_url: str, text: Content, **attrs: object) -> Markup:
        if attrs or type(text) is not str:
            return link(self.href(to_url), text, **attrs)
        # pages at one depth link to the same catalogue pages with the same words, thousands of times
        key = (self.href(to_url), text)
        made = _links.get(key)
        if made is None:
            made = link(key[0], text)
            if len(_links) < _LINKS_MAX:
                _links[key] = made
        return made


_links: dict[tuple[str, str], Markup] = {}
_LINKS_MAX = 100_000
