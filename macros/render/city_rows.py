"""A city's ratings page (``ratings/<slug>/``): the characteristics grouped by dimension as compact rows
(number and name, level now and in two years, change and progress status in the row's summary; the
justification, the evidence, the groups' views and the characteristic's history behind the row's
disclosure), and the city page's short section that links there.

The rows are most of a city's text: on the city page they kept it over its byte budget (issue 23), so
they have a page of their own, one link away from the city page's summary, profile and sections."""

from __future__ import annotations

from ..compute import progress as prog
from ..compute.summaries import GroupSummary, by_dimension
from ..model.assessments import Assessment, City, Rating
from ..site import urls
from .city_record import row_feedback
from .context import PageContext
from .html import Markup, join, link, tag
from .outcome_summary import tracked_in_row
from .pieces import city_promises, city_text, fictional_note, level_chip, status_key, status_mark, typical_badge


def characteristics_link(page: PageContext, city: City) -> Markup:
    """The city page's pointer to the ratings page (the ``#characteristics`` anchor is kept for old links)."""
    return join(
        [
            page.heading(2, page._("Characteristic by characteristic"), id="characteristics"),
            tag(
                "p",
                page._m(
                    "The justification, the evidence, the stakeholder groups' views and the history of each of the "
                    "{n} characteristics are on {its_page}.",
                    n=len(page.catalogue.characteristics),
                    its_page=page.here.to(urls.city_ratings(city.slug), page._("the ratings page")),
                ),
            ),
        ]
    )


def ratings_page(page: PageContext, city: City) -> Markup:
    """``ratings/<slug>/``: every characteristic's row, open one for its details."""
    here = page.here
    parts: list[Markup] = []
    if city.fictional:
        parts.append(fictional_note(page, page._("These ratings were invented.")))
    latest = city.latest
    assert latest is not None, "planned only for a city with an assessment (publish/plan.py)"
    parts.append(
        tag(
            "p",
            page._m(
                "The assessment of {city} published on {date}, characteristic by characteristic. Its summary, "
                "profile, history and promises are on {its_page}.",
                city=city.name,
                date=latest.date.isoformat(),
                its_page=here.to(urls.city(city.slug), page._("its progress page")),
            ),
            class_="mmssc-lede",
        )
    )
    previous = city.assessments[-2] if len(city.assessments) > 1 else None
    statuses = prog.statuses(page.catalogue, city, page.settings.today, city_promises(page, city))
    parts.append(characteristics_section(page, city, latest, previous, statuses, by_dimension(page.catalogue, latest)))
    return join(parts)


def characteristics_section(
    page: PageContext,
    city: City,
    latest: Assessment,
    previous: Assessment | None,
    statuses: dict[str, prog.StatusRow],
    dims: list[GroupSummary],
) -> Markup:
    catalogue = page.catalogue
    if previous:
        each_row = page._(
            "Each row: the characteristic, its level now → in two years, the change since {date}, and its progress "
            "status.",
            date=previous.date.isoformat(),
        )
    else:
        each_row = page._(
            "Each row: the characteristic, its level now → in two years, the change (first assessment), and its "
            "progress status."
        )
    parts = [
        tag(
            "p",
            each_row,
            " ",
            page._("Open a row for the justification, the evidence, the stakeholder groups' views and its history."),
        ),
        status_key(page),
    ]
    history = _histories(city)
    summary_of = {s.id: s for s in dims}
    for dim in catalogue.dimensions.values():
        s = summary_of[dim.id]
        parts.append(
            page.heading(2, join([dim.id, ". ", dim.name]), id=f"dimension-{dim.id}", title=f"{dim.id}. {dim.name}")
        )
        parts.append(
            tag(
                "p",
                page._m(
                    "Typical level {now} now, {later} in two years.",
                    now=typical_badge(catalogue, s.now),
                    later=typical_badge(catalogue, s.in_two_years),
                ),
                class_="mmssc-dim-summary",
            )
        )
        parts.append(
            tag(
                "ul",
                [
                    tag("li", _row(page, city, latest, cid, statuses[cid], history.get(cid, ())))
                    for cid in dim.characteristic_ids
                ],
                class_="mmssc-rows",
            )
        )
    return join(parts)


def _histories(city: City) -> dict[str, tuple[tuple[str, int | None, bool], ...]]:
    """Per characteristic: each assessment's date, level now, and whether a correction changed it."""
    out: dict[str, list[tuple[str, int | None, bool]]] = {}
    for a in city.assessments:
        corrected = a.corrected_levels("now")
        for cid, r in a.ratings.items():
            level = r.now if isinstance(r, Rating) else None
            out.setdefault(cid, []).append((a.date.isoformat(), level, cid in corrected))
    return {cid: tuple(v) for cid, v in out.items()}


def _change(row: prog.StatusRow) -> str:
    if row.before is None or row.after is None:
        return "—"
    delta = row.after - row.before
    return "±0" if delta == 0 else f"{'+' if delta > 0 else '−'}{abs(delta)}"


def _row(page: PageContext, city: City, latest: Assessment, cid: str, status: prog.StatusRow, history) -> Markup:
    rating = latest.ratings.get(cid)
    levels = (rating.now, rating.in_two_years) if isinstance(rating, Rating) else None
    change = _change(status)
    # the summary and the link to the criteria depend on no city: drawn once per edition
    summary = "".join(
        (
            page.shared(("row-name", cid), _row_name, page, cid),
            page.shared(("row-levels", levels), _row_levels, page, levels),
            page.shared(("row-status", change, status.status), _row_status, page, change, status.status),
        )
    )
    body: list[Markup] = []
    if not isinstance(rating, Rating):
        reason = city_text(page, city, rating.not_assessed, None) if rating is not None else page._("no entry")
        body.append(tag("p", tag("em", page._("Not assessed:"), " "), reason))
    else:
        body.append(city_text(page, city, rating.justification, "p"))
        if rating.evidence:
            body.append(
                tag(
                    "ul",
                    [
                        tag(
                            "li",
                            link(e.url, city_text(page, city, e.title, None)),
                            f" ({e.date.isoformat()})" if e.date else "",
                        )
                        for e in rating.evidence
                    ],
                    class_="mmssc-evidence",
                    aria_label=page._("Evidence"),
                )
            )
        else:
            body.append(page.shared("row-no-evidence", _no_evidence, page))
        if rating.groups:
            groups = page.catalogue.stakeholder_groups
            views = [
                # the catalogue's groups and levels give the same few items on every city page
                page.shared(("row-view", g, v.now, v.in_two_years), _view, page, groups[g].name, v.now, v.in_two_years)
                if g in groups
                else _view(page, g, v.now, v.in_two_years)
                for g, v in rating.groups.items()
            ]
            body.append(page.shared("row-views", _views_heading, page))
            body.append(tag("ul", views, class_="mmssc-views"))
    body.append(tracked_in_row(page, city, cid))
    if status.promise is not None:
        p = status.promise
        body.append(
            tag(
                "p",
                page._(
                    "Promised on {made}: level {promised} by {due}; reached {reached} ({verdict}).",
                    made=p.made_on.isoformat(),
                    promised=p.promised,
                    due=p.due.isoformat(),
                    reached=p.delivered if p.delivered is not None else "—",
                    verdict=page._(p.verdict.value),
                ),
            )
        )
    if len(history) > 1:
        na, fixed = page._("not assessed"), page._("corrected")
        body.append(
            tag(
                "p",
                page._(
                    "Level now at each assessment: {levels}.",
                    levels=page.lang.semicolon.join(
                        f"{day}: {level if level is not None else na}{f' ({fixed})' if was_corrected else ''}"
                        for day, level, was_corrected in history
                    ),
                ),
            )
        )
    if cid in latest.corrected:
        body.append(
            tag(
                "p",
                page._m(
                    "Corrected on {date}: see {corrections}.",
                    date=latest.corrected[cid].isoformat(),
                    corrections=page.here.to(f"{urls.city(city.slug)}#corrections", page._("Corrections")),
                ),
            )
        )
    href = page.here.href(urls.characteristic(cid))
    more = page.shared(("row-more", href), _row_more, page, cid, href)
    answer = row_feedback(page, city, cid, page.here.href(urls.city(city.slug)))
    # the feedback link joins the criteria link's line: a row's markup grows by the link alone
    body.append(more if answer is None else Markup(f"{str(more)[: -len('</p>')]} · {answer}</p>"))
    inner = "".join(body)
    anchor = urls.rating_anchor(cid)  # a row can be linked to: ratings/<slug>/#c-1-1-1
    return Markup(f'<details class="mmssc-row" id="{anchor}"><summary>{summary}</summary><div>{inner}</div></details>')


def _row_name(page: PageContext, cid: str) -> Markup:
    name = page.catalogue.characteristics[cid].name
    return tag("span", tag("b", cid), " ", name)  # the summary's parts are styled by their place (mmssc.css)


def _row_levels(page: PageContext, levels: tuple[int, int] | None) -> Markup:
    if levels is None:
        return tag("span", tag("span", page._("not assessed"), class_="mmssc-na"))
    return tag(
        "span",
        level_chip(page, levels[0], page._("now")),  # the arrow between the two: mmssc.css
        level_chip(page, levels[1], page._("in two years")),
    )


def _row_status(page: PageContext, change: str, status: prog.Status) -> Markup:
    return Markup(
        tag("span", tag("span", page._("change"), " ", class_="mmssc-vh"), change) + status_mark(page, status)
    )


def _view(page: PageContext, group: str, now: int, later: int) -> Markup:
    # the list's heading names the two levels once: each item is the group and two numbers
    return tag("li", page._m("{group}: {now}, {later}", group=group, now=now, later=later))


def _views_heading(page: PageContext) -> Markup:
    return tag("p", tag("strong", page._("The groups' views (level now, in two years):")))


def _no_evidence(page: PageContext) -> Markup:
    return tag("p", page._("No evidence linked."), class_="mmssc-na")


def _row_more(page: PageContext, cid: str, href: str) -> Markup:
    # the name is the row's own, just above: the link names the characteristic by its number
    return tag("p", link(href, page._("The criteria of {id}", id=cid)))  # the body's last paragraph
