"""The interface's words of an indicator's section (``indicator_section.py``), once per edition: its
labels escaped, its sentences' templates translated, and what a chart's description says of each line."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..compute import outcomes as out
from ..site import urls
from ..site.languages import Language
from .context import PageContext
from .html import Markup, esc, join, render
from .outcome_marks import english_number, outcome_mark, separators, tick_writer

Ends = tuple[int, str, int, str]  # a line's first year and value, latest year and value (English digits)


@dataclass(frozen=True, slots=True)
class EndsWords:
    """What a chart's description says of each line, in one language (:func:`chart_description`)."""

    one_year: str
    years: str
    semicolon: str
    separators: dict[int, str]  # English separators → the language's


@functools.lru_cache(maxsize=16)
def ends_words(lang: Language) -> EndsWords:
    return EndsWords(
        lang._("{name}: {value} in {year}"),
        lang._("{name}: {first} in {first_year}, {latest} in {latest_year}"),
        lang.semicolon,
        separators(lang),
    )


@dataclass(frozen=True, slots=True)
class SectionWords:
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
    ends: EndsWords
    tick: Callable[[float], str]  # how the language writes an axis's values


def section_words(page: PageContext) -> SectionWords:
    return page.shared(("outcome-section-words",), _make_section_words, page)


def _make_section_words(page: PageContext) -> SectionWords:
    total = page._("Total")
    return SectionWords(
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
        ends_words(page.lang),
        tick_writer(page.lang),
    )


def tracks_links(page: PageContext, tracks: tuple[str, ...]) -> Markup:
    """Links to the characteristics an indicator tracks (the same on every outcomes page of an edition)."""
    names = page.catalogue.characteristics
    return join([page.here.to(urls.characteristic(cid), [cid, " ", names[cid].name]) for cid in tracks], ", ")


def chart_description(page: PageContext, lines: list[tuple[str, list[tuple[int, float]]]], target: str | None) -> str:
    """What the chart shows, in words: each line's first and latest value, and the target. Every value is
    in the data table below the chart, which the figure's caption says (a description listing them all
    was read out in full by screen readers, and repeated the table)."""
    return describe(ends_words(page.lang), [name for name, _ in lines], [line_ends(p) for _, p in lines], target)


def describe(words: EndsWords, names: Sequence[str], ends: Sequence[Ends], target: str | None) -> str:
    seps = words.separators
    said = []
    for name, (first_year, first, latest_year, latest) in zip(names, ends, strict=True):
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


def line_ends(points: Sequence[tuple[int, float]]) -> Ends:
    (first_year, first), (latest_year, latest) = min(points), max(points)
    return first_year, english_number(first), latest_year, english_number(latest)
