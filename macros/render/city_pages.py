"""A city's public progress page. Every value from a city's files is untrusted and goes through ``render.html``."""

from __future__ import annotations

import functools

from ..compute import progress as prog
from ..compute.summaries import AGGREGATION_RULE, GroupSummary, by_dimension, by_subdimension, overall
from ..model.assessments import COMMUNITY_TYPES, CONSOLIDATION_RULES, Assessment, City
from ..site import urls
from . import charts, city_history
from .context import PageContext
from .html import Markup, join, link, tag
from .pieces import (
    SIZE_BAND_NAMES,
    country_name,
    distribution_inline,
    level_cell,
    support_list,
    table_region,
    typical_badge,
)


def _summary_table(page: PageContext, rows: list[GroupSummary], caption: str, linker) -> Markup:
    catalogue = page.catalogue
    body = [
        tag(
            "tr",
            tag("th", linker(r), scope="row"),
            tag("td", typical_badge(catalogue, r.now)),
            tag("td", distribution_inline(r.now)),
            tag("td", typical_badge(catalogue, r.in_two_years)),
            tag("td", distribution_inline(r.in_two_years)),
            tag("td", f"{r.now.mean:.1f}" if r.now.mean is not None else "—"),
        )
        for r in rows
    ]
    head = tag(
        "thead",
        tag(
            "tr",
            tag("th", "Group", scope="col"),
            tag("th", "Typical now", scope="col"),
            tag("th", "Distribution now", scope="col"),
            tag("th", "Typical in 2 years", scope="col"),
            tag("th", "Distribution in 2 years", scope="col"),
            tag("th", "Mean now", scope="col"),
        ),
    )
    return table_region(tag("table", tag("caption", caption), head, tag("tbody", body)), caption)


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
                class_="admonition warning",
            )
        )
    parts.append(_profile(page, city))
    cadence = prog.cadence(city, page.settings.today, page.settings.stale_after_months)
    latest = city.latest
    if latest is None:
        parts.append(tag("p", "This city has not published an assessment yet."))
        parts.append(city_history.sources_section(page, city))
        return join(parts)
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
    else:
        parts.append(
            tag(
                "p",
                f"Last reported {latest.date.isoformat()} ({cadence.months_since} months ago). ",
                class_="mmssc-cadence",
            )
        )
    parts.append(_latest_section(page, city, latest))
    parts.append(_results_section(page, city, latest))
    if len(city.assessments) > 1:
        parts.append(city_history.history_section(page, city))
    parts.append(city_history.sources_section(page, city))
    return join(parts)


def _profile(page: PageContext, city: City) -> Markup:
    here = page.here
    facts = [
        tag("dt", "Country"),
        tag("dd", here.to(urls.country(city.country), country_name(city.country)), f" ({city.country})"),
    ]
    if city.region:
        facts += [tag("dt", "Region"), tag("dd", city.region)]
    facts += [
        tag("dt", "Population"),
        tag("dd", f"{city.population:,}"),
        tag("dt", "Size band"),
        tag("dd", SIZE_BAND_NAMES[city.size_band]),
        tag("dt", "Type of community"),
        tag("dd", COMMUNITY_TYPES.get(city.community_type, city.community_type)),
    ]
    if city.website:
        facts += [tag("dt", "Website"), tag("dd", link(city.website, city.website))]
    if city.contact:
        shown = city.contact[len("mailto:") :] if city.contact.startswith("mailto:") else city.contact
        facts += [tag("dt", "Contact"), tag("dd", link(city.contact, shown))]
    parts = [tag("dl", facts, class_="mmssc-facts")]
    if city.description:
        parts.insert(0, tag("p", city.description))
    return join(parts)


def _latest_section(page: PageContext, city: City, latest: Assessment) -> Markup:
    catalogue, here = page.catalogue, page.here
    groups = [catalogue.stakeholder_groups[g].name for g in latest.participants if g in catalogue.stakeholder_groups]
    facts = [
        tag("dt", "Date"),
        tag("dd", latest.date.isoformat()),
        tag("dt", "Method"),
        tag(
            "dd",
            here.to(urls.HOW_TO_ASSESS + f"#method-{latest.method_id}", catalogue.methods[latest.method_id].name),
            " ",
            tag("span", f"(confidence {catalogue.methods[latest.method_id].confidence} of 5)", class_="mmssc-note"),
        ),
        tag("dt", "Who took part"),
        tag("dd", ", ".join(groups)),
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
    parts = [page.heading(2, "Latest assessment", id="latest"), tag("dl", facts, class_="mmssc-facts")]
    if latest.summary:
        parts.append(tag("blockquote", tag("p", latest.summary)))
    return join(parts)


def _results_section(page: PageContext, city: City, latest: Assessment) -> Markup:
    catalogue, here = page.catalogue, page.here
    total = overall(catalogue, latest)
    dims = by_dimension(catalogue, latest)
    subs = by_subdimension(catalogue, latest)
    parts = [
        page.heading(2, "Results", id="results"),
        tag(
            "p",
            "Overall, now: typical level ",
            typical_badge(catalogue, total.now),
            " — ",
            distribution_inline(total.now),
            ". In two years, based on current plans: typical level ",
            typical_badge(catalogue, total.in_two_years),
            " — ",
            distribution_inline(total.in_two_years),
            ".",
        ),
        tag(
            "p",
            tag("strong", "How this is computed: "),
            AGGREGATION_RULE,
            " ",
            here.to(urls.METHODOLOGY, "Methodology"),
            ".",
            class_="mmssc-rule",
        ),
        page.heading(3, "By dimension", id="by-dimension"),
        tag(
            "figure",
            charts.dimension_profile(page.chart_id(), catalogue, dims, city.name),
            tag("figcaption", "Levels by dimension (data in the table below)."),
            class_="mmssc-figure",
        ),
        _summary_table(
            page, dims, "Results by dimension", lambda r: here.to(urls.dimension(r.id), f"{r.id}. {r.name}")
        ),
        page.heading(3, "By sub-dimension", id="by-subdimension"),
        _summary_table(
            page,
            subs,
            "Results by sub-dimension",
            lambda r: here.to(urls.subdimension(r.id), f"{r.id} {r.name}"),
        ),
        page.heading(3, "By characteristic: now and in two years", id="by-characteristic"),
        tag(
            "figure",
            charts.heatmap(page.chart_id(), catalogue, latest, city.name),
            tag("figcaption", "Every characteristic now and in two years (data in the table below)."),
            class_="mmssc-figure",
        ),
        _characteristics_table(page, city, latest),
        _extremes_section(page, latest),
    ]
    div = prog.divergences(catalogue, latest)
    if latest.participants and any(r.groups for r in latest.ratings.values()):
        parts.append(_divergence_section(page, latest, div))
    return join(parts)


_PLAN_ICON = {prog.Plan.UP: "▲", prog.Plan.SAME: "●", prog.Plan.DOWN: "▼", prog.Plan.NOT_ASSESSED: "–"}


def _characteristics_table(page: PageContext, city: City, latest: Assessment) -> Markup:
    catalogue, here = page.catalogue, page.here
    previous = city.assessments[-2] if len(city.assessments) > 1 else None
    change = {c.characteristic_id: c for c in prog.changes(catalogue, previous, latest)} if previous else {}
    rows = []
    for plan in prog.plans(catalogue, latest):
        ch = catalogue.characteristics[plan.characteristic_id]
        rating = latest.ratings.get(ch.id)
        notes: list[Markup] = []
        if rating is not None and rating.not_assessed:
            notes.append(tag("p", tag("em", "Not assessed: "), rating.not_assessed))
        if rating is not None and rating.justification:
            notes.append(tag("p", rating.justification))
        if rating is not None and rating.evidence:
            notes.append(
                tag(
                    "ul",
                    [
                        tag("li", link(e.url, e.title), f" ({e.date.isoformat()})" if e.date else "")
                        for e in rating.evidence
                    ],
                    class_="mmssc-evidence",
                )
            )
        delta = change[ch.id].delta if ch.id in change else None
        delta_text = (
            "—" if delta is None else ("no change" if delta == 0 else f"{'+' if delta > 0 else '−'}{abs(delta)}")
        )
        rows.append(
            tag(
                "tr",
                tag(
                    "th",
                    here.to(urls.characteristic(ch.id), [tag("span", ch.id, class_="mmssc-id"), " ", ch.name]),
                    scope="row",
                ),
                tag("td", level_cell(catalogue, plan.now)),
                tag("td", level_cell(catalogue, plan.in_two_years)),
                _plan_cell(plan.plan),
                tag("td", delta_text) if previous else "",
                tag("td", notes),
            )
        )
    head = tag(
        "thead",
        tag(
            "tr",
            tag("th", "Characteristic", scope="col"),
            tag("th", "Now", scope="col"),
            tag("th", "In 2 years", scope="col"),
            tag("th", "Plan", scope="col"),
            tag("th", f"Change since {previous.date.isoformat()}", scope="col") if previous else "",
            tag("th", "Justification and evidence", scope="col"),
        ),
    )
    return table_region(
        tag(
            "table",
            tag("caption", f"Every characteristic, assessed {latest.date.isoformat()}"),
            head,
            tag("tbody", rows),
        ),
        "Every characteristic",
        "mmssc-city-table",
    )


def _extremes_section(page: PageContext, latest: Assessment) -> Markup:
    catalogue, here, crossrefs = page.catalogue, page.here, page.crossrefs
    ext = prog.extremes(catalogue, latest)
    parts = [
        page.heading(3, "Strengths and weaknesses", id="strengths-weaknesses"),
        tag("p", prog.EXTREMES_RULE, class_="mmssc-rule"),
    ]
    if not ext.strengths and not ext.weaknesses:
        parts.append(tag("p", "Every assessed characteristic is at the same level."))
        return join(parts)
    parts.append(
        tag(
            "p",
            tag("strong", "Strengths: "),
            join(
                [here.to(urls.characteristic(c), f"{c} {catalogue.characteristics[c].name}") for c in ext.strengths],
                ", ",
            ),
            " (level ",
            str(latest.ratings[ext.strengths[0]].now),
            ").",
        )
    )
    parts.append(
        tag(
            "p",
            tag("strong", "Weaknesses: "),
            join(
                [here.to(urls.characteristic(c), f"{c} {catalogue.characteristics[c].name}") for c in ext.weaknesses],
                ", ",
            ),
            " (level ",
            str(latest.ratings[ext.weaknesses[0]].now),
            ").",
        )
    )
    parts.append(tag("h4", "Where to go next for the weaknesses"))
    seen: set[int] = set()
    for cid in ext.weaknesses:
        rows = [r for r in crossrefs.supports_for.get(cid, []) if id(r) not in seen]
        seen.update(id(r) for r in rows)
        if rows:
            parts.append(tag("p", tag("strong", f"{cid} {catalogue.characteristics[cid].name}:")))
            parts.append(support_list(page, rows))
    return join(parts)


def _divergence_section(page: PageContext, latest: Assessment, found: list[prog.Divergence]) -> Markup:
    catalogue, here = page.catalogue, page.here
    parts = [
        page.heading(3, "Where stakeholder groups disagree", id="divergence"),
        tag(
            "p",
            f"Characteristics where the groups' views of the level now differ by {prog.DIVERGENCE_THRESHOLD} levels "
            f"or more.",
        ),
    ]
    if not found:
        parts.append(tag("p", "None: the groups' views are within one level of each other everywhere."))
        return join(parts)
    groups = [g for g in latest.participants if any(g in latest.ratings[d.characteristic_id].groups for d in found)]
    head = tag(
        "thead",
        tag(
            "tr",
            tag("th", "Characteristic", scope="col"),
            [tag("th", catalogue.stakeholder_groups[g].name, scope="col") for g in groups],
            tag("th", "Spread", scope="col"),
            tag("th", "Result", scope="col"),
        ),
    )
    rows = []
    for d in found:
        rows.append(
            tag(
                "tr",
                tag("th", here.to(urls.characteristic(d.characteristic_id), d.characteristic_id), scope="row"),
                [tag("td", level_cell(catalogue, d.views.get(g))) for g in groups],
                tag("td", f"{d.spread} levels"),
                tag("td", level_cell(catalogue, latest.ratings[d.characteristic_id].now)),
            )
        )
    parts.append(
        table_region(
            tag("table", tag("caption", "Diverging stakeholder views (level now)"), head, tag("tbody", rows)),
            "Diverging stakeholder views",
        )
    )
    return join(parts)


@functools.lru_cache(maxsize=16)
def _plan_cell(plan: prog.Plan) -> Markup:
    return tag(
        "td",
        tag("span", _PLAN_ICON[plan], aria_hidden="true"),
        " ",
        plan.value,
        class_=f"mmssc-plan-{plan.name.lower()}",
    )
