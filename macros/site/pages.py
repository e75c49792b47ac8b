"""Every generated page and file of the site, described independently of the site engine.

A :class:`GeneratedPage` has a stable URL, a plain-text title and a function that renders its
body on demand (so thousands of pages never sit in memory at once), returning the HTML with
the headings of its table of contents. The MkDocs plugin turns pages into virtual files; another
engine could do the same.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import BinaryIO

from . import urls
from .downloads import Downloads


class Search(Enum):
    """What of a page the site's search index holds."""

    WHOLE = "whole"  # its text, section by section (the engine's search plugin reads the body)
    # its title, description and headings only: the body lists cities, and each city has an entry
    # of its own (plugin/search.py); reading the body would cost more the more cities there are
    OUTLINE = "outline"
    NONE = "none"  # nothing (city and country pages: the cities' own entries lead to them)


@dataclass(frozen=True)
class Heading:
    """An entry of a page's table of contents: an ``h2`` or ``h3`` with an ``id``."""

    level: int
    id: str
    title: str  # plain text; the engine adapter escapes it
    # the entry as escaped HTML when plain text cannot say it all (catalogue text shown in English, marked)
    html: str | None = None


@dataclass(frozen=True)
class RenderedPage:
    html: str  # the page body, escaped HTML built by ``render``
    headings: tuple[Heading, ...] = ()  # in page order


@dataclass
class GeneratedPage:
    url: str
    title: str  # plain text; the engine adapter escapes it
    render: Callable[[], RenderedPage]
    description: str = ""
    source: str | None = None  # data file the page comes from, for "edit" links
    wide: bool = False  # needs the whole width (hide the side navigation)
    search: Search = Search.WHOLE  # what of the page the site's search index holds
    # one of many pages at the same depth, outside the navigation, that differ only in their own
    # title, description and body: written through one shared page shell (see publish/shell.py)
    shared_shell: bool = False
    language: str = "en"  # the code of the edition it belongs to (its URL carries the prefix)
    # the content address of everything the body is drawn from, when that is one city's folder and
    # the build's settings (publish/reuse.py); with the page shell's, it addresses the written page
    key: str | None = None
    # the h1's escaped HTML when the title cannot say it all as plain text (English parts marked lang="en")
    heading: str | None = None

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


@dataclass
class GeneratedFile:
    """A non-page output (JSON, CSV, SVG, Atom…) at a stable path.

    Large files give a ``writer`` that streams into an open binary file, so that an export of
    thousands of cities never sits in memory whole; small ones just give their ``content``."""

    path: str
    content: Callable[[], bytes] | None = None
    writer: Callable[[BinaryIO], None] | None = None
    # the content address of everything the file is made from, when that is one city's folder
    # and the build's settings (publish/reuse.py): the file is then kept in the store by it
    key: str | None = None

    def write(self, out: BinaryIO) -> None:
        if self.writer is not None:
            self.writer(out)
        elif self.content is not None:
            out.write(self.content())
        else:
            raise ValueError(f"{self.path}: a generated file needs content or a writer")

    def data(self) -> bytes:
        buffer = io.BytesIO()
        self.write(buffer)
        return buffer.getvalue()


@dataclass
class NavEntry:
    title: str
    url: str
    children: list[NavEntry] = field(default_factory=list)
    html: str | None = None  # the title as escaped HTML when it holds catalogue text shown in English


@dataclass
class SitePlan:
    pages: list[GeneratedPage]
    files: list[GeneratedFile]
    # a page URL → the entries shown beneath it in the navigation (bounded: never one per city)
    nav_children: dict[str, list[NavEntry]]
    # what the open-data page says of the files (their sizes: measured by making them)
    downloads: Downloads = field(default_factory=Downloads)
