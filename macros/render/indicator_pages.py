"""Across cities: one page per referenced standard indicator (ISO 37120:2018 5.1, a U4SSC KPI), listing
every city that reports it with its own trend and status and its own unit. Cities are listed by name,
never ranked: each city's figures follow its own definitions and sources (the OECD's longitudinal view)."""

from __future__ import annotations

from ..compute import outcomes as out
from ..model.assessments import City
from ..model.indicators import Indicator
from ..site import urls
from .context import PageContext
from .html import Markup, esc, join, link, tag
from .outcome_marks import number, outcome_mark, standard_slug
from .pieces import city_text, plain_table

Reported = list[tuple[City, Indicator]]


def standard_indicators(cities: list[City]) -> dict[str, Reported]:
    """Every referenced standard indicator, by the reference as first written, and the cities reporting
    it (in the cities' order: by name). References that differ only in punctuation ("5.1", "5-1") are
    one indicator: they would have one address."""
    by_slug: dict[str, tuple[str, Reported]] = {}
    for city in cities:
        for indicator in city.indicators:
            if indicator.standard:
                slug = standard_slug(indicator.standard)
                by_slug.setdefault(slug, (indicator.standard, []))[1].append((city, indicator))
    return dict(sorted(by_slug.values()))


def indicators_index(page: PageContext, found: dict[str, Reported]) -> Markup:
    here = page.here
    intro = tag(
        "p",
        page._(
            "The indicators of published standards (ISO 37120, 37122 and 37123, the ITU's U4SSC key performance "
            "indicators) that cities report, each with the cities reporting it. Cities are listed by name, never "
            "ranked: each follows its own sources and definitions."
        ),
    )
    if not found:
        return join([intro, tag("p", page._("No city reports an indicator of a standard yet."))])
    rows = [
        tag(
            "tr",
            tag("th", here.to(urls.standard_indicator(standard_slug(reference)), reference), scope="row"),
            tag("td", page.lang.number(len({city.slug for city, _ in reported}))),
        )
        for reference, reported in found.items()
    ]
    table = plain_table(page._("Standard indicators reported"), (page._("Indicator"), page._("Cities")), rows)
    return join([intro, table])


def standard_indicator_page(page: PageContext, reference: str, reported: Reported) -> Markup:
    here = page.here
    # the interface's words of every item, translated once a page (a page lists thousands of cities, at scale)
    from_to = page._("From {base} in {base_year} to {latest} in {latest_year}.")
    reached = page._("Target: {value} by {year}.")
    higher, lower = page._("higher is better"), page._("lower is better")
    items = []
    for city, indicator in reported:
        found = out.progress(indicator)
        trend = ""
        if found.latest_value is not None and found.base_year is not None and found.latest_year is not None:
            trend = from_to.format(
                base=number(page, found.base_value or 0),
                base_year=found.base_year,
                latest=number(page, found.latest_value),
                latest_year=found.latest_year,
            )
        target = indicator.target
        aim = "" if target is None else reached.format(value=number(page, target.value), year=target.year)
        section = here.to(f"{urls.city_outcomes(city.slug)}#{urls.indicator_anchor(indicator.id)}", city.name)
        note = page._m(
            "Unit: {unit} ({better}). Source: {source}.",
            unit=city_text(page, city, indicator.unit, None),
            better=higher if indicator.direction == "increase" else lower,
            source=link(indicator.source_url, city_text(page, city, indicator.source_title, None)),
        )
        # the markup tag() gives, as one format string: every value in it is escaped
        items.append(
            f"<li><p><strong>{section}</strong> ({esc(page.lang.country(city.country))}): "
            f"{city_text(page, city, indicator.name, None)}</p>"
            f"<p>{outcome_mark(page, found.status)} {esc(trend)} {esc(aim)}</p>"
            f'<p class="mmssc-note">{note}</p></li>'
        )
    return join(
        [
            tag(
                "p",
                page.n_m(
                    "{n} city reports {reference}. Cities are listed by name, never ranked: each reports in its own "
                    "unit, from its own sources, and its status is measured against its own past and target.",
                    "{n} cities report {reference}. Cities are listed by name, never ranked: each reports in its own "
                    "unit, from its own sources, and its status is measured against its own past and target.",
                    len(reported),
                    reference=reference,
                ),
            ),
            # a heading for the list (thousands of cities, at scale): screen readers and the table of contents
            # find it, and the page has the outline of the city pages it shares a shell with
            page.heading(2, page._("Cities"), id="cities"),
            Markup(f'<ul class="mmssc-standard-indicator">{"".join(items)}</ul>'),
            tag("p", here.to(urls.INDICATORS_INDEX, page._("All standard indicators reported"))),
        ]
    )
