"""The built site in a real browser: Debian's Chromium driven by Playwright, from a local server.

The site holds the example cities and the whole inert part of the hostile corpus. On every kind
of page: no JavaScript dialog opens, nothing is logged as an error, no request leaves 127.0.0.1,
the page's own content is visible, and nothing is wider than a phone's screen. The cities index
also works with JavaScript off. Screenshots at 1280 and 375 pixels go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import browser_support as bs
import pytest
from browser_support import base_url, close_browser_at_the_end  # noqa: F401  (shared fixtures)

pytestmark = pytest.mark.browser

CRITERION = (
    "There is no clear focus of accountability within the city administration for development and "
    "delivery of smart-enabled change at a city-wide level."
)
# kind, path, the h1, a text that must be visible on the page, a selector that must be visible
PAGES = [
    ("home", "", "Maturity Model for Smart Sustainable Communities", "is a simple, high-level diagnostic tool", None),
    ("criteria-table", "criteria/table/", "Achievement Criteria Table", CRITERION, "table"),
    ("characteristic", "criteria/1-2-1/", "1.2.1 Integrated governance for city-wide change", CRITERION, "table"),
    ("standard", "standards/iso-37120/", "ISO 37120", "ISO 37120", None),
    # city pages (issue 12): the summary tiles and the characteristic rows; their tables are in disclosures
    ("city", "cities/lumenport/", "Lumenport", "Promises kept", ".mmssc-summary"),
    (
        "hostile-city",
        "cities/html-script/",
        '<script>alert("name")</script>',
        '<script>alert("summary")</script>',
        ".mmssc-summary",
    ),
    # its ratings page: the 32 rows, each with the justification, evidence and history behind a disclosure
    (
        "hostile-ratings",
        "ratings/html-script/",
        '<script>alert("name")</script>, characteristic by characteristic',
        '<script>alert("name")</script>',
        ".mmssc-rows",
    ),
    ("long-city", "cities/long-strings/", "Longname" + "x" * 192, "Longregion", ".mmssc-summary"),
    (
        "long-ratings",
        "ratings/long-strings/",
        "Longname" + "x" * 192 + ", characteristic by characteristic",
        None,
        ".mmssc-rows",
    ),
    ("cities-index", "cities/", "Cities", "Lumenport", "table"),
    ("country", "cities/country/gb/", "Cities in United Kingdom", "Harrowmere", "table"),
    ("compare", "cities/compare/", "Compare peers", "Not a league table.", "table"),
    ("errata", "errata/", "Errata", None, None),
    ("accessibility", "accessibility/", "Accessibility", "Web Content Accessibility Guidelines", None),
]
WIDTHS = (1280, 375)
FULL_PAGE_LIMIT = 12_000  # taller pages (the criteria table) are shot as their first screen only


def _heading(page) -> str:
    return page.locator("article h1, .md-content h1").first.text_content().replace("¶", "").strip()


def _load(context, url: str, watch: bs.Watch):
    page = bs.open_page(context, watch)
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: HTTP {response.status if response else '?'}"
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind,path,h1,text,selector", PAGES, ids=[p[0] for p in PAGES])
def test_every_kind_of_page(base_url, kind, path, h1, text, selector, width):
    from playwright.sync_api import expect

    watch = bs.Watch()
    context = bs.new_context(width=width)
    try:
        page = _load(context, base_url + path, watch)
        assert _heading(page) == h1
        if text:
            expect(page.get_by_text(text, exact=False).first).to_be_visible()
        if selector:
            expect(page.locator(f"article {selector}, .md-content {selector}").first).to_be_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than the {width}px window"
        bs.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tall = page.evaluate("document.documentElement.scrollHeight") > FULL_PAGE_LIMIT
        page.screenshot(path=str(bs.SCREENSHOTS / f"{kind}-{width}.png"), full_page=not tall)
        page.wait_for_timeout(200)  # a late dialog or error would still be recorded
        assert watch.problems() == []
        assert all(url.startswith(base_url) or url.startswith(("data:", "blob:")) for url in watch.requests)
    finally:
        context.close()


@pytest.mark.parametrize("kind", ("cities", "ratings"))
@pytest.mark.parametrize("case", bs.cases("inert"), ids=[c["id"] for c in bs.cases("inert")])
def test_hostile_city_pages_stay_inert_in_the_browser(base_url, case, kind):
    """The city page and its ratings page (every justification, evidence title and view)."""
    watch = bs.Watch()
    context = bs.new_context()
    try:
        page = _load(context, f"{base_url}{kind}/{bs.folder_name(case)}/", watch)
        assert _heading(page) == (
            case["name"] if kind == "cities" else f"{case['name']}, characteristic by characteristic"
        )
        for details in page.locator("details").all():  # open everything: hidden text is rendered too
            details.evaluate("element => { element.open = true; }")
        page.mouse.move(300, 300)
        page.wait_for_timeout(100)
        assert (
            page.locator(
                "article script, article iframe, article object, article embed, article form, "
                "article img[onerror], article base, article meta"
            ).count()
            == 0
        )
        title = " ".join(case["name"].split())  # the browser collapses white space in <title>
        assert " ".join(page.evaluate("document.title").split()).startswith(title)
        assert watch.problems() == []
    finally:
        context.close()


def test_search_results_for_hostile_text_are_inert(base_url):
    watch = bs.Watch()
    context = bs.new_context()
    try:
        page = _load(context, base_url, watch)
        query = page.locator("input[data-md-component='search-query']")
        query.click()
        # city pages are not in the search index (publish/pages.py), but the cities index and the
        # comparison are, with every hostile name in their text
        for words in ("onmouseover", "peer group", "fictional"):
            query.fill("")
            query.press_sequentially(words, delay=10)  # Material searches on key presses
            page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
            results = page.locator(".md-search-result")
            assert results.locator("img, script, iframe, object, embed, form, style, meta, base").count() == 0
            if words == "onmouseover":
                assert "<script>" in results.text_content()  # shown as text
        page.wait_for_timeout(300)
        assert watch.problems() == []
    finally:
        context.close()


def test_the_cities_index_works_without_javascript(base_url):
    from playwright.sync_api import expect

    watch = bs.Watch()
    context = bs.new_context(javascript=False)
    try:
        page = _load(context, base_url + "cities/", watch)
        rows = page.locator(".mmssc-cities-table tbody tr")
        expect(rows).to_have_count(3 + len(bs.cases("inert")))
        expect(page.locator(".mmssc-filter-box input")).to_be_hidden()  # the filter needs the script
        first = rows.first.locator("th a")
        name = first.text_content()
        first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(base_url + "cities/") and page.url != base_url + "cities/"
        assert _heading(page) == name
        assert watch.problems() == []
    finally:
        context.close()


def test_the_cities_index_filters_and_sorts_with_javascript(base_url):
    from playwright.sync_api import expect

    watch = bs.Watch()
    context = bs.new_context()
    try:
        page = _load(context, base_url + "cities/", watch)
        table = page.locator(".mmssc-cities-table table")
        filter_box = page.locator(".mmssc-filter-box input")
        expect(filter_box).to_be_visible()
        filter_box.fill("harrow")
        expect(table.locator("tbody tr:visible")).to_have_count(1)
        expect(table.locator("tbody tr:visible th")).to_contain_text("Harrowmere")
        filter_box.fill("")
        expect(table.locator("tbody tr:visible")).to_have_count(3 + len(bs.cases("inert")))
        header = table.locator("thead th").nth(5)  # "Assessments": a number, sorted as one
        header.locator("button").click()
        expect(header).to_have_attribute("aria-sort", "ascending")
        counts = [int(c) for c in table.locator("tbody tr td:nth-of-type(5)").all_text_contents()]
        assert counts == sorted(counts)
        header.locator("button").click()
        expect(header).to_have_attribute("aria-sort", "descending")
        counts = [int(c) for c in table.locator("tbody tr td:nth-of-type(5)").all_text_contents()]
        assert counts == sorted(counts, reverse=True)
        assert watch.problems() == []
    finally:
        context.close()
