"""The city page's characteristics, grouped by dimension as compact rows: number and name, level now and in
two years, change and progress status in the row's summary; the justification, the evidence, the groups'
views and the characteristic's history behind the row's disclosure."""

from __future__ import annotations

from ..compute import progress as prog
from ..compute.summaries import GroupSummary
from ..model.assessments import Assessment, City, Rating
from ..site import urls
from .context import PageContext
from .html import Markup, join, link, tag
from .pieces import level_chip, status_key, status_mark, typical_badge


def characteristics_section(
    page: PageContext,
    city: City,
    latest: Assessment,
    previous: Assessment | None,
    statuses: dict[str, prog.StatusRow],
    dims: list[GroupSummary],
) -> Markup:
    catalogue = page.catalogue
    since = f"change since {previous.date.isoformat()}" if previous else "change (first assessment)"
    parts = [
        page.heading(2, "Characteristic by characteristic", id="characteristics"),
        tag(
            "p",
            f"Each row: the characteristic, its level now → in two years, the {since}, and its progress status. "
            "Open a row for the justification, the evidence, the stakeholder groups' views and its history.",
        ),
        status_key(page),
    ]
    history = _histories(city)
    summary_of = {s.id: s for s in dims}
    for dim in catalogue.dimensions.values():
        s = summary_of[dim.id]
        parts.append(page.heading(3, f"{dim.id}. {dim.name}", id=f"dimension-{dim.id}"))
        parts.append(
            tag(
                "p",
                "Typical level ",
                typical_badge(catalogue, s.now),
                " now, ",
                typical_badge(catalogue, s.in_two_years),
                " in two years.",
                class_="mmssc-dim-summary",
            )
        )
        parts.append(
            tag(
                "ul",
                [
                    tag("li", _row(page, latest, cid, statuses[cid], history.get(cid, ())))
                    for cid in dim.characteristic_ids
                ],
                class_="mmssc-rows",
            )
        )
    return join(parts)


def _histories(city: City) -> dict[str, tuple[tuple[str, int | None], ...]]:
    out: dict[str, list[tuple[str, int | None]]] = {}
    for a in city.assessments:
        for cid, r in a.ratings.items():
            out.setdefault(cid, []).append((a.date.isoformat(), r.now if isinstance(r, Rating) else None))
    return {cid: tuple(v) for cid, v in out.items()}


def _change(row: prog.StatusRow) -> str:
    if row.before is None or row.after is None:
        return "—"
    delta = row.after - row.before
    return "±0" if delta == 0 else f"{'+' if delta > 0 else '−'}{abs(delta)}"


def _row(page: PageContext, latest: Assessment, cid: str, status: prog.StatusRow, history) -> Markup:
    catalogue, here = page.catalogue, page.here
    ch = catalogue.characteristics[cid]
    rating = latest.ratings.get(cid)
    if isinstance(rating, Rating):
        levels = [
            level_chip(page, rating.now, page._("now")),
            tag("span", "→", aria_hidden="true", class_="mmssc-arrow"),
            level_chip(page, rating.in_two_years, page._("in two years")),
        ]
    else:
        levels = [tag("span", "not assessed", class_="mmssc-na")]
    summary = tag(
        "summary",
        tag("span", tag("span", cid, class_="mmssc-id"), " ", ch.name, class_="mmssc-row-name"),
        tag("span", levels, class_="mmssc-row-levels"),
        tag("span", tag("span", "change ", class_="mmssc-vh"), _change(status), class_="mmssc-row-change"),
        status_mark(page, status.status),
    )
    body: list[Markup] = []
    if not isinstance(rating, Rating):
        body.append(tag("p", tag("em", "Not assessed: "), rating.not_assessed if rating is not None else "no entry"))
    else:
        body.append(tag("p", rating.justification))
        if rating.evidence:
            body.append(
                tag(
                    "ul",
                    [
                        tag("li", link(e.url, e.title), f" ({e.date.isoformat()})" if e.date else "")
                        for e in rating.evidence
                    ],
                    class_="mmssc-evidence",
                    aria_label="Evidence",
                )
            )
        else:
            body.append(tag("p", "No evidence linked.", class_="mmssc-na"))
        if rating.groups:
            views = [
                tag(
                    "li",
                    catalogue.stakeholder_groups[g].name if g in catalogue.stakeholder_groups else g,
                    f": {v.now} now, {v.in_two_years} in two years",
                )
                for g, v in rating.groups.items()
            ]
            body.append(tag("p", tag("strong", "The groups' views:")))
            body.append(tag("ul", views, class_="mmssc-views"))
    if status.promise is not None:
        p = status.promise
        body.append(
            tag(
                "p",
                f"Promised on {p.made_on.isoformat()}: level {p.promised} by {p.due.isoformat()}; "
                f"reached {p.delivered if p.delivered is not None else '—'} ({p.verdict.value}).",
            )
        )
    if len(history) > 1:
        body.append(
            tag(
                "p",
                "Level now at each assessment: ",
                "; ".join(f"{day}: {level if level is not None else 'not assessed'}" for day, level in history),
                ".",
            )
        )
    body.append(tag("p", here.to(urls.characteristic(cid), f"The criteria of {cid} {ch.name}"), class_="mmssc-more"))
    return tag("details", summary, tag("div", body, class_="mmssc-row-body"), class_="mmssc-row")
