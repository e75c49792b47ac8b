"""Outcomes: each indicator's status by a published rule, and whether everyone benefits (the gap
between the best- and worst-off groups). Pure functions over the model; no HTML here.

The status follows the progress method Statistics Canada published for its Sustainable Development
Goals data hub, which Open SDG implements (its ``docs/progress.md`` and ``progress-methodology.md``):
the compound annual growth rate (CAGR) from the base year to the latest year, compared with the
growth rate the target needs (a ratio), or, without a target, with fixed growth rates. The
Methodology page explains it from the constants below (render/methodology_pages.py reads them).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from ..memo import BoundedCache, held
from ..model.indicators import Indicator, Observation
from ..model.messages import N_

# With a target: the ratio R of the observed CAGR to the CAGR needed to reach the target on time.
RATIO_ON_TRACK = 0.95  # R >= 95%: on track
RATIO_MODERATE = 0.60  # 60% <= R < 95%: progress made, acceleration needed; 0 <= R < 60%: limited
# Without a target: the observed CAGR, in the better direction.
GROWTH_ON_TRACK = 0.015  # >= 1.5% a year: on track
GROWTH_MODERATE = 0.005  # 0.5% to 1.5%: acceleration needed; 0 to 0.5%: limited progress
# Growth rates and ratios are compared at this many decimal places, so that a value exactly on a
# threshold (1.5% a year) is not pushed under it by floating point (100 to 101.5 gives 0.01499…).
PRECISION = 9
# A gap between groups is "unchanged" when it moved by at most this share of its first size.
GAP_UNCHANGED = 0.05


class Status(StrEnum):
    # the values are the English words shown (msgids: pages show page._(value))
    ACHIEVED = N_("target achieved")
    ON_TRACK = N_("on track")
    MODERATE = N_("progress, but acceleration needed")
    LIMITED = N_("limited progress")
    DETERIORATION = N_("deterioration")
    NOT_AVAILABLE = N_("not enough data for a status")


class GapTrend(StrEnum):
    NARROWING = N_("narrowing")
    WIDENING = N_("widening")
    UNCHANGED = N_("unchanged")


@dataclass(frozen=True, slots=True)
class Progress:
    status: Status
    base_year: int | None = None
    base_value: float | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    growth: float | None = None  # the observed CAGR
    needed: float | None = None  # the CAGR the target needs
    ratio: float | None = None  # growth / needed


def cagr(first: float, last: float, years: int) -> float:
    """The compound annual growth rate from ``first`` to ``last`` over ``years`` (both above zero)."""
    return (last / first) ** (1 / years) - 1


def _better(direction: str) -> int:
    return 1 if direction == "increase" else -1


T = TypeVar("T")

# What is worked out from an indicator, once per indicator object: a city's summary tile, its rows and
# its outcomes page ask for the same figures in every language. Keyed by identity (an Indicator is a
# mutable dataclass, so not hashable); each entry holds its indicator, so the id stays its own while
# kept, and a new object (a city's folder read again) gets new entries.
_WORKED_OUT: BoundedCache[tuple[object, Any]] = BoundedCache(300_000)


def _once(work: Callable[[Indicator], T]) -> Callable[[Indicator], T]:
    @functools.wraps(work)
    def kept(indicator: Indicator) -> T:
        return held(_WORKED_OUT, indicator, (work,), work, indicator)

    return kept


def _progress(indicator: Indicator) -> Progress:
    """The status of the indicator's total series (the rows without a group)."""
    series = sorted(indicator.total, key=lambda o: o.year)
    if not series:
        return Progress(Status.NOT_AVAILABLE)
    latest = series[-1]
    base = indicator.baseline
    base_year, base_value = (base.year, base.value) if base is not None else (series[0].year, series[0].value)
    found = Progress(Status.NOT_AVAILABLE, base_year, base_value, latest.year, latest.value)
    d = _better(indicator.direction)
    target = indicator.target
    if target is not None and d * (latest.value - target.value) >= 0 and latest.year >= base_year:
        return Progress(Status.ACHIEVED, base_year, base_value, latest.year, latest.value)
    if latest.year <= base_year or base_value <= 0 or latest.value <= 0:
        return found  # one year, or a value a growth rate cannot start from
    growth = cagr(base_value, latest.value, latest.year - base_year)
    if target is not None:
        if target.value <= 0 or target.year <= base_year:
            return found
        needed = cagr(base_value, target.value, target.year - base_year)
        if d * needed <= 0:  # the base year had reached the target; the latest year has not
            return Progress(Status.DETERIORATION, base_year, base_value, latest.year, latest.value, growth, needed)
        ratio = round(growth / needed, PRECISION)
        status = (
            Status.ON_TRACK
            if ratio >= RATIO_ON_TRACK
            else Status.MODERATE
            if ratio >= RATIO_MODERATE
            else Status.LIMITED
            if ratio >= 0
            else Status.DETERIORATION
        )
        return Progress(status, base_year, base_value, latest.year, latest.value, growth, needed, ratio)
    better = round(d * growth, PRECISION)
    status = (
        Status.ON_TRACK
        if better >= GROWTH_ON_TRACK
        else Status.MODERATE
        if better >= GROWTH_MODERATE
        else Status.LIMITED
        if better >= 0
        else Status.DETERIORATION
    )
    return Progress(status, base_year, base_value, latest.year, latest.value, growth)


progress = _once(_progress)


@dataclass(frozen=True, slots=True)
class GroupValue:
    group: tuple[str, ...]  # as in the CSV: one cell per disaggregation column ("" = any)
    value: float


@dataclass(frozen=True, slots=True)
class GapYear:
    year: int
    best: GroupValue
    worst: GroupValue

    @property
    def size(self) -> float:
        return abs(self.best.value - self.worst.value)


@dataclass(frozen=True, slots=True)
class Gap:
    """Between the groups of one breakdown (e.g. by district; by sex; by sex and age)."""

    columns: tuple[str, ...]  # the disaggregation columns the breakdown's groups fill in
    first: GapYear
    latest: GapYear

    @property
    def trend(self) -> GapTrend:
        before, after = self.first.size, self.latest.size
        if abs(after - before) <= GAP_UNCHANGED * before or before == after:
            return GapTrend.UNCHANGED
        return GapTrend.NARROWING if after < before else GapTrend.WIDENING


def _breakdowns(indicator: Indicator) -> dict[tuple[str, ...], dict[tuple[str, ...], list[Observation]]]:
    """The groups of each breakdown: the columns a group fills in, then the group's series (shared
    by every caller: not to be changed)."""
    found: dict[tuple[str, ...], dict[tuple[str, ...], list[Observation]]] = {}
    series: dict[tuple[str, ...], list[Observation]] = {}  # each group's, once its columns are known
    for o in indicator.observations:
        rows = series.get(o.group)
        if rows is None:
            if o.is_total:
                continue
            columns = tuple(name for name, cell in zip(indicator.disaggregation, o.group, strict=True) if cell)
            rows = series[o.group] = found.setdefault(columns, {}).setdefault(o.group, [])
        rows.append(o)
    return found


breakdowns = _once(_breakdowns)


def _by_year(indicator: Indicator) -> tuple[Observation, ...]:
    """Every value by year, the total first, then the groups (the data table's order)."""
    return tuple(sorted(indicator.observations, key=lambda o: (o.year, not o.is_total, o.group)))


by_year = _once(_by_year)

Breakdowns = dict[tuple[str, ...], dict[tuple[str, ...], list[Observation]]]


def _gaps(indicator: Indicator) -> tuple[Gap, ...]:
    """For each breakdown with two groups or more: the gap at the first and the latest year that
    has two groups' values (best-off by the indicator's direction)."""
    d = _better(indicator.direction)
    found = []
    for columns, groups in breakdowns(indicator).items():
        by_year: dict[int, list[GroupValue]] = {}
        for group, series in groups.items():
            for o in series:
                by_year.setdefault(o.year, []).append(GroupValue(group, o.value))
        years = sorted(year for year, values in by_year.items() if len(values) >= 2)
        if not years:
            continue
        first, latest = years[0], years[-1]
        found.append(Gap(columns, _gap_year(first, by_year[first], d), _gap_year(latest, by_year[latest], d)))
    return tuple(found)


gaps = _once(_gaps)


def _gap_year(year: int, values: list[GroupValue], d: int) -> GapYear:
    best = max(values, key=lambda v: d * v.value)
    worst = min(values, key=lambda v: d * v.value)
    return GapYear(year, best, worst)
