"""The top of the city page: the summary that answers "how is this city doing, and is it keeping its
word?" in one screen (each figure links to its detail), the link to start the next assessment, and the
OECD lens: the smart enablers (inputs) beside the purposes (outcomes)."""

from __future__ import annotations

from ..compute import progress as prog
from ..compute.summaries import ENABLERS_PURPOSES_RULE, Distribution, GroupSummary, enablers_and_purposes, overall
from ..model.assessments import Assessment, City
from ..site import urls
from .context import PageContext
from .html import Markup, join, tag
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
    tiles = [
        _tile(
            "Typical level now",
            "#profile",
            typical_badge(catalogue, total.now),
            f"of {assessed} characteristics assessed"
            + (f", {total.now.not_assessed} not" if total.now.not_assessed else ""),
        ),
        _tile(
            "In two years, as planned",
            "#profile",
            typical_badge(catalogue, total.in_two_years),
            _plan_note(catalogue, latest),
        ),
    ]
    if previous is not None:
        before = overall(catalogue, previous).now.typical
        now = total.now.typical
        moved = (now - before) if now is not None and before is not None else None
        counts = _count(statuses.values(), "before", "after")
        figure = (
            "—" if moved is None else "no change" if moved == 0 else f"{'+' if moved > 0 else '−'}{abs(moved)} level"
        )
        if moved is not None and abs(moved) > 1:
            figure += "s"
        tiles.append(
            _tile(
                f"Change since {previous.date.isoformat()}",
                "#characteristics",
                figure,
                f"{counts['up']} characteristics up, {counts['down']} down, {counts['same']} the same",
            )
        )
    found = city_promises(page, city)
    checked = [p for p in found if p.verdict in (prog.Verdict.MET, prog.Verdict.EXCEEDED, prog.Verdict.MISSED)]
    if checked:
        kept = sum(1 for p in checked if p.verdict is not prog.Verdict.MISSED)
        tiles.append(
            _tile(
                "Promises kept",
                "#promises",
                f"{kept} of {len(checked)}",
                f"{len(checked) - kept} missed; two-year plans checked against what was reached",
            )
        )
    else:
        awaiting = any(p.verdict is prog.Verdict.AWAITING for p in found)
        tiles.append(
            _tile(
                "Promises kept",
                "#promises",
                "none checked yet",
                "due, awaiting the next assessment" if awaiting else "the first plans are not due yet",
            )
        )
    due = prog.report_due(latest.date, cadence.stale_after_months)
    tiles.append(
        _tile(
            "Last reported",
            "#latest",
            latest.date.isoformat(),
            f"{cadence.months_since} months ago; next report "
            + (f"overdue since {due.isoformat()}" if cadence.stale else f"due by {due.isoformat()}"),
        )
    )
    method = catalogue.methods[latest.method_id]
    tiles.append(_tile("Method", "#latest", method.name, f"confidence {method.confidence} of 5"))
    return join(
        [
            page.heading(2, "At a glance", id="summary"),
            tag("dl", tiles, class_="mmssc-summary"),
            next_assessment(page, city),
        ]
    )


def _plan_note(catalogue, latest: Assessment) -> str:
    rows = prog.plans(catalogue, latest)
    up = sum(1 for r in rows if r.plan is prog.Plan.UP)
    down = sum(1 for r in rows if r.plan is prog.Plan.DOWN)
    return f"{up} characteristics planned to rise" + (f", {down} to fall back" if down else "")


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
        page.here.to(f"{urls.ASSESS}?city={city.slug}", "Start the next assessment of this city"),
        " — the self-assessment form, filled in with this city's latest levels.",
        class_="mmssc-next",
    )


# --- the OECD lens ------------------------------------------------------------------------------


def lens_section(page: PageContext, latest: Assessment, previous: Assessment | None) -> Markup:
    catalogue, here = page.catalogue, page.here
    lens = enablers_and_purposes(catalogue, latest, previous)

    def side(label: str, dims: str, summary: GroupSummary, before: Distribution | None) -> Markup:
        change = ""
        if before is not None and before.typical is not None:
            change = f"; level {before.typical} at the previous assessment"
        return tag(
            "div",
            tag("dt", label, tag("span", dims, class_="mmssc-tile-note")),
            tag(
                "dd",
                "now ",
                typical_badge(catalogue, summary.now),
                " · in two years ",
                typical_badge(catalogue, summary.in_two_years),
                tag(
                    "span",
                    f"mean {summary.now.mean if summary.now.mean is not None else '—'} now{change}",
                    class_="mmssc-tile-note",
                ),
            ),
            class_="mmssc-tile",
        )

    enabler_dims = ", ".join(d.id for d in catalogue.dimensions.values() if d.kind == "smart-enablers")
    purpose_dims = ", ".join(d.id for d in catalogue.dimensions.values() if d.kind == "purposes")
    return join(
        [
            page.heading(2, "Enablers and purposes", id="enablers-purposes"),
            tag(
                "p",
                "Is investment in the smart enablers (the inputs) turning into the purposes of a sustainable "
                "community (the outcomes)?",
            ),
            tag(
                "dl",
                side("Smart enablers", f"dimensions {enabler_dims}", lens.enablers, lens.enablers_before),
                side("Purposes", f"dimension {purpose_dims}", lens.purposes, lens.purposes_before),
                class_="mmssc-summary mmssc-lens",
            ),
            tag("p", tag("strong", lens.reading)),
            tag(
                "details",
                tag("summary", "How this is computed"),
                tag(
                    "p",
                    ENABLERS_PURPOSES_RULE,
                    " ",
                    here.to(urls.METHODOLOGY + "#enablers-purposes", "Methodology"),
                    ".",
                ),
                class_="mmssc-rule",
            ),
        ]
    )
