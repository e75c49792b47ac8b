"""A city's public progress page, laid out as a report card: the summary first (how is the city doing,
and is it keeping its word?), then the enablers against the purposes, the whole profile in one chart,
and the characteristics by dimension as compact rows with their details behind a disclosure each.
Every value from a city's files is untrusted and goes through ``render.html``."""

from __future__ import annotations

from ..compute import progress as prog
from ..compute.summaries import (
    AGGREGATION_RULE,
    ENABLERS_PURPOSES_RULE,
    Distribution,
    GroupSummary,
    by_dimension,
    by_subdimension,
    enablers_and_purposes,
    overall,
)
from ..model.assessments import COMMUNITY_TYPES, CONSOLIDATION_RULES, Assessment, City, Rating
from ..model.catalogue import LEVELS
from ..site import urls
from . import charts, city_history
from .context import PageContext
from .html import Markup, join, link, tag
from .pieces import (
    SIZE_BAND_NAMES,
    country_name,
    data_table,
    level_badge,
    level_chip,
    level_key,
    status_key,
    status_mark,
    support_list,
    typical_badge,
)


def city_page(page: PageContext, city: City) -> Markup:
    parts: list[Markup] = []
    if city.fictional:
        parts.append(
            tag(
                "div",
                tag(
                    "p",
                    tag("strong", "Fictional example. "),
                    "This city does not exist: its profile and assessments were invented to show how the site works.",
                ),
                class_="admonition warning mmssc-fictional",
            )
        )
    parts.append(_lede(page, city))
    latest = city.latest
    if latest is None:
        parts.append(tag("p", "This city has not published an assessment yet."))
        parts.append(_next_assessment(page, city))
        parts.append(_about_city(page, city))
        parts.append(city_history.sources_section(page, city))
        return join(parts)
    cadence = prog.cadence(city, page.settings.today, page.settings.stale_after_months)
    if cadence.stale:
        parts.append(
            tag(
                "div",
                tag(
                    "p",
                    tag("strong", "Not recently reported. "),
                    f"The latest assessment is from {latest.date.isoformat()}, {cadence.months_since} months ago; "
                    f"this site expects one at least every {page.settings.stale_after_months} months. The results "
                    f"below may no longer describe the city.",
                ),
                class_="admonition warning mmssc-stale",
                role="note",
            )
        )
    previous = city.assessments[-2] if len(city.assessments) > 1 else None
    statuses = prog.statuses(page.catalogue, city, page.settings.today)
    dims = by_dimension(page.catalogue, latest)
    parts += [
        _summary(page, city, latest, previous, statuses, cadence),
        _lens(page, latest, previous),
        _profile(page, city, latest, dims),
        _characteristics(page, city, latest, previous, statuses, dims),
        _extremes_section(page, latest),
    ]
    if latest.participants and any(r.groups for r in latest.ratings.values()):
        parts.append(_divergence_section(page, latest, prog.divergences(page.catalogue, latest)))
    if len(city.assessments) > 1:
        parts.append(city_history.history_section(page, city))
    parts.append(city_history.promises_section(page, city))
    parts.append(_latest_section(page, latest))
    parts.append(_about_city(page, city))
    parts.append(city_history.sources_section(page, city))
    return join(parts)


def _lede(page: PageContext, city: City) -> Markup:
    """One line under the title: what kind of place, where, how big."""
    place = COMMUNITY_TYPES.get(city.community_type, city.community_type)
    return tag(
        "p",
        f"{place} in ",
        f"{city.region}, " if city.region else "",
        page.here.to(urls.country(city.country), country_name(city.country)),
        f" · population {city.population:,} ({SIZE_BAND_NAMES[city.size_band]})",
        class_="mmssc-lede",
    )


# --- the summary -----------------------------------------------------------------------------


def _tile(label: str, href: str, figure: Markup | str, note: Markup | str = "") -> Markup:
    return tag(
        "div",
        tag("dt", label),
        tag("dd", tag("a", figure, href=href, class_="mmssc-figure-link"), tag("span", note, class_="mmssc-tile-note")),
        class_="mmssc-tile",
    )


def _summary(
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
    found = prog.promises(catalogue, city, page.settings.today)
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
            _next_assessment(page, city),
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


def _next_assessment(page: PageContext, city: City) -> Markup:
    return tag(
        "p",
        page.here.to(f"{urls.ASSESS}?city={city.slug}", "Start the next assessment of this city"),
        " — the self-assessment form, filled in with this city's latest levels.",
        class_="mmssc-next",
    )


# --- the OECD lens ------------------------------------------------------------------------------


def _lens(page: PageContext, latest: Assessment, previous: Assessment | None) -> Markup:
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


# --- the whole profile ------------------------------------------------------------------------------


def _profile(page: PageContext, city: City, latest: Assessment, dims: list[GroupSummary]) -> Markup:
    catalogue, here = page.catalogue, page.here
    figure = tag(
        "figure",
        [charts.profile_chart(page.chart_id(), catalogue, latest, dims, city.name, lay) for lay in charts.LAYOUTS],
        tag(
            "figcaption",
            "Each bar is one characteristic: filled to its level now, with the number printed in it; a dashed "
            "outline marks the level planned in two years (a planned rise is numbered too). The data table below "
            "lists every value.",
        ),
        class_="mmssc-figure",
    )
    rows = [
        tag(
            "tr",
            tag("th", here.to(urls.characteristic(cid), cid), scope="row"),
            tag("td", str(r.now) if isinstance(r := latest.ratings.get(cid), Rating) else "not assessed"),
            tag("td", str(r.in_two_years) if isinstance(r, Rating) else "—"),
        )
        for cid in catalogue.characteristics
    ]
    return join(
        [
            page.heading(2, "The whole profile", id="profile"),
            level_key(catalogue),
            figure,
            data_table(
                "Data table: every characteristic's level",
                f"Level of every characteristic, assessed {latest.date.isoformat()}",
                ("Characteristic", "Now", "In 2 years"),
                rows,
            ),
            _dimension_tables(page, latest, dims),
        ]
    )


def _dimension_tables(page: PageContext, latest: Assessment, dims: list[GroupSummary]) -> Markup:
    catalogue, here = page.catalogue, page.here
    subs = by_subdimension(catalogue, latest)

    def rows(summaries: list[GroupSummary], url) -> list[Markup]:
        return [
            tag(
                "tr",
                tag("th", here.to(url(s.id), f"{s.id} {s.name}"), scope="row"),
                tag("td", str(s.now.typical or "—")),
                tag("td", str(s.in_two_years.typical or "—")),
                tag("td", _spread(s.now)),
            )
            for s in summaries
        ]

    head = ("Group", "Typical now", "In 2 years", "Levels now")
    return tag(
        "details",
        tag("summary", "Typical levels by dimension and sub-dimension"),
        tag(
            "p",
            tag("strong", "How this is computed: "),
            AGGREGATION_RULE,
            " ",
            here.to(urls.METHODOLOGY, "Methodology"),
            ".",
        ),
        _plain_table("Typical level by dimension", head, rows(dims, urls.dimension)),
        _plain_table("Typical level by sub-dimension", head, rows(subs, urls.subdimension)),
        class_="mmssc-data",
    )


def _spread(dist: Distribution) -> str:
    parts = [f"{dist.counts[n]}× level {n}" for n in LEVELS if dist.counts[n]]
    if dist.not_assessed:
        parts.append(f"{dist.not_assessed} not assessed")
    return ", ".join(parts)


def _plain_table(caption: str, head: tuple[str, ...], rows: list[Markup]) -> Markup:
    return tag(
        "div",
        tag(
            "table",
            tag("caption", caption),
            tag("thead", tag("tr", [tag("th", h, scope="col") for h in head])),
            tag("tbody", rows),
        ),
        class_="mmssc-table-wrap",
    )


# --- characteristics by dimension ------------------------------------------------------------------


def _characteristics(
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
            level_chip(catalogue, rating.now, "now"),
            tag("span", "→", aria_hidden="true", class_="mmssc-arrow"),
            level_chip(catalogue, rating.in_two_years, "in two years"),
        ]
    else:
        levels = [tag("span", "not assessed", class_="mmssc-na")]
    summary = tag(
        "summary",
        tag("span", tag("span", cid, class_="mmssc-id"), " ", ch.name, class_="mmssc-row-name"),
        tag("span", levels, class_="mmssc-row-levels"),
        tag("span", tag("span", "change ", class_="mmssc-vh"), _change(status), class_="mmssc-row-change"),
        status_mark(status.status),
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


# --- strengths, weaknesses and diverging views --------------------------------------------------------


def _extremes_section(page: PageContext, latest: Assessment) -> Markup:
    catalogue, here, crossrefs = page.catalogue, page.here, page.crossrefs
    ext = prog.extremes(catalogue, latest)
    parts = [page.heading(2, "Strengths and weaknesses", id="strengths-weaknesses")]
    if not ext.strengths and not ext.weaknesses:
        parts.append(tag("p", "Every assessed characteristic is at the same level."))
        parts.append(tag("p", prog.EXTREMES_RULE, class_="mmssc-rule"))
        return join(parts)

    def level_of(cid: str) -> Markup:
        rating = latest.ratings[cid]
        return level_badge(catalogue, rating.now) if isinstance(rating, Rating) else Markup("")

    def named(ids: list[str]) -> Markup:
        return join([here.to(urls.characteristic(c), f"{c} {catalogue.characteristics[c].name}") for c in ids], ", ")

    parts.append(
        tag(
            "dl",
            tag("dt", "Strengths ", level_of(ext.strengths[0])),
            tag("dd", named(ext.strengths)),
            tag("dt", "Weaknesses ", level_of(ext.weaknesses[0])),
            tag("dd", named(ext.weaknesses)),
            class_="mmssc-extremes",
        )
    )
    parts.append(tag("p", prog.EXTREMES_RULE, class_="mmssc-rule"))
    more: list[Markup] = []
    seen: set[int] = set()
    for cid in ext.weaknesses:
        rows = [r for r in crossrefs.supports_for.get(cid, []) if id(r) not in seen]
        seen.update(id(r) for r in rows)
        if rows:
            more.append(tag("p", tag("strong", f"{cid} {catalogue.characteristics[cid].name}:")))
            more.append(support_list(page, rows))
    if more:
        parts.append(tag("details", tag("summary", "Where to go next for the weaknesses: standards to read"), more))
    return join(parts)


def _divergence_section(page: PageContext, latest: Assessment, found: list[prog.Divergence]) -> Markup:
    catalogue, here = page.catalogue, page.here
    parts = [
        page.heading(2, "Where stakeholder groups disagree", id="divergence"),
        tag(
            "p",
            f"Characteristics where the groups' views of the level now differ by {prog.DIVERGENCE_THRESHOLD} levels "
            f"or more.",
        ),
    ]
    if not found:
        parts.append(tag("p", "None: the groups' views are within one level of each other everywhere."))
        return join(parts)
    items = []
    for d in found:
        ch = catalogue.characteristics[d.characteristic_id]
        result = latest.ratings[d.characteristic_id].now
        views = "; ".join(
            f"{catalogue.stakeholder_groups[g].name if g in catalogue.stakeholder_groups else g} {level}"
            for g, level in d.views.items()
        )
        items.append(
            tag(
                "li",
                here.to(urls.characteristic(d.characteristic_id), f"{d.characteristic_id} {ch.name}"),
                f": views {min(d.views.values())} to {max(d.views.values())} ({d.spread} levels apart), "
                f"result {result}.",
                tag("br"),
                tag("span", views, class_="mmssc-tile-note"),
            )
        )
    parts.append(
        tag(
            "details",
            tag("summary", f"{len(found)} characteristics: ", ", ".join(d.characteristic_id for d in found)),
            tag("ul", items, class_="mmssc-divergence"),
            class_="mmssc-data",
        )
    )
    return join(parts)


# --- about the assessment and the city ---------------------------------------------------------------


def _latest_section(page: PageContext, latest: Assessment) -> Markup:
    catalogue, here = page.catalogue, page.here
    groups = [catalogue.stakeholder_groups[g].name for g in latest.participants if g in catalogue.stakeholder_groups]
    method = catalogue.methods[latest.method_id]
    facts = [
        tag("dt", "Date"),
        tag("dd", latest.date.isoformat()),
        tag("dt", "Method"),
        tag(
            "dd",
            here.to(urls.HOW_TO_ASSESS + f"#method-{latest.method_id}", method.name),
            " ",
            tag("span", f"(confidence {method.confidence} of 5)", class_="mmssc-note"),
        ),
        tag("dt", "Who took part"),
        tag("dd", ", ".join(groups) or "—"),
    ]
    if latest.assessors:
        facts += [tag("dt", "Carried out by"), tag("dd", latest.assessors)]
    if latest.consolidation:
        facts += [tag("dt", "Consolidation"), tag("dd", CONSOLIDATION_RULES[latest.consolidation])]
    facts += [
        tag("dt", "Model version"),
        tag(
            "dd",
            catalogue.versions[latest.model_version].name
            if latest.model_version in catalogue.versions
            else latest.model_version,
        ),
    ]
    parts = [page.heading(2, "About this assessment", id="latest"), tag("dl", facts, class_="mmssc-facts")]
    if latest.summary:
        parts.append(tag("blockquote", tag("p", latest.summary)))
    return join(parts)


def _about_city(page: PageContext, city: City) -> Markup:
    facts: list[Markup] = []
    if city.website:
        facts += [tag("dt", "Website"), tag("dd", link(city.website, city.website))]
    if city.contact:
        shown = city.contact[len("mailto:") :] if city.contact.startswith("mailto:") else city.contact
        facts += [tag("dt", "Contact"), tag("dd", link(city.contact, shown))]
    if not city.description and not facts:
        return Markup("")
    parts = [page.heading(2, "About the city", id="about-city")]
    if city.description:
        parts.append(tag("p", city.description))
    if facts:
        parts.append(tag("dl", facts, class_="mmssc-facts"))
    return join(parts)
