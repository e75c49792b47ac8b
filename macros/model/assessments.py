"""Cities and their assessments: what a city says about itself, now and in two years, over time."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

from .catalogue import SourceRef, by_fields
from .indicators import Indicator
from .messages import N_

# Size bands derive from population (OECD functional-urban-area bands; "town" below them),
# so a city never has to state, and can never contradict, its own band.
SIZE_BANDS: tuple[tuple[str, str, int], ...] = (
    ("town", N_("Town or small community (under 50,000)"), 0),
    ("small", N_("Small urban area (50,000 to 199,999)"), 50_000),
    ("medium", N_("Medium-sized urban area (200,000 to 499,999)"), 200_000),
    ("metropolitan", N_("Metropolitan area (500,000 to 1,499,999)"), 500_000),
    ("large-metropolitan", N_("Large metropolitan area (1,500,000 or more)"), 1_500_000),
)

COMMUNITY_TYPES: dict[str, str] = {
    "city": N_("City"),
    "town": N_("Town"),
    "district": N_("District or borough of a larger city"),
    "region": N_("Metropolitan region or group of municipalities"),
    "rural": N_("Rural community"),
    "island": N_("Island community"),
}

# How a multi-stakeholder assessment's result is obtained from the groups' views.
CONSOLIDATION_RULES: dict[str, str] = {
    "moderated": N_("The levels given are the moderators' consolidated result, agreed with the groups."),
    "median": N_(
        "The levels are derived: the median of the stakeholder groups' levels, rounded down "
        "(with an even number of groups, the lower of the two middle values)."
    ),
}


# The methods of Figure 3 that collect each stakeholder group's view separately: only their
# assessments may record per-group levels ("groups") and say how they were consolidated.
GROUP_VIEW_METHODS: tuple[str, ...] = ("multi-stakeholder", "moderated-multi-stakeholder")


def size_band(population: int) -> str:
    band = SIZE_BANDS[0][0]
    for band_id, _label, lower in SIZE_BANDS:
        if population >= lower:
            band = band_id
    return band


def lower_median(values: list[int]) -> int:
    """The documented "median" consolidation rule: the lower middle value."""
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


@dataclass(frozen=True, slots=True)
class Evidence:
    title: str
    url: str
    date: dt.date | None = None

    __reduce__ = by_fields


@dataclass(frozen=True, slots=True)
class GroupView:
    """One stakeholder group's view of one characteristic."""

    group_id: str
    now: int
    in_two_years: int

    __reduce__ = by_fields


@dataclass(slots=True)
class Rating:
    """A city's rating of one characteristic in one assessment: its level now and in two years."""

    characteristic_id: str
    now: int
    in_two_years: int
    justification: str
    evidence: tuple[Evidence, ...] = ()  # a tuple: the model holds millions, most with one item or none
    groups: dict[str, GroupView] = field(default_factory=dict)
    line: int = 1

    assessed: ClassVar[bool] = True
    not_assessed: ClassVar[None] = None  # the reason, on a NotAssessed

    __reduce__ = by_fields

    @property
    def spread(self) -> int | None:
        """How far the groups' views of "now" lie apart (highest minus lowest); None without two views."""
        levels = [view.now for view in self.groups.values()]
        return max(levels) - min(levels) if len(levels) >= 2 else None


@dataclass(slots=True)
class NotAssessed:
    """A characteristic an assessment did not rate, with the reason it gives."""

    characteristic_id: str
    not_assessed: str  # the reason, as written
    line: int = 1

    assessed: ClassVar[bool] = False
    # A Rating's other fields, empty, so that exports and tables read every entry the same way
    now: ClassVar[None] = None
    in_two_years: ClassVar[None] = None
    justification: ClassVar[None] = None
    evidence: ClassVar[tuple[Evidence, ...]] = ()
    groups: ClassVar[Mapping[str, GroupView]] = MappingProxyType({})
    spread: ClassVar[None] = None

    __reduce__ = by_fields


# Every characteristic of an assessment is one or the other (the validator requires all of them).
Entry = Rating | NotAssessed


# --- the published record: corrections, withdrawal, independent review ---------------------------

# Who may review an assessment (``review.kind``) and what they may conclude (``review.outcome``).
REVIEW_KINDS: dict[str, str] = {
    "peer-city": N_("a peer city"),
    "programme": N_("a national or regional programme"),
    "third-party": N_("an independent third party"),
}
REVIEW_OUTCOMES: dict[str, str] = {
    "confirmed": N_("confirmed"),
    "confirmed-with-changes": N_("confirmed with changes"),
    "not-confirmed": N_("not confirmed"),
}
# The outcomes under which a page says the assessment was confirmed by its reviewer.
REVIEW_CONFIRMING: tuple[str, ...] = ("confirmed", "confirmed-with-changes")
# How a review counts (the Methodology page and the city page say it, from these constants).
REVIEW_RULE = N_(
    "A review never changes a figure: every level, chart and promise check uses the city's own levels. The page "
    "names the reviewer, the kind of reviewer and the outcome, and, for each characteristic where the reviewer "
    "reached another level, shows both levels side by side. An assessment counts as confirmed when the outcome is one "
    "of: {confirming}."
)
CORRECTION_RULE = N_(
    "A published assessment is never silently rewritten: a changed value must come with a correction that records "
    "its date, its reason and the earlier value, and the pages show it. Figures use the corrected values and mark "
    "them. A withdrawn assessment stays listed with its reason but is left out of every figure."
)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field a correction changed: its path in the file (keys from the top), the value before and after.

    The values are plain data as written (text, numbers, lists; None when the field was absent), held
    as their JSON text: the model's stored form (validate/stored_format.py) then keeps them exactly,
    and no value from a file can ever be read back as anything but data."""

    path: tuple[str, ...]
    old_json: str
    new_json: str

    __reduce__ = by_fields

    @classmethod
    def of(cls, path: tuple[str, ...], old: Any, new: Any) -> FieldChange:
        return cls(path, json.dumps(old, ensure_ascii=False), json.dumps(new, ensure_ascii=False))

    @property
    def old(self) -> Any:
        return json.loads(self.old_json)

    @property
    def new(self) -> Any:
        return json.loads(self.new_json)

    @property
    def characteristic_id(self) -> str | None:
        return self.path[1] if len(self.path) > 1 and self.path[0] == "characteristics" else None


@dataclass(frozen=True, slots=True)
class Correction:
    date: dt.date
    reason: str
    changes: tuple[FieldChange, ...]

    __reduce__ = by_fields


@dataclass(frozen=True, slots=True)
class Withdrawal:
    date: dt.date
    reason: str

    __reduce__ = by_fields


@dataclass(frozen=True, slots=True)
class Review:
    by: str  # the reviewing organisation
    kind: str  # a REVIEW_KINDS key
    date: dt.date
    outcome: str  # a REVIEW_OUTCOMES key
    url: str | None = None  # the review's report
    levels: tuple[tuple[str, int], ...] = ()  # characteristic ID, the reviewer's level now (where it differs)

    __reduce__ = by_fields

    @property
    def confirmed(self) -> bool:
        return self.outcome in REVIEW_CONFIRMING


@dataclass(slots=True)
class Assessment:
    city_slug: str
    date: dt.date
    model_version: str
    method_id: str
    participants: list[str]  # stakeholder group IDs
    ratings: dict[str, Entry]  # characteristic ID → its rating (or why not), in catalogue order
    consolidation: str | None = None  # a CONSOLIDATION_RULES key, for multi-stakeholder assessments
    summary: str | None = None
    assessors: str | None = None  # who carried it out (e.g. "City Council strategy team")
    source: SourceRef = SourceRef("")
    updated: dt.date | None = None  # when the file last changed materially (for feeds), if stated
    corrections: tuple[Correction, ...] = ()  # oldest first, as the file lists them
    withdrawn: Withdrawal | None = None
    review: Review | None = None

    __reduce__ = by_fields

    @property
    def corrected(self) -> dict[str, dt.date]:
        """Characteristic ID → the date of its latest correction (for marking corrected values)."""
        return {c.characteristic_id: k.date for k in self.corrections for c in k.changes if c.characteristic_id}

    def corrected_levels(self, level: str) -> frozenset[str]:
        """The characteristics whose ``level`` ("now" or "in_two_years") a correction changed: the level
        itself, a stakeholder group's it is derived from, whether it was assessed, or the rule deriving it.
        A figure marks a value as corrected only then, not for a corrected justification or other level."""
        found: set[str] = set()
        for change in (c for k in self.corrections for c in k.changes):
            path = change.path
            if path[0] in ("consolidation", "participants") or path == ("characteristics",):
                return frozenset(self.ratings)
            cid = change.characteristic_id
            if cid is None:
                continue
            field = path[2:]
            if (
                not field
                or field[0] in (level, "not_assessed")
                or (field[0] == "groups" and (len(field) < 3 or field[2] == level))
            ):
                found.add(cid)
        return frozenset(found)


@dataclass(slots=True)
class City:
    slug: str
    name: str
    country: str  # ISO 3166-1 alpha-2
    region: str | None
    population: int
    community_type: str
    website: str | None
    contact: str | None  # an email address or a web page
    maintainers: list[str]  # GitHub user names allowed to maintain the files
    fictional: bool = False
    description: str | None = None
    # The language the city's own text (description, summaries, justifications) is written in: a
    # BCP 47 tag ("el", "pt-BR"); None when city.yaml does not say (no claim is made on the page).
    language: str | None = None
    source: SourceRef = SourceRef("")
    assessments: list[Assessment] = field(default_factory=list)  # oldest first; never a withdrawn one
    indicators: list[Indicator] = field(default_factory=list)  # indicators.yaml, in the order written
    # where the public can answer the city's assessments: an https page or a mailto: address
    feedback: str | None = None
    withdrawn: list[Assessment] = field(default_factory=list)  # listed with their reason, in no figure
    indicators_source: SourceRef | None = None  # indicators.yaml with its snapshot (the loss-free export)

    __reduce__ = by_fields

    @property
    def size_band(self) -> str:
        return size_band(self.population)

    @property
    def latest(self) -> Assessment | None:
        return self.assessments[-1] if self.assessments else None


@dataclass
class Registry:
    """All cities, by slug, in a stable order (by name)."""

    cities: dict[str, City]
    # each city's folder by content address, where a store of checked folders computed it
    # (validate/stored.py): whatever is drawn from that city alone can be addressed by it
    addresses: dict[str, str] = field(default_factory=dict)
