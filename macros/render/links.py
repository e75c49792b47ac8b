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
        return link(self.href(to_url), text, **attrs)
