"""A city's public progress page. Every value from a city's files is untrusted and goes through ``render.html``."""

from __future__ import annotations

import datetime as dt
import functools

from ..compute import progress as prog
from ..compute.summaries import AGGREGATION_RULE, Distribution, GroupSummary, by_dimension, by_subdimension, overall
from ..model.assessments import COMMUNITY_TYPES, CONSOLIDATION_RULES, Assessment, City
from ..model.catalogue import LEVELS, Catalogue
from ..site import urls
from . import charts
from .context import PageContext
from .html import Markup, join, link, tag
from .pieces import SIZE_BAND_NAMES, country_name, level_badge, prog_rule_text, support_list


def _level_cell(catalogue: Catalogue, level: int | None) -> Markup:
    return level_badge(catalogue, level) if level else tag("span", "not assessed", class_="mmssc-na")


def _dist_inline(dist: Distribution) -> Markup:
    parts = [
        tag(
            "span",
            tag("span", str(n), class_="mmssc-level-number"),
            f"×{dist.counts[n]}",
            class_=f"mmssc-level mmssc-level-{n} mmssc-count",
        )
        for n in LEVELS
        if dist.counts[n]
    ]
    if dist.not_assessed:
        parts.append(tag("span", f"{dist.not_assessed} not assessed", class_="mmssc-na"))
    return join(parts, " ")


def _typical(catalogue: Catalogue, dist: Distribution) -> Markup:
    return level_badge(catalogue, dist.typical) if dist.typical else tag("span", "—", class_="mmssc-na")


def _summary_table(page: PageContext, rows: list[GroupSummary], caption: str, linker) -> Markup:
    catalogue = page.catalogue
    body = [
        tag(
            "tr",
            tag("th", linker(r), scope="row"),
            tag("td", _typical(catalogue, r.now)),
            tag("td", _dist_inline(r.now)),
            tag("td", _typical(catalogue, r.in_two_years)),
            tag("td", _dist_inline(r.in_two_years)),
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
    return _wrap(tag("table", tag("caption", caption), head, tag("tbody", body)), caption)


def _wrap(table: Markup, label: str, css_class: str = "") -> Markup:
    """Tables stay class-free (Material styles only those); the wrapper scrolls and carries our class."""
    return tag(
        "div", table, class_=f"mmssc-table-wrap {css_class}".strip(), tabindex="0", role="region", aria_label=label
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
                class_="admonition warning",
            )
        )
    parts.append(_profile(page, city))
    cadence = prog.cadence(city, page.settings.today, page.settings.stale_after_months)
    latest = city.latest
    if latest is None:
        parts.append(tag("p", "This city has not published an assessment yet."))
        parts.append(_sources_section(page, city))
        return join(parts)
    if cadence.stale:
        parts.append(
            tag(
                "div",
                tag(
                    "p",
                    tag("strong", "Not recently reported. "),
                    f"The latest assessment is from {latest.date.isoformat()}, {cadence.months_since} months ago; "
                    f"this site expects one at least every {page.settings.stale_after_months} months. The results below may no longer describe the city.",
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
        parts.append(_history_section(page, city))
    parts.append(_sources_section(page, city))
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
            _typical(catalogue, total.now),
            " — ",
            _dist_inline(total.now),
            ". In two years, based on current plans: typical level ",
            _typical(catalogue, total.in_two_years),
            " — ",
            _dist_inline(total.in_two_years),
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
                tag("td", _level_cell(catalogue, plan.now)),
                tag("td", _level_cell(catalogue, plan.in_two_years)),
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
    return _wrap(
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
            f"Characteristics where the groups' views of the level now differ by {prog.DIVERGENCE_THRESHOLD} levels or more.",
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
                [tag("td", _level_cell(catalogue, d.views.get(g))) for g in groups],
                tag("td", f"{d.spread} levels"),
                tag("td", _level_cell(catalogue, latest.ratings[d.characteristic_id].now)),
            )
        )
    parts.append(
        _wrap(
            tag("table", tag("caption", "Diverging stakeholder views (level now)"), head, tag("tbody", rows)),
            "Diverging stakeholder views",
        )
    )
    return join(parts)


def _history_section(page: PageContext, city: City) -> Markup:
    catalogue, here = page.catalogue, page.here
    history = city.assessments
    per_assessment = [(a.date, by_dimension(catalogue, a)) for a in history]  # once per assessment
    series = {}
    for index, dim in enumerate(catalogue.dimensions.values()):
        series[f"{dim.id}. {dim.name}"] = [(day, summaries[index].now.typical) for day, summaries in per_assessment]
    desc = "Typical level now per dimension at each assessment: " + "; ".join(
        f"{name}: " + ", ".join(f"{d.isoformat()} level {v if v else 'not assessed'}" for d, v in pts)
        for name, pts in series.items()
    )
    parts = [
        page.heading(2, "Progress over time", id="history"),
        tag(
            "figure",
            charts.history_chart(page.chart_id(), series, f"{city.name}: typical level per dimension over time", desc),
            tag("figcaption", "Typical level per dimension at each assessment (data in the tables below)."),
            class_="mmssc-figure",
        ),
    ]
    dates = [a.date.isoformat() for a in history]
    dim_rows = [
        tag("tr", tag("th", name, scope="row"), [tag("td", str(v) if v else "—") for _, v in pts])
        for name, pts in series.items()
    ]
    parts.append(
        _wrap(
            tag(
                "table",
                tag("caption", "Typical level per dimension"),
                tag(
                    "thead", tag("tr", tag("th", "Dimension", scope="col"), [tag("th", d, scope="col") for d in dates])
                ),
                tag("tbody", dim_rows),
            ),
            "Typical level per dimension",
        )
    )
    rows = []
    for cid, ch in catalogue.characteristics.items():
        cells = []
        previous = None
        for a in history:
            r = a.ratings.get(cid)
            level = r.now if r is not None and r.assessed else None
            arrow = ""
            if level is not None and previous is not None and level != previous:
                arrow = " ▲" if level > previous else " ▼"
            cells.append(_history_cell(level, arrow))
            previous = level if level is not None else previous
        rows.append(
            tag(
                "tr",
                tag(
                    "th",
                    here.to(urls.characteristic(cid), [tag("span", cid, class_="mmssc-id"), " ", ch.name]),
                    scope="row",
                ),
                cells,
            )
        )
    parts.append(
        tag(
            "details",
            tag("summary", "Level now per characteristic at every assessment (▲ up, ▼ down since the one before)"),
            _wrap(
                tag(
                    "table",
                    tag("caption", "Level now per characteristic per assessment"),
                    tag(
                        "thead",
                        tag("tr", tag("th", "Characteristic", scope="col"), [tag("th", d, scope="col") for d in dates]),
                    ),
                    tag("tbody", rows),
                ),
                "History per characteristic",
                "mmssc-history-table",
            ),
            class_="mmssc-history",
        )
    )
    parts.append(_promises_section(page, city))
    return join(parts)


@functools.lru_cache(maxsize=64)
def _history_cell(level: int | None, arrow: str) -> Markup:
    return tag("td", (str(level) if level else "–") + arrow, class_=f"mmssc-band-{level}" if level else "mmssc-na")


@functools.lru_cache(maxsize=16)
def _plan_cell(plan: prog.Plan) -> Markup:
    return tag(
        "td",
        tag("span", _PLAN_ICON[plan], aria_hidden="true"),
        " ",
        plan.value,
        class_=f"mmssc-plan-{plan.name.lower()}",
    )


_VERDICT_ICON = {
    prog.Verdict.EXCEEDED: "▲▲",
    prog.Verdict.MET: "✔",
    prog.Verdict.MISSED: "✘",
    prog.Verdict.NOT_ASSESSED: "?",
    prog.Verdict.AWAITING: "…",
}


def _promises_section(page: PageContext, city: City) -> Markup:
    catalogue, here = page.catalogue, page.here
    found = prog.promises(catalogue, city, page.settings.today)
    parts = [page.heading(3, "Plans against delivery", id="promises"), tag("p", prog_rule_text(), class_="mmssc-rule")]
    if not found:
        parts.append(tag("p", "No two-year plan has come due yet."))
        return join(parts)
    counts: dict[prog.Verdict, int] = {}
    for p in found:
        counts[p.verdict] = counts.get(p.verdict, 0) + 1
    parts.append(tag("p", "; ".join(f"{n} {v.value}" for v, n in counts.items()) + "."))
    # Promises still awaiting a check are summarised per assessment, not listed row by row.
    awaiting: dict[dt.date, list[prog.Promise]] = {}
    for p in found:
        if p.verdict is prog.Verdict.AWAITING:
            awaiting.setdefault(p.made_on, []).append(p)
    for made_on, group in awaiting.items():
        parts.append(
            tag(
                "p",
                f"The {len(group)} promises of {made_on.isoformat()} fell due on {group[0].due.isoformat()}: "
                "they will be checked against the city's next assessment.",
            )
        )
    checked = [p for p in found if p.verdict is not prog.Verdict.AWAITING]
    if not checked:
        return join(parts)
    # One row per characteristic, one column per assessment whose promises were checked (all the
    # promises of one assessment fall due, and are checked, on the same dates): compact and in time order.
    made = sorted({p.made_on for p in checked})
    checked_on = {p.made_on: p.checked_on for p in checked if p.checked_on is not None}
    by_cell = {(p.characteristic_id, p.made_on): p for p in checked}
    rows = [
        tag(
            "tr",
            tag("th", here.to(urls.characteristic(cid), cid), scope="row"),
            [
                _promise_cell(kept.verdict, kept.promised, kept.delivered)
                if (kept := by_cell.get((cid, day)))
                else _NO_PROMISE
                for day in made
            ],
        )
        for cid in catalogue.characteristics
        if any((cid, day) in by_cell for day in made)
    ]
    head = tag(
        "thead",
        tag(
            "tr",
            tag("th", "Characteristic", scope="col"),
            [
                tag("th", f"Promised {day.isoformat()}, checked {checked_on[day].isoformat()}", scope="col")
                for day in made
            ],
        ),
    )
    parts.append(
        tag(
            "details",
            tag("summary", f"All {len(checked)} promises checked so far"),
            _wrap(
                tag(
                    "table",
                    tag(
                        "caption", "Two-year plans against what was delivered: verdict (promised level → level reached)"
                    ),
                    head,
                    tag("tbody", rows),
                ),
                "Plans against delivery",
                "mmssc-promises-table",
            ),
            open=len(checked) <= 40,
        )
    )
    return join(parts)


_NO_PROMISE = tag("td", "—", class_="mmssc-na")


@functools.lru_cache(maxsize=256)
def _promise_cell(verdict: prog.Verdict, promised: int, delivered: int | None) -> Markup:
    return tag(
        "td",
        tag("span", _VERDICT_ICON[verdict], aria_hidden="true"),
        f" {verdict.value} ({promised} → {delivered or '—'})",
        class_=f"mmssc-verdict-{verdict.name.lower()}",
    )


def _sources_section(page: PageContext, city: City) -> Markup:
    here = page.here
    files = [city.source.path] + [a.source.path for a in reversed(city.assessments)]
    items = []
    for path in files:
        url = page.settings.source_url(path)
        items.append(tag("li", link(url, path) if url else tag("code", path)))
    base = urls.city(city.slug)
    return join(
        [
            page.heading(2, "Sources and corrections", id="sources"),
            tag(
                "p",
                "Everything on this page comes from these files. Anyone can propose a correction in a pull request "
                "(see ",
                here.to("contribute/", "Contribute an assessment"),
                ").",
            ),
            tag("ul", items),
            tag(
                "p",
                "Follow this city: ",
                here.to(base + "feed.xml", "Atom feed"),
                " · badge: ",
                here.to(base + "badge.svg", "SVG"),
                ", ",
                here.to(base + "badge.json", "JSON"),
                " · ",
                here.to("data/", "open data for all cities"),
            ),
        ]
    )
