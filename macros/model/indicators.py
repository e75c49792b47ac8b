"""A city's outcome indicators (``indicators.yaml``) and their yearly series (``indicators/<id>.csv``).

Maturity says how well a city manages; indicators say what residents get. Each indicator names
the catalogue characteristics it ``tracks``, so a claim and the outcomes meant to back it stand
side by side."""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import by_fields

DIRECTIONS = ("increase", "decrease")  # which way is better
# The characteristics whose criteria require tracked indicators from a level on: 1.5.2 Benefit
# tracking asks for defined KPIs at level 3, and each purpose 4.1-4.6 for "actively tracking
# performance against key indicators" at level 4 (ISO MMSSC, criteria/).
INDICATORS_REQUIRED_FROM: dict[str, int] = {
    "1.5.2": 3,
    "4.1": 4,
    "4.2": 4,
    "4.3": 4,
    "4.4": 4,
    "4.5": 4,
    "4.6": 4,
}


@dataclass(frozen=True, slots=True)
class YearValue:
    year: int
    value: float

    __reduce__ = by_fields


@dataclass(frozen=True, slots=True)
class Observation:
    """One row of an indicator's CSV: a year, its value, and the group it is for (empty: the total)."""

    year: int
    value: float
    group: tuple[str, ...]  # one cell per disaggregation column, in the declared order; "" = all
    note: str | None = None

    __reduce__ = by_fields

    @property
    def is_total(self) -> bool:
        return not any(self.group)


@dataclass(slots=True)
class Indicator:
    id: str
    name: str
    unit: str
    direction: str  # "increase" or "decrease"
    tracks: tuple[str, ...]  # catalogue IDs
    source_title: str
    source_url: str
    standard: str | None = None  # "ISO 37120:2018 5.1", "U4SSC EC-ICT-ICT-1C"
    baseline: YearValue | None = None
    target: YearValue | None = None
    disaggregation: tuple[str, ...] = ()  # the CSV's extra columns
    description: str | None = None
    observations: tuple[Observation, ...] = ()  # by group, then year

    __reduce__ = by_fields

    @property
    def total(self) -> tuple[Observation, ...]:
        return tuple(o for o in self.observations if o.is_total)

    def groups(self) -> dict[tuple[str, ...], tuple[Observation, ...]]:
        """Each group's series (the total left out), in the order first written."""
        found: dict[tuple[str, ...], list[Observation]] = {}
        for o in self.observations:
            if not o.is_total:
                found.setdefault(o.group, []).append(o)
        return {group: tuple(series) for group, series in found.items()}
