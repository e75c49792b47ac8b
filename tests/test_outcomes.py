"""compute/outcomes.py: the status rule and the gap rule, against values worked out by hand."""

from __future__ import annotations

import pytest

from macros.compute.outcomes import GapTrend, Status, gaps, progress
from macros.model.indicators import Indicator, Observation, YearValue


def indicator(rows, *, direction="increase", baseline=None, target=None, columns=()) -> Indicator:
    observations = tuple(Observation(year, value, group) for year, value, group in rows)
    return Indicator(
        id="x",
        name="X",
        unit="%",
        direction=direction,
        tracks=("1.5.2",),
        source_title="S",
        source_url="https://example.org",
        baseline=YearValue(*baseline) if baseline else None,
        target=YearValue(*target) if target else None,
        disaggregation=columns,
        observations=observations,
    )


def total(*pairs):
    return [(year, value, ()) for year, value in pairs]


# With a target of 144 in 2018 from 100 in 2016, the growth needed is 20% a year (1.2 x 1.2 = 1.44).
@pytest.mark.parametrize(
    ("latest", "status", "ratio"),
    [
        (119.0, Status.ON_TRACK, 0.95),  # 19% in one year: 19 / 20 = 0.95, the boundary
        (118.9, Status.MODERATE, 0.945),  # 18.9 / 20
        (112.0, Status.MODERATE, 0.60),  # 12 / 20 = 0.60, the boundary
        (111.9, Status.LIMITED, 0.595),
        (100.0, Status.LIMITED, 0.0),  # no change: R = 0
        (99.0, Status.DETERIORATION, -0.05),  # -1 / 20
        (150.0, Status.ACHIEVED, None),  # beyond the target already
    ],
)
def test_status_with_a_target(latest, status, ratio):
    found = progress(indicator(total((2016, 100.0), (2017, latest)), target=(2018, 144.0)))
    assert found.status is status
    if ratio is not None:
        assert found.needed == pytest.approx(0.20)
        assert found.ratio == pytest.approx(ratio)


def test_status_with_a_target_for_a_decrease_and_a_stated_baseline():
    """Water use from 200 (baseline 2016) to 162 in 2018 is needed: 0.9 x 0.9 = 0.81, -10% a year.
    Observed 190 in 2017: -5% in one year, R = 0.5: limited progress. The series' own first year
    (2017) is not the base: the stated baseline is."""
    found = progress(
        indicator(
            total((2017, 190.0), (2018, 190.0)), direction="decrease", baseline=(2016, 200.0), target=(2018, 162.0)
        )
    )
    # 190 / 200 over two years: sqrt(0.95) - 1 = -2.532%; R = 0.2532: limited
    assert found.base_year == 2016 and found.growth == pytest.approx(0.95**0.5 - 1)
    assert found.ratio == pytest.approx((1 - 0.95**0.5) / 0.1) and found.status is Status.LIMITED


@pytest.mark.parametrize(
    ("direction", "latest", "status"),
    [
        ("increase", 101.5, Status.ON_TRACK),  # +1.5% a year: the boundary
        ("increase", 101.0, Status.MODERATE),  # +1%
        ("increase", 100.5, Status.MODERATE),  # +0.5%: the boundary
        ("increase", 100.4, Status.LIMITED),
        ("increase", 99.0, Status.DETERIORATION),
        ("decrease", 98.0, Status.ON_TRACK),  # -2%, and less is better
        ("decrease", 99.2, Status.MODERATE),  # -0.8%
        ("decrease", 100.0, Status.LIMITED),
        ("decrease", 100.1, Status.DETERIORATION),
    ],
)
def test_status_without_a_target(direction, latest, status):
    assert progress(indicator(total((2020, 100.0), (2021, latest)), direction=direction)).status is status


def test_growth_is_compounded_over_the_years():
    """From 100 to 121 in two years is 10% a year (1.1 x 1.1), not 10.5%."""
    found = progress(indicator(total((2018, 100.0), (2019, 104.0), (2020, 121.0))))
    assert found.growth == pytest.approx(0.10) and found.status is Status.ON_TRACK


def test_no_status_without_two_years_or_from_zero():
    assert progress(indicator(total((2020, 5.0)))).status is Status.NOT_AVAILABLE
    assert progress(indicator(total((2020, 0.0), (2021, 5.0)))).status is Status.NOT_AVAILABLE
    assert progress(indicator([(2020, 5.0, ("North",))], columns=("district",))).status is Status.NOT_AVAILABLE


def test_the_gap_between_best_and_worst_off_groups_narrows():
    """By district, more is better: 2018 North 80, South 50, East 60: best North, worst South, gap 30;
    2022 North 84, South 70, East 75: gap 14: narrowing."""
    rows = [
        (2018, 80.0, ("North",)),
        (2018, 50.0, ("South",)),
        (2018, 60.0, ("East",)),
        (2022, 84.0, ("North",)),
        (2022, 70.0, ("South",)),
        (2022, 75.0, ("East",)),
        (2018, 63.0, ("",)),
    ]
    (gap,) = gaps(indicator(rows, columns=("district",)))
    assert gap.columns == ("district",)
    assert (gap.first.year, gap.first.best.group, gap.first.worst.group, gap.first.size) == (
        2018,
        ("North",),
        ("South",),
        30.0,
    )
    assert (gap.latest.year, gap.latest.size) == (2022, 14.0) and gap.trend is GapTrend.NARROWING


def test_a_gap_where_less_is_better_widens_and_breakdowns_stay_apart():
    """PM2.5 by sex and by age (less is better): by sex 2019 10 and 12 (gap 2), 2021 9 and 12 (gap 3):
    widening; by age 2019 8 and 14 (gap 6), 2021 8.2 and 14.1 (gap 5.9, within 5% of 6): unchanged."""
    rows = [
        (2019, 10.0, ("female", "")),
        (2019, 12.0, ("male", "")),
        (2021, 9.0, ("female", "")),
        (2021, 12.0, ("male", "")),
        (2019, 8.0, ("", "0-15")),
        (2019, 14.0, ("", "65+")),
        (2021, 8.2, ("", "0-15")),
        (2021, 14.1, ("", "65+")),
    ]
    by_sex, by_age = gaps(indicator(rows, direction="decrease", columns=("sex", "age")))
    assert (
        by_sex.columns == ("sex",) and by_sex.first.best.group == ("female", "") and by_sex.trend is GapTrend.WIDENING
    )
    assert by_age.columns == ("age",) and by_age.latest.size == pytest.approx(5.9)
    assert by_age.trend is GapTrend.UNCHANGED


def test_an_indicators_figures_are_worked_out_once_per_object() -> None:
    """The tile, the rows and the outcomes page ask in every language: the same object gives the same
    figures without working them out again; another object (the folder read again) its own."""
    first = indicator(total((2016, 100.0), (2018, 110.0)))
    assert progress(first) is progress(first)
    assert gaps(first) is gaps(first)
    again = indicator(total((2016, 100.0), (2018, 90.0)))
    assert progress(again).status is Status.DETERIORATION
    assert progress(first).status is Status.ON_TRACK


@pytest.mark.parametrize(
    ("code", "value", "shown"),
    [
        ("en", 12.0, "12"),
        ("en", 0.25, "0.25"),
        ("en", -999.5, "-999.5"),
        ("en", 1234.5, "1,234.5"),
        ("en", 1e-05, "1e-05"),
        ("fr", 0.25, "0,25"),
        ("fr", 4210.0, "4\u202f210"),
        ("fr", 12345.5, "12\u202f345,5"),
        ("el", 999.9, "999,9"),
        ("el", 12345.5, "12.345,5"),
    ],
)
def test_an_outcome_value_is_written_as_its_language_writes_numbers(code: str, value: float, shown: str) -> None:
    """The fast way for values under a thousand gives what grouping and the language's separators give."""
    import types

    from macros.render.outcome_marks import number
    from macros.site.languages import Language

    page = types.SimpleNamespace(lang=Language(code))
    assert number(page, value) == shown  # type: ignore[arg-type]


def test_an_indicator_charts_description_says_each_lines_ends_and_the_target() -> None:
    import types

    from macros.load.messages import read_translations
    from macros.render.indicator_words import chart_description
    from macros.site.languages import Language

    french = Language("fr", "fr/", read_translations("fr"))
    page = types.SimpleNamespace(lang=french, _=french._)
    lines = [("Total", [(2016, 47.4), (2020, 45.1), (2025, 41.1)]), ("Nord", [(2019, 1234.5)])]
    said = chart_description(page, lines, "cible 32,8 en 2031")  # type: ignore[arg-type]
    assert said == "Total : 47,4 en 2016, 41,1 en 2025 ; Nord : 1\u202f234,5 en 2019 ; cible 32,8 en 2031"


def test_greek_lists_are_separated_by_the_ano_teleia_not_a_question_mark() -> None:
    """Greek writes ";" as its question mark: a list in a Greek sentence is separated by "·"."""
    import types

    from macros.load.messages import read_translations
    from macros.render.indicator_words import chart_description
    from macros.site.languages import Language

    greek = Language("el", "el/", read_translations("el"))
    page = types.SimpleNamespace(lang=greek, _=greek._)
    said = chart_description(page, [("A", [(2016, 1.5)]), ("B", [(2016, 2.0)])], None)  # type: ignore[arg-type]
    assert ";" not in said and said.count("\u00b7 ") == 1
