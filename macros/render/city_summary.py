"""The top of the city page: the summary that answers "how is this city doing, and is it keeping its
word?" in one screen (each figure links to its detail), the link to start the next assessment, and the
OECD lens: the smart enablers (inputs) beside the purposes (outcomes)."""

from __future__ import annotations

from ..compute import progress as prog
from ..compute.summaries import (
    ENABLERS_PURPOSES_RULE,
    Distribution,
    GroupSummary,
    Lens,
    enablers_and_purposes,
    overall,
)
from ..model.assessments import Assessment, City
from ..site import urls
from .context import PageContext
from .html import Markup, join, tag
from .outcome_summary import outcomes_tile
from .pieces import city_promises, typical_badge

# --- the summary -----------------------------------------------------------------------------


def _tile(label: str, href: str, figure: Markup | str, note: Markup | str = "") -> Markup:
    return tag(
        "div",
        tag("dt", label),
        tag("dd", tag("a", figure, href=href, class_="mmssc-figure-link"), tag("span", note, class_="mmssc-tile-note")),
        class_="mmssc-tile",
    )


def summary_section(
    page: PageContext,
    city: City,
    latest: Assessment,
    previous: Assessment | None,
    statuses: dict[str, prog.StatusRow],
    cadence: prog.Cadence,
) -> Markup:
    catalogue = page.catalogue
    total = overall(catalogue, latest)
    assessed = total.now.assessed
    if total.now.not_assessed:
        of = page.n_(
            "of {n} characteristic assessed, {not_assessed} not",
            "of {n} characteristics assessed, {not_assessed} not",
            assessed,
            not_assessed=total.now.not_assessed,
        )
    else:
        of = page.n_("of {n} characteristic assessed", "of {n} characteristics assessed", assessed)
    tiles = [
        _tile(page._("Typical level now"), "#profile", typical_badge(catalogue, total.now), of),
        _tile(
            page._("In two years, as planned"),
            "#profile",
            typical_badge(catalogue, total.in_two_years),
            _plan_note(page, latest),
        ),
    ]
    if previous is not None:
        before = overall(catalogue, previous).now.typical
        now = total.now.typical
        moved = (now - before) if now is not None and before is not None else None
        counts = _count(statuses.values(), "before", "after")
        if moved is None:
            figure = "—"
        elif moved == 0:
            figure = page._("no change")
        elif moved > 0:
            figure = page.n_("+{n} level", "+{n} levels", moved)
        else:
            figure = page.n_("−{n} level", "−{n} levels", -moved)
        tiles.append(
            _tile(
                page._("Change since {date}", date=previous.date.isoformat()),
                page.here.href(urls.city_ratings(city.slug)),
                figure,
                page.n_(
                    "{n} characteristic up, {down} down, {same} the same",
                    "{n} characteristics up, {down} down, {same} the same",
                    counts["up"],
                    down=counts["down"],
                    same=counts["same"],
                ),
            )
        )
    found = city_promises(page, city)
    checked = [p for p in found if p.verdict in (prog.Verdict.MET, prog.Verdict.EXCEEDED, prog.Verdict.MISSED)]
    if checked:
        kept = sum(1 for p in checked if p.verdict is not prog.Verdict.MISSED)
        tiles.append(
            _tile(
                page._("Promises kept"),
                "#promises",
                page._("{kept} of {total}", kept=kept, total=len(checked)),
                page.n_(
                    "{n} missed; two-year plans checked against what was reached",
                    "{n} missed; two-year plans checked against what was reached",
                    len(checked) - kept,
                ),
            )
        )
    else:
        awaiting = any(p.verdict is prog.Verdict.AWAITING for p in found)
        tiles.append(
            _tile(
                page._("Promises kept"),
                "#promises",
                page._("none checked yet"),
                page._("due, awaiting the next assessment") if awaiting else page._("the first plans are not due yet"),
            )
        )
    due = prog.report_due(latest.date, cadence.stale_after_months)
    if cadence.stale:
        when = page.n_(
            "{n} month ago; next report overdue since {date}",
            "{n} months ago; next report overdue since {date}",
            cadence.months_since or 0,  # there is an assessment: a number
            date=due.isoformat(),
        )
    else:
        when = page.n_(
            "{n} month ago; next report due by {date}",
            "{n} months ago; next report due by {date}",
            cadence.months_since or 0,  # there is an assessment: a number
            date=due.isoformat(),
        )
    tiles.append(_tile(page._("Last reported"), "#latest", latest.date.isoformat(), when))
    method = catalogue.methods[latest.method_id]
    tiles.append(
        _tile(
            page._("Method"),
            "#latest",
            method.name,
            page._("confidence {confidence} of 5", confidence=method.confidence),
        )
    )
    tiles.append(outcomes_tile(page, city))
    return join(
        [
            page.heading(2, page._("At a glance"), id="summary"),
            tag("dl", tiles, class_="mmssc-summary"),
            next_assessment(page, city),
        ]
    )


def _plan_note(page: PageContext, latest: Assessment) -> str:
    rows = prog.plans(page.catalogue, latest)
    up = sum(1 for r in rows if r.plan is prog.Plan.UP)
    down = sum(1 for r in rows if r.plan is prog.Plan.DOWN)
    if down:
        return page.n_(
            "{n} characteristic planned to rise, {down} to fall back",
            "{n} characteristics planned to rise, {down} to fall back",
            up,
            down=down,
        )
    return page.n_("{n} characteristic planned to rise", "{n} characteristics planned to rise", up)


def _count(rows, before_attr: str, after_attr: str) -> dict[str, int]:
    counts = {"up": 0, "down": 0, "same": 0}
    for row in rows:
        before, after = getattr(row, before_attr), getattr(row, after_attr)
        if before is None or after is None:
            continue
        counts["up" if after > before else "down" if after < before else "same"] += 1
    return counts


def next_assessment(page: PageContext, city: City) -> Markup:
    return tag(
        "p",
        page._m(
            "{link} — the self-assessment form, filled in with this city's latest levels.",
            link=page.here.to(f"{urls.ASSESS}?city={city.slug}", page._("Start the next assessment of this city")),
        ),
        class_="mmssc-next",
    )


# --- the OECD lens ------------------------------------------------------------------------------


def lens_section(page: PageContext, latest: Assessment, previous: Assessment | None) -> Markup:
    catalogue, here = page.catalogue, page.here
    lens = enablers_and_purposes(catalogue, latest, previous)

    def side(label: str, dims: str, summary: GroupSummary, before: Distribution | None) -> Markup:
        mean = page.lang.number(summary.now.mean) if summary.now.mean is not None else "—"
        if before is not None and before.typical is not None:
            note = page._("mean {mean} now; level {level} at the previous assessment", mean=mean, level=before.typical)
        else:
            note = page._("mean {mean} now", mean=mean)
        return tag(
            "div",
            tag("dt", label, tag("span", dims, class_="mmssc-tile-note")),
            tag(
                "dd",
                page._m(
                    "now {now} · in two years {later}",
                    now=typical_badge(catalogue, summary.now),
                    later=typical_badge(catalogue, summary.in_two_years),
                ),
                tag("span", note, class_="mmssc-tile-note"),
            ),
            class_="mmssc-tile",
        )

    def dimensions(kind: str) -> str:
        ids = [d.id for d in catalogue.dimensions.values() if d.kind == kind]
        return page.n_("dimension {ids}", "dimensions {ids}", len(ids), ids=", ".join(ids))

    return join(
        [
            page.heading(2, page._("Enablers and purposes"), id="enablers-purposes"),
            tag(
                "p",
                page._(
                    "Is investment in the smart enablers (the inputs) turning into the purposes of a sustainable "
                    "community (the outcomes)?"
                ),
            ),
            tag(
                "dl",
                side(page._("Smart enablers"), dimensions("smart-enablers"), lens.enablers, lens.enablers_before),
                side(page._("Purposes"), dimensions("purposes"), lens.purposes, lens.purposes_before),
                class_="mmssc-summary mmssc-lens",
            ),
            tag("p", tag("strong", lens_reading(page, lens))),
            tag(
                "details",
                tag("summary", page._("How this is computed")),
                tag(
                    "p",
                    page._(ENABLERS_PURPOSES_RULE),
                    " ",
                    here.to(urls.METHODOLOGY + "#enablers-purposes", page._("Methodology")),
                    ".",
                ),
                class_="mmssc-rule",
            ),
        ]
    )


def _moved(before: Distribution | None, after: Distribution) -> int | None:
    if before is None or before.typical is None or after.typical is None:
        return None
    return after.typical - before.typical


def lens_reading(page: PageContext, lens: Lens) -> str:
    """One sentence a resident can take in: where the two sides stand, and where they are going
    (one message per sentence: the languages build them differently)."""
    gap = lens.gap
    if gap is None:
        return page._("Not enough characteristics were assessed to compare the enablers with the purposes.")
    enablers = _moved(lens.enablers_before, lens.enablers.now)
    purposes = _moved(lens.purposes_before, lens.purposes.now)
    if enablers is None or purposes is None:
        motion = "none"
    elif purposes > 0:
        motion = "following"
    elif enablers > 0:
        motion = "not-yet"
    elif purposes < 0:
        motion = "fallen"
    else:
        motion = "still"
    if gap > 0:
        return _enablers_ahead(page, gap, motion)
    if gap < 0:
        return _purposes_ahead(page, -gap, motion)
    return _level(page, motion)


def _enablers_ahead(page: PageContext, n: int, motion: str) -> str:
    if motion == "following":
        return page.n_(
            "The enablers are {n} level ahead of the purposes, and the purposes have risen since the previous "
            "assessment: outcomes are following.",
            "The enablers are {n} levels ahead of the purposes, and the purposes have risen since the previous "
            "assessment: outcomes are following.",
            n,
        )
    if motion == "not-yet":
        return page.n_(
            "The enablers are {n} level ahead of the purposes: the enablers have risen since the previous "
            "assessment, the purposes not yet.",
            "The enablers are {n} levels ahead of the purposes: the enablers have risen since the previous "
            "assessment, the purposes not yet.",
            n,
        )
    if motion == "fallen":
        return page.n_(
            "The enablers are {n} level ahead of the purposes, and the purposes have fallen since the previous "
            "assessment.",
            "The enablers are {n} levels ahead of the purposes, and the purposes have fallen since the previous "
            "assessment.",
            n,
        )
    if motion == "still":
        return page.n_(
            "The enablers are {n} level ahead of the purposes; neither side has risen since the previous assessment.",
            "The enablers are {n} levels ahead of the purposes; neither side has risen since the previous assessment.",
            n,
        )
    return page.n_(
        "The enablers are {n} level ahead of the purposes.", "The enablers are {n} levels ahead of the purposes.", n
    )


def _purposes_ahead(page: PageContext, n: int, motion: str) -> str:
    if motion == "following":
        return page.n_(
            "The purposes are {n} level ahead of the enablers, and the purposes have risen since the previous "
            "assessment: outcomes are following.",
            "The purposes are {n} levels ahead of the enablers, and the purposes have risen since the previous "
            "assessment: outcomes are following.",
            n,
        )
    if motion == "not-yet":
        return page.n_(
            "The purposes are {n} level ahead of the enablers: the enablers have risen since the previous "
            "assessment, the purposes not yet.",
            "The purposes are {n} levels ahead of the enablers: the enablers have risen since the previous "
            "assessment, the purposes not yet.",
            n,
        )
    if motion == "fallen":
        return page.n_(
            "The purposes are {n} level ahead of the enablers, and the purposes have fallen since the previous "
            "assessment.",
            "The purposes are {n} levels ahead of the enablers, and the purposes have fallen since the previous "
            "assessment.",
            n,
        )
    if motion == "still":
        return page.n_(
            "The purposes are {n} level ahead of the enablers; neither side has risen since the previous assessment.",
            "The purposes are {n} levels ahead of the enablers; neither side has risen since the previous assessment.",
            n,
        )
    return page.n_(
        "The purposes are {n} level ahead of the enablers.", "The purposes are {n} levels ahead of the enablers.", n
    )


def _level(page: PageContext, motion: str) -> str:
    if motion == "following":
        return page._(
            "The enablers and the purposes are at the same typical level, and the purposes have risen since the "
            "previous assessment: outcomes are following."
        )
    if motion == "not-yet":
        return page._(
            "The enablers and the purposes are at the same typical level: the enablers have risen since the "
            "previous assessment, the purposes not yet."
        )
    if motion == "fallen":
        return page._(
            "The enablers and the purposes are at the same typical level, and the purposes have fallen since the "
            "previous assessment."
        )
    if motion == "still":
        return page._(
            "The enablers and the purposes are at the same typical level; neither side has risen since the "
            "previous assessment."
        )
    return page._("The enablers and the purposes are at the same typical level.")
