"""Accessibility in a real browser: axe-core against the WCAG 2.2 A and AA rules on every kind of
page (zero violations), keyboard-only use (every link and control reached, and visibly focused),
and charts with text alternatives and data tables. The conformance target and these checks are
described on the site's Accessibility page (docs/accessibility.md).

axe-core comes bundled with the pinned axe-playwright-python package (no download at run time).
"""

from __future__ import annotations

import re

import browser_support as bs
import pytest
from browser_support import base_url, close_browser_at_the_end  # noqa: F401  (shared fixtures)

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# City pages of the corpus whose text differs in kind (markup, length, scripts and directions, line
# breaks, YAML look-alikes): the others are the same page with other characters (test_browser.py
# loads every one of them).
HOSTILE_PAGES = (
    "html-script",
    "attribute-breakout",
    "markdown-syntax",
    "long-strings",
    "unicode-tricks",
    "newlines-and-crlf",
    "yaml-lookalikes",
)
PAGES = [
    ("home", ""),
    ("criteria-table", "criteria/table/"),
    ("characteristic", "criteria/1-2-1/"),
    ("standard", "standards/iso-37120/"),
    ("city", "cities/lumenport/"),
    ("city-median", "cities/harrowmere/"),
    ("city-greek", "cities/nea-kymothoi/"),
    ("city-ratings", "ratings/lumenport/"),
    ("city-ratings-corrected", "ratings/harrowmere/"),  # issue 25: corrected levels marked, feedback links
    ("city-ratings-greek", "ratings/nea-kymothoi/"),
    ("cities-index", "cities/"),
    ("country", "cities/country/gb/"),
    ("compare", "cities/compare/"),
    ("errata", "errata/"),
    ("accessibility", "accessibility/"),
    ("contribute", "contribute/"),
    ("levels", "criteria/levels/"),
    ("open-data", "data/"),
    ("methodology", "methodology/"),  # issue 25: how a correction, a withdrawal and a review count
    ("assess", "assess/"),
    # issue 24: a city's outcomes, an across-city page of a standard indicator, and their index
    ("city-outcomes", "outcomes/lumenport/"),
    ("city-outcomes-greek", "outcomes/nea-kymothoi/"),
    ("standard-indicator", "indicators/iso-37120-2018-23-4/"),
    ("standard-indicators", "indicators/"),
] + [
    (f"hostile-{c['id']}{suffix}", f"{folder}/{bs.folder_name(c)}/")
    for c in bs.cases("inert")
    if c["id"] in HOSTILE_PAGES
    for folder, suffix in (("cities", ""), ("ratings", "-ratings"))
]
# every kind of page in each other language of the site (issue 15), and each language's translation coverage page
LANGUAGE_PAGES = [
    (f"{lang}-{kind}", f"{lang}/{path}")
    for lang in ("fr", "el")
    for kind, path in PAGES
    if not kind.startswith("hostile")
] + [(f"{lang}-translation", f"{lang}/criteria/translation/") for lang in ("fr", "el")]
PAGES += LANGUAGE_PAGES


def _open(base_url: str, path: str, *, width: int = 1280):
    context = bs.new_context(width=width)
    watch = bs.Watch()
    page = bs.open_page(context, watch)
    page.goto(base_url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    return context, page, watch


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("kind,path", PAGES, ids=[p[0] for p in PAGES])
def test_axe_finds_no_wcag_violation(base_url, kind, path):
    from axe_playwright_python.sync_playwright import Axe

    context, page, watch = _open(base_url, path)
    try:
        results = Axe().run(
            page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        )
        violations = results.response["violations"]
        assert violations == [], f"{kind} ({path or 'home'}):\n{_report(violations)}"
        assert watch.problems() == []
    finally:
        context.close()


@pytest.mark.parametrize("width", (1280, 375))
def test_axe_on_the_enhanced_cities_index_and_a_phone_screen(base_url, width):
    """With its sort buttons and filter box (added by cities.js), and at phone width (the drawer menu)."""
    from axe_playwright_python.sync_playwright import Axe

    context, page, _ = _open(base_url, "cities/", width=width)
    try:
        page.locator("button.mmssc-sort").first.click()
        results = Axe().run(
            page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        )
        assert results.response["violations"] == [], _report(results.response["violations"])
    finally:
        context.close()


# --- keyboard ---------------------------------------------------------------------------------

_MARK_FOCUSABLE = """() => {
  const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, '
    + '[tabindex], [contenteditable=true]';
  const found = [];
  let n = 0;
  for (const el of document.querySelectorAll(selector)) {
    // [hidden]: e.g. the theme's "Back to top" button, shown only after scrolling back up
    if (el.tabIndex < 0 || el.disabled || el.closest('[inert], [hidden]')) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;   // not rendered: not reachable, rightly
    el.dataset.kbd = String(n++);
    const text = (el.textContent || el.value || '').trim().slice(0, 40);
    found.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + text);
  }
  return found;
}"""

_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadowed = style.boxShadow && style.boxShadow !== 'none';
  return {kbd: el.dataset.kbd ?? null, visible: outlined || shadowed, what: el.outerHTML.slice(0, 120),
          outline: style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor, shadow: style.boxShadow};
}"""


@pytest.mark.parametrize("path", ["cities/lumenport/", "criteria/table/", "cities/"])
def test_keyboard_reaches_every_link_and_control_with_a_visible_focus(base_url, path):
    context, page, watch = _open(base_url, path)
    try:
        focusable = page.evaluate(_MARK_FOCUSABLE)
        assert focusable, "nothing focusable?"
        reached: set[str] = set()
        unclear: list[str] = []
        for _ in range(len(focusable) + 40):
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUSED)
            if focused is None:
                continue
            if focused["kbd"] is not None:
                reached.add(focused["kbd"])
            if not focused["visible"]:
                unclear.append(f"{focused['what']} (outline: {focused['outline']}; box-shadow: {focused['shadow']})")
            if len(reached) == len(focusable):
                break
        missed = [focusable[int(i)] for i in range(len(focusable)) if str(i) not in reached]
        assert missed == [], f"{len(missed)} of {len(focusable)} not reached by Tab: {missed[:10]}"
        assert unclear == [], "focused without a visible outline:\n" + "\n".join(sorted(set(unclear))[:15])
        assert watch.problems() == []
    finally:
        context.close()


# --- charts ------------------------------------------------------------------------------------

_CHARTS = """() => Array.from(document.querySelectorAll('svg.mmssc-chart')).map(svg => {
  const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
  const named = ids.map(id => document.getElementById(id)).filter(Boolean);
  const figure = svg.closest('figure');
  const next = figure && figure.nextElementSibling;
  return {
    role: svg.getAttribute('role'),
    title: (svg.querySelector(':scope > title') || {}).textContent || '',
    desc: (svg.querySelector(':scope > desc') || {}).textContent || '',
    labelled: named.length === ids.length && ids.length === 2
      && named.every(el => el.closest('svg') === svg && el.textContent.trim()),
    caption: figure ? (figure.querySelector('figcaption') || {}).textContent || '' : '',
    table: !!(next && (next.matches('table') || next.querySelector('table'))),
    name: svg.getAttribute('aria-label') || null,
  };
})"""


@pytest.mark.parametrize("path", ["cities/lumenport/", "cities/harrowmere/", "cities/html-script/"])
def test_charts_have_text_alternatives_and_data_tables(base_url, path):
    context, page, _ = _open(base_url, path)
    try:
        charts = page.evaluate(_CHARTS)
        assert len(charts) >= 2
        for chart in charts:
            assert chart["role"] == "img"
            assert chart["title"].strip() and chart["desc"].strip()
            assert chart["labelled"], "aria-labelledby names the chart's own <title> and <desc>"
            assert re.search(r"tables? below", chart["caption"]), chart["caption"]
            assert chart["table"], "a data table follows the chart"
    finally:
        context.close()


@pytest.mark.parametrize("width", (1280, 390))
@pytest.mark.parametrize(
    "path",
    [
        "cities/lumenport/",  # a withdrawn assessment
        "cities/harrowmere/",  # a correction and a review
        "el/cities/harrowmere/",  # the same in Greek
        "ratings/harrowmere/",  # its rows: corrected levels marked, feedback links
        "cities/nea-kymothoi/",
        "cities/long-strings/",
    ],
)
def test_axe_on_city_pages_with_every_disclosure_open(base_url, path, width):
    """The report card's rows and data tables are disclosures: what they hold is checked open as well."""
    from axe_playwright_python.sync_playwright import Axe

    context, page, watch = _open(base_url, path, width=width)
    try:
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        results = Axe().run(
            page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        )
        assert results.response["violations"] == [], _report(results.response["violations"])
        assert watch.problems() == []
    finally:
        context.close()
