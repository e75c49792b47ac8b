"""The ``mmssc`` MkDocs plugin: only the engine's events, each handing over to our package.

* ``on_config``: load and check all data (an invalid file stops the build before anything is
  written), plan the site in each language and add the generated sections to the navigation;
* ``on_files``: one virtual page per generated page (of the pages sharing a shell, city pages, only
  the placeholder: ``shell_pages.py``); start writing the data files beside the engine;
* ``on_page_context`` (before the search plugin): each virtual page's HTML and table of contents,
  drawn from the model just before it is written and dropped after (``on_post_page``, which also
  cuts the placeholder's output into the shell). Data text never passes through Markdown or Jinja;
* ``on_post_build``: the shelled pages on all cores, the sitemap, one search index per language.

The plugin lives as long as ``mkdocs serve`` (``on_startup``): the loaded data is instance state;
drawn city pages and files are kept on disk by content (``publish/reuse.py``).
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .. import collector, workers
from ..diagnostics import Report, Severity
from ..load.messages import shipped_languages
from ..model.catalogue import Catalogue
from ..publish.csp import with_policy
from ..publish.output import detach_from_store, write_files, write_groups
from ..publish.plan import plan_site
from ..publish.project import DataError, ProjectCache, load_project
from ..publish.prose_macros import ProseData
from ..publish.reuse import Reuse
from ..publish.shell import ShellError, compact
from ..site.languages import Language
from ..site.pages import GeneratedPage, Search, SitePlan
from .config import MmsscConfig
from .editions import Editions, make_editions
from .front_matter import front_matter
from .nav import expand_nav
from .search import city_search_entries, outline_entries
from .shell_pages import ShellPages, body, shell_key, toc
from .sitemap import SitemapError, add_language_alternates

log = logging.getLogger("mkdocs.plugins.mmssc")


class MmsscPlugin(BasePlugin[MmsscConfig]):
    def __init__(self) -> None:
        self.cache = ProjectCache()  # the data, read again only where files changed
        self.catalogue: Catalogue | None = None  # for the prose pages' macros (prose_data)
        self._reset()

    def _reset(self) -> None:
        self.plan: SitePlan | None = None
        self.reuse: Reuse | None = None  # drawn city outputs kept by content (publish/reuse.py)
        self.pages: dict[str, GeneratedPage] = {}  # pages the engine renders, by source path
        # per language, added to the search plugin's index: page outlines, then one entry per city
        self.search_entries: dict[str, list[dict[str, Any]]] = {}
        self.city_entries: dict[str, list[dict[str, Any]]] = {}
        self.editions = Editions([Language("en")])
        self.shell = ShellPages(self.editions)
        self.nav_data: list[Any] | None = None  # the configured navigation, before expansion
        self.page_urls: set[str] = set()  # every page's address, for the switcher and the sitemap
        self.background = workers.Background()  # the data files being written beside the engine
        self.content_policy = True  # each page gets its Content-Security-Policy (publish/csp.py)

    def prose_data(self) -> ProseData | None:
        """What the prose pages' macros need (``define_env``); None when the data has errors."""
        return ProseData(self.catalogue, self.editions.catalogue_of) if self.catalogue is not None else None

    # -- engine events, in the order MkDocs calls them -------------------------------------------

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # `mkdocs serve` adds its live-reload script inline, after the pages are made: no policy there
        self.content_policy = command != "serve"
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
        settings = self.config.settings(config.site_url or None)
        collector.keep()  # the model, then the plan, live for the whole build
        editions, self.editions = make_editions(project, self.config.languages)
        self.shell = ShellPages(self.editions)
        self.reuse = Reuse(cache_dir / "outputs" if cache_dir else None, settings)
        self.plan = plan_site(project, settings, editions, self.reuse)
        cities = project.registry.cities.values()
        for edition in editions:
            code = edition.language.code
            self.search_entries[code] = []
            self.city_entries[code] = city_search_entries(edition.catalogue, cities, edition.language)
        self.pages = {page.src_uri: page for page in self.shell.engine_pages(self.plan.pages)}
        collector.keep()
        if len(editions) > 1:
            # the theme draws its language switcher when this is set; the links are per page (overrides/)
            config.extra["alternate"] = True
        if config.nav:
            self.nav_data = config.nav
            config.nav = expand_nav(config.nav, self.plan, "")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for page in self.pages.values():
            files.append(File.generated(config, page.src_uri, content=front_matter(page)))
        # the prose of a shipped language the site is not published in (docs/el/ on an English-only site)
        unused = {f"{code}/" for code in shipped_languages()} - {lang.prefix for lang in self.editions.languages}
        for file in [f for f in files if f.src_uri.startswith(tuple(unused))]:
            files.remove(file)
        self.editions.add_fallbacks(files, config, set(self.pages))
        self.page_urls = {"" if f.url == "./" else f.url for f in files.documentation_pages()}
        self.page_urls.update(page.url for page in self.shell.pages())  # written later
        # The data files (open data, feeds, badges) need nothing the engine makes: they are written
        # on a core of their own while the engine draws its pages (the site folder is clean by now).
        assert self.plan is not None
        # made here, before the data files' worker starts: the open-data page measures the files, and
        # the worker then writes the same bytes instead of making them again
        self.plan.downloads.measure()
        store = self.reuse.entries if self.reuse else None
        self.background = workers.in_background(
            functools.partial(write_files, self.plan.files, Path(config.site_dir), store)
        )
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.nav_data and self.plan is not None:
            self.editions.build_navs(
                {lang.code: expand_nav(self.nav_data, self.plan, lang.prefix) for lang in self.editions.languages},
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
        self.shell.use_theme(env)
        return env

    @event_priority(100)  # before the search plugin reads the content
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        generated = self.pages.get(page.file.src_uri)
        page_path = self.editions.neutral(page.url)
        if generated is not None and generated.shared_shell:
            page_path = self.shell.fill_placeholder(page)
        elif generated is not None:
            rendered = generated.render()
            page.content = body(generated, rendered)
            page.toc = toc(rendered.headings)
            if generated.search is Search.OUTLINE:
                self.search_entries[generated.language] += outline_entries(
                    generated, rendered, self.editions.neutral(page.url)
                )
        shelled = generated is not None and generated.shared_shell
        ours: dict[str, Any] = context  # type: ignore[assignment]  # MkDocs types the context as its own keys
        ours["mmssc_heading"] = generated.heading if generated is not None and not shelled else None
        exists = (lambda url: True) if shelled else self._has_page
        self.editions.add_to_context(ours, page, page_path, config, exists)
        return context

    def on_build_error(self, *, error: Exception) -> None:
        self.background.cancel()

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.content_policy:  # every page, the shell of the city pages among them
            output = with_policy(output)
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return output
        page.content = None  # written: let the memory go
        if not generated.shared_shell:
            return compact(output)
        try:
            self.shell.cut(shell_key(generated), output, page)
        except ShellError as exc:
            raise PluginError(f"{generated.source or page.file.src_uri}: {exc}") from None
        # the engine writes this page: never into a file an earlier build linked from the store
        detach_from_store(Path(page.file.abs_dest_path))
        return self.shell.fill(generated, config.site_url or None)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if self.content_policy and template_name.endswith(".html"):  # 404.html
            return with_policy(output_content)
        return output_content

    @event_priority(-50)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The other shared-shell pages and the data files, on all cores, each streamed to disk."""
        assert self.plan is not None  # on_config made it
        site_dir = Path(config.site_dir)
        try:
            pages = self.shell.files(self.reuse, config.site_url or None)
        except ShellError as exc:
            raise PluginError(str(exc)) from None
        # on all cores, the data files' worker among them (it is likely still at work: it shares them)
        write_groups(pages, site_dir, self.reuse.entries if self.reuse else None)
        try:
            self.background.wait()
        except workers.BackgroundError as exc:
            raise PluginError(f"writing the data files failed:\n{exc}") from None
        if self.reuse is not None:
            self.reuse.prune()
        if pages and config.site_url:
            try:
                self.shell.add_to_sitemap(site_dir, config.site_url)
            except SitemapError as exc:
                raise PluginError(str(exc)) from None
        if config.site_url and len(self.editions.languages) > 1:
            prefixes = [(lang.code, lang.prefix) for lang in self.editions.languages]
            add_language_alternates(site_dir, config.site_url, prefixes, self._has_page)
        added = {code: self.search_entries.get(code, []) + entries for code, entries in self.city_entries.items()}
        self.editions.split_search_index(site_dir, added)


def _data_errors(report: Report) -> PluginError:
    """Every error in the data, each logged as ``path:line:col: error: message``."""
    for diagnostic in report.diagnostics:
        (log.error if diagnostic.severity is Severity.ERROR else log.info)(diagnostic.format())
    return PluginError(f"{len(report.errors)} error(s) in the data: nothing was built. Fix them and build again.")
