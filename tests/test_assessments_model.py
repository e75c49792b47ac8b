"""The model's record of corrections (macros/model/assessments.py): which levels a correction changed, so
that the history chart, the promise checks and the row histories mark a value only when it was corrected."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.model.assessments import Assessment, Correction, FieldChange, Rating

CID = "1.4.1"


def _assessment(*paths: tuple[str, ...]) -> Assessment:
    rating = Rating(characteristic_id=CID, now=2, in_two_years=3, justification="j")
    changes = tuple(FieldChange.of(path, 1, 2) for path in paths)
    return Assessment(
        city_slug="c",
        date=dt.date(2024, 10, 2),
        model_version="m",
        method_id="single-stakeholder",
        participants=[],
        ratings={CID: rating, "1.1.1": rating},
        corrections=(Correction(dt.date(2025, 1, 15), "r", changes),) if changes else (),
    )


@pytest.mark.parametrize(
    "path, now, in_two_years",
    [
        (("characteristics", CID, "now"), True, False),
        (("characteristics", CID, "in_two_years"), False, True),
        (("characteristics", CID, "groups", "residents", "now"), True, False),
        (("characteristics", CID, "groups", "residents", "in_two_years"), False, True),
        (("characteristics", CID, "groups", "residents"), True, True),  # a group's view added or removed
        (("characteristics", CID, "not_assessed"), True, True),
        (("characteristics", CID), True, True),
        (("characteristics", CID, "justification"), False, False),
        (("characteristics", CID, "evidence"), False, False),
        (("summary",), False, False),
    ],
)
def test_a_correction_marks_the_levels_it_changed_only(path, now, in_two_years):
    a = _assessment(path)
    assert (CID in a.corrected_levels("now"), CID in a.corrected_levels("in_two_years")) == (now, in_two_years)
    assert "1.1.1" not in a.corrected_levels("now"), "another characteristic is not marked"
    assert (CID in a.corrected) == (path[0] == "characteristics"), "the row says the characteristic was corrected"


@pytest.mark.parametrize("path", [("consolidation",), ("participants",)])
def test_a_changed_rule_marks_every_level(path):
    a = _assessment(path)
    assert a.corrected_levels("now") == a.corrected_levels("in_two_years") == {CID, "1.1.1"}


def test_no_correction_marks_nothing():
    assert _assessment().corrected_levels("now") == frozenset()
