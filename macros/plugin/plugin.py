"""The ``mmssc`` MkDocs plugin: the thin adapter between the engine and ``publish``.

* ``on_config``: validate all data first (an invalid file stops the build before anything
  is written) and add the generated catalogue sections to the navigation;
* ``on_files``: add one virtual page per generated page, except for pages that share a shell
  (city pages): only the first of those is added, with placeholders (``publish/shell.py``);
  then start writing the data files (open data, feeds, badges) in a worker of their own,
  beside the engine drawing its pages on the other core;
* ``on_page_context`` (before the search plugin): give each virtual page its HTML body and
  table of contents, rendered straight from the model just before the page is written;
  ``on_post_page`` drops it again, so memory holds one generated page at a time. Data text
  never passes through Markdown or Jinja. The placeholder page's output becomes the shell;
* ``on_post_build``: write the shared-shell pages on all cores, each streamed to disk, wait
  for the data files, and list those pages in the sitemap; then add a small entry
  per city to the search index the search plugin has just written (city pages are left out
  of it: indexing their bodies would dominate the build).

The plugin object lives as long as ``mkdocs serve`` (it has ``on_startup``), so what it keeps
between builds (the loaded data) is plain instance state; drawn city pages and files are kept
on disk by content (``publish/reuse.py``), for the server's rebuilds and the next build alike.
"""

from __future__ import annotations

import functools
import gc
import html
import json
import logging
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin

from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils.templates import TemplateContext

from .. import workers
from ..compute.crossrefs import build_crossrefs
from ..compute.localise import localise
from ..diagnostics import Report, Severity
from ..load.messages import read_translations, shipped_languages
from ..model.catalogue import Catalogue
from ..publish.output import write_files
from ..publish.plan import Edition, plan_site
from ..publish.project import DataError, Project, ProjectCache, load_project
from ..publish.reuse import Reuse
from ..publish.shell import TOC_TOKENS, TOKENS, PageShell, ShellError, Slot, compact
from ..site import urls
from ..site.languages import Language
from ..site.pages import GeneratedFile, GeneratedPage, Heading, NavEntry, RenderedPage, Search, SitePlan
from ..site.settings import SiteSettings, build_date
from ..store import ContentStore, address
from .config import MmsscConfig
from .languages import Editions, Generated
from .search import city_search_entries, outline_entries
from .sitemap import SitemapError, add_language_alternates, add_to_sitemap

log = logging.getLogger("mkdocs.plugins.mmssc")


class MmsscPlugin(BasePlugin[MmsscConfig]):
    def __init__(self) -> None:
        self.cache = ProjectCache()  # the data, read again only where files changed
        self.catalogue: Catalogue | None = None  # for the prose pages' macros (macros_env)
        self._reset()

    def _reset(self) -> None:
        self.plan: SitePlan | None = None
        self.reuse: Reuse | None = None  # drawn city outputs kept by content (publish/reuse.py)
        self.pages: dict[str, GeneratedPage] = {}  # pages the engine renders, by source path
        # pages written through a shared shell, per language: the first of each is the placeholder
        self.shelled: dict[str, list[GeneratedPage]] = {}
        self.shells: dict[str, PageShell] = {}
        self.shell_digests: dict[str, str] = {}  # per language: what a city page's address adds for its shell
        self.toc_item: Template | None = None  # the theme's template of one table-of-contents entry
        self.toc_between = ""  # what the theme writes between two entries
        # a city page's table of contents as the theme writes it, by its headings: pages share a few
        self.tocs: dict[tuple[str, tuple[Heading, ...]], tuple[str, str]] = {}
        # per language, added to the search plugin's index: page outlines, then one entry per city
        self.search_entries: dict[str, list[dict[str, Any]]] = {}
        self.city_entries: dict[str, list[dict[str, Any]]] = {}
        self.editions = Editions([Language("en")])
        self.nav_data: list[Any] | None = None  # the configured navigation, before expansion
        self.page_urls: set[str] = set()  # every page's address, for the switcher and the sitemap
        self.background = workers.Background()  # the data files being written beside the engine

    # -- engine events, in the order MkDocs calls them -------------------------------------------

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        if command == "serve":
            workers.stay_in_process()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        # the data sits beside the configuration file (fixture sites in the tests have their own)
        root = Path(config.config_file_path).resolve().parent
        try:
            cache_dir = root / self.config.cache_dir if self.config.cache_dir else None
            project = load_project(root, self.cache, cache_dir=cache_dir)
        except DataError as exc:
            raise _data_errors(exc.report) from None
        for warning in project.report.warnings:
            # INFO, not WARNING: strict mode fails on logged warnings, and data warnings are advice
            log.info(warning.format())
        self.catalogue = project.catalogue
        settings = SiteSettings(
            today=build_date(),
            stale_after_months=self.config.stale_after_months,
            repository_url=self.config.repository_url or None,
            branch=self.config.branch,
            site_url=config.site_url or None,
        )
        # The model, then the plan, live for the whole build: move them out of the garbage
        # collector's sight, or every full collection walks millions of long-lived objects.
        gc.freeze()
        editions = self._editions(project)
        self.reuse = Reuse(cache_dir / "outputs" if cache_dir else None, settings)
        self.plan = plan_site(project, settings, editions, self.reuse)
        cities = project.registry.cities.values()
        for edition in editions:
            code = edition.language.code
            self.search_entries[code] = []
            self.city_entries[code] = city_search_entries(edition.catalogue, cities, edition.language)
        for page in self.plan.pages:
            if page.shared_shell:
                self.shelled.setdefault(page.language, []).append(page)
        placeholders = {id(pages[0]) for pages in self.shelled.values()}
        # the engine renders every page but the shelled ones, and the first of those with placeholders
        self.pages = {
            page.src_uri: page for page in self.plan.pages if not page.shared_shell or id(page) in placeholders
        }
        gc.freeze()
        if len(editions) > 1:
            # the theme draws its language switcher when this is set; the links are per page (overrides/)
            config.extra["alternate"] = True
        if config.nav:
            self.nav_data = config.nav
            config.nav = _expand_nav(config.nav, self.plan, "")
        return config

    def _editions(self, project: Project) -> list[Edition]:
        """The site in each configured language; the data was read and checked once, only the
        catalogue's words change (its translation, else English marked as such)."""
        codes = self.config.languages
        languages = [Language(codes[0])]
        editions = [Edition(languages[0], project.catalogue, project.crossrefs)]
        self.catalogues: dict[str, Catalogue] = {codes[0]: project.catalogue}  # for the prose pages' macros
        for code in codes[1:]:
            try:
                messages = read_translations(code)
            except FileNotFoundError as exc:
                raise PluginError(f"languages: {code!r} has no message catalogue ({exc.filename})") from None
            language = Language(code, f"{code}/", messages)
            languages.append(language)
            translation = project.translations.get(code)
            catalogue = localise(project.catalogue, translation)
            self.catalogues[code] = catalogue
            unofficial = translation is not None and not translation.official
            editions.append(Edition(language, catalogue, build_crossrefs(catalogue), unofficial))
        self.editions = Editions(languages)
        return editions

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for page in self.pages.values():
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
            front = "---\n" + "\n".join(f"{k}: {json.dumps(v)}" for k, v in meta.items()) + "\n---\n"
            files.append(File.generated(config, page.src_uri, content=front))
        # the prose of a shipped language the site is not published in (docs/el/ on an English-only site)
        unused = {f"{code}/" for code in shipped_languages()} - {lang.prefix for lang in self.editions.languages}
        for file in [f for f in files if f.src_uri.startswith(tuple(unused))]:
            files.remove(file)
        self.editions.add_fallbacks(files, config, set(self.pages))
        self.page_urls = {"" if f.url == "./" else f.url for f in files.documentation_pages()}
        self.page_urls.update(page.url for pages in self.shelled.values() for page in pages)  # written later
        # The data files (open data, feeds, badges) need nothing the engine makes: they are written
        # on a core of their own while the engine draws its pages (the site folder is clean by now).
        assert self.plan is not None
        store = self.reuse.entries if self.reuse else None
        self.background = workers.in_background(
            functools.partial(_write_paused, self.plan.files, Path(config.site_dir), store)
        )
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.nav_data and self.plan is not None:
            self.editions.build_navs(
                {lang.code: _expand_nav(self.nav_data, self.plan, lang.prefix) for lang in self.editions.languages},
                files,
                config,
            )
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.editions.fallbacks:
            return self.editions.fallback_markdown(page, markdown)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.editions.fallbacks:
            return self.editions.mark_fallback(page, html)
        return html

    def _has_page(self, url: str) -> bool:
        return url in self.page_urls

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.toc_item = env.get_template("partials/toc-item.html")
        return env

    @event_priority(100)  # before the search plugin reads the content
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        generated = self.pages.get(page.file.src_uri)
        page_path = self.editions.neutral(page.url)
        if generated is not None and generated.shared_shell:
            page.content = TOKENS[Slot.CONTENT]
            page.toc = _toc([Heading(2, token, token) for token in TOC_TOKENS])
            page_path = TOKENS[Slot.PAGE_PATH]
        elif generated is not None:
            rendered = generated.render()
            page.content = _body(generated, rendered)
            page.toc = _toc(rendered.headings)
            if generated.search is Search.OUTLINE:
                self.search_entries[generated.language] += outline_entries(
                    generated, rendered, self.editions.neutral(page.url)
                )
        language = self.editions.of(page.file.src_uri)
        ours: dict[str, Any] = context  # type: ignore[assignment]  # MkDocs types the context as its own keys
        ours["mmssc_lang"] = language.code
        ours["mmssc_base"] = language.prefix  # the theme's search looks for its index there
        if not language.is_default:  # the theme writes the name as it is: escaped here
            ours["mmssc_site_name"] = html.escape(language._(config.site_name))
        ours["mmssc_heading"] = generated.heading if generated is not None and not generated.shared_shell else None
        if len(self.editions.languages) > 1:
            exists = (lambda url: True) if generated is not None and generated.shared_shell else self._has_page
            ours["mmssc_alternates"] = self.editions.alternates(page.url, page_path, config.site_url or None, exists)
        if language.code in self.editions.navs:
            context["nav"] = self.editions.navs[language.code]
        return context

    def on_build_error(self, *, error: Exception) -> None:
        self.background.cancel()

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return output
        page.content = None  # written: let the memory go
        if not generated.shared_shell:
            return compact(output)
        try:
            self.shells[generated.language] = self._cut_shell(output, page)
        except ShellError as exc:
            raise PluginError(f"{generated.source or page.file.src_uri}: {exc}") from None
        self.shell_digests[generated.language] = self._shell_digest(self.shells[generated.language])
        # the engine writes this page: never into a file an earlier build linked from the store
        _replace_link(Path(page.file.abs_dest_path))
        return compact(self._fill_shell(generated, config))

    @event_priority(-50)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The other shared-shell pages and the data files, on all cores, each streamed to disk."""
        assert self.plan is not None  # on_config made it
        site_dir = Path(config.site_dir)
        later: list[GeneratedPage] = []
        for code, shelled in self.shelled.items():
            if len(shelled) > 1 and code not in self.shells:
                raise PluginError("the page shell for city pages was not made (its placeholder page was not built)")
            later += shelled[1:]
        reuse = self.reuse
        pages = [
            GeneratedFile(
                urls.html_path(page.url),
                content=functools.partial(self._shell_page_bytes, page, config),
                key=reuse.derive(page.key, self.shell_digests[page.language]) if reuse and page.key else None,
            )
            for page in later
        ]
        # on all cores, the data files' worker among them (it is likely still at work: it shares them)
        _write_paused(pages, site_dir, reuse.entries if reuse else None)
        try:
            self.background.wait()
        except workers.BackgroundError as exc:
            raise PluginError(f"writing the data files failed:\n{exc}") from None
        if self.reuse is not None:
            self.reuse.prune()
        if later and config.site_url:
            for (
                shelled
            ) in self.shelled.values():  # each language's beside its own placeholder, as the engine orders them
                try:
                    add_to_sitemap(
                        site_dir,
                        _canonical_url(config, shelled[0].url) or "",
                        [_canonical_url(config, p.url) or "" for p in shelled[1:]],
                    )
                except SitemapError as exc:
                    raise PluginError(str(exc)) from None
        if config.site_url and len(self.editions.languages) > 1:
            prefixes = [(lang.code, lang.prefix) for lang in self.editions.languages]
            add_language_alternates(site_dir, config.site_url, prefixes, self._has_page)
        added = {code: self.search_entries.get(code, []) + entries for code, entries in self.city_entries.items()}
        self.editions.split_search_index(site_dir, added)

    # -- the shared page shell ----------------------------------------------------------------------

    def _cut_shell(self, output: str, page: Page) -> PageShell:
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
        return PageShell.cut(output, placeholders)

    def _shell_digest(self, shell: PageShell) -> str:
        """Everything of a city page that the shell gives: its text, and how the theme writes a
        table of contents (an entry with a nested one, as city pages have)."""
        assert self.toc_item is not None
        probe = _toc([Heading(2, "probe-a", "A"), Heading(3, "probe-b", "B")])
        entries = self.toc_between.join(self.toc_item.render(toc_item=item) for item in probe)
        return address(*shell.pieces, "\0".join(shell.slots), self.toc_between, entries)

    def _fill_shell(self, page: GeneratedPage, config: MkDocsConfig) -> str:
        """The page as the engine would have written it, from the shell (the same escaping as on_files)."""
        shell = self.shells[page.language]
        rendered = page.render()
        toc, first_anchor = self._toc_html(page.language, rendered.headings)
        return shell.fill(
            {
                Slot.PAGE_PATH: html.escape(self.editions.neutral(page.url)),
                Slot.TITLE: html.escape(page.title),
                Slot.DESCRIPTION: html.escape(page.description),
                Slot.CANONICAL_URL: _canonical_url(config, page.url) or "",
                Slot.CONTENT: _body(page, rendered),
                Slot.TOC: toc,
                Slot.FIRST_ANCHOR: first_anchor,
            }
        )

    def _toc_html(self, language: str, headings: tuple[Heading, ...]) -> tuple[str, str]:
        """The table of contents of a page with these headings, and its first entry's link."""
        key = (language, headings)
        made = self.tocs.get(key)
        if made is None:
            assert self.toc_item is not None
            toc = _toc(headings)
            entries = self.toc_between.join(self.toc_item.render(toc_item=item) for item in toc)
            made = (entries, next(iter(toc)).url if toc else "#")
            if len(self.tocs) < _TOCS_MAX:
                self.tocs[key] = made
        return made

    def _shell_page_bytes(self, page: GeneratedPage, config: MkDocsConfig) -> bytes:
        return compact(self._fill_shell(page, config)).encode("utf-8")


_TOCS_MAX = 2_000  # distinct tables of contents kept (a few per language in practice)


_collector: list[bool] = []  # whether the garbage collector was on before _pause_collector


def _write_paused(files: list[GeneratedFile], site_dir: Path, store: ContentStore | None) -> None:
    _pause_collector()
    try:
        write_files(files, site_dir, store)
    finally:
        _resume_collector()


def _pause_collector() -> None:
    """No garbage collection while the city pages and data files are drawn and written: drawing makes
    little cyclic garbage, but each of the collector's runs walks every object the build holds (the
    engine's pages, the search index, growing with each language). Measured at 1,000 cities in one
    process: 40.5 s → 36.9 s with two languages; CPU per extra language 0.85-1.0 → 0.57 of English."""
    if not _collector:
        _collector.append(gc.isenabled())
        gc.collect()
        gc.freeze()
        gc.disable()


def _resume_collector() -> None:
    if _collector and _collector.pop():
        gc.enable()


def _replace_link(path: Path) -> None:
    """Remove a hard link to the store of drawn outputs before the engine writes at ``path`` in place."""
    try:
        if path.stat().st_nlink > 1:
            path.unlink()
    except FileNotFoundError:
        pass


def _body(page: GeneratedPage, rendered: RenderedPage) -> str:
    """The page's content, with its own h1 when the theme's plain title would not do (the theme then writes none)."""
    return f"<h1>{page.heading}</h1>{rendered.html}" if page.heading else rendered.html


def _data_errors(report: Report) -> PluginError:
    """Every error in the data, each logged as ``path:line:col: error: message``."""
    for diagnostic in report.diagnostics:
        (log.error if diagnostic.severity is Severity.ERROR else log.info)(diagnostic.format())
    return PluginError(f"{len(report.errors)} error(s) in the data: nothing was built. Fix them and build again.")


def _toc(headings: list[Heading] | tuple[Heading, ...]) -> TableOfContents:
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


def _nav_item(entry: NavEntry, prefix: str) -> dict[str, Any]:
    # MkDocs templates do not escape titles: ours are escaped (or marked-up) already, and not translated again
    title = Generated(entry.html or html.escape(entry.title))
    src = urls.src_uri(entry.url)[len(prefix) :]
    if not entry.children:
        return {title: src}
    return {title: [src, *(_nav_item(child, prefix) for child in entry.children)]}


def _expand_nav(nav: list[Any], plan: SitePlan, prefix: str) -> list[Any]:
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
                value = _expand_nav(value, plan, prefix)
                first = value[0] if value else None
                first_src = first if isinstance(first, str) else None
                if first_src in by_src:
                    value = value + [_nav_item(child, prefix) for child in by_src[first_src]]
            item = {title: value}
        out.append(item)
    return out


def _canonical_url(config: MkDocsConfig, url: str) -> str | None:
    site_url = config.site_url
    if not site_url:
        return None
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", url)
