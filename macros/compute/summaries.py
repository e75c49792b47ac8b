"""Summaries of one assessment at the three levels the source names: dimension, sub-dimension,
characteristic. A summary is a distribution of levels, never only an average.

The aggregation rule (also stated on every city page and on the methodology page):
the *typical level* of a group of characteristics is the median of their levels, rounded
down (with an even count, the lower of the two middle values), so a summary never claims
more than half of its characteristics reach. Characteristics marked "not assessed" are left
out and counted separately. The mean is given to one decimal for reference only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..model.assessments import Assessment, Rating, lower_median
from ..model.catalogue import LEVELS, Catalogue
from ..model.messages import N_

AGGREGATION_RULE = N_(
    "The typical level of a dimension or sub-dimension is the median level of its assessed characteristics, "
    "rounded down (with an even number, the lower of the two middle values), so it never claims more than half "
    "of them reach. The full distribution is always shown beside it. Characteristics marked “not assessed” are "
    "left out and counted separately; the mean is shown to one decimal for reference only."
)


@dataclass(frozen=True)
class Distribution:
    """Levels counted; what is read from the counts is worked out once (a city page's sections
    read the same typical levels again and again)."""

    counts: dict[int, int]  # level → number of characteristics at that level
    not_assessed: int

    @cached_property
    def assessed(self) -> int:
        return sum(self.counts.values())

    @cached_property
    def values(self) -> list[int]:
        return [level for level in LEVELS for _ in range(self.counts.get(level, 0))]

    @cached_property
    def typical(self) -> int | None:
        return lower_median(self.values) if self.assessed else None

    @cached_property
    def mean(self) -> float | None:
        return round(sum(self.values) / self.assessed, 1) if self.assessed else None


def distribution(levels: list[int | None]) -> Distribution:
    counts = {level: 0 for level in LEVELS}
    missing = 0
    for level in levels:
        if level is None:
            missing += 1
        else:
            counts[level] += 1
    return Distribution(counts, missing)


@dataclass(frozen=True)
class GroupSummary:
    id: str  # dimension or sub-dimension ID ("" for the whole model)
    name: str
    now: Distribution
    in_two_years: Distribution


def summarise(
    catalogue: Catalogue, assessment: Assessment, characteristic_ids: list[str], group_id: str, name: str
) -> GroupSummary:
    ratings = [assessment.ratings.get(cid) for cid in characteristic_ids]
    now = [r.now if isinstance(r, Rating) else None for r in ratings]
    later = [r.in_two_years if isinstance(r, Rating) else None for r in ratings]
    return GroupSummary(group_id, name, distribution(now), distribution(later))


def overall(catalogue: Catalogue, assessment: Assessment) -> GroupSummary:
    return summarise(catalogue, assessment, list(catalogue.characteristics), "", N_("All characteristics"))


def by_dimension(catalogue: Catalogue, assessment: Assessment) -> list[GroupSummary]:
    return [summarise(catalogue, assessment, d.characteristic_ids, d.id, d.name) for d in catalogue.dimensions.values()]


def by_subdimension(catalogue: Catalogue, assessment: Assessment) -> list[GroupSummary]:
    return [
        summarise(catalogue, assessment, s.characteristic_ids, s.id, s.name) for s in catalogue.subdimensions.values()
    ]


# --- the OECD lens: smart enablers (inputs) against purposes (outcomes) ------------------------

ENABLERS_PURPOSES_RULE = N_(
    "The OECD asks that smart-city measurement tell inputs from outcomes. In the MMSSC, the smart enablers "
    "(dimensions 1 to 3: strategy, citizen-centric services, digital and physical resources) are the inputs, and "
    "dimension 4, the purposes of a sustainable community, the outcomes. Each side's typical level is the median "
    "level of its assessed characteristics, rounded down, as for a dimension; the gap is the enablers' typical level "
    "minus the purposes'. With an earlier assessment, each side's change since then shows whether investment in "
    "the enablers is turning into outcomes: the purposes rising too, or staying behind."
)


@dataclass(frozen=True)
class Lens:
    enablers: GroupSummary
    purposes: GroupSummary
    enablers_before: Distribution | None  # level now at the previous assessment
    purposes_before: Distribution | None

    @property
    def gap(self) -> int | None:
        """Enablers' typical level minus the purposes' (positive: the enablers are ahead)."""
        e, p = self.enablers.now.typical, self.purposes.now.typical
        return None if e is None or p is None else e - p

    @property
    def reading(self) -> str:
        """One sentence a resident can take in: where the two sides stand, and where they are going."""
        gap = self.gap
        if gap is None:
            return "Not enough characteristics were assessed to compare the enablers with the purposes."
        if gap > 0:
            text = f"The enablers are {gap} level{'s' if gap > 1 else ''} ahead of the purposes"
        elif gap < 0:
            text = f"The purposes are {-gap} level{'s' if gap < -1 else ''} ahead of the enablers"
        else:
            text = "The enablers and the purposes are at the same typical level"
        enablers = _moved(self.enablers_before, self.enablers.now)
        purposes = _moved(self.purposes_before, self.purposes.now)
        if enablers is None or purposes is None:
            return text + "."
        if purposes > 0:
            return text + ", and the purposes have risen since the previous assessment: outcomes are following."
        if enablers > 0:
            return text + ": the enablers have risen since the previous assessment, the purposes not yet."
        if purposes < 0:
            return text + ", and the purposes have fallen since the previous assessment."
        return text + "; neither side has risen since the previous assessment."


def _moved(before: Distribution | None, after: Distribution) -> int | None:
    if before is None or before.typical is None or after.typical is None:
        return None
    return after.typical - before.typical


def enablers_and_purposes(catalogue: Catalogue, assessment: Assessment, previous: Assessment | None = None) -> Lens:
    """The smart enablers (dimensions of kind "smart-enablers") beside the purposes (``ENABLERS_PURPOSES_RULE``)."""
    sides = {"smart-enablers": [], "purposes": []}  # type: dict[str, list[str]]
    for dim in catalogue.dimensions.values():
        sides.setdefault(dim.kind, []).extend(dim.characteristic_ids)
    enablers = summarise(catalogue, assessment, sides["smart-enablers"], "enablers", N_("Smart enablers"))
    purposes = summarise(catalogue, assessment, sides["purposes"], "purposes", N_("Purposes"))
    if previous is None:
        return Lens(enablers, purposes, None, None)
    return Lens(
        enablers,
        purposes,
        summarise(catalogue, previous, sides["smart-enablers"], "", "").now,
        summarise(catalogue, previous, sides["purposes"], "", "").now,
    )
