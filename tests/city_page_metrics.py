"""Layout figures of a page measured in the browser, for the city-page targets (issue 12) and the
report: page height, the smallest rendered SVG text, the main chart's share of the column, and
the visible tables wider than the content column."""

from __future__ import annotations

CLOSE_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = false; })"
OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"

MEASURE = """() => {
  const column = document.querySelector('.md-content__inner');
  const style = getComputedStyle(column);
  const columnWidth = column.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const visible = el => el.checkVisibility({visibilityProperty: true}) && el.getBoundingClientRect().width > 0;
  let smallest = Infinity, smallestText = '', texts = 0, under = 0;
  for (const text of document.querySelectorAll('article svg text, .md-content svg text')) {
    if (!visible(text) || !text.textContent.trim()) continue;
    const matrix = text.getScreenCTM();
    const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b);
    texts++;
    if (size < 11) under++;
    if (size < smallest) { smallest = size; smallestText = text.textContent.trim().slice(0, 40); }
  }
  const charts = Array.from(document.querySelectorAll('.md-content svg.mmssc-chart')).filter(visible);
  // the whole profile: its panels (one drawing per dimension) set in columns, or a single chart
  const main = document.querySelector('.md-content .mmssc-profile')
    || charts.find(svg => svg.matches('.mmssc-chart-main')) || charts[0] || null;
  const wide = [];
  for (const table of document.querySelectorAll('.md-content table')) {
    if (!visible(table)) continue;
    const width = Math.max(table.scrollWidth, table.getBoundingClientRect().width);
    if (width > columnWidth + 1) {
      wide.push(((table.querySelector('caption') || {}).textContent || table.id || 'table').trim().slice(0, 60)
        + ' (' + Math.round(width) + ' px)');
    }
  }
  return {
    height: document.documentElement.scrollHeight,
    column: Math.round(columnWidth),
    smallestText: texts ? Math.round(smallest * 10) / 10 : null,
    smallestWhat: smallestText,
    textsUnder11: under,
    texts: texts,
    charts: charts.map(svg => Math.round(svg.getBoundingClientRect().width)),
    mainChartRatio: main ? Math.round(main.getBoundingClientRect().width / columnWidth * 100) / 100 : null,
    wideTables: wide,
  };
}"""


def measure(page, *, details_open: bool = False) -> dict:
    page.evaluate(OPEN_DETAILS if details_open else CLOSE_DETAILS)
    page.wait_for_timeout(50)
    return page.evaluate(MEASURE)
