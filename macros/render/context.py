"""What every page body is rendered with: one :class:`PageContext` per page.

Each page-kind function of ``render`` takes the context first and the page's own subject
after it (``dimension_page(page, "1")``, ``city_page(page, city)``), and returns the body;
:func:`render_page` wraps that into a :class:`RenderedPage` with the headings the body
declared through :meth:`PageContext.heading`, so nothing parses our own HTML back.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from ..compute.crossrefs import CrossReferences
from ..model.assessments import City
from ..model.catalogue import Catalogue
from ..site.pages import Heading, RenderedPage
from ..site.settings import SiteSettings
from .html import Content, Markup, tag
from .links import Here

T = TypeVar("T")


@dataclass(frozen=True)
class SiteData:
    """Everything pages are made from, for one build."""

    catalogue: Catalogue
    crossrefs: CrossReferences
    cities: Sequence[City]
    settings: SiteSettings
    # links already made, shared by every page of the build (see Here)
    links: dict[tuple[str, str], Markup] = field(default_factory=dict, compare=False, repr=False)


class PageContext:
    """One page being rendered: the site's data, where the page is, and what it has declared."""

    __slots__ = ("site", "catalogue", "crossrefs", "settings", "here", "headings", "_chart_ids", "_once")

    def __init__(self, site: SiteData, url: str) -> None:
        self.site = site
        self.catalogue = site.catalogue
        self.crossrefs = site.crossrefs
        self.settings = site.settings
        self.here = Here(url, site.links)
        self.headings: list[Heading] = []
        self._chart_ids = itertools.count(1)
        self._once: dict[object, Any] = {}

    def heading(self, level: int, content: Content, *, id: str | None = None, title: str | None = None) -> Markup:
        """An ``h2``/``h3``; with an ``id`` it is an entry of the table of contents.

        ``title`` is the entry's plain text, needed when ``content`` is markup (a link, a badge)."""
        if id is not None:
            if title is None:
                if not isinstance(content, str) or isinstance(content, Markup):
                    raise TypeError(f"heading {id!r}: give the plain-text title of markup content")
                title = content
            self.headings.append(Heading(level, id, title))
        return tag(f"h{level}", content, id=id)

    def once(self, key: object, make: Callable[[], T]) -> T:
        """``make()``, worked out once per page: figures that several sections of a page show."""
        if key not in self._once:
            self._once[key] = make()
        return cast(T, self._once[key])

    def chart_id(self) -> str:
        """A page-unique id for a chart's title and description."""
        return f"chart-{next(self._chart_ids)}"


def render_page(site: SiteData, url: str, draw: Callable[..., Markup], *subject: object) -> RenderedPage:
    """The body ``draw(page, *subject)`` makes for the page at ``url``, with its declared headings."""
    page = PageContext(site, url)
    body = draw(page, *subject)
    return RenderedPage(str(body), tuple(page.headings))
