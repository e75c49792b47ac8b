"""render/translation_pages.py: a language's coverage page."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

from macros.compute.crossrefs import CrossReferences
from macros.compute.localise import coverage, localise
from macros.diagnostics import Report
from macros.model.translations import TextKey, TranslatedText
from macros.render.context import PageContext, SiteData, render_page
from macros.render.html import Content, Markup
from macros.render.translation_pages import coverage_page
from macros.site.languages import Language
from macros.site.settings import SiteSettings
from macros.validate import load_translations


class Recording(PageContext):
    """A page that records the interface text it is given (each must come through _, n_ or _m)."""

    __slots__ = ()
    given: list[str] = []

    def _(self, message: str, /, **values: object) -> str:
        text = super()._(message, **values)
        Recording.given.append(text)
        return text

    def n_(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        text = super().n_(singular, plural, n, **values)
        Recording.given.append(text)
        return text

    def _m(self, message: str, /, **parts: Content) -> Markup:
        markup = super()._m(message, **parts)
        Recording.given.append(html_lib.unescape(re.sub(r"<[^>]+>", "", markup)))
        return markup


def _site(repo, catalogue):
    report = Report()
    fr = load_translations(repo / "criteria", catalogue, report, display_root=repo)["fr"]
    french = Language("fr", "fr/")
    site = SiteData(
        localise(catalogue, fr), CrossReferences(), [], SiteSettings(today=dt.date(2026, 1, 1)), french, True
    )
    return site, fr


def test_the_french_coverage_page(repo, catalogue) -> None:
    site, fr = _site(repo, catalogue)
    cov = coverage(catalogue, fr)
    rendered = render_page(site, "translation/", coverage_page, cov)
    html = rendered.html
    assert [h.id for h in rendered.headings] == [
        "coverage-summary",
        "coverage-dimension",
        "coverage-subdimension",
        "coverage-characteristic",
        "coverage-level",
        "coverage-family",
    ]
    assert "unofficial" in html
    assert "47 texts are translated." in html
    assert f"{cov.total - 47} texts are not yet translated." in html
    assert "0 texts are stale" in html
    # the English and the translation each marked with their language; links stay in the language
    assert '<td lang="en">Strategy management</td>' in html
    assert '<td lang="fr">Gestion de la stratégie</td>' in html
    assert '<a href="../criteria/1/"><span class="mmssc-id">1</span></a>' in html
    assert html.count('class="mmssc-coverage-translated"') == 47
    assert html.count('class="mmssc-coverage-missing"') == cov.total - 47
    assert "criteria/translations/fr.yaml" in html


def test_stale_and_escaped(repo, catalogue) -> None:
    site, fr = _site(repo, catalogue)
    key = TextKey("dimension", "1", "description")
    texts = {**fr.texts, key: TranslatedText("<b>ancienne</b> description", "an older text", 1, 1)}
    cov = coverage(catalogue, type(fr)(fr.language, fr.model_version, fr.path, fr.official, texts))
    html = render_page(site, "translation/", coverage_page, cov).html
    assert "1 text is stale: its English changed since it was translated." in html
    assert '<td lang="fr">&lt;b&gt;ancienne&lt;/b&gt; description</td>' in html
    assert "<b>ancienne" not in html


def test_no_translation_file(catalogue) -> None:
    site = SiteData(
        localise(catalogue, None), CrossReferences(), [], SiteSettings(today=dt.date(2026, 1, 1)), Language("el", "el/")
    )
    cov = coverage(catalogue, None, language="el")
    html = render_page(site, "translation/", coverage_page, cov).html
    assert "There is no translation of the catalogue into Ελληνικά yet" in html
    assert "0 texts are translated." in html


def test_every_interface_string_is_asked_for(repo, catalogue) -> None:
    """The page's own words all pass through page._ / page.n_ / page._m (so the extractor finds them)."""
    site, fr = _site(repo, catalogue)
    Recording.given.clear()
    cov = coverage(catalogue, fr)
    html = str(coverage_page(Recording(site, "translation/"), cov))
    data = {row.english for row in cov.rows} | {row.translation for row in cov.rows if row.translation}
    given = list(Recording.given)
    for text in {html_lib.unescape(t.strip()) for t in re.findall(r">([^<>]+)<", html)} - data - {""}:
        if re.fullmatch(r"[0-9.,—]+|[a-z]+|criteria/translations/(fr\.yaml|README\.md)", text):
            continue  # numbers, IDs, paths
        assert any(text in g for g in given), text
