"""The city page as a report card (issue 12), measured in Chromium for every example city: its height,
chart text sizes, the main chart's width, tables that fit their column, print with every disclosure
open, and the site's search finding each city's page first.

The figures measured are written to test-artifacts/city-pages/<slug>.json (and the screenshots and PDFs
beside them), for the record the issue asks for.
"""

from __future__ import annotations

import json
import re

import browser_support as bs
import pytest
from browser_support import base_url, close_browser_at_the_end  # noqa: F401  (shared fixtures)
from city_page_metrics import CLOSE_DETAILS, measure

pytestmark = pytest.mark.browser

EXAMPLES = {  # slug: (name, region or None, country)
    "lumenport": ("Lumenport", "Borealis Lakes Metropolitan Region", "Canada"),
    "harrowmere": ("Harrowmere", "Wessex Vale", "United Kingdom"),
    "nea-kymothoi": ("Νέα Κυμοθόη", None, "Greece"),
}
HEIGHT_AT_1280 = 6_000  # px, disclosures closed, for the largest example city
SMALLEST_TEXT = 11  # CSS px, every SVG text at 390 and 1280 px
MAIN_CHART_SHARE = 0.8  # of the content column at 1280 px
OUT = bs.ARTIFACTS / "city-pages"


def _open(base_url: str, path: str, width: int, *, javascript: bool = True):
    context = bs.new_context(width=width, javascript=javascript)
    watch = bs.Watch()
    page = bs.open_page(context, watch)
    page.goto(base_url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    return context, page, watch


@pytest.mark.parametrize("kind", ("cities", "ratings"))
@pytest.mark.parametrize("slug", list(EXAMPLES))
def test_the_report_card_meets_its_targets(base_url, slug, kind):
    """The city page, and its ratings page (the 32 rows, each with its justification, evidence and history)."""
    figures: dict[str, dict] = {}
    name = slug if kind == "cities" else f"{slug}-ratings"
    for width in (1280, 390, 320):
        context, page, watch = _open(base_url, f"{kind}/{slug}/", width)
        try:
            closed = measure(page)
            opened = measure(page, details_open=True)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            figures[str(width)] = {"closed": closed, "open": opened, "overflow_open": overflow}
            where = f"{slug} at {width} px"
            assert closed["wideTables"] == [], f"{where}: tables wider than the column: {closed['wideTables']}"
            assert opened["wideTables"] == [], f"{where}, disclosures open: {opened['wideTables']}"
            assert overflow <= 0, f"{where}, disclosures open: the page is {overflow} px wider than the window"
            if width in (1280, 390) and kind == "cities":
                assert closed["textsUnder11"] == 0 and closed["smallestText"] >= SMALLEST_TEXT, (
                    f"{where}: chart text at {closed['smallestText']} px ({closed['smallestWhat']!r})"
                )
            if width == 1280 and kind == "cities":
                assert closed["height"] <= HEIGHT_AT_1280, f"{where}: {closed['height']} px tall"
                assert closed["mainChartRatio"] >= MAIN_CHART_SHARE, f"{where}: {closed['mainChartRatio']}"
            page.evaluate(CLOSE_DETAILS)
            OUT.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(OUT / f"{name}-{width}.png"), full_page=True)
            assert watch.problems() == []
        finally:
            context.close()
    (OUT / f"{name}.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("width", (1280, 390, 320))
def test_the_cities_index_fits_its_column(base_url, width):
    context, page, watch = _open(base_url, "cities/", width)
    try:
        figures = measure(page)
        assert figures["wideTables"] == [], figures["wideTables"]
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        if width < 700:  # one card per city: the row's cells stack, each with its label
            label = page.locator(".mmssc-cities-table tbody tr td[data-label]").first
            assert label.evaluate("td => getComputedStyle(td, '::before').content").startswith('"Country')
        OUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUT / f"cities-index-{width}.png"), full_page=True)
        assert watch.problems() == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ("", "fr/", "el/"))
def test_status_words_stay_inside_the_row_grid(base_url, lang):
    """Each row's status ("δεν τηρήθηκε η δέσμευση") fits its column at desktop width, or wraps in it."""
    context, page, watch = _open(base_url, f"{lang}ratings/harrowmere/", 1280)
    try:
        spill = page.evaluate(
            """() => [...document.querySelectorAll('.mmssc-rows summary > .mmssc-status')].map(e => {
                 const row = e.parentElement.getBoundingClientRect();
                 return [e.textContent, e.scrollWidth - e.clientWidth, e.getBoundingClientRect().right - row.right];
               }).filter(([, over, past]) => over > 0 || past > 0)"""
        )
        assert spill == [], f"{lang or 'en'}: status words past the row grid's edge: {spill[:3]}"
        assert watch.problems() == []
    finally:
        context.close()


@pytest.mark.parametrize("width", (390, 320))
@pytest.mark.parametrize("lang", ("", "fr/", "el/"))
def test_the_review_table_keeps_its_headings_whole_on_a_phone(base_url, lang, width):
    """Issue 25's review table: "City" and "Reviewer" (Ville, Examinateur, Πόλη, Ελεγκτής) beside a long
    characteristic name stay one line each (they broke mid-word), and the table still fits its column."""
    context, page, watch = _open(base_url, f"{lang}cities/harrowmere/", width)
    try:
        found = page.evaluate(
            """() => {
                 const review = document.querySelector('details.mmssc-review');
                 review.open = true;
                 const lines = th => {
                   const r = document.createRange();
                   r.selectNodeContents(th);
                   return r.getClientRects().length;
                 };
                 const heads = [...review.querySelectorAll('thead th')].map(th => [th.textContent, lines(th)]);
                 const table = review.querySelector('table').getBoundingClientRect();
                 return {heads, past: table.right - review.getBoundingClientRect().right};
               }"""
        )
        assert [h for h in found["heads"][1:] if h[1] != 1] == [], f"{lang or 'en'} at {width} px: {found['heads']}"
        assert found["past"] <= 0, f"{lang or 'en'} at {width} px: the table is {found['past']} px past its box"
        assert watch.problems() == []
    finally:
        context.close()


def test_rows_open_and_show_the_details(base_url):
    from playwright.sync_api import expect

    context, page, watch = _open(base_url, "ratings/lumenport/", 390)
    try:
        row = page.locator("details.mmssc-row").first
        body = row.locator(":scope > div")
        expect(body).to_be_hidden()
        row.locator("summary").click()
        expect(body).to_be_visible()
        expect(body.locator(".mmssc-evidence a").first).to_be_visible()
        expect(body.get_by_text("Level now at each assessment")).to_be_visible()
        # every row states its status in words, with an icon hidden from screen readers
        statuses = page.locator("details.mmssc-row .mmssc-status").all_text_contents()
        assert len(statuses) == 32 and all(re.search(r"[a-z]{4}", s) for s in statuses)
        # the icon is the status's ::before, with empty alternative text (mmssc.css): never read aloud
        icons = page.locator("details.mmssc-row .mmssc-status").evaluate_all(
            "els => els.map(e => getComputedStyle(e, '::before').content)"
        )
        assert len(icons) == 32 and all(re.fullmatch(r'"[✔✘▲■▼◆○]" / ""', icon) for icon in icons), icons[:3]
        # a row can be linked to, and the page leads back to the city's summary
        assert page.locator("details.mmssc-row#c-2-1-1").count() == 1
        back = page.get_by_role("link", name="its progress page")
        assert back.get_attribute("href") == "../../cities/lumenport/"
        assert watch.problems() == []
    finally:
        context.close()
    context, page, watch = _open(base_url, "cities/lumenport/", 390)
    try:
        # the summary's figures link to their details (on the page; the change to the ratings page, the outcomes
        # tile to the outcomes page)
        links = page.locator(".mmssc-summary a.mmssc-figure-link").evaluate_all("a => a.map(x => x.hash)")
        for href in [h for h in links if h]:
            assert page.locator(href).count() == 1, href
        hrefs = page.locator(".mmssc-summary a.mmssc-figure-link").evaluate_all(
            "a => a.map(x => x.getAttribute('href'))"
        )
        assert "../../ratings/lumenport/" in hrefs
        # both the characteristics section and the feedback invitation send to the ratings page
        ratings = page.get_by_role("link", name="the ratings page")
        assert ratings.count() == 2
        assert {ratings.nth(i).get_attribute("href") for i in range(2)} == {"../../ratings/lumenport/"}
        # "Start the next assessment": the self-assessment form, for this city
        start = page.get_by_role("link", name="Start the next assessment of this city")
        assert start.get_attribute("href") == "../../assess/?city=lumenport"
        assert watch.problems() == []
    finally:
        context.close()


def test_the_report_prints_with_every_disclosure_open(base_url):
    """With the script, ``beforeprint`` opens every disclosure; without it, print CSS shows their content."""
    OUT.mkdir(parents=True, exist_ok=True)
    context, page, watch = _open(base_url, "ratings/lumenport/", 1280)
    try:
        assert page.locator("details:not([open])").count() >= 32
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.locator("details:not([open])").count() == 0
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert page.locator("details[open]").count() == 0  # as the reader left them
        page.emulate_media(media="print")
        pdf = page.pdf(path=str(OUT / "lumenport-ratings.pdf"), format="A4", print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        assert 2 <= pages <= 16, f"{pages} pages"
        assert watch.problems() == []
    finally:
        context.close()
    context, page, _ = _open(base_url, "ratings/lumenport/", 1280, javascript=False)
    try:
        page.emulate_media(media="print")
        body = page.locator("details.mmssc-row > div").first
        assert body.is_visible(), "closed disclosures are printed without the script too"
    finally:
        context.close()
    context, page, _ = _open(base_url, "cities/lumenport/", 1280, javascript=False)
    try:
        page.emulate_media(media="print")
        dimensions = page.locator("details.mmssc-data", has_text="Typical levels by dimension").locator("table")
        assert dimensions.first.is_visible()
        page.pdf(path=str(OUT / "lumenport-no-js.pdf"), format="A4", print_background=True)
    finally:
        context.close()


def _search(page, words: str) -> str:
    query = page.locator("input[data-md-component='search-query']")
    query.click()
    query.fill("")
    query.press_sequentially(words, delay=20)  # Material searches on key presses
    first = page.locator(".md-search-result__item a").first
    first.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(300)  # the result list is replaced as the last key press is searched
    return page.locator(".md-search-result__item a").first.get_attribute("href") or ""


@pytest.mark.parametrize("slug", list(EXAMPLES))
def test_the_search_finds_the_city_page_first(base_url, slug):
    name, region, country = EXAMPLES[slug]
    context, page, watch = _open(base_url, "", 1280)
    try:
        for words in filter(None, (name, region, country)):
            href = _search(page, words)
            assert href.rstrip("/").endswith(f"cities/{slug}"), f"{words!r}: the first result is {href}"
        assert watch.problems() == []
    finally:
        context.close()
