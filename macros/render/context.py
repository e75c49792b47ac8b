"""What every page body is rendered with: one :class:`PageContext` per page.

Each page-kind function of ``render`` takes the context first and the page's own subject
after it (``dimension_page(page, "1")``, ``city_page(page, city)``), and returns the body;
:func:`render_page` wraps that into a :class:`RenderedPage` with the headings the body
declared through :meth:`PageContext.heading`, so nothing parses our own HTML back.
"""

from __future__ import annotations

import functools
import itertools
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from typing import Any, TypeVar, cast

from ..compute.crossrefs import CrossReferences
from ..memo import BoundedCache
from ..model.assessments import City
from ..model.catalogue import Catalogue
from ..site import urls
from ..site.languages import ENGLISH, Language
from ..site.pages import Heading, RenderedPage
from ..site.settings import SiteSettings
from . import html
from .html import Content, Markup, join, render, tag
from .links import Here, links_cache

T = TypeVar("T")


@dataclass(frozen=True)
class SiteData:
    """Everything pages are made from, for one build."""

    catalogue: Catalogue
    crossrefs: CrossReferences
    cities: Sequence[City]
    settings: SiteSettings
    # the language the pages are drawn in; ``catalogue`` is already in it (compute/localise.py)
    language: Language = ENGLISH
    unofficial_catalogue: bool = False  # the catalogue's translation is not the standard's own
    # links already made, shared by every page of the build (see Here)
    links: BoundedCache[Markup] = field(default_factory=links_cache, compare=False, repr=False)
    # pieces of markup that no city's data changes, drawn once per edition (see PageContext.shared);
    # the bound is far above what the keys' combinations give (a few thousand)
    pieces: BoundedCache[Any] = field(default_factory=lambda: BoundedCache(50_000), compare=False, repr=False)


class PageContext:
    """One page being rendered: the site's data, where the page is, and what it has declared."""

    __slots__ = ("site", "catalogue", "crossrefs", "settings", "lang", "here", "headings", "_chart_ids", "_once")

    def __init__(self, site: SiteData, url: str) -> None:
        self.site = site
        self.catalogue = site.catalogue
        self.crossrefs = site.crossrefs
        self.settings = site.settings
        self.lang = site.language
        self.here = Here(url, site.links, site.language.prefix.count("/"))
        self.headings: list[Heading] = []
        self._chart_ids = itertools.count(1)
        self._once: dict[object, Any] = {}

    # -- interface text in the page's language (the calls ``scripts/i18n extract`` looks for) --

    def _(self, message: str, /, **values: object) -> str:
        """``message`` translated, ``{name}`` placeholders filled in (plain text: escaped where shown)."""
        return self.lang._(message, **values)

    def n_(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """The plural form for ``n`` in the page's language, ``{n}`` filled in."""
        return self.lang.n_(singular, plural, n, **values)

    def _m(self, message: str, /, **parts: Content) -> Markup:
        """``message`` translated, as markup: its own text escaped, each ``{name}`` replaced by
        ``parts[name]`` (escaped unless it is Markup: a link, a badge inside a sentence)."""
        return fill(self.lang.translations.gettext(message), parts)

    def n_m(self, singular: str, plural: str, n: int, /, **parts: Content) -> Markup:
        """:meth:`_m` with the plural form for ``n`` (``{n}`` is filled with the number)."""
        return fill(self.lang.translations.ngettext(singular, plural, n), {"n": n, **parts})

    def heading(self, level: int, content: Content, *, id: str | None = None, title: str | None = None) -> Markup:
        """An ``h2``/``h3``; with an ``id`` it is an entry of the table of contents.

        ``title`` is the entry's plain text, needed when ``content`` is markup (a link, a badge)."""
        heading = tag(f"h{level}", content, id=id)
        if id is not None:
            if title is None:
                if not isinstance(content, str) or isinstance(content, Markup):
                    raise TypeError(f"heading {id!r}: give the plain-text title of markup content")
                title = content
            # an entry with English catalogue text keeps its mark (without the heading's own links:
            # the entry is a link)
            inner = heading[heading.index(">") + 1 : -len(f"</h{level}>")]
            marked = _marked_text(inner) if "mmssc-untranslated" in inner else None
            self.headings.append(Heading(level, id, title, marked))
        return heading

    def once(self, key: object, make: Callable[[], T]) -> T:
        """``make()``, worked out once per page: figures that several sections of a page show."""
        if key not in self._once:
            self._once[key] = make()
        return cast(T, self._once[key])

    def shared(self, key: object, make: Callable[..., T], *args: object) -> T:
        """``make(*args)``, worked out once per edition: markup that depends only on ``key`` and the
        page's language and catalogue, never on a city (a row's name and link, a level's chip),
        which every city page repeats. ``key`` must hold whatever else the markup depends on
        (an ``href`` relative to the page, a level)."""
        return cast(T, self.site.pieces.get(key, make, *args))

    def chart_id(self) -> str:
        """A page-unique id for a chart's title and description."""
        return f"chart-{next(self._chart_ids)}"


_formatter = string.Formatter()


class _MarkedText(HTMLParser):
    """A heading's text with only its language marks kept (for its table-of-contents entry)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []  # per open element: its closing text ("" when not kept)
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "wbr", "input"):  # void: no end tag follows
            return
        values = dict(attrs)
        if values.get("aria-hidden") == "true" or self.hidden:
            self.hidden += 1
            self.stack.append("hidden")
        elif values.get("lang"):
            self.out.append(f'<span lang="{escape(values["lang"] or "")}" class="mmssc-untranslated">')
            self.stack.append("</span>")
        else:
            self.stack.append("")

    def handle_endtag(self, tag: str) -> None:
        closing = self.stack.pop() if self.stack else ""
        if closing == "hidden":
            self.hidden -= 1
        elif closing:
            self.out.append(closing)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.out.append(escape(data))


def _marked_text(markup: str) -> str:
    parser = _MarkedText()
    parser.feed(markup)
    parser.close()
    return "".join(parser.out)


def fill(template: str, parts: dict[str, Content]) -> Markup:
    """A translated sentence with markup in it: the sentence's own text is escaped, placeholders are
    rendered (so a translator's text can never become markup, and a link keeps its place in any word order)."""
    out: list[str] = []
    # a plain message's pieces are kept; text of another type (Untranslated) is drawn otherwise: parsed each time
    pieces = _parsed(template) if type(template) is str else _parse(template)
    for literal, name, spec in pieces:
        out.append(literal)
        if name is not None:
            value = parts[name]
            out.append(render(format(value, spec) if spec else value))
    return Markup("".join(out))


def _parse(template: str) -> tuple[tuple[str, str | None, str | None], ...]:
    """A message's pieces: its own text escaped, then the name and format of the placeholder after it."""
    return tuple((render(literal), name, spec) for literal, name, spec, _ in _formatter.parse(template))


# the interface has a few hundred messages, filled in on every page
_parsed = functools.lru_cache(maxsize=4096)(_parse)


def render_page(site: SiteData, url: str, draw: Callable[..., Markup], *subject: object) -> RenderedPage:
    """The body ``draw(page, *subject)`` makes for the page at ``url``, with its declared headings.

    On a page in another language than the catalogue's, a note says what is shown in English
    (text with no fresh translation, marked ``lang="en"``) and that the translation is unofficial."""
    page = PageContext(site, url)
    body = draw(page, *subject)
    if site.language.is_default:
        return RenderedPage(str(body), tuple(page.headings))
    notes: list[Content] = []
    if site.unofficial_catalogue:
        notes.append(page._("The names of the model's parts are an unofficial translation of the standard."))
    # looked for in the page itself: pieces drawn once and reused (caches) carry their marks too
    english = html.UNTRANSLATED_CLASS in body
    if notes or english:
        notes.append(page.here.to(urls.TRANSLATION, page._("What is translated")))
    if english:
        notes.insert(
            -1,
            page._m(
                "Some of the model's text is not yet translated: it is shown in English, marked {mark}.",
                mark=tag("span", "EN", class_="mmssc-untranslated-mark", lang="en"),
            ),
        )
    if notes:
        body = Markup(tag("p", join(notes, " "), class_="mmssc-translation-note", role="note") + body)
    return RenderedPage(str(body), tuple(page.headings))
