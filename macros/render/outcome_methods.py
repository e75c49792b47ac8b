"""The Methodology page's part on outcomes: the status rule and the gap rule, from the code's constants
(``compute/outcomes.py``), so the page and the figures cannot disagree."""

from __future__ import annotations

from ..compute import outcomes as out
from ..model.indicators import INDICATORS_REQUIRED_FROM
from .context import PageContext
from .html import Markup, join, link, tag
from .outcome_marks import outcome_mark

OPEN_SDG_PROGRESS = "https://open-sdg.readthedocs.io/en/latest/progress/"


def _percent(page: PageContext, share: float) -> str:
    value = round(share * 100, 2)
    return page._("{n}%", n=page.lang.number(int(value) if value.is_integer() else value))


def outcomes_methods(page: PageContext) -> Markup:
    mark = outcome_mark
    purposes = ", ".join(cid for cid, level in INDICATORS_REQUIRED_FROM.items() if level == 4)
    return join(
        [
            page.heading(2, page._("Status of an outcome indicator"), id="outcome-status"),
            tag(
                "p",
                page._m(
                    "A city's indicator gets a status by the progress method Statistics Canada published for its "
                    "Sustainable Development Goals data, as {open_sdg} implements it. It is computed from the "
                    "indicator's total (the rows without a group): from the base year (the baseline the city states, "
                    "else its first year) to the latest year, the compound annual growth rate is "
                    "(latest ÷ base)^(1 ÷ years) − 1.",
                    open_sdg=link(OPEN_SDG_PROGRESS, "Open SDG"),
                ),
            ),
            tag(
                "ul",
                [
                    tag(
                        "li",
                        page._m(
                            "With a target: {achieved} when the latest value has reached it; otherwise the growth "
                            "rate is divided by the rate needed to reach the target in its year from the base year: "
                            "{on_track} from {high}, {moderate} from {low}, {limited} from 0, {worse} below 0.",
                            achieved=mark(page, out.Status.ACHIEVED),
                            on_track=mark(page, out.Status.ON_TRACK),
                            moderate=mark(page, out.Status.MODERATE),
                            limited=mark(page, out.Status.LIMITED),
                            worse=mark(page, out.Status.DETERIORATION),
                            high=_percent(page, out.RATIO_ON_TRACK),
                            low=_percent(page, out.RATIO_MODERATE),
                        ),
                    ),
                    tag(
                        "li",
                        page._m(
                            "Without a target: the growth rate in the better direction (an increase or a decrease, as "
                            "the city declares): {on_track} from {high} a year, {moderate} from {low}, {limited} from "
                            "0, {worse} below 0.",
                            on_track=mark(page, out.Status.ON_TRACK),
                            moderate=mark(page, out.Status.MODERATE),
                            limited=mark(page, out.Status.LIMITED),
                            worse=mark(page, out.Status.DETERIORATION),
                            high=_percent(page, out.GROWTH_ON_TRACK),
                            low=_percent(page, out.GROWTH_MODERATE),
                        ),
                    ),
                    tag(
                        "li",
                        page._m(
                            "{none} with a single year, or a base or latest value of zero or less (a growth rate "
                            "cannot start from it).",
                            none=mark(page, out.Status.NOT_AVAILABLE),
                        ),
                    ),
                ],
            ),
            page.heading(2, page._("Does it benefit everyone?"), id="outcome-gap"),
            tag(
                "p",
                page._(
                    "For an indicator given by group (district, sex, age…), each breakdown (the groups filling in "
                    "the same columns) is compared at the first and the latest year with two groups' values: the gap "
                    "is the difference between the best-off group and the worst-off one (best by the indicator's "
                    "direction). It is narrowing or widening when it changed by more than {share} of its first size, "
                    "else unchanged.",
                    share=_percent(page, out.GAP_UNCHANGED),
                ),
            ),
            page.heading(2, page._("Claims that require indicators"), id="outcome-claims"),
            tag(
                "p",
                page._(
                    "Characteristic 1.5.2 at level 3 requires defined key performance indicators, and each purpose "
                    "({purposes}) at level 4 requires actively tracking performance against key indicators. Where "
                    "a city's latest assessment claims such a level and none of its indicators tracks that "
                    "characteristic, the validator warns and the city page says so.",
                    purposes=purposes,
                ),
            ),
        ]
    )
