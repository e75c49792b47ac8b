"""Issue 24's pages in a real browser, in the three languages, at a phone's and a desktop's width: the
outcomes page (charts' text at least 11 px, no table wider than the column, statuses in words with an
icon, the gap for disaggregated indicators), the city page's tile and rows, and an across-city page.
axe-core runs on the same pages in tests/test_accessibility.py."""

from __future__ import annotations

import browser_support as bs
import pytest
from browser_support import base_url, close_browser_at_the_end  # noqa: F401  (shared fixtures)

pytestmark = pytest.mark.browser

SMALLEST_TEXT = 11  # CSS px
LANGUAGES = {
    "": ("Outcomes in Lumenport", "the gap is narrowing"),
    "fr/": ("Résultats à Lumenport", "l’écart est en réduction"),
    "el/": ("Αποτελέσματα: Lumenport", "απόσταση: μειώνεται"),
}

_MEASURE = """() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const column = document.querySelector('.md-content__inner').getBoundingClientRect();
  const texts = [...document.querySelectorAll('svg.mmssc-indicator-chart text')].map(
    t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
  const tables = [...document.querySelectorAll('.md-content table')].map(t => t.getBoundingClientRect().width);
  // a table's header cell narrower than its longest word: the word is broken inside ("Anné|e")
  const canvas = document.createElement('canvas').getContext('2d');
  const broken = () => [...document.querySelectorAll('.mmssc-indicator table th')].filter(th => {
    const style = getComputedStyle(th);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const word = Math.max(...th.textContent.split(/\\s+/).map(w => canvas.measureText(w).width));
    const inner = th.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return inner + 0.5 < word;
  }).map(th => th.textContent);
  return {
    column: column.width,
    charts: document.querySelectorAll('svg.mmssc-indicator-chart').length,
    smallest: Math.min(...texts),
    widest: Math.max(...tables),
    statuses: [...document.querySelectorAll('.mmssc-indicator .mmssc-outcome')].map(s => s.textContent.trim()),
    icons: document.querySelectorAll('.mmssc-outcome .mmssc-status-icon[aria-hidden="true"]').length,
    gaps: [...document.querySelectorAll('.mmssc-gap')].map(p => p.textContent),
    h1: document.querySelector('.md-content h1').textContent.replace('¶', '').trim(),
    broken: broken(),
  };
}"""


@pytest.mark.parametrize("width", (1280, 390))
@pytest.mark.parametrize("prefix", list(LANGUAGES))
def test_the_outcomes_page_in_three_languages(base_url, prefix, width):
    title, narrowing = LANGUAGES[prefix]
    context = bs.new_context(width=width)
    watch = bs.Watch()
    page = bs.open_page(context, watch)
    try:
        page.goto(f"{base_url}{prefix}outcomes/lumenport/", wait_until="load")
        m = page.evaluate(_MEASURE)
        assert m["h1"] == title
        assert m["charts"] >= 6  # five indicators, one of them by sex and by age: two charts
        assert m["smallest"] >= SMALLEST_TEXT, m
        assert m["widest"] <= m["column"] + 0.5, m
        assert m["broken"] == [], m["broken"]  # "Année", "Groupe", "Valeur (…)": no word broken inside
        # every indicator's status in words (at least four letters) with its icon hidden from screen readers
        assert len(m["statuses"]) == 5 and all(len(s) > 4 for s in m["statuses"]) and m["icons"] >= 5
        # the broadband by district: the gap narrows (worked out: 25.7 in 2017, 17 in 2024)
        assert any(narrowing in gap for gap in m["gaps"]), m["gaps"]
        assert watch.problems() == []
    finally:
        context.close()


def test_the_city_page_shows_the_tile_the_rows_and_the_untracked_claim(base_url):
    context = bs.new_context(width=390)
    page = bs.open_page(context, bs.Watch())
    try:
        page.goto(f"{base_url}cities/lumenport/", wait_until="load")
        tile = page.locator(".mmssc-summary .mmssc-tile", has_text="Outcomes")
        assert tile.locator("a").text_content() == "5 indicators"
        assert tile.locator("a").get_attribute("href") == "../../outcomes/lumenport/"
        page.goto(f"{base_url}ratings/lumenport/", wait_until="load")  # the rows: the city's ratings page
        rows = page.locator("details.mmssc-row")
        text = rows.evaluate_all("rs => rs.map(r => r.querySelector('.mmssc-tracked')?.textContent || '')")
        assert "4.1 Attractiveness: level 4 requires tracking indicators of attractiveness; none are published." in text
        assert any(t.startswith("Indicators tracking it: Residents satisfied with their life") for t in text)
    finally:
        context.close()


def test_the_across_city_page_lists_every_city_reporting_it_never_ranked(base_url):
    context = bs.new_context(width=390)
    page = bs.open_page(context, bs.Watch())
    try:
        page.goto(f"{base_url}indicators/iso-37120-2018-23-4/", wait_until="load")
        items = page.locator("ul.mmssc-standard-indicator > li").all_text_contents()
        # by name (Harrowmere, Lumenport, Νέα Κυμοθόη), each with its own unit and status
        assert [i.split(" (")[0].strip() for i in items] == ["Harrowmere", "Lumenport", "Νέα Κυμοθόη"]
        assert all("litres per day" in i and "Unit:" in i for i in items)
        assert "never ranked" in page.locator(".md-content").text_content()
    finally:
        context.close()
