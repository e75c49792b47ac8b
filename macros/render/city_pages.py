"""A city's public progress page, laid out as a report card: the summary first (how is the city doing,
and is it keeping its word?), then the enablers against the purposes, the whole profile in one chart,
and the characteristics by dimension as compact rows with their details behind a disclosure each.
Every value from a city's files is untrusted and goes through ``render.html``."""

from __future__ import annotations

from ..compute import progress as prog
from ..compute.summaries import (
    AGGREGATION_RULE,
    Distribution,
    GroupSummary,
    by_dimension,
    by_subdimension,
)
from ..model.assessments import COMMUNITY_TYPES, CONSOLIDATION_RULES, Assessment, City, Rating
from ..model.catalogue import LEVELS
from ..site import urls
from . import charts, city_history, city_record, city_rows, city_summary
from .context import PageContext
from .html import Markup, join, link, tag
from .pieces import (
    city_promises,
    city_text,
    country_name,
    data_table,
    fictional_note,
    level_badge,
    level_key,
    plain_table,
    size_band_name,
    support_list,
)


def city_page(page: PageContext, city: City) -> Markup:
    parts: list[Markup] = []
    if city.fictional:
        parts.append(
            fictional_note(
                page,
                page._(
                    "This city does not exist: its profile and assessments were invented to show how the site works."
                ),
            )
        )
    parts.append(_lede(page, city))
    latest = city.latest
    if latest is None:
        if city.withdrawn:  # it published one, then took it back: the record below says when and why
            parts.append(tag("p", page._("This city has no assessment in force: it withdrew what it published.")))
        else:
            parts.append(tag("p", page._("This city has not published an assessment yet.")))
        parts.append(city_summary.next_assessment(page, city))
        parts.append(city_record.record_section(page, city))
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
                    tag("strong", page._("Not recently reported."), " "),
                    page._(
                        "The latest assessment is from {date}, {ago}; this site expects one at least every {every}.",
                        date=latest.date.isoformat(),
                        ago=page.n_("{n} month ago", "{n} months ago", cadence.months_since or 0),
                        every=page.n_("{n} month", "{n} months", page.settings.stale_after_months),
                    ),
                    " ",
                    page._("The results below may no longer describe the city."),
                ),
                class_="admonition warning mmssc-stale",
                role="note",
            )
        )
    previous = city.assessments[-2] if len(city.assessments) > 1 else None
    statuses = prog.statuses(page.catalogue, city, page.settings.today, city_promises(page, city))
    dims = by_dimension(page.catalogue, latest)
    parts += [
        city_summary.summary_section(page, city, latest, previous, statuses, cadence),
        city_summary.lens_section(page, latest, previous),
        city_record.feedback_line(page, city),
        _profile(page, city, latest, dims),
        city_rows.characteristics_link(page, city),
        _extremes_section(page, latest),
    ]
    if latest.participants and any(r.groups for r in latest.ratings.values()):
        parts.append(_divergence_section(page, latest, prog.divergences(page.catalogue, latest)))
    if len(city.assessments) > 1:
        parts.append(city_history.history_section(page, city))
    parts.append(city_history.promises_section(page, city))
    parts.append(_latest_section(page, city, latest))
    parts.append(city_record.review_section(page, city, latest))
    parts.append(city_record.record_section(page, city))
    parts.append(_about_city(page, city))
    parts.append(city_history.sources_section(page, city))
    return join(parts)


def _lede(page: PageContext, city: City) -> Markup:
    """One line under the title: what kind of place, where, how big."""
    place = page._(COMMUNITY_TYPES.get(city.community_type, city.community_type))
    country = page.here.to(urls.country(city.country), country_name(page, city.country))
    population, size = page.lang.number(city.population), size_band_name(page, city.size_band)
    if city.region:
        lede = page._m(
            "{place} in {region}, {country} · population {population} ({size})",
            place=place,
            region=city.region,
            country=country,
            population=population,
            size=size,
        )
    else:
        lede = page._m(
            "{place} in {country} · population {population} ({size})",
            place=place,
            country=country,
            population=population,
            size=size,
        )
    return tag("p", lede, class_="mmssc-lede")


# --- the whole profile ------------------------------------------------------------------------------


def _profile(page: PageContext, city: City, latest: Assessment, dims: list[GroupSummary]) -> Markup:
    catalogue, here = page.catalogue, page.here
    by_id = {s.id: s for s in dims}
    figure = tag(
        "figure",
        tag(
            "div",
            [
                charts.profile_chart(
                    page.chart_id(),
                    catalogue,
                    latest,
                    by_id.get(dim),
                    dim,
                    city.name,
                    page.lang,
                    page.shared(
                        ("profile-frame", dim, dim in by_id), charts.profile_frame, catalogue, dim, dim in by_id
                    ),
                )
                for dim in catalogue.dimensions
                for typical in [dim in by_id]
            ],
            class_="mmssc-profile",
        ),
        tag(
            "figcaption",
            page._(
                "Each bar is one characteristic: filled to its level now, with the number printed in it; a dashed "
                "outline marks the level planned in two years (a planned rise is numbered too). The data table below "
                "lists every value."
            ),
        ),
        class_="mmssc-figure",
    )

    def row(cid: str, levels: tuple[int, int] | None) -> Markup:
        return tag(
            "tr",
            tag("th", here.to(urls.characteristic(cid), cid), scope="row"),
            tag("td", str(levels[0]) if levels else page._("not assessed")),
            tag("td", str(levels[1]) if levels else "—"),
        )

    rows = []
    for cid in catalogue.characteristics:
        r = latest.ratings.get(cid)
        levels = (r.now, r.in_two_years) if isinstance(r, Rating) else None
        # the same few rows on every city page (its links relative to the page)
        rows.append(page.shared(("profile-row", here.href(urls.characteristic(cid)), levels), row, cid, levels))
    return join(
        [
            page.heading(2, page._("The whole profile"), id="profile"),
            level_key(page),
            figure,
            data_table(
                page._("Data table: every characteristic's level"),
                page._("Level of every characteristic, assessed {date}", date=latest.date.isoformat()),
                (page._("Characteristic"), page._("Now"), page._("In 2 years")),
                rows,
            ),
            _dimension_tables(page, latest, dims),
        ]
    )


def _dimension_tables(page: PageContext, latest: Assessment, dims: list[GroupSummary]) -> Markup:
    catalogue, here = page.catalogue, page.here
    subs = by_subdimension(catalogue, latest)

    def row(s: GroupSummary, href: str) -> Markup:
        return tag(
            "tr",
            tag("th", link(href, [s.id, " ", s.name]), scope="row"),
            tag("td", str(s.now.typical or "—")),
            tag("td", str(s.in_two_years.typical or "—")),
            tag("td", _spread(page, s.now)),
        )

    def rows(summaries: list[GroupSummary], url) -> list[Markup]:
        out = []
        for s in summaries:
            href = here.href(url(s.id))
            now = s.now
            # what the row shows, as the key: cities share most rows (a group's levels and their spread)
            shown = (now.typical, s.in_two_years.typical, now.not_assessed, *(now.counts[n] for n in LEVELS))
            out.append(page.shared(("group-row", href, shown), row, s, href))
        return out

    head = (page._("Group"), page._("Typical now"), page._("In 2 years"), page._("Levels now"))
    return tag(
        "details",
        tag("summary", page._("Typical levels by dimension and sub-dimension")),
        tag(
            "p",
            tag("strong", page._("How this is computed:"), " "),
            page._(AGGREGATION_RULE),
            " ",
            here.to(urls.METHODOLOGY, page._("Methodology")),
            ".",
        ),
        plain_table(page._("Typical level by dimension"), head, rows(dims, urls.dimension)),
        plain_table(page._("Typical level by sub-dimension"), head, rows(subs, urls.subdimension)),
        class_="mmssc-data",
    )


def _spread(page: PageContext, dist: Distribution) -> str:
    parts = [page._("{count}× level {level}", count=dist.counts[n], level=n) for n in LEVELS if dist.counts[n]]
    if dist.not_assessed:
        parts.append(page._("{n} not assessed", n=dist.not_assessed))
    return ", ".join(parts)


def _extremes_section(page: PageContext, latest: Assessment) -> Markup:
    catalogue, here, crossrefs = page.catalogue, page.here, page.crossrefs
    ext = prog.extremes(catalogue, latest)
    rule = tag("p", page._(prog.EXTREMES_RULE, count=prog.EXTREMES), class_="mmssc-rule")
    parts = [page.heading(2, page._("Strengths and weaknesses"), id="strengths-weaknesses")]
    if not ext.strengths and not ext.weaknesses:
        parts.append(tag("p", page._("Every assessed characteristic is at the same level.")))
        parts.append(rule)
        return join(parts)

    def level_of(cid: str) -> Markup:
        rating = latest.ratings[cid]
        return level_badge(catalogue, rating.now) if isinstance(rating, Rating) else Markup("")

    def named(ids: list[str]) -> Markup:
        return join([here.to(urls.characteristic(c), [c, " ", catalogue.characteristics[c].name]) for c in ids], ", ")

    parts.append(
        tag(
            "dl",
            tag("dt", page._("Strengths"), " ", level_of(ext.strengths[0])),
            tag("dd", named(ext.strengths)),
            tag("dt", page._("Weaknesses"), " ", level_of(ext.weaknesses[0])),
            tag("dd", named(ext.weaknesses)),
            class_="mmssc-extremes",
        )
    )
    parts.append(rule)
    more: list[Markup] = []
    seen: set[int] = set()
    for cid in ext.weaknesses:
        rows = [r for r in crossrefs.supports_for.get(cid, []) if id(r) not in seen]
        seen.update(id(r) for r in rows)
        if rows:
            name = catalogue.characteristics[cid].name
            more.append(tag("p", tag("strong", page._m("{id} {name}:", id=cid, name=name))))
            more.append(support_list(page, rows))
    if more:
        parts.append(
            tag("details", tag("summary", page._("Where to go next for the weaknesses: standards to read")), more)
        )
    return join(parts)


def _divergence_section(page: PageContext, latest: Assessment, found: list[prog.Divergence]) -> Markup:
    catalogue, here = page.catalogue, page.here
    parts = [
        page.heading(2, page._("Where stakeholder groups disagree"), id="divergence"),
        tag(
            "p",
            page.n_(
                "Characteristics where the groups' views of the level now differ by {n} level or more.",
                "Characteristics where the groups' views of the level now differ by {n} levels or more.",
                prog.DIVERGENCE_THRESHOLD,
            ),
        ),
    ]
    if not found:
        parts.append(tag("p", page._("None: the groups' views are within one level of each other everywhere.")))
        return join(parts)
    items = []
    for d in found:
        ch = catalogue.characteristics[d.characteristic_id]
        result = latest.ratings[d.characteristic_id].now
        views = join(
            [
                [catalogue.stakeholder_groups[g].name if g in catalogue.stakeholder_groups else g, " ", str(level)]
                for g, level in d.views.items()
            ],
            page.lang.semicolon,
        )
        items.append(
            tag(
                "li",
                page.n_m(
                    "{characteristic}: views {low} to {high} ({n} level apart), result {result}.",
                    "{characteristic}: views {low} to {high} ({n} levels apart), result {result}.",
                    d.spread,
                    characteristic=here.to(
                        urls.characteristic(d.characteristic_id), [d.characteristic_id, " ", ch.name]
                    ),
                    low=min(d.views.values()),
                    high=max(d.views.values()),
                    result=result,
                ),
                tag("br"),
                tag("span", views, class_="mmssc-tile-note"),
            )
        )
    parts.append(
        tag(
            "details",
            tag(
                "summary",
                page.n_(
                    "{n} characteristic: {ids}",
                    "{n} characteristics: {ids}",
                    len(found),
                    ids=", ".join(d.characteristic_id for d in found),
                ),
            ),
            tag("ul", items, class_="mmssc-divergence"),
            class_="mmssc-data",
        )
    )
    return join(parts)


# --- about the assessment and the city ---------------------------------------------------------------


def _latest_section(page: PageContext, city: City, latest: Assessment) -> Markup:
    catalogue, here = page.catalogue, page.here
    groups = [catalogue.stakeholder_groups[g].name for g in latest.participants if g in catalogue.stakeholder_groups]
    method = catalogue.methods[latest.method_id]
    facts = [
        tag("dt", page._("Date")),
        tag("dd", latest.date.isoformat()),
        tag("dt", page._("Method")),
        tag(
            "dd",
            here.to(urls.HOW_TO_ASSESS + f"#method-{latest.method_id}", method.name),
            " ",
            tag("span", page._("(confidence {confidence} of 5)", confidence=method.confidence), class_="mmssc-note"),
        ),
        tag("dt", page._("Who took part")),
        tag("dd", join(groups, ", ") if groups else "—"),
    ]
    if latest.assessors:
        facts += [tag("dt", page._("Carried out by")), city_text(page, city, latest.assessors, "dd")]
    if latest.consolidation:
        facts += [tag("dt", page._("Consolidation")), tag("dd", page._(CONSOLIDATION_RULES[latest.consolidation]))]
    facts += [
        tag("dt", page._("Model version")),
        tag(
            "dd",
            catalogue.versions[latest.model_version].name
            if latest.model_version in catalogue.versions
            else latest.model_version,
        ),
    ]
    parts = [page.heading(2, page._("About this assessment"), id="latest"), tag("dl", facts, class_="mmssc-facts")]
    if latest.summary:
        parts.append(city_text(page, city, tag("p", latest.summary), "blockquote"))
    return join(parts)


def _about_city(page: PageContext, city: City) -> Markup:
    facts: list[Markup] = []
    if city.website:
        facts += [tag("dt", page._("Website")), tag("dd", link(city.website, city.website))]
    if city.contact:
        shown = city.contact[len("mailto:") :] if city.contact[:7].lower() == "mailto:" else city.contact
        facts += [tag("dt", page._("Contact")), tag("dd", link(city.contact, shown))]
    if not city.description and not facts:
        return Markup("")
    parts = [page.heading(2, page._("About the city"), id="about-city")]
    if city.description:
        parts.append(city_text(page, city, city.description, "p"))
    if facts:
        parts.append(tag("dl", facts, class_="mmssc-facts"))
    return join(parts)
