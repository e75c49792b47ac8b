"""Pages written through one shared shell (``publish/shell.py``), on the engine's side.

The engine renders one placeholder page per language and folder (``cities/``, ``outcomes/``: the
theme's relative links are right only for pages of the placeholder's folder) with tokens in the slots;
its output is cut into that shell, and every other shelled page of that language and folder is filled
into it: its title, description,
canonical address, body and table of contents, each escaped as the engine would have, and the
table of contents drawn with the theme's own template (``partials/toc-item.html``).
"""

from __future__ import annotations

import functools
import html
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment, Template
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from ..memo import BoundedCache
from ..publish.reuse import Reuse
from ..publish.shell import TOC_TOKENS, TOKENS, PageShell, ShellError, Slot
from ..site import urls
from ..site.pages import GeneratedFile, GeneratedPage, Heading, RenderedPage
from ..store import address
from .editions import Editions
from .sitemap import add_to_sitemap


class ShellPages:
    """Each language's shell, cut from its placeholder page, and the pages filled into it."""

    def __init__(self, editions: Editions) -> None:
        self.editions = editions
        # by shell_key (language and folder)
        self.shells: dict[str, PageShell] = {}
        self.digests: dict[str, str] = {}  # what a page's address adds for its shell
        self.toc_item: Template | None = None  # the theme's template of one table-of-contents entry
        self.toc_between = ""  # what the theme writes between two entries
        # a city page's table of contents as the theme writes it, by its headings: pages share a few
        # (a few per language in practice)
        self.tocs: BoundedCache[tuple[str, str]] = BoundedCache(2_000)
        # pages written through a shared shell, by shell_key: the first of each is the placeholder
        self.shelled: dict[str, list[GeneratedPage]] = {}
        # the same pages in the plan's order, in runs: a language's shelled pages between two of its engine pages
        self.runs: list[list[GeneratedPage]] = []

    def engine_pages(self, planned: list[GeneratedPage]) -> list[GeneratedPage]:
        """The pages the engine renders: every page but the shelled ones, and the first of those
        in each language, with placeholders."""
        current: dict[str, list[GeneratedPage]] = {}  # each language's run so far
        for page in planned:
            if page.shared_shell:
                self.shelled.setdefault(shell_key(page), []).append(page)
                if page.language not in current:
                    self.runs.append(current.setdefault(page.language, []))
                current[page.language].append(page)
            else:
                current.pop(page.language, None)
        placeholders = {id(pages[0]) for pages in self.shelled.values()}
        return [page for page in planned if not page.shared_shell or id(page) in placeholders]

    def pages(self) -> list[GeneratedPage]:
        """Every shelled page, the placeholders among them."""
        return [page for pages in self.shelled.values() for page in pages]

    def use_theme(self, env: Environment) -> None:
        self.toc_item = env.get_template("partials/toc-item.html")

    def fill_placeholder(self, page: Page) -> str:
        """Give the placeholder page its tokens; returns the token for the page's address."""
        page.content = TOKENS[Slot.CONTENT]
        page.toc = toc([Heading(2, token, token) for token in TOC_TOKENS])
        return TOKENS[Slot.PAGE_PATH]

    def cut(self, key: str, output: str, page: Page) -> None:
        """Cut the placeholder page's output into the shell of ``key`` (:func:`shell_key`; :class:`ShellError`
        when it cannot)."""
        assert self.toc_item is not None and page.toc is not None
        first, second = (self.toc_item.render(toc_item=item) for item in page.toc)
        start = output.find(first)
        end = output.find(second, start)
        if start < 0 or end < 0:
            raise ShellError("the page template's output does not hold its table of contents as expected")
        self.toc_between = output[start + len(first) : end]
        placeholders = {slot: TOKENS[slot] for slot in (Slot.TITLE, Slot.DESCRIPTION, Slot.CONTENT)}
        if len(self.editions.languages) > 1:
            placeholders[Slot.PAGE_PATH] = TOKENS[Slot.PAGE_PATH]  # in the switcher's links
        placeholders[Slot.TOC] = output[start : end + len(second)]
        placeholders[Slot.FIRST_ANCHOR] = "#" + TOC_TOKENS[0]
        if page.canonical_url:
            placeholders[Slot.CANONICAL_URL] = page.canonical_url
        shell = PageShell.cut(output, placeholders)
        self.shells[key] = shell
        self.digests[key] = self._digest(shell)

    def _digest(self, shell: PageShell) -> str:
        """Everything of a city page that the shell gives: its text, and how the theme writes a
        table of contents (an entry with a nested one, as city pages have)."""
        assert self.toc_item is not None
        probe = toc([Heading(2, "probe-a", "A"), Heading(3, "probe-b", "B")])
        entries = self.toc_between.join(self.toc_item.render(toc_item=item) for item in probe)
        return address(*shell.pieces, "\0".join(shell.slots), self.toc_between, entries)

    def fill(self, page: GeneratedPage, site_url: str | None) -> str:
        """The page as the engine would have written it, from the shell (the same escaping as the adapter's),
        compacted as every generated page is (``publish/shell.py`` compact)."""
        shell = self.shells[shell_key(page)]
        rendered = page.render()
        toc_html, first_anchor = self._toc_html(page.language, rendered.headings)
        return shell.fill_compact(
            {
                Slot.PAGE_PATH: html.escape(self.editions.neutral(page.url)),
                Slot.TITLE: html.escape(page.title),
                Slot.DESCRIPTION: html.escape(page.description),
                Slot.CANONICAL_URL: canonical_url(site_url, page.url) or "",
                Slot.CONTENT: body(page, rendered),
                Slot.TOC: toc_html,
                Slot.FIRST_ANCHOR: first_anchor,
            }
        )

    def files(self, reuse: Reuse | None, site_url: str | None) -> list[list[GeneratedFile]]:
        """The shelled pages but the placeholders, filled into their shells, as files to write (each
        drawn when written), a city's pages in every language together (they share drawings)."""
        by_city: dict[str, list[GeneratedFile]] = {}
        for key, shelled in self.shelled.items():
            if len(shelled) > 1 and key not in self.shells:
                raise ShellError("the page shell for city pages was not made (its placeholder page was not built)")
            for page in shelled[1:]:
                by_city.setdefault(page.source or page.url, []).append(
                    GeneratedFile(
                        urls.html_path(page.url),
                        content=functools.partial(self._page_bytes, page, site_url),
                        key=reuse.derive(page.key, self.digests[key]) if reuse and page.key else None,
                    )
                )
        return list(by_city.values())

    def add_to_sitemap(self, site_dir: Path, site_url: str) -> None:
        """List the pages written from shells in the engine's sitemap, in the plan's order, as the engine would:
        each run of them beside its first page, a placeholder (:class:`SitemapError` when it did not list it)."""
        for shelled in self.runs:
            known, *others = (canonical_url(site_url, page.url) or "" for page in shelled)
            add_to_sitemap(site_dir, known, others)

    def _page_bytes(self, page: GeneratedPage, site_url: str | None) -> bytes:
        return self.fill(page, site_url).encode("utf-8")

    def _toc_html(self, language: str, headings: tuple[Heading, ...]) -> tuple[str, str]:
        """The table of contents of a page with these headings, and its first entry's link."""
        return self.tocs.get((language, headings), self._draw_toc, headings)

    def _draw_toc(self, headings: tuple[Heading, ...]) -> tuple[str, str]:
        assert self.toc_item is not None
        entries = toc(headings)
        return (
            self.toc_between.join(self.toc_item.render(toc_item=item) for item in entries),
            next(iter(entries)).url if entries else "#",
        )


def shell_key(page: GeneratedPage) -> str:
    """Which shell a page is filled into: its language's, for the folder holding it (``cities``,
    ``fr/outcomes``): a page's relative links in the theme are right for its own folder only."""
    return f"{page.language}:{page.url.rstrip('/').rpartition('/')[0]}"


def body(page: GeneratedPage, rendered: RenderedPage) -> str:
    """The page's content, with its own h1 when the theme's plain title would not do (the theme then writes none)."""
    return f"<h1>{page.heading}</h1>{rendered.html}" if page.heading else rendered.html


def toc(headings: list[Heading] | tuple[Heading, ...]) -> TableOfContents:
    """The engine's table of contents from a page's declared headings (h3s nest under their h2)."""
    tokens: list[dict[str, Any]] = []
    for heading in headings:
        # the theme's templates do not escape entries: give them escaped text, as for titles
        name = heading.html or html.escape(heading.title)
        token = {"level": heading.level, "id": heading.id, "name": name, "children": []}
        if heading.level == 3 and tokens:
            tokens[-1]["children"].append(token)
        elif heading.level == 2:
            tokens.append(token)
    return get_toc(tokens)  # type: ignore[arg-type]  # MkDocs types the tokens as its own TypedDict


def canonical_url(site_url: str | None, url: str) -> str | None:
    if not site_url:
        return None
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", url)
