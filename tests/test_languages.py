"""The site in its languages (macros/plugin/editions.py, site/languages.py): English at the root, French
and Greek under their prefixes, built in one run from one data load. Checked on the repository's own
build: each page's language, the switcher, the per-language search indexes and navigation, prose pages
that fall back to English, the catalogue's untranslated text marked, and no English interface text left
on a French or Greek page outside an element that says it is English."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, build_site, make_project

from macros.site.languages import Language

OTHER = ("fr", "el")
LANGUAGES = ("en", *OTHER)


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("index.html")]


def _language_of(site: Path, page: Path) -> str:
    first = page.relative_to(site).parts[0]
    return first if first in OTHER else "en"


def test_every_page_declares_the_language_of_its_edition(built_repo_site: Path) -> None:
    pages = _pages(built_repo_site)
    counts = dict.fromkeys(LANGUAGES, 0)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        declared = re.search(r'<html lang="([^"]+)"', text)
        assert declared, page
        assert declared.group(1) == _language_of(built_repo_site, page), page
        counts[declared.group(1)] += 1
    # every page of the English site exists in each other language, which also has its coverage page
    assert counts["fr"] == counts["el"] == counts["en"] + 1 > 80, counts
    assert (built_repo_site / "fr/criteria/translation/index.html").is_file()


def test_the_switcher_keeps_the_reader_on_the_same_page(built_repo_site: Path) -> None:
    for path in ("criteria/1-1-1/", "cities/nea-kymothoi/", "cities/lumenport/", "", "contribute/"):
        for lang in LANGUAGES:
            url = (f"{lang}/" if lang != "en" else "") + path
            text = (built_repo_site / url / "index.html").read_text(encoding="utf-8")
            links = re.findall(
                r'<a href="([^"]+)" hreflang="([a-z]+)" lang="[a-z]+" class="md-select__link"([^>]*)>', text
            )
            assert [code for _, code, _ in links] == list(LANGUAGES), (url, links)
            for href, code, rest in links:
                target = posixpath.normpath(posixpath.join(url, href))
                expected = (
                    posixpath.normpath((f"{code}/" if code != "en" else "") + path) if path or code != "en" else "."
                )
                assert target == expected, (url, href)
                assert ('aria-current="true"' in rest) == (code == lang)


def test_each_language_has_its_own_search_index(built_repo_site: Path) -> None:
    for lang in LANGUAGES:
        root = built_repo_site / (lang if lang != "en" else "")
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        locations = [doc["location"] for doc in index["docs"]]
        assert len(locations) > 100
        for location in locations:
            # within the language: no other edition's pages, and each one exists there
            assert not location.startswith(tuple(f"{code}/" for code in OTHER)), (lang, location)
            path = location.split("#", 1)[0]
            assert (root / path / "index.html").is_file() or (root / path).is_file(), (lang, location)
        # one entry per city, found by name in every language
        assert "cities/nea-kymothoi/" in locations
        # the pages that list every city are indexed by their outline, never their tables' text
        outline = [doc for doc in index["docs"] if doc["location"].split("#")[0] in ("cities/", "cities/compare/")]
        assert {"cities/", "cities/compare/", "cities/#all-cities"} <= {doc["location"] for doc in outline}
        assert all(len(doc["text"]) < 200 for doc in outline), [d for d in outline if len(d["text"]) >= 200]
        assert [doc["location"] for doc in outline].count("cities/") == 1
    # the theme's search looks for the index of the page's language
    french = (built_repo_site / "fr/criteria/1-1-1/index.html").read_text(encoding="utf-8")
    assert '"base": "../../../fr/"' in french


def test_a_language_navigation_stays_in_its_language(built_repo_site: Path) -> None:
    for lang in OTHER:
        page = f"{lang}/criteria/1-1-1/"
        text = (built_repo_site / page / "index.html").read_text(encoding="utf-8")
        hrefs = re.findall(r'class="md-nav__link[^"]*" href="([^"]+)"|href="([^"]+)" class="md-nav__link', text)
        targets = [posixpath.normpath(posixpath.join(page, a or b)) for a, b in hrefs if not (a or b).startswith("#")]
        assert len(targets) > 10
        assert all(t.startswith(f"{lang}/") or t == lang for t in targets), [
            t for t in targets if not t.startswith(lang)
        ]


def test_untranslated_catalogue_text_is_marked_english(built_repo_site: Path) -> None:
    french = (built_repo_site / "fr/criteria/1-1-1/index.html").read_text(encoding="utf-8")
    # the name is translated (criteria/translations/fr.yaml); the five criteria are not, and say so
    assert '<span lang="en" class="mmssc-untranslated">There is no published vision' in french
    assert 'class="mmssc-translation-note" role="note"' in french
    greek = (built_repo_site / "el/criteria/1-1-1/index.html").read_text(encoding="utf-8")
    assert '<span lang="en" class="mmssc-untranslated">An outcomes-focused city vision and strategy</span>' in greek
    english = (built_repo_site / "criteria/1-1-1/index.html").read_text(encoding="utf-8")
    assert "mmssc-untranslated" not in english and "mmssc-translation-note" not in english


def test_a_prose_page_without_translation_falls_back_to_english_marked(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    shutil.rmtree(project / "docs" / "el", ignore_errors=True)
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "el" / "contribute" / "index.html").read_text(encoding="utf-8")
    assert 'class="mmssc-translation-note" role="note"' in page
    assert '<div lang="en">' in page
    assert '<html lang="el"' in page


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        ("[fr, en]", "The first language must be 'en'"),
        ("[en, xx]", "'xx'"),
        ("[en, de]", "has no message catalogue"),
        ("[en, fr, fr]", "listed twice"),
    ],
)
def test_a_bad_languages_option_is_refused(tmp_path: Path, languages: str, message: str) -> None:
    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(
        re.sub(r"languages: \[[^\]]*\]", f"languages: {languages}", config.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    result = build_site(project)
    assert result.returncode != 0
    assert message in result.stderr + result.stdout


def test_the_sitemap_lists_every_language_of_each_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", REPO / "assessments")
    result = build_site(project, env={"SITE_URL": "https://example.org/mmssc/"})
    assert result.returncode == 0, result.stderr
    sitemap = (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(r"<url>\s*<loc>https://example.org/mmssc/el/cities/lumenport/</loc>(.*?)</url>", sitemap, re.S)
    assert entry, "the Greek city page is in the sitemap"
    alternates = re.findall(r'hreflang="([a-z]+)" href="([^"]+)"', entry.group(1))
    assert alternates == [
        ("en", "https://example.org/mmssc/cities/lumenport/"),
        ("fr", "https://example.org/mmssc/fr/cities/lumenport/"),
        ("el", "https://example.org/mmssc/el/cities/lumenport/"),
    ]


# --- no English left on a French or Greek page -----------------------------------------------------

# Words of English running text that are not French or Greek words (names such as MMSSC, ISO,
# JSON, PDCA are language-neutral and not listed).
ENGLISH_WORDS = frozenset(
    """the and of with this that from are not have has been which their there these those would could
    should about into than then when where while what how why who your you our its it's assessment
    assessments level levels city cities characteristic characteristics plans now years year show shows
    shown each every other more most only also because between""".split()
)
# a word inside a file name, a command or an address (city.yaml, new-assessment, cities/x) is not running text
_WORD = re.compile(r"(?<![\w./-])([A-Za-z][a-z’']+)(?![\w/-]|\.\w)")
# code and scripts are not prose; the document's <title> is plain text and cannot mark a part English
_SKIPPED = {"script", "style", "code", "pre", "svg", "title"}


class _ForeignText(HTMLParser):
    """Text of the page outside elements that declare another language than the page's (``lang``) and
    outside code; with the element path where it was found."""

    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = []  # (tag, lang, skipped)
        self.page_lang = page_lang
        self.found: list[tuple[str, str]] = []

    def _inside(self) -> tuple[str, bool]:
        lang = self.page_lang
        skipped = False
        for _tag, own, skip in self.stack:
            lang = own or lang
            skipped = skipped or skip
        return lang, skipped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "meta", "link", "input", "hr", "col", "source", "wbr", "area", "base"):
            return
        values = dict(attrs)
        self.stack.append(
            (tag, values.get("lang") or "", tag in _SKIPPED or "md-footer-copyright" in (values.get("class") or ""))
        )

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        lang, skipped = self._inside()
        if skipped or not lang.startswith(self.page_lang):
            return
        for word in _WORD.findall(data):
            if word.lower() in ENGLISH_WORDS:
                self.found.append((word, data.strip()[:80]))


@pytest.mark.parametrize("lang", OTHER)
def test_no_english_interface_text_is_left_on_french_and_greek_pages(built_repo_site: Path, lang: str) -> None:
    leftovers: dict[str, list[tuple[str, str]]] = {}
    pages = sorted((built_repo_site / lang).rglob("index.html"))
    assert len(pages) > 80
    for page in pages:
        parser = _ForeignText(lang)
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            leftovers[page.relative_to(built_repo_site).as_posix()] = parser.found[:5]
    report = "\n".join(f"{page}: {found}" for page, found in list(leftovers.items())[:25])
    assert not leftovers, f"English outside lang=en on {len(leftovers)} page(s):\n{report}"


def test_the_message_catalogues_are_complete_and_up_to_date(repo: Path) -> None:
    from macros.commands.i18n import problems

    found = problems(repo)
    assert not found, "\n".join(p.format() for p in found[:40])


def test_quotation_marks_are_the_languages_own() -> None:
    assert Language("en").quoted("confirmed") == "\u201cconfirmed\u201d"
    assert Language("fr").quoted("confirmée") == "\u00ab\u00a0confirmée\u00a0\u00bb"
    assert Language("el").quoted("επιβεβαιώθηκε") == "\u00abεπιβεβαιώθηκε\u00bb"


def test_a_list_in_a_sentence_is_separated_as_the_language_separates_it() -> None:
    assert [Language(code).semicolon for code in ("en", "fr", "el")] == ["; ", " ; ", "\u00b7 "]
