"""One indicator's section of a city's outcomes page: its status, facts, charts, gaps and data table.

A city's outcomes page is drawn in each language one after the other (``publish/output.py``), and most
of a section is the same in each. So a section is drawn from three parts, each made once for what it
depends on:

* :class:`_Plan`, per indicator: its figures (status, gaps, each chart's lines and their ends, every
  value in English digits) and, per page, its charts' drawings;
* :class:`_Own`, per indicator and whether the city's words say their language: the city's words,
  escaped (name, unit, source, the gaps' groups, the data table's rows);
* :class:`_Words`, per edition: the interface's words, escaped, and its sentences' templates, translated;

and each language's section only fills the templates with its own words and separators. Every value
from a city's files is untrusted and goes through ``render.html`` (escaped once, in ``_Own``; numbers
are digits and separators we wrote). tests/test_chart_markup.py compares the markup with ``tag``'s."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..compute import outcomes as out
from ..memo import RecentCache, held
from ..model.assessments import City
from ..model.indicators import Indicator, Observation
from ..site import urls
from ..site.languages import Language
from .context import PageContext, fill
from .html import Content, Markup, esc, join, link, render
from .indicator_charts import ChartDrawing, chart_drawing, indicator_chart
from .outcome_marks import english_number, outcome_mark, separators, standard_slug, tick_writer
from .pieces import city_text, marks_city_language

MAX_LINES = 6  # series drawn in one chart (the table lists every group)
T = TypeVar("T")
Ends = tuple[int, str, int, str]  # a line's first year and value, latest year and value (English digits)


def indicator_section(page: PageContext, city: City, indicator: Indicator) -> Markup:
    words = _words(page)
    plan = _shared(indicator, ("plan",), _make_plan, indicator)
    own = _shared(indicator, ("own", marks_city_language(page, city)), _make_own, page, city, indicator, plan)
    here = page.here
    tracks = page.shared(("outcome-tracks", here.url.count("/"), indicator.tracks), _tracks, page, indicator.tracks)
    standard = ""
    if indicator.standard:
        at = urls.standard_indicator(standard_slug(indicator.standard))
        standard = f"<dt>{words.standard}</dt><dd>{here.to(at, indicator.standard)}</dd>"
    # the markup tag() gives, as format strings: every value in them is escaped markup
    parts: list[str] = [
        # an anchor, but no entry in the table of contents: the theme writes its entries as plain text, so
        # the city's words there could not say their language
        f'<section class="mmssc-indicator"><h3 id="{plan.anchor}">{own.name}</h3>',
        _status_sentence(words, own, plan),
    ]
    if own.description is not None:
        parts.append(own.description)
    parts.append(
        f'<dl class="mmssc-facts"><dt>{words.unit}</dt>{own.unit_cell}'
        f"<dt>{words.better}</dt><dd>{words.higher if indicator.direction == 'increase' else words.lower}</dd>"
        f"<dt>{words.tracks}</dt><dd>{tracks}</dd>{standard}<dt>{words.source}</dt><dd>{own.source}</dd></dl>"
    )
    parts.append(_figures(page, words, indicator, plan))
    for gap, gap_words, numbers in zip(plan.gaps, own.gaps, plan.gap_numbers, strict=True):
        parts.append(f'<p class="mmssc-gap">{_gap_sentence(words, own, gap, gap_words, numbers)}</p>')
    parts.append(_series_table(words, own, plan))
    parts.append("</section>")
    return Markup("".join(parts))


# -- the interface's words, once per edition --


@dataclass(frozen=True, slots=True)
class _EndsWords:
    """What a chart's description says of each line, in one language (:func:`chart_description`)."""

    one_year: str
    years: str
    semicolon: str
    separators: dict[int, str] | None  # English separators → the language's (None: English)


@functools.lru_cache(maxsize=16)
def _ends_words(lang: Language) -> _EndsWords:
    return _EndsWords(
        lang._("{name}: {value} in {year}"),
        lang._("{name}: {first} in {first_year}, {latest} in {latest_year}"),
        lang.semicolon,
        None if lang.code == "en" else separators(lang),
    )


@dataclass(frozen=True, slots=True)
class _Words:
    """A section's words in one language: its labels escaped, its sentences' templates translated."""

    unit: str
    better: str
    higher: str
    lower: str
    tracks: str
    standard: str
    source: str
    year: str
    group: str
    every_value: str
    total: str  # "Total", plain text
    total_html: Markup
    marks: dict[out.Status, Markup]
    trends: dict[out.GapTrend, str]
    from_to: str  # the templates: filled as ``page._`` (plain text) or ``page._m`` (markup) fills them
    target_reached: str
    target_label: str
    chart_title: str
    data_table: str
    every_value_caption: str
    value_unit: str
    gap_one_year: str
    gap_years: str
    ends: _EndsWords
    tick: Callable[[float], str]  # how the language writes an axis's values


def _words(page: PageContext) -> _Words:
    return page.shared(("outcome-section-words",), _make_words, page)


def _make_words(page: PageContext) -> _Words:
    total = page._("Total")
    return _Words(
        esc(page._("Unit")),
        esc(page._("Better when")),
        esc(page._("higher")),
        esc(page._("lower")),
        esc(page._("Tracks")),
        esc(page._("Standard")),
        esc(page._("Source")),
        esc(page._("Year")),
        esc(page._("Group")),
        esc(page._("The values of every year and group are in the table below.")),
        total,
        render(total),
        {status: outcome_mark(page, status) for status in out.Status},
        {trend: page._(trend.value) for trend in out.GapTrend},
        page._("From {base} in {base_year} to {latest} in {latest_year} ({unit})."),
        page._("Target: {value} by {year}."),
        page._("target {value} by {year}"),
        page._("{name}, {unit}, by year"),
        page._("Data table: {name}"),
        page._("{name}: every value"),
        page._("Value ({unit})"),
        page._(
            "By {by}, {year}: {best} ({best_value}) and {worst} ({worst_value}) are {gap} apart ({unit}); only one "
            "year has two groups' values, so whether the gap narrows is not known yet."
        ),
        page._(
            "Does it benefit everyone? By {by}: in {first_year}, the best-off group, "
            "{first_best} ({first_best_value}), and the worst-off, {first_worst} ({first_worst_value}), "
            "were {first_gap} apart; in {latest_year}, "
            "{latest_best} ({latest_best_value}) and {latest_worst} ({latest_worst_value}) are {latest_gap} apart "
            "({unit}): the gap is {trend}."
        ),
        _ends_words(page.lang),
        tick_writer(page.lang),
    )


def _tracks(page: PageContext, tracks: tuple[str, ...]) -> Markup:
    """Links to the characteristics an indicator tracks (the same on every outcomes page of an edition)."""
    names = page.catalogue.characteristics
    return join([page.here.to(urls.characteristic(cid), [cid, " ", names[cid].name]) for cid in tracks], ", ")


# -- an indicator's figures, once per indicator --


@dataclass(frozen=True, slots=True)
class _Chart:
    names: tuple[str | None, ...]  # each line's group as the city wrote it (None: the total)
    series: tuple[list[tuple[int, float]], ...]  # each line's points (year, value)
    ends: tuple[Ends, ...]  # each line's ends, which its description says


@dataclass(frozen=True, slots=True)
class _Plan:
    anchor: str  # the section's id, escaped
    found: out.Progress
    status: tuple[str, int, str, int] | None  # from the base value and year to the latest (English digits)
    target: tuple[str, int] | None  # the target's value (English digits) and year
    charts: tuple[_Chart, ...]
    gaps: tuple[out.Gap, ...]
    gap_numbers: tuple[tuple[str, ...], ...]  # per gap: first best, worst, gap; latest best, worst, gap
    observations: tuple[Observation, ...]  # the data table's rows
    values: str  # their values in English digits, joined by "\0"


def _make_plan(indicator: Indicator) -> _Plan:
    found = out.progress(indicator)
    status = None
    if found.latest_year is not None and found.base_year is not None and found.latest_value is not None:
        base = english_number(found.base_value or 0)
        status = (base, found.base_year, english_number(found.latest_value), found.latest_year)
    target = indicator.target
    charts = tuple(
        _Chart(
            tuple(None if group is None else ", ".join([cell for cell in group if cell]) or None for group, _ in lines),
            tuple(points for _, points in lines),
            tuple(_line_ends(points) for _, points in lines),
        )
        for lines in _chart_lines(indicator, out.breakdowns(indicator))
    )
    gaps = out.gaps(indicator)
    gap_numbers = tuple(
        tuple(
            english_number(value)
            for year in (gap.first, gap.latest)
            for value in (year.best.value, year.worst.value, round(year.size, 6))
        )
        for gap in gaps
    )
    observations = out.by_year(indicator)
    return _Plan(
        esc(urls.indicator_anchor(indicator.id)),
        found,
        status,
        None if target is None else (english_number(target.value), target.year),
        charts,
        gaps,
        gap_numbers,
        observations,
        "\0".join([english_number(o.value) for o in observations]),
    )


def _chart_lines(
    indicator: Indicator, breakdowns: out.Breakdowns
) -> list[list[tuple[tuple[str, ...] | None, list[tuple[int, float]]]]]:
    """Each chart's lines: the total's (group None) and each group's points."""
    total = [(o.year, o.value) for o in indicator.total]
    charts: list[list[tuple[tuple[str, ...] | None, list[tuple[int, float]]]]] = []
    for groups in breakdowns.values():
        lines: list[tuple[tuple[str, ...] | None, list[tuple[int, float]]]] = [(None, total)] if total else []
        lines += [(group, [(o.year, o.value) for o in series]) for group, series in groups.items()]
        charts.append(lines[:MAX_LINES])
    if not breakdowns and total:
        charts.append([(None, total)])
    return charts


def _line_ends(points: Sequence[tuple[int, float]]) -> Ends:
    (first_year, first), (latest_year, latest) = min(points), max(points)
    return first_year, english_number(first), latest_year, english_number(latest)


def _drawings(uids: tuple[str, ...], plan: _Plan, target: float | None) -> list[ChartDrawing]:
    return [chart_drawing(uid, chart.series, target) for uid, chart in zip(uids, plan.charts, strict=True)]


# -- the city's words, once per indicator and way of marking them --


@dataclass(frozen=True, slots=True)
class _Own:
    """An indicator's words as the city wrote them, marked with their language where the page's differs."""

    name: Markup
    unit: Markup
    unit_cell: Markup  # the unit as a <dd>
    description: Markup | None
    source: Markup  # the link to the source
    gaps: tuple[tuple[Markup, dict[tuple[str, ...], Markup]], ...]  # per gap: its columns, its groups' names
    rows: list[str]  # the data table's markup before each value, then what ends it


def _make_own(page: PageContext, city: City, indicator: Indicator, plan: _Plan) -> _Own:
    def group(cells: tuple[str, ...]) -> Markup:
        return city_text(page, city, ", ".join([cell for cell in cells if cell]), None)

    gaps = []
    for gap in plan.gaps:
        named = (gap.first.best.group, gap.first.worst.group, gap.latest.best.group, gap.latest.worst.group)
        gaps.append((city_text(page, city, ", ".join(gap.columns), None), {g: group(g) for g in named if any(g)}))
    return _Own(
        city_text(page, city, indicator.name, None),
        city_text(page, city, indicator.unit, None),
        city_text(page, city, indicator.unit, "dd"),
        city_text(page, city, indicator.description, "p") if indicator.description else None,
        link(indicator.source_url, city_text(page, city, indicator.source_title, None)),
        tuple(gaps),
        _rows(plan.observations, group),
    )


_TOTAL = "<mmssc-total>"  # where the total's name goes: escaped text never holds a "<"


def _rows(observations: tuple[Observation, ...], group: Callable[[tuple[str, ...]], Markup]) -> list[str]:
    """The data table's markup around its values: what comes before each value, then what ends the table
    (each group's name escaped once; the total's name is :data:`_TOTAL`)."""
    names: dict[tuple[str, ...], str] = {}
    around = []
    after = ""  # what ends the row before
    for o in observations:
        name = names.get(o.group)
        if name is None:
            name = names[o.group] = group(o.group) if any(o.group) else _TOTAL
        around.append(f'{after}<tr><th scope="row">{o.year}</th><td>{name}</td><td>')
        note = f'<span class="mmssc-note">{render(f" ({o.note})")}</span>' if o.note else ""
        after = f"{note}</td></tr>"
    around.append(after)
    return around


# What a city's pages in every language share, worked out once (they are written one after the other:
# publish/output.py): by what it is, the indicator (its identity: the entry holds the indicator) and more.
_SHARED: RecentCache[tuple[object, Any]] = RecentCache(64)


def _shared(indicator: Indicator, key: tuple, make: Callable[..., T], *args: object) -> T:
    return held(_SHARED, indicator, key, make, *args)


# -- each language's section --


def _status_sentence(words: _Words, own: _Own, plan: _Plan) -> str:
    seps = words.ends.separators
    parts: list[str] = [words.marks[plan.found.status]]
    if plan.status is not None:
        base, base_year, latest, latest_year = plan.status
        if seps is not None:
            base, latest = base.translate(seps), latest.translate(seps)
        shown: dict[str, Content] = {
            "base": base,
            "base_year": base_year,
            "latest": latest,
            "latest_year": latest_year,
            "unit": own.unit,
        }
        parts += [" ", fill(words.from_to, shown)]
    if plan.target is not None:
        value, year = plan.target
        target = words.target_reached.format(value=value if seps is None else value.translate(seps), year=year)
        parts += [" ", esc(target)]
    return f'<p class="mmssc-outcome-status">{"".join(parts)}</p>'


def _figures(page: PageContext, words: _Words, indicator: Indicator, plan: _Plan) -> str:
    """One chart of the total, or one per breakdown (the total and each group of it)."""
    target = None
    if plan.target is not None:
        value, year = plan.target
        seps = words.ends.separators
        target = words.target_label.format(value=value if seps is None else value.translate(seps), year=year)
    uids = tuple([page.chart_id() for _ in plan.charts])
    target_value = indicator.target.value if indicator.target else None
    drawings = _shared(indicator, ("drawings", uids), _drawings, uids, plan, target_value)
    title = words.chart_title.format(name=indicator.name, unit=indicator.unit)
    figures = []
    for uid, drawing, chart in zip(uids, drawings, plan.charts, strict=True):
        names = [words.total if name is None else name for name in chart.names]
        description = _describe(words.ends, names, chart.ends, target)
        svg = indicator_chart(uid, drawing, title, description, target=target, number=words.tick)
        legend = page.shared(("indicator-legend", tuple(names)), _legend, names) if len(names) > 1 else ""
        figures.append(
            f'<figure class="mmssc-figure mmssc-indicator-figure">{svg}{legend}'
            f"<figcaption>{words.every_value}</figcaption></figure>"
        )
    return "".join(figures)


def chart_description(page: PageContext, lines: list[tuple[str, list[tuple[int, float]]]], target: str | None) -> str:
    """What the chart shows, in words: each line's first and latest value, and the target. Every value is
    in the data table below the chart, which the figure's caption says (a description listing them all
    was read out in full by screen readers, and repeated the table)."""
    return _describe(_ends_words(page.lang), [name for name, _ in lines], [_line_ends(p) for _, p in lines], target)


def _describe(words: _EndsWords, names: Sequence[str], ends: Sequence[Ends], target: str | None) -> str:
    seps = words.separators
    said = []
    for name, (first_year, first, latest_year, latest) in zip(names, ends, strict=True):
        if seps is not None:
            first, latest = first.translate(seps), latest.translate(seps)
        if first_year == latest_year:
            said.append(words.one_year.format(name=name, value=first, year=first_year))
        else:
            said.append(
                words.years.format(
                    name=name, first=first, first_year=first_year, latest=latest, latest_year=latest_year
                )
            )
    if target:
        said.append(target)
    return words.semicolon.join(said)


def _legend(names: list[str]) -> Markup:
    from .charts import history_legend

    return history_legend(names)


def _gap_sentence(
    words: _Words, own: _Own, gap: out.Gap, gap_words: tuple[Markup, dict[tuple[str, ...], Markup]], numbers: tuple
) -> Markup:
    """Does it benefit everyone? The gap between the best- and worst-off groups, first and latest year.
    The breakdown's column names, the groups and the unit are the city's words, marked as such."""
    by, names = gap_words
    seps = words.ends.separators
    if seps is not None:
        numbers = tuple(n.translate(seps) for n in numbers)
    first_best, first_worst, first_gap, latest_best, latest_worst, latest_gap = numbers
    first, latest = gap.first, gap.latest

    def name(group: tuple[str, ...]) -> Markup:
        return names.get(group, words.total_html)

    if first.year == latest.year:
        shown: dict[str, Content] = {
            "by": by,
            "year": first.year,
            "best": name(first.best.group),
            "best_value": first_best,
            "worst": name(first.worst.group),
            "worst_value": first_worst,
            "gap": first_gap,
            "unit": own.unit,
        }
        return fill(words.gap_one_year, shown)
    shown = {
        "by": by,
        "first_year": first.year,
        "first_best": name(first.best.group),
        "first_best_value": first_best,
        "first_worst": name(first.worst.group),
        "first_worst_value": first_worst,
        "first_gap": first_gap,
        "latest_year": latest.year,
        "latest_best": name(latest.best.group),
        "latest_best_value": latest_best,
        "latest_worst": name(latest.worst.group),
        "latest_worst_value": latest_worst,
        "latest_gap": latest_gap,
        "unit": own.unit,
        "trend": words.trends[gap.trend],
    }
    return fill(words.gap_years, shown)


def _series_table(words: _Words, own: _Own, plan: _Plan) -> str:
    """Every value, tidy (year, group, value): three narrow columns, whatever the groups. A series has
    hundreds of rows, the same in every language but for the values' separators and the word "Total":
    the markup around the values is made once per city (``_Own.rows``) and joined with each language's."""
    seps = words.ends.separators
    # the same digits, the language's separators: the column at once (nothing in them to escape)
    values = (plan.values if seps is None else plan.values.translate(seps)).split("\0") if plan.observations else []
    around = own.rows
    body = "".join(itertools.chain.from_iterable(zip(around[:-1], values, strict=True))) + around[-1]
    body = body.replace(_TOTAL, words.total_html)
    name, unit = own.name, own.unit
    # pieces.data_table's markup, as one format string: every value in it is escaped markup
    return (
        f'<details class="mmssc-data"><summary>{fill(words.data_table, {"name": name})}</summary>'
        f'<div class="mmssc-table-wrap"><table><caption>{fill(words.every_value_caption, {"name": name})}</caption>'
        f'<thead><tr><th scope="col">{words.year}</th><th scope="col">{words.group}</th>'
        f'<th scope="col">{fill(words.value_unit, {"unit": unit})}</th></tr></thead>'
        f"<tbody>{body}</tbody></table></div></details>"
    )
