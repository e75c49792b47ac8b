"""One indicator's section of a city's outcomes page: its status, facts, charts, gaps and data table.

A city's outcomes page is drawn in each language one after the other (``publish/output.py``), and most
of a section is the same in each. So a section is drawn from three parts, each made once for what it
depends on:

* :class:`_Plan`, per indicator: its figures (status, gaps, each chart's lines and their ends, every
  value in English digits) and, per page, its charts' drawings;
* :class:`_Own`, per indicator and whether the city's words say their language: the city's words,
  escaped (name, unit, source, the gaps' groups, the data table's rows);
* :class:`~.indicator_words.SectionWords`, per edition (``indicator_words.py``): the interface's words,
  escaped, and its sentences' templates, translated;

and each language's section only fills the templates with its own words and separators. Every value
from a city's files is untrusted and goes through ``render.html`` (escaped once, in ``_Own``; numbers
are digits and separators we wrote). tests/test_chart_markup.py compares the markup with ``tag``'s."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ..compute import outcomes as out
from ..memo import RecentCache, held
from ..model.assessments import City
from ..model.indicators import Indicator, Observation
from ..site import urls
from .context import PageContext, fill
from .html import Content, Markup, esc, link, render
from .indicator_charts import ChartDrawing, chart_drawing, indicator_chart
from .indicator_words import Ends, SectionWords, describe, line_ends, section_words, tracks_links
from .outcome_marks import english_number, standard_slug
from .pieces import city_text, marks_city_language

MAX_LINES = 6  # series drawn in one chart (the table lists every group)
T = TypeVar("T")


def indicator_section(page: PageContext, city: City, indicator: Indicator) -> Markup:
    words = section_words(page)
    plan = _shared(indicator, ("plan",), _make_plan, indicator)
    own = _shared(indicator, ("own", marks_city_language(page, city)), _make_own, page, city, indicator, plan)
    here = page.here
    tracks = page.shared(
        ("outcome-tracks", here.url.count("/"), indicator.tracks), tracks_links, page, indicator.tracks
    )
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
            tuple(line_ends(points) for _, points in lines),
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


def _status_sentence(words: SectionWords, own: _Own, plan: _Plan) -> str:
    seps = words.ends.separators
    parts: list[str] = [words.marks[plan.found.status]]
    if plan.status is not None:
        base, base_year, latest, latest_year = plan.status
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
        target = words.target_reached.format(value=value.translate(seps), year=year)
        parts += [" ", esc(target)]
    return f'<p class="mmssc-outcome-status">{"".join(parts)}</p>'


def _figures(page: PageContext, words: SectionWords, indicator: Indicator, plan: _Plan) -> str:
    """One chart of the total, or one per breakdown (the total and each group of it)."""
    target = None
    if plan.target is not None:
        value, year = plan.target
        seps = words.ends.separators
        target = words.target_label.format(value=value.translate(seps), year=year)
    uids = tuple([page.chart_id() for _ in plan.charts])
    target_value = indicator.target.value if indicator.target else None
    drawings = _shared(indicator, ("drawings", uids), _drawings, uids, plan, target_value)
    title = words.chart_title.format(name=indicator.name, unit=indicator.unit)
    figures = []
    for uid, drawing, chart in zip(uids, drawings, plan.charts, strict=True):
        names = [words.total if name is None else name for name in chart.names]
        description = describe(words.ends, names, chart.ends, target)
        svg = indicator_chart(uid, drawing, title, description, target=target, number=words.tick)
        legend = page.shared(("indicator-legend", tuple(names)), _legend, names) if len(names) > 1 else ""
        figures.append(
            f'<figure class="mmssc-figure mmssc-indicator-figure">{svg}{legend}'
            f"<figcaption>{words.every_value}</figcaption></figure>"
        )
    return "".join(figures)


def _legend(names: list[str]) -> Markup:
    from .charts import history_legend

    return history_legend(names)


def _gap_sentence(
    words: SectionWords,
    own: _Own,
    gap: out.Gap,
    gap_words: tuple[Markup, dict[tuple[str, ...], Markup]],
    numbers: tuple,
) -> Markup:
    """Does it benefit everyone? The gap between the best- and worst-off groups, first and latest year.
    The breakdown's column names, the groups and the unit are the city's words, marked as such."""
    by, names = gap_words
    seps = words.ends.separators
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


def _series_table(words: SectionWords, own: _Own, plan: _Plan) -> str:
    """Every value, tidy (year, group, value): three narrow columns, whatever the groups. A series has
    hundreds of rows, the same in every language but for the values' separators and the word "Total":
    the markup around the values is made once per city (``_Own.rows``) and joined with each language's."""
    seps = words.ends.separators
    # the same digits, the language's separators: the column at once (nothing in them to escape)
    values = plan.values.translate(seps).split("\0") if plan.observations else []
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
