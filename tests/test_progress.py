"""Computed figures of the city pages against values worked out by hand: summaries, changes,
plans against delivery, reporting cadence, diverging stakeholder views, strengths and weaknesses."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.compute import progress as prog
from macros.compute.summaries import by_dimension, distribution, overall
from macros.diagnostics import Report
from macros.model.assessments import Assessment, City, GroupView, NotAssessed, Rating
from macros.validate.catalogue import load_catalogue


@pytest.fixture(scope="module")
def catalogue(repo):
    report = Report()
    cat = load_catalogue(repo / "criteria", report, display_root=repo)
    assert report.ok
    return cat


def _assessment(
    catalogue, day: dt.date, levels: dict[str, tuple[int, int] | None], default=(2, 3), groups=None
) -> Assessment:
    ratings = {}
    for cid in catalogue.characteristics:
        pair = levels.get(cid, default)
        if pair is None:
            ratings[cid] = NotAssessed(cid, "no data")
        else:
            ratings[cid] = Rating(cid, pair[0], pair[1], justification="x", groups=(groups or {}).get(cid, {}))
    return Assessment("testville", day, "iso-ts-37107-draft", "single-stakeholder", ["local-government"], ratings)


def _city(assessments) -> City:
    return City("testville", "Testville", "FR", None, 120_000, "city", None, None, ["someone"], assessments=assessments)


def test_distribution_typical_is_the_lower_median():
    d = distribution([1, 2, 2, 3, None, 5])
    assert d.counts == {1: 1, 2: 2, 3: 1, 4: 0, 5: 1}
    assert d.not_assessed == 1
    assert d.typical == 2  # sorted 1,2,2,3,5 → the middle value is 2
    assert d.mean == 2.6  # 13 / 5
    assert distribution([1, 4]).typical == 1  # even count: the lower of the two middle values


def test_summaries_by_dimension(catalogue):
    # dimension 4 (the six purposes): 4.1-4.3 at level 4, 4.4 at 1, 4.5 at 1, 4.6 not assessed
    a = _assessment(
        catalogue,
        dt.date(2024, 1, 10),
        {"4.1": (4, 4), "4.2": (4, 5), "4.3": (4, 4), "4.4": (1, 2), "4.5": (1, 1), "4.6": None},
    )
    d4 = by_dimension(catalogue, a)[3]
    assert d4.now.counts == {1: 2, 2: 0, 3: 0, 4: 3, 5: 0} and d4.now.not_assessed == 1
    assert d4.now.typical == 4  # 1,1,4,4,4 → 4
    assert d4.in_two_years.typical == 4  # 1,2,4,4,5 → 4
    total = overall(catalogue, a)
    assert total.now.assessed == 31 and total.now.not_assessed == 1
    assert total.now.typical == 2  # 26 characteristics at 2, five others → median 2


def test_plans_and_changes(catalogue):
    before = _assessment(catalogue, dt.date(2022, 3, 1), {"1.1.1": (1, 3), "1.1.2": (3, 3)})
    after = _assessment(catalogue, dt.date(2024, 3, 1), {"1.1.1": (3, 4), "1.1.2": (2, 2), "1.2.1": (4, 3)})
    plans = {p.characteristic_id: p.plan for p in prog.plans(catalogue, after)}
    assert plans["1.1.1"] is prog.Plan.UP and plans["1.1.2"] is prog.Plan.SAME and plans["1.2.1"] is prog.Plan.DOWN
    changes = {c.characteristic_id: c.delta for c in prog.changes(catalogue, before, after)}
    assert changes["1.1.1"] == 2 and changes["1.1.2"] == -1 and changes["1.2.1"] == 2 and changes["1.3.1"] == 0


def test_promises_against_delivery(catalogue):
    # 2020-05-01 promises are due 2022-05-01 and checked against the first assessment on or after it:
    # 2021-06-01 is too early; 2022-09-01 is the check.
    first = _assessment(
        catalogue, dt.date(2020, 5, 1), {"1.1.1": (1, 3), "1.1.2": (2, 3), "1.2.1": (2, 2), "1.2.2": (1, 2)}
    )
    early = _assessment(catalogue, dt.date(2021, 6, 1), {})
    check = _assessment(
        catalogue, dt.date(2022, 9, 1), {"1.1.1": (3, 3), "1.1.2": (2, 3), "1.2.1": (4, 4), "1.2.2": None}
    )
    city = _city([first, early, check])
    found = {(p.made_on, p.characteristic_id): p for p in prog.promises(catalogue, city, dt.date(2023, 1, 1))}
    p = found[(dt.date(2020, 5, 1), "1.1.1")]
    assert (p.promised, p.due, p.checked_on, p.delivered, p.verdict) == (
        3,
        dt.date(2022, 5, 1),
        dt.date(2022, 9, 1),
        3,
        prog.Verdict.MET,
    )
    assert found[(dt.date(2020, 5, 1), "1.1.2")].verdict is prog.Verdict.MISSED  # promised 3, still 2
    assert found[(dt.date(2020, 5, 1), "1.2.1")].verdict is prog.Verdict.EXCEEDED  # promised 2, reached 4
    assert found[(dt.date(2020, 5, 1), "1.2.2")].verdict is prog.Verdict.NOT_ASSESSED
    # 2021-06-01 promises fell due 2023-06-01: not yet on 2023-01-01, so not shown
    assert not any(made == dt.date(2021, 6, 1) for made, _ in found)
    # on 2023-07-01 they are due, with no later assessment: awaiting
    later = prog.promises(catalogue, city, dt.date(2023, 7, 1))
    awaiting = [p for p in later if p.made_on == dt.date(2021, 6, 1)]
    assert len(awaiting) == 32 and all(p.verdict is prog.Verdict.AWAITING for p in awaiting)


def test_leap_day_promise_is_due_on_28_february():
    assert prog.add_years(dt.date(2024, 2, 29), 2) == dt.date(2026, 2, 28)


def test_cadence_and_stale_notice(catalogue):
    city = _city([_assessment(catalogue, dt.date(2023, 3, 15), {})])
    fresh = prog.cadence(city, dt.date(2025, 3, 14), 24)
    assert (fresh.months_since, fresh.stale) == (23, False)  # one day short of 24 months
    due = prog.cadence(city, dt.date(2025, 3, 15), 24)
    assert (due.months_since, due.stale) == (24, False)  # exactly 24 months: not older than the period
    stale = prog.cadence(city, dt.date(2025, 4, 15), 24)
    assert (stale.months_since, stale.stale) == (25, True)
    assert prog.cadence(city, dt.date(2024, 3, 15), 12).stale is False
    assert prog.cadence(_city([]), dt.date(2025, 1, 1)).stale is True


def test_divergent_stakeholder_views(catalogue):
    groups = {
        "1.1.1": {
            "local-government": GroupView("local-government", 4, 4),
            "civil-society": GroupView("civil-society", 2, 3),
        },
        "1.1.2": {
            "local-government": GroupView("local-government", 3, 3),
            "civil-society": GroupView("civil-society", 2, 2),
        },
    }
    a = _assessment(catalogue, dt.date(2024, 1, 1), {}, groups=groups)
    found = prog.divergences(catalogue, a)
    assert [(d.characteristic_id, d.spread) for d in found] == [("1.1.1", 2)]  # 1.1.2 differs by one level only


def test_strengths_and_weaknesses(catalogue):
    a = _assessment(catalogue, dt.date(2024, 1, 1), {"2.1.1": (5, 5), "3.2.3": (5, 5), "1.3.1": (1, 2), "4.6": None})
    ext = prog.extremes(catalogue, a)
    assert ext.strengths == ["2.1.1", "3.2.3"] and ext.weaknesses == ["1.3.1"]
    flat = _assessment(catalogue, dt.date(2024, 1, 1), {})
    assert prog.extremes(catalogue, flat) == prog.Extremes([], [])


def test_example_city_figures(repo, catalogue):
    """Harrowmere (fictional example): assessed 2022-09-14 and 2024-10-02. Its 2022 promises fell due
    2024-09-14 and are checked against 2024-10-02; its own summary names the four it missed (skills,
    the one-stop shop, the single login, and digital inclusion, which fell back)."""
    from macros.validate import load_registry

    report = Report()
    today = dt.date(2026, 11, 22)
    registry = load_registry(repo / "assessments", catalogue, report, display_root=repo, today=today)
    assert report.ok
    city = registry.cities["harrowmere"]
    assert [a.date for a in city.assessments] == [dt.date(2022, 9, 14), dt.date(2024, 10, 2)]
    found = prog.promises(catalogue, city, today)
    checked = [p for p in found if p.made_on == dt.date(2022, 9, 14)]
    assert {p.checked_on for p in checked} == {dt.date(2024, 10, 2)}
    missed = {
        (p.characteristic_id, p.level_then, p.promised, p.delivered)
        for p in checked
        if p.verdict is prog.Verdict.MISSED
    }
    assert missed == {("1.2.3", 2, 3, 2), ("2.1.2", 2, 3, 2), ("2.3.1", 3, 3, 2), ("2.4.1", 2, 3, 2)}
    assert sum(p.verdict is prog.Verdict.MET for p in checked) == 27
    # the 2024-10-02 promises fell due 2026-10-02: awaiting a new assessment on 2026-11-22
    assert [p.verdict for p in found if p.made_on == dt.date(2024, 10, 2)] == [prog.Verdict.AWAITING] * 32
    cadence = prog.cadence(city, today)
    assert (cadence.months_since, cadence.stale) == (25, True)  # 2024-10-02 → 2026-11-22


# --- the report card's figures (issue 12) -------------------------------------------------------


def test_progress_status_per_characteristic(catalogue):
    """A promise checked against the latest assessment decides first (kept when reached or exceeded);
    otherwise the level now against the previous assessment; not assessed and first assessment apart."""
    first = _assessment(
        catalogue,
        dt.date(2022, 1, 10),
        {"1.1.1": (2, 3), "1.1.2": (2, 4), "1.2.1": (3, 3), "1.2.2": None, "1.2.3": (3, 3), "1.3.1": (2, 2)},
    )
    latest = _assessment(
        catalogue,
        dt.date(2024, 2, 1),  # on or after the due date, 2024-01-10: the 2022 promises are checked here
        {"1.1.1": (4, 4), "1.1.2": (3, 4), "1.2.1": (3, 3), "1.2.2": (2, 3), "1.2.3": (2, 2), "1.3.2": None},
    )
    rows = prog.statuses(catalogue, _city([first, latest]), dt.date(2025, 1, 1))
    assert rows["1.1.1"].status is prog.Status.KEPT  # promised 3, reached 4 (exceeded counts as kept)
    assert rows["1.1.2"].status is prog.Status.MISSED  # promised 4, reached 3, although it improved
    assert rows["1.2.1"].status is prog.Status.KEPT  # promised no change, kept
    assert rows["1.2.2"].status is prog.Status.FIRST  # not assessed before: nothing to compare with
    assert rows["1.2.3"].status is prog.Status.MISSED
    assert rows["1.3.2"].status is prog.Status.NOT_ASSESSED
    assert (rows["1.1.1"].before, rows["1.1.1"].after) == (2, 4)
    # before the due date the promises are not checked: the status compares the levels now
    early = _assessment(catalogue, dt.date(2023, 6, 1), {"1.1.1": (3, 4), "1.1.2": (1, 2), "1.2.1": (3, 3)})
    rows = prog.statuses(catalogue, _city([first, early]), dt.date(2025, 1, 1))
    assert [rows[c].status for c in ("1.1.1", "1.1.2", "1.2.1")] == [
        prog.Status.IMPROVED,
        prog.Status.DECLINED,
        prog.Status.UNCHANGED,
    ]
    assert prog.statuses(catalogue, _city([early]), dt.date(2025, 1, 1))["1.1.1"].status is prog.Status.FIRST
    assert prog.statuses(catalogue, _city([]), dt.date(2025, 1, 1)) == {}
    assert "promise kept" in prog.STATUS_RULE.lower() and "declined" in prog.STATUS_RULE


def test_next_report_due():
    assert prog.report_due(dt.date(2024, 10, 2), 24) == dt.date(2026, 10, 2)
    assert prog.report_due(dt.date(2024, 8, 31), 18) == dt.date(2026, 2, 28)  # the month's last day
    assert prog.report_due(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert prog.report_due(dt.date(2024, 11, 15), 3) == dt.date(2025, 2, 15)


def test_enablers_against_purposes(catalogue):
    from macros.compute.summaries import ENABLERS_PURPOSES_RULE, enablers_and_purposes

    purposes = [cid for d in catalogue.dimensions.values() if d.kind == "purposes" for cid in d.characteristic_ids]
    assert purposes == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6"]
    before = _assessment(catalogue, dt.date(2022, 1, 1), {}, default=(2, 3))
    after = _assessment(catalogue, dt.date(2024, 1, 1), {c: (2, 3) for c in purposes}, default=(3, 4))
    lens = enablers_and_purposes(catalogue, after, before)
    assert (lens.enablers.now.typical, lens.purposes.now.typical, lens.gap) == (3, 2, 1)
    assert (lens.enablers.in_two_years.typical, lens.purposes.in_two_years.typical) == (4, 3)
    assert lens.reading == (
        "The enablers are 1 level ahead of the purposes: the enablers have risen since the previous assessment, "
        "the purposes not yet."
    )
    caught_up = _assessment(catalogue, dt.date(2026, 1, 1), {}, default=(3, 3))
    assert enablers_and_purposes(catalogue, caught_up, after).reading == (
        "The enablers and the purposes are at the same typical level, and the purposes have risen since the "
        "previous assessment: outcomes are following."
    )
    assert enablers_and_purposes(catalogue, after).reading == "The enablers are 1 level ahead of the purposes."
    none = _assessment(catalogue, dt.date(2024, 1, 1), {c: None for c in purposes})
    assert enablers_and_purposes(catalogue, none).gap is None
    assert "dimension 4" in ENABLERS_PURPOSES_RULE
