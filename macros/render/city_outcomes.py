"""A city's outcomes page (``cities/<slug>/outcomes/``): what residents get, beside the maturity claims.

One page per city, linked from the city page's summary tile, so the city page keeps its byte budget
(issue 23). The indicators are grouped by the first characteristic or purpose each tracks; each has a
small chart and its data table, its target, its status by the published rule (words and an icon,
never colour alone) and, when disaggregated, each group's series and the gap between the best- and
worst-off groups. Every value from a city's files is untrusted and goes through ``render.html``."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ..compute import outcomes as out
from ..memo import RecentCache, held
from ..model.assessments import City
from ..model.claims import untracked_claims
from ..model.indicators import Indicator, Observation
from ..site import urls
from ..site.languages import Language
from .context import PageContext
from .html import Markup, esc, join, link, render, tag
from .indicator_charts import chart_drawing, indicator_chart
from .pieces import city_text, fictional_note, marks_city_language

STATUS_ICON: dict[out.Status, str] = {
    out.Status.ACHIEVED: "✔",
    out.Status.ON_TRACK: "◕",
    out.Status.MODERATE: "◑",
    out.Status.LIMITED: "◔",
    out.Status.DETERIORATION: "✖",
    out.Status.NOT_AVAILABLE: "–",
}
MAX_LINES = 6  # series drawn in one chart (the table lists every group)
T = TypeVar("T")


def number(page: PageContext, value: float) -> str:
    """A value as the page's language writes numbers, with the digits the city wrote (a series has
    hundreds of values: the language's separators are looked up once, not formatted by Babel each)."""
    shown = english_number(value)
    return shown if page.lang.code == "en" else shown.translate(_separators(page.lang))


def english_number(value: float) -> str:
    """A value as English writes it: the digits the city wrote, thousands grouped by commas."""
    value = float(value)
    if -1000 < value < 1000:  # most values: no thousands to group
        return str(int(value)) if value.is_integer() else repr(value)
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


@functools.lru_cache(maxsize=16)
def _separators(lang: Language) -> dict[int, str]:
    """English separators → the language's (Babel's own formatting of 1234.5 tells them)."""
    sample = lang.number(1234.5)  # "1,234.5" as the language writes it: "1 234,5", "1.234,5"
    group, decimal = sample[1:-5], sample[-2]
    return str.maketrans({",": group, ".": decimal})


@functools.lru_cache(maxsize=4096)
def _tick(lang: Language, value: float) -> str:
    """An axis tick as Babel writes it (round values, the same few on most charts)."""
    return lang.number(value)


@functools.lru_cache(maxsize=16)
def _tick_writer(lang: Language) -> Callable[[float], str]:
    """One function per language (indicator_charts keeps a chart's axis labels by it)."""
    return functools.partial(_tick, lang)


def outcome_mark(page: PageContext, status: out.Status) -> Markup:
    """An indicator's status as icon and words (never colour alone)."""
    return _outcome_mark(status, page._(status.value))


@functools.lru_cache(maxsize=64)
def _outcome_mark(status: out.Status, words: str) -> Markup:
    return tag(
        "span",
        tag("span", STATUS_ICON[status], class_="mmssc-status-icon", aria_hidden="true"),
        " ",
        words,
        class_=f"mmssc-outcome mmssc-outcome-{status.name.lower().replace('_', '-')}",
    )


def outcome_key(page: PageContext) -> Markup:
    return tag(
        "p",
        page._m(
            "Status: {statuses} ({how}).",
            statuses=join([outcome_mark(page, s) for s in out.Status], " "),
            how=page.here.to(urls.METHODOLOGY + "#outcome-status", page._("how it is decided")),
        ),
        class_="mmssc-key mmssc-status-key",
    )


def untracked_sentence(page: PageContext, cid: str, level: int, required: int) -> str:
    """The plain sentence for a claimed level whose criteria require indicators none of which is published."""
    name = page.catalogue.characteristics[cid].name
    if required == 3:
        return page._(
            "{id} {name}: level {level} requires defined key performance indicators; none are published.",
            id=cid,
            name=name,
            level=level,
        )
    return page._(
        "{id} {name}: level {level} requires tracking indicators of {topic}; none are published.",
        id=cid,
        name=name,
        level=level,
        topic=name.lower() if page.lang.code in ("en", "fr", "el") else name,
    )


def grouped(page: PageContext, city: City) -> dict[str, list[Indicator]]:
    """The city's indicators by the first characteristic each tracks, in catalogue order."""
    order = {cid: i for i, cid in enumerate(page.catalogue.characteristics)}
    groups: dict[str, list[Indicator]] = {}
    for indicator in city.indicators:
        groups.setdefault(indicator.tracks[0], []).append(indicator)
    return dict(sorted(groups.items(), key=lambda item: order.get(item[0], len(order))))


def outcomes_page(page: PageContext, city: City) -> Markup:
    here = page.here
    untracked = untracked_claims(city.latest, city.indicators) if city.latest is not None else []
    parts: list[Markup] = []
    if city.fictional:
        parts.append(fictional_note(page, page._("These figures were invented.")))
    parts.append(
        tag(
            "p",
            page._m(
                "What {city} reports residents get: each indicator's yearly values, its source, its target where "
                "there is one, and its status. The maturity levels the city claims are on {its_page}.",
                city=city.name,
                its_page=here.to(urls.city(city.slug), page._("its progress page")),
            ),
            class_="mmssc-lede",
        )
    )
    if untracked:
        parts.append(
            tag(
                "div",
                [tag("p", untracked_sentence(page, cid, level, required)) for cid, level, required in untracked],
                class_="admonition note mmssc-untracked",
                role="note",
            )
        )
    if not city.indicators:
        parts.append(tag("p", page._("This city publishes no outcome indicators yet.")))
        return join(parts)
    parts.append(outcome_key(page))
    for cid, indicators in grouped(page, city).items():
        name = page.catalogue.characteristics[cid].name
        parts.append(
            page.heading(
                2,
                here.to(urls.characteristic(cid), [cid, " ", name]),
                id=f"tracks-{cid.replace('.', '-')}",
                title=f"{cid} {name}",
            )
        )
        for indicator in indicators:
            parts.append(indicator_section(page, city, indicator))
    return join(parts)


def status_sentence(page: PageContext, city: City, indicator: Indicator, found: out.Progress) -> Markup:
    unit = _own(page, city, indicator).unit
    parts: list[Markup | str] = [outcome_mark(page, found.status)]
    if found.latest_year is not None and found.base_year is not None and found.latest_value is not None:
        parts += [
            " ",
            page._m(
                "From {base} in {base_year} to {latest} in {latest_year} ({unit}).",
                base=number(page, found.base_value or 0),
                base_year=found.base_year,
                latest=number(page, found.latest_value),
                latest_year=found.latest_year,
                unit=unit,
            ),
        ]
    if indicator.target is not None:
        parts += [
            " ",
            page._(
                "Target: {value} by {year}.",
                value=number(page, indicator.target.value),
                year=indicator.target.year,
            ),
        ]
    return Markup(f'<p class="mmssc-outcome-status">{render(parts)}</p>')


@dataclass(frozen=True, slots=True)
class _Words:
    """The interface's words of an indicator's section in one language, escaped once per edition (a
    city's outcomes page has dozens of sections; tests/test_outcomes_pages.py compares the markup)."""

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


def _words(page: PageContext) -> _Words:
    return page.shared(("outcome-section-words",), _make_words, page)


def _make_words(page: PageContext) -> _Words:
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
    )


@dataclass(frozen=True, slots=True)
class _Own:
    """An indicator's words as the city wrote them, marked with their language where the page's differs:
    the same on its page in every language that marks them alike (``_own``)."""

    name: Markup
    unit: Markup
    unit_cell: Markup  # the unit as a <dd>
    description: Markup | None
    source: Markup  # the link to the source


def _own(page: PageContext, city: City, indicator: Indicator) -> _Own:
    return _shared(indicator, ("own", marks_city_language(page, city)), _make_own, page, city, indicator)


def _make_own(page: PageContext, city: City, indicator: Indicator) -> _Own:
    return _Own(
        city_text(page, city, indicator.name, None),
        city_text(page, city, indicator.unit, None),
        city_text(page, city, indicator.unit, "dd"),
        city_text(page, city, indicator.description, "p") if indicator.description else None,
        link(indicator.source_url, city_text(page, city, indicator.source_title, None)),
    )


def indicator_section(page: PageContext, city: City, indicator: Indicator) -> Markup:
    here = page.here
    words = _words(page)
    own = _own(page, city, indicator)
    found = out.progress(indicator)
    tracks = join(
        [
            here.to(urls.characteristic(cid), [cid, " ", page.catalogue.characteristics[cid].name])
            for cid in indicator.tracks
        ],
        ", ",
    )
    standard = ""
    if indicator.standard:
        at = urls.standard_indicator(standard_slug(indicator.standard))
        standard = f"<dt>{words.standard}</dt><dd>{here.to(at, indicator.standard)}</dd>"
    # the markup tag() gives, as one format string: every value in it is escaped markup
    facts = (
        f'<dl class="mmssc-facts"><dt>{words.unit}</dt>{own.unit_cell}'
        f"<dt>{words.better}</dt><dd>{words.higher if indicator.direction == 'increase' else words.lower}</dd>"
        f"<dt>{words.tracks}</dt><dd>{tracks}</dd>{standard}<dt>{words.source}</dt><dd>{own.source}</dd></dl>"
    )
    # an anchor, but no entry in the table of contents: the theme writes its entries as plain text, so
    # the city's words there could not say their language
    parts: list[str] = [
        f'<section class="mmssc-indicator"><h3 id="{esc(urls.indicator_anchor(indicator.id))}">{own.name}</h3>',
        status_sentence(page, city, indicator, found),
    ]
    if own.description is not None:
        parts.append(own.description)
    parts.append(facts)
    parts.append(indicator_figures(page, city, indicator, out.breakdowns(indicator)))
    for gap in out.gaps(indicator):
        parts.append(f'<p class="mmssc-gap">{gap_sentence(page, city, indicator, gap)}</p>')
    parts.append(series_table(page, city, indicator))
    parts.append("</section>")
    return Markup("".join(parts))


def group_name(page: PageContext, indicator: Indicator, group: tuple[str, ...]) -> str:
    cells = [cell for cell in group if cell]
    return ", ".join(cells) if cells else page._("Total")


def group_label(page: PageContext, city: City, indicator: Indicator, group: tuple[str, ...]) -> Markup:
    """A group's name in running text: the city's own words (its language marked), or "Total"."""
    cells = [cell for cell in group if cell]
    return city_text(page, city, ", ".join(cells), None) if cells else Markup(render(page._("Total")))


# What a city's pages in every language share, worked out once (they are written one after the other:
# publish/output.py): by what it is, the indicator (its identity: the entry holds the indicator) and more.
_SHARED: RecentCache[tuple[object, Any]] = RecentCache(64)


def _shared(indicator: Indicator, key: tuple, make: Callable[..., T], *args: object) -> T:
    return held(_SHARED, indicator, key, make, *args)


def indicator_figures(page: PageContext, city: City, indicator: Indicator, breakdowns: out.Breakdowns) -> Markup:
    """One chart of the total, or one per breakdown (the total and each group of it)."""
    target = None
    if indicator.target is not None:
        target = page._(
            "target {value} by {year}", value=number(page, indicator.target.value), year=indicator.target.year
        )
    total_name = page._("Total")
    charts = [
        [(group_name(page, indicator, group) if group else total_name, points) for group, points in lines]
        for lines in _shared(indicator, ("lines",), _chart_lines, indicator, breakdowns)
    ]
    figures = []
    for lines in charts:
        names = [name for name, _ in lines]
        uid = page.chart_id()
        target_value = indicator.target.value if indicator.target else None
        drawing = _shared(
            indicator, ("drawing", uid), chart_drawing, uid, [points for _, points in lines], target_value
        )
        chart = indicator_chart(
            uid,
            drawing,
            page._("{name}, {unit}, by year", name=indicator.name, unit=indicator.unit),
            chart_description(page, lines, target),
            target=target,
            number=_tick_writer(page.lang),
        )
        legend = page.shared(("indicator-legend", tuple(names)), _legend, names) if len(lines) > 1 else ""
        figures.append(
            Markup(
                f'<figure class="mmssc-figure mmssc-indicator-figure">{chart}{legend}'
                f"<figcaption>{_words(page).every_value}</figcaption></figure>"
            )
        )
    return join(figures)


def _chart_lines(
    indicator: Indicator, breakdowns: out.Breakdowns
) -> list[list[tuple[tuple[str, ...] | None, list[tuple[int, float]]]]]:
    """Each chart's lines, the same in every language: the total's (group None) and each group's points."""
    total = [(o.year, o.value) for o in indicator.total]
    charts: list[list[tuple[tuple[str, ...] | None, list[tuple[int, float]]]]] = []
    for groups in breakdowns.values():
        lines: list[tuple[tuple[str, ...] | None, list[tuple[int, float]]]] = [(None, total)] if total else []
        lines += [(group, [(o.year, o.value) for o in series]) for group, series in groups.items()]
        charts.append(lines[:MAX_LINES])
    if not breakdowns and total:
        charts.append([(None, total)])
    return charts


def chart_description(page: PageContext, lines: list[tuple[str, list[tuple[int, float]]]], target: str | None) -> str:
    """What the chart shows, in words: each line's first and latest value, and the target. Every value is
    in the data table below the chart, which the figure's caption says (a description listing them all
    was read out in full by screen readers, and repeated the table)."""
    said = []
    for name, points in lines:
        (first_year, first), (latest_year, latest) = min(points), max(points)
        if first_year == latest_year:
            said.append(page._("{name}: {value} in {year}", name=name, value=number(page, first), year=first_year))
        else:
            said.append(
                page._(
                    "{name}: {first} in {first_year}, {latest} in {latest_year}",
                    name=name,
                    first=number(page, first),
                    first_year=first_year,
                    latest=number(page, latest),
                    latest_year=latest_year,
                )
            )
    if target:
        said.append(target)
    return page.lang.semicolon.join(said)


def _legend(names: list[str]) -> Markup:
    from .charts import history_legend

    return history_legend(names)


def gap_sentence(page: PageContext, city: City, indicator: Indicator, gap: out.Gap) -> Markup:
    """Does it benefit everyone? The gap between the best- and worst-off groups, first and latest year.
    The breakdown's column names, the groups and the unit are the city's words, marked as such."""
    first, latest = gap.first, gap.latest
    by = city_text(page, city, ", ".join(gap.columns), None)
    unit = _own(page, city, indicator).unit
    if first.year == latest.year:
        return page._m(
            "By {by}, {year}: {best} ({best_value}) and {worst} ({worst_value}) are {gap} apart ({unit}); only one "
            "year has two groups' values, so whether the gap narrows is not known yet.",
            by=by,
            year=first.year,
            best=group_label(page, city, indicator, first.best.group),
            best_value=number(page, first.best.value),
            worst=group_label(page, city, indicator, first.worst.group),
            worst_value=number(page, first.worst.value),
            gap=number(page, round(first.size, 6)),
            unit=unit,
        )
    return page._m(
        "Does it benefit everyone? By {by}: in {first_year}, the best-off group, {first_best} ({first_best_value}), "
        "and the worst-off, {first_worst} ({first_worst_value}), were {first_gap} apart; in {latest_year}, "
        "{latest_best} ({latest_best_value}) and {latest_worst} ({latest_worst_value}) are {latest_gap} apart "
        "({unit}): the gap is {trend}.",
        by=by,
        first_year=first.year,
        first_best=group_label(page, city, indicator, first.best.group),
        first_best_value=number(page, first.best.value),
        first_worst=group_label(page, city, indicator, first.worst.group),
        first_worst_value=number(page, first.worst.value),
        first_gap=number(page, round(first.size, 6)),
        latest_year=latest.year,
        latest_best=group_label(page, city, indicator, latest.best.group),
        latest_best_value=number(page, latest.best.value),
        latest_worst=group_label(page, city, indicator, latest.worst.group),
        latest_worst_value=number(page, latest.worst.value),
        latest_gap=number(page, round(latest.size, 6)),
        unit=unit,
        trend=page._(gap.trend.value),
    )


def series_table(page: PageContext, city: City, indicator: Indicator) -> Markup:
    """Every value, tidy (year, group, value): three narrow columns, whatever the groups. A series has
    hundreds of rows, the same in every language but for the values' separators and the word "Total":
    the markup around the values is made once per city (``_rows``) and joined with each language's."""
    observations = out.by_year(indicator)
    values = _shared(indicator, ("values",), _english_values, observations)
    if page.lang.code != "en":  # the same digits, the language's separators: the column at once
        values = "\0".join(values).translate(_separators(page.lang)).split("\0")
    around = _shared(indicator, ("rows", marks_city_language(page, city)), _rows, page, city, indicator, observations)
    # a number we formatted (digits, signs, the language's separators): nothing in it to escape
    body = "".join(itertools.chain.from_iterable(zip(around[:-1], values, strict=True))) + around[-1]
    body = body.replace(_TOTAL, render(page._("Total")))
    own = _own(page, city, indicator)
    name, unit = own.name, own.unit
    words = _words(page)
    # pieces.data_table's markup, as one format string: every value in it is escaped markup
    return Markup(
        f'<details class="mmssc-data"><summary>{page._m("Data table: {name}", name=name)}</summary>'
        f'<div class="mmssc-table-wrap"><table><caption>{page._m("{name}: every value", name=name)}</caption>'
        f'<thead><tr><th scope="col">{words.year}</th><th scope="col">{words.group}</th>'
        f'<th scope="col">{page._m("Value ({unit})", unit=unit)}</th></tr></thead>'
        f"<tbody>{body}</tbody></table></div></details>"
    )


_TOTAL = "<mmssc-total>"  # where the total's name goes: escaped text never holds a "<"


def _rows(page: PageContext, city: City, indicator: Indicator, observations: tuple[Observation, ...]) -> list[str]:
    """The table's markup around its values: what comes before each value, then what ends the table
    (escaped markup, each group's name escaped once; the total's name is :data:`_TOTAL`)."""
    names: dict[tuple[str, ...], str] = {}
    around = []
    after = ""  # what ends the row before
    for o in observations:
        name = names.get(o.group)
        if name is None:
            name = names[o.group] = render(group_label(page, city, indicator, o.group)) if any(o.group) else _TOTAL
        around.append(f'{after}<tr><th scope="row">{o.year}</th><td>{name}</td><td>')
        note = f'<span class="mmssc-note">{render(f" ({o.note})")}</span>' if o.note else ""
        after = f"{note}</td></tr>"
    around.append(after)
    return around


def _english_values(observations: tuple[Observation, ...]) -> list[str]:
    return [english_number(o.value) for o in observations]


def standard_slug(reference: str) -> str:
    """A standard indicator's address: "ISO 37120:2018 5.1" → "iso-37120-2018-5-1"."""
    out_chars = [c.lower() if c.isalnum() else "-" for c in reference]
    return "-".join(part for part in "".join(out_chars).split("-") if part)
