"""The site's editions in the engine: one navigation per language, prose pages that fall back to
English, the language switcher's links, and one search index per language.

MkDocs builds one site with one navigation; the other languages' pages are ordinary pages under
their prefix (``fr/…``), so they are built in the same run from the same loaded data. What the
engine cannot know is done here:

* every language gets its own navigation, the configured one with its titles translated and its
  pages swapped for that language's (templates draw the ``nav`` they are given);
* a prose page of ``docs/`` with no translation (``docs/fr/contribute.md``) is copied into the
  language as English, its content marked ``lang="en"`` under a note that says so;
* the search plugin's one index is split into one per language (``fr/search/search_index.json``),
  so a search never returns another language's pages; the page's ``base`` (``overrides/main.html``)
  points the theme's search at its language's index.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section, _add_parent_links, _add_previous_and_next_links
from mkdocs.structure.pages import Page

from ..compute.crossrefs import build_crossrefs
from ..compute.localise import localise
from ..load.messages import read_translations
from ..model.catalogue import Catalogue
from ..publish.plan import Edition
from ..publish.project import Project
from ..site import urls
from ..site.languages import Language

SEARCH_INDEX = "search/search_index.json"
_TAG = re.compile(r"<[^>]*>")
# a Markdown link's or image's target, or an HTML href/src in a prose page: ](target) / href="target"
_LINK_TARGET = re.compile(r"""(\]\(|(?:href|src)=")([^)"\s#:]+(?:#[^)"\s]*)?)([)"])""")
# the search stemmers the theme ships (lunr-languages), which its search worker loads for an index's language
_STEMMERS = resources.files("material") / "templates" / "assets" / "javascripts" / "lunr" / "min"


class Generated(str):
    """A navigation title the plan made in its language (escaped HTML): not looked up in the catalogues."""

    __slots__ = ()


@dataclass
class Editions:
    """The languages of one build, the default first, and what the engine needs per language."""

    languages: list[Language]
    navs: dict[str, Navigation] = field(default_factory=dict)
    fallbacks: dict[str, str] = field(default_factory=dict)  # src_uri of a copied prose page → the English one
    catalogues: dict[str, Catalogue] = field(default_factory=dict)  # by language code, for the prose pages' macros

    @property
    def default(self) -> Language:
        return self.languages[0]

    def of(self, url_or_src: str) -> Language:
        """The language a page belongs to, by its address or source path."""
        first = url_or_src.split("/", 1)[0] + "/"
        for language in self.languages[1:]:
            if first == language.prefix:
                return language
        return self.default

    def catalogue_of(self, src_uri: str) -> Catalogue:
        """A page under a language's prefix (``fr/index.md``) gets that language's catalogue (localised:
        untranslated names stay marked English); the default language's pages, and a page copied in
        English into another language (its content is marked ``lang="en"``), get the default one."""
        default = self.catalogues[self.default.code]
        if src_uri in self.fallbacks:
            return default
        return self.catalogues.get(self.of(src_uri).code, default)

    def neutral(self, url: str) -> str:
        """A page's address within its language: 'fr/cities/x/' → 'cities/x/'."""
        prefix = self.of(url).prefix
        return url[len(prefix) :] if prefix else url

    # -- prose pages ------------------------------------------------------------------------------

    def add_fallbacks(self, files: Files, config: MkDocsConfig, generated: set[str]) -> None:
        """Each hand-written page missing in a language, copied there in English."""
        prose = [
            f
            for f in files.documentation_pages()
            if f.src_uri not in generated and self.of(f.src_uri).is_default and not f.generated_by
        ]
        for language in self.languages[1:]:
            for page in prose:
                src = language.prefix + page.src_uri
                if files.get_file_from_path(src) is None:
                    files.append(File.generated(config, src, content=page.content_string))
                    self.fallbacks[src] = page.src_uri

    def fallback_markdown(self, page: Page, markdown: str) -> str:
        """A copied prose page's Markdown, its links to shared files (schemas, data, assets) climbing
        out of the language folder, as they did from the English page's place."""
        up = "../" * self.of(page.file.src_uri).prefix.count("/")

        def climb(match: re.Match[str]) -> str:
            target = match.group(2)
            return match.group(1) + (up + target if urls.shared(target) else target) + match.group(3)

        return _LINK_TARGET.sub(climb, markdown)

    def mark_fallback(self, page: Page, content: str) -> str:
        """A copied prose page's HTML: a note in the page's language, then the English, marked as such."""
        language = self.of(page.file.src_uri)
        note = html.escape(language._("This page is not yet translated: it is shown in English."))
        return f'<p class="mmssc-translation-note" role="note">{note}</p>\n<div lang="en">{content}</div>'

    # -- navigation -------------------------------------------------------------------------------

    def build_navs(self, nav_data: dict[str, list[Any]], files: Files, config: MkDocsConfig) -> None:
        """One navigation per other language, from the configured one expanded for that language
        (``nav_data``, by language code; titles through the message catalogues)."""
        for language in self.languages[1:]:
            items = _nav_items(nav_data[language.code], language, files, config)
            _add_parent_links(items)
            pages = [item for item in _walk(items) if isinstance(item, Page)]
            _add_previous_and_next_links(pages)
            self.navs[language.code] = Navigation(items, pages)

    def add_to_context(
        self, context: dict[str, Any], page: Page, page_path: str, config: MkDocsConfig, exists: Callable[[str], bool]
    ) -> None:
        """The page's language in the theme's template context (``overrides/``), its switcher's links
        and its language's navigation. ``page_path`` and ``exists`` as for :meth:`alternates`."""
        language = self.of(page.file.src_uri)
        context["mmssc_lang"] = language.code
        context["mmssc_base"] = language.prefix  # the theme's search looks for its index there
        if not language.is_default:  # the theme writes the name as it is: escaped here
            context["mmssc_site_name"] = html.escape(language._(config.site_name))
        if len(self.languages) > 1:
            context["mmssc_alternates"] = self.alternates(page.url, page_path, config.site_url or None, exists)
        if language.code in self.navs:
            context["nav"] = self.navs[language.code]

    # -- the switcher -------------------------------------------------------------------------------

    def alternates(
        self, page_url: str, page_path: str, site_url: str | None, exists: Callable[[str], bool]
    ) -> list[dict[str, str]]:
        """The same page in every language, for the switcher and ``hreflang`` links.

        ``page_path`` is the page's address within its language (or a shell placeholder for it);
        ``href`` is relative to the page, ``absolute`` is set when the site's address is known. A page
        one language lacks (a translation's coverage page has no English twin) sends to its home."""
        up = "../" * page_url.count("/")
        out = []
        for language in self.languages:
            target = language.prefix + page_path
            if not exists(target):
                target = language.prefix
            entry = {"lang": language.code, "name": language.name, "href": (up + target) or "./"}
            if site_url:
                entry["absolute"] = site_url.rstrip("/") + "/" + target
            out.append(entry)
        return out

    # -- search ----------------------------------------------------------------------------------------

    def split_search_index(self, site_dir: Path, city_entries: dict[str, list[dict[str, Any]]]) -> None:
        """One search index per language, each with its own pages only (addresses within the language)."""
        path = site_dir / SEARCH_INDEX
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        docs: dict[str, list[dict[str, Any]]] = {language.code: [] for language in self.languages}
        for doc in index["docs"]:
            language = self.of(doc["location"])
            # a navigation title with English parts marked (Generated) is markup: the index holds text
            doc["title"] = _TAG.sub("", doc["title"])
            if language.prefix:
                doc["location"] = doc["location"][len(language.prefix) :]
            docs[language.code].append(doc)
        for language in self.languages:
            own = dict(index)
            own["config"] = dict(index["config"])
            if not language.is_default:
                stemmer = (_STEMMERS / f"lunr.{language.code}.min.js").is_file()
                own["config"]["lang"] = [language.code] if stemmer else ["en"]
            own["docs"] = docs[language.code] + city_entries.get(language.code, [])
            out = site_dir / language.prefix / SEARCH_INDEX
            out.parent.mkdir(parents=True, exist_ok=True)
            # the search plugin's own format: compact separators
            out.write_text(json.dumps(own, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def make_editions(project: Project, codes: list[str]) -> tuple[list[Edition], Editions]:
    """The site in each configured language (``codes``, the default first): the data was read and
    checked once, only the catalogue's words change (its translation, else English marked as such)."""
    languages = [Language(codes[0])]
    editions = [Edition(languages[0], project.catalogue, project.crossrefs)]
    catalogues: dict[str, Catalogue] = {codes[0]: project.catalogue}
    for code in codes[1:]:
        try:
            messages = read_translations(code)
        except FileNotFoundError as exc:
            raise PluginError(f"languages: {code!r} has no message catalogue ({exc.filename})") from None
        language = Language(code, f"{code}/", messages)
        languages.append(language)
        translation = project.translations.get(code)
        catalogue = localise(project.catalogue, translation)
        catalogues[code] = catalogue
        unofficial = translation is not None and not translation.official
        editions.append(Edition(language, catalogue, build_crossrefs(catalogue), unofficial))
    return editions, Editions(languages, catalogues=catalogues)


def _walk(items: list[Any]) -> list[Any]:
    out = []
    for item in items:
        out.append(item)
        if item.children:
            out.extend(_walk(item.children))
    return out


def _nav_items(data: list[Any], language: Language, files: Files, config: MkDocsConfig) -> list[Any]:
    """The configured navigation (``nav:`` entries, already expanded) for one language."""
    items: list[Any] = []
    for entry in data:
        title: str | None = None
        value = entry
        if isinstance(entry, dict):
            ((title, value),) = entry.items()
        if isinstance(value, list):
            # titles in the configuration are escaped (MkDocs templates do not escape): translate the text
            section = title if isinstance(title, Generated) else _translated(title or "", language)
            items.append(Section(section, _nav_items(value, language, files, config)))
            continue
        file = files.get_file_from_path(language.prefix + value)
        if file is None:
            items.append(Link(_translated(title or value, language), value))
            continue
        page = file.page or Page(None, file, config)
        if title is not None:
            # a weak_property: an instance value overrides it
            page.title = title if isinstance(title, Generated) else _translated(title, language)
        items.append(page)
    return items


def _translated(escaped_title: str, language: Language) -> str:
    return html.escape(language._(html.unescape(escaped_title)))
