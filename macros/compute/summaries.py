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

from ..model.assessments import Assessment, Rating, lower_median
from ..model.catalogue import LEVELS, Catalogue

AGGREGATION_RULE = (
    "The typical level of a dimension or sub-dimension is the median level of its assessed characteristics, "
    "rounded down (with an even number, the lower of the two middle values), so it never claims more than half "
    "of them reach. The full distribution is always shown beside it. Characteristics marked “not assessed” are "
    "left out and counted separately; the mean is shown to one decimal for reference only."
)


@dataclass(frozen=True)
class Distribution:
    counts: dict[int, int]  # level → number of characteristics at that level
    not_assessed: int

    @property
    def assessed(self) -> int:
        return sum(self.counts.values())

    @property
    def values(self) -> list[int]:
        return [level for level in LEVELS for _ in range(self.counts.get(level, 0))]

    @property
    def typical(self) -> int | None:
        return lower_median(self.values) if self.assessed else None

    @property
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
    return summarise(catalogue, assessment, list(catalogue.characteristics), "", "All characteristics")


def by_dimension(catalogue: Catalogue, assessment: Assessment) -> list[GroupSummary]:
    return [summarise(catalogue, assessment, d.characteristic_ids, d.id, d.name) for d in catalogue.dimensions.values()]


def by_subdimension(catalogue: Catalogue, assessment: Assessment) -> list[GroupSummary]:
    return [
        summarise(catalogue, assessment, s.characteristic_ids, s.id, s.name) for s in catalogue.subdimensions.values()
    ]
