"""A city's progress: plans now, change over time, promises against delivery, reporting cadence,
diverging stakeholder views, and strengths and weaknesses. Pure functions over the model."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ..model.assessments import Assessment, City, Rating
from ..model.catalogue import Catalogue
from ..model.messages import N_

PROMISE_YEARS = 2  # "in two years based on current plans" (clause 5.1)
# A city's latest assessment older than this many months gets a visible notice (the plugin's
# stale_after_months option defaults to it).
STALE_AFTER_MONTHS = 24
DIVERGENCE_THRESHOLD = 2  # levels between stakeholder groups worth showing
EXTREMES = 5  # how many strengths and weaknesses to name at most


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Plan(StrEnum):
    # the values are the English words shown (msgids: pages show page._(value))
    UP = N_("plans to improve")
    SAME = N_("no planned change")
    DOWN = N_("expects to fall back")
    NOT_ASSESSED = N_("not assessed")


@dataclass(frozen=True)
class PlanRow:
    characteristic_id: str
    now: int | None
    in_two_years: int | None
    plan: Plan


def plans(catalogue: Catalogue, assessment: Assessment) -> list[PlanRow]:
    rows = []
    for cid in catalogue.characteristics:
        rating = assessment.ratings.get(cid)
        if not isinstance(rating, Rating):
            rows.append(PlanRow(cid, None, None, Plan.NOT_ASSESSED))
            continue
        later = rating.in_two_years
        plan = Plan.UP if later > rating.now else Plan.DOWN if later < rating.now else Plan.SAME
        rows.append(PlanRow(cid, rating.now, later, plan))
    return rows


@dataclass(frozen=True)
class Change:
    characteristic_id: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before


def changes(catalogue: Catalogue, previous: Assessment, latest: Assessment) -> list[Change]:
    """Level "now" in the latest assessment against the previous one, per characteristic."""
    result = []
    for cid in catalogue.characteristics:
        before, after = previous.ratings.get(cid), latest.ratings.get(cid)
        result.append(
            Change(
                cid,
                before.now if isinstance(before, Rating) else None,
                after.now if isinstance(after, Rating) else None,
            )
        )
    return result


class Verdict(StrEnum):
    EXCEEDED = N_("exceeded")
    MET = N_("met")
    MISSED = N_("missed")
    NOT_ASSESSED = N_("not assessed at the check")
    AWAITING = N_("due, awaiting a new assessment")


@dataclass(frozen=True)
class Promise:
    characteristic_id: str
    made_on: dt.date
    promised: int
    level_then: int
    due: dt.date
    checked_on: dt.date | None  # date of the assessment it is checked against
    delivered: int | None
    verdict: Verdict


def promises(catalogue: Catalogue, city: City, today: dt.date) -> list[Promise]:
    """Every "in two years" promise whose date has come, checked against the first assessment
    made on or after that date (rule stated on the methodology page). Promises not yet due are left out."""
    result: list[Promise] = []
    history = city.assessments
    for index, made in enumerate(history):
        due = add_years(made.date, PROMISE_YEARS)
        if due > today:
            continue
        check = next((later for later in history[index + 1 :] if later.date >= due), None)
        for cid in catalogue.characteristics:
            rating = made.ratings.get(cid)
            if not isinstance(rating, Rating):
                continue
            if check is None:
                result.append(
                    Promise(cid, made.date, rating.in_two_years, rating.now, due, None, None, Verdict.AWAITING)
                )
                continue
            later = check.ratings.get(cid)
            delivered: int | None
            if not isinstance(later, Rating):
                verdict, delivered = Verdict.NOT_ASSESSED, None
            else:
                delivered = later.now
                verdict = (
                    Verdict.EXCEEDED
                    if delivered > rating.in_two_years
                    else Verdict.MET
                    if delivered == rating.in_two_years
                    else Verdict.MISSED
                )
            result.append(Promise(cid, made.date, rating.in_two_years, rating.now, due, check.date, delivered, verdict))
    return result


@dataclass(frozen=True)
class Cadence:
    last_reported: dt.date | None
    months_since: int | None
    stale: bool
    stale_after_months: int


def months_between(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + (end.month - start.month)
    return months - (1 if end.day < start.day else 0)


def cadence(city: City, today: dt.date, stale_after_months: int = STALE_AFTER_MONTHS) -> Cadence:
    latest = city.latest
    if latest is None:
        return Cadence(None, None, True, stale_after_months)
    months = months_between(latest.date, today)
    return Cadence(latest.date, months, months > stale_after_months, stale_after_months)


@dataclass(frozen=True)
class Divergence:
    characteristic_id: str
    views: dict[str, int]  # group ID → level now
    spread: int


def divergences(
    catalogue: Catalogue, assessment: Assessment, threshold: int = DIVERGENCE_THRESHOLD
) -> list[Divergence]:
    found = []
    for cid in catalogue.characteristics:
        rating = assessment.ratings.get(cid)
        if not isinstance(rating, Rating) or len(rating.groups) < 2:
            continue
        views = {gid: view.now for gid, view in rating.groups.items()}
        spread = max(views.values()) - min(views.values())
        if spread >= threshold:
            found.append(Divergence(cid, views, spread))
    return found


@dataclass(frozen=True)
class Extremes:
    strengths: list[str]
    weaknesses: list[str]


# shown as page._(EXTREMES_RULE, count=EXTREMES)
EXTREMES_RULE = N_(
    "Strengths are the characteristics at the city's highest level now, weaknesses those at its lowest "
    "(at most {count} each, in catalogue order); when every assessed characteristic is at the same level, "
    "there are neither."
)


def extremes(catalogue: Catalogue, assessment: Assessment) -> Extremes:
    rated = [
        (cid, r.now)
        for cid, r in assessment.ratings.items()
        if isinstance(r, Rating) and cid in catalogue.characteristics
    ]
    if not rated:
        return Extremes([], [])
    high, low = max(level for _, level in rated), min(level for _, level in rated)
    if high == low:
        return Extremes([], [])
    order = list(catalogue.characteristics)
    rated.sort(key=lambda item: order.index(item[0]))
    return Extremes(
        [cid for cid, level in rated if level == high][:EXTREMES],
        [cid for cid, level in rated if level == low][:EXTREMES],
    )


def report_due(last: dt.date, months: int) -> dt.date:
    """The date by which the next assessment is expected: ``months`` after the last one."""
    month = last.month - 1 + months
    year, month = last.year + month // 12, month % 12 + 1
    for day in (last.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


# --- progress status per characteristic (in the manner of Open SDG's progress status) ---------


class Status(StrEnum):
    KEPT = N_("promise kept")
    MISSED = N_("promise missed")
    IMPROVED = N_("improved")
    UNCHANGED = N_("unchanged")
    DECLINED = N_("declined")
    FIRST = N_("first assessment")
    NOT_ASSESSED = N_("not assessed")


STATUS_RULE = N_(
    "Each characteristic of a city's latest assessment gets one progress status. Not assessed: the latest "
    "assessment did not assess it. Promise kept or promise missed: a two-year promise of an earlier assessment was "
    "checked against the latest one (by the rule of plans against delivery), and the level reached is at least the "
    "level promised (kept) or below it (missed). Otherwise the level now is compared with the previous assessment: "
    "improved (higher), unchanged (the same) or declined (lower); first assessment when there is no earlier level "
    "to compare with. The status is shown as an icon and words, never by colour alone."
)


@dataclass(frozen=True)
class StatusRow:
    characteristic_id: str
    status: Status
    before: int | None  # level now at the previous assessment
    after: int | None  # level now at the latest
    promise: Promise | None  # the promise checked against the latest assessment, if any


def statuses(
    catalogue: Catalogue, city: City, today: dt.date, found: list[Promise] | None = None
) -> dict[str, StatusRow]:
    """The progress status of every characteristic of the city's latest assessment (``STATUS_RULE``).

    ``found``: the city's :func:`promises`, when the caller has them already."""
    latest = city.latest
    if latest is None:
        return {}
    previous = city.assessments[-2] if len(city.assessments) > 1 else None
    found = promises(catalogue, city, today) if found is None else found
    checked = {p.characteristic_id: p for p in found if p.checked_on == latest.date}
    rows = {}
    for cid in catalogue.characteristics:
        rating = latest.ratings.get(cid)
        before_rating = previous.ratings.get(cid) if previous is not None else None
        before = before_rating.now if isinstance(before_rating, Rating) else None
        promise = checked.get(cid)
        status: Status
        if not isinstance(rating, Rating):
            rows[cid] = StatusRow(cid, Status.NOT_ASSESSED, before, None, promise)
            continue
        if promise is not None and promise.delivered is not None:
            status = Status.KEPT if promise.delivered >= promise.promised else Status.MISSED
        elif before is None:
            status = Status.FIRST
        else:
            status = (
                Status.IMPROVED if rating.now > before else Status.DECLINED if rating.now < before else Status.UNCHANGED
            )
        rows[cid] = StatusRow(cid, status, before, rating.now, promise)
    return rows
