"""A city's outcomes page (``cities/<slug>/outcomes/``): what residents get, beside the maturity claims.

One page per city, linked from the city page's summary tile, so the city page keeps its byte budget
(issue 23). The indicators are grouped by the first characteristic or purpose each tracks; each has a
small chart and its data table, its target, its status by the published rule (words and an icon,
never colour alone) and, when disaggregated, each group's series and the gap between the best- and
worst-off groups (``indicator_section.py``). Every value from a city's files is untrusted and goes
through ``render.html``."""

from __future__ import annotations

from ..compute import outcomes as out
from ..model.assessments import City
from ..model.claims import untracked_claims
from ..model.indicators import Indicator
from ..site import urls
from .context import PageContext
from .html import Markup, join, tag
from .indicator_section import indicator_section
from .outcome_marks import outcome_mark
from .pieces import fictional_note


def outcome_key(page: PageContext) -> Markup:
    return tag(
        "p",
        page._m(
            "Status: {statuses} ({how}).",
            statuses=join([outcome_mark(page, s) for s in out.Status], " "),
            how=page.here.to(urls.METHODOLOGY + "#outcome-status", page._("how it is decided")),
        ),
        class_="mmssc-key mmssc-status-key",
    )


def untracked_sentence(page: PageContext, cid: str, level: int, required: int) -> str:
    """The plain sentence for a claimed level whose criteria require indicators none of which is published."""
    name = page.catalogue.characteristics[cid].name
    if required == 3:
        return page._(
            "{id} {name}: level {level} requires defined key performance indicators; none are published.",
            id=cid,
            name=name,
            level=level,
        )
    return page._(
        "{id} {name}: level {level} requires tracking indicators of {topic}; none are published.",
        id=cid,
        name=name,
        level=level,
        topic=name.lower() if page.lang.code in ("en", "fr", "el") else name,
    )


def grouped(page: PageContext, city: City) -> dict[str, list[Indicator]]:
    """The city's indicators by the first characteristic each tracks, in catalogue order."""
    order = {cid: i for i, cid in enumerate(page.catalogue.characteristics)}
    groups: dict[str, list[Indicator]] = {}
    for indicator in city.indicators:
        groups.setdefault(indicator.tracks[0], []).append(indicator)
    return dict(sorted(groups.items(), key=lambda item: order.get(item[0], len(order))))


def outcomes_page(page: PageContext, city: City) -> Markup:
    here = page.here
    untracked = untracked_claims(city.latest, city.indicators) if city.latest is not None else []
    parts: list[Markup] = []
    if city.fictional:
        parts.append(fictional_note(page, page._("These figures were invented.")))
    parts.append(
        tag(
            "p",
            page._m(
                "What {city} reports residents get: each indicator's yearly values, its source, its target where "
                "there is one, and its status. The maturity levels the city claims are on {its_page}.",
                city=city.name,
                its_page=here.to(urls.city(city.slug), page._("its progress page")),
            ),
            class_="mmssc-lede",
        )
    )
    if untracked:
        parts.append(
            tag(
                "div",
                [tag("p", untracked_sentence(page, cid, level, required)) for cid, level, required in untracked],
                class_="admonition note mmssc-untracked",
                role="note",
            )
        )
    if not city.indicators:
        parts.append(tag("p", page._("This city publishes no outcome indicators yet.")))
        return join(parts)
    parts.append(outcome_key(page))
    for cid, indicators in grouped(page, city).items():
        name = page.catalogue.characteristics[cid].name
        parts.append(
            page.heading(
                2,
                here.to(urls.characteristic(cid), [cid, " ", name]),
                id=f"tracks-{cid.replace('.', '-')}",
                title=f"{cid} {name}",
            )
        )
        for indicator in indicators:
            parts.append(indicator_section(page, city, indicator))
    return join(parts)
