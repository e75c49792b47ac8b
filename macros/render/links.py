"""Links between generated pages, always relative to the page being rendered."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..memo import BoundedCache
from ..site import urls
from .html import Content, Markup, link


@dataclass(frozen=True)
class Here:
    """The page being rendered; every internal link is made relative to it, so a page in French
    links to the French pages without knowing the prefix (only shared files climb above it).

    ``made`` keeps plain links by (href, text) for the whole build: pages at one depth link
    to the same catalogue pages with the same words, thousands of times."""

    url: str  # the page's address within its language ("criteria/1-1-1/", also under "fr/")
    made: BoundedCache[Markup] = field(default_factory=lambda: links_cache(), compare=False, repr=False)
    language_depth: int = 0  # folders of the language prefix above the page ("fr/": 1)

    def href(self, to_url: str) -> str:
        """Pages and their files in the page's own language; shared files at the site root."""
        if self.language_depth and urls.shared(to_url):
            return "../" * (self.url.count("/") + self.language_depth) + to_url
        return urls.relative(self.url, to_url)

    def in_default(self, to_url: str) -> str:
        """A file published in the default language only (a city's ``badge.json``), from any language."""
        return "../" * (self.url.count("/") + self.language_depth) + to_url

    def to(self, to_url: str, text: Content, **attrs: object) -> Markup:
        if attrs or type(text) is not str:
            return link(self.href(to_url), text, **attrs)
        href = self.href(to_url)
        # text is a plain str (checked above): its type need not be part of the key
        return self.made.get((href, text), link, href, text)


def links_cache() -> BoundedCache[Markup]:
    """The links of one build (far fewer distinct ones than this bound)."""
    return BoundedCache(100_000)
