"""Outcomes where the city page and its ratings page show them: the summary's "Outcomes" tile, and in
each characteristic's row the indicators that track it (or the plain sentence that its claimed level
requires indicators and none are published). The outcomes page itself is ``city_outcomes.py``."""

from __future__ import annotations

import functools
from typing import Any

from ..compute import outcomes as out
from ..memo import RecentCache, held
from ..model.assessments import City
from ..model.claims import untracked_claims
from ..model.indicators import Indicator
from ..site import urls
from .city_outcomes import untracked_sentence
from .context import PageContext
from .html import Markup, join, tag
from .outcome_marks import outcome_mark
from .pieces import city_text, marks_city_language


def page_untracked(page: PageContext, city: City) -> list[tuple[str, int, int]]:
    """The city's claims that require indicators none of which is published, once per page."""
    latest = city.latest
    if latest is None:
        return []
    return page.once(("untracked", city.slug), lambda: untracked_claims(latest, city.indicators))


def outcomes_tile(page: PageContext, city: City) -> Markup:
    """The summary's "Outcomes" tile: how many indicators, how they fare, and claims left without any."""
    untracked = page_untracked(page, city)
    if not city.indicators and not untracked:
        return Markup("")
    if city.indicators:
        statuses = [out.progress(indicator).status for indicator in city.indicators]
        good = sum(s in (out.Status.ACHIEVED, out.Status.ON_TRACK) for s in statuses)
        worse = sum(s is out.Status.DETERIORATION for s in statuses)
        href = page.here.href(urls.city_outcomes(city.slug))
        figure = page.n_("{n} indicator", "{n} indicators", len(city.indicators))
        note = page.n_(
            "{n} on track or achieved, {worse} deteriorating",
            "{n} on track or achieved, {worse} deteriorating",
            good,
            worse=worse,
        )
    else:
        href, figure, note = page.here.href(urls.city_ratings(city.slug)), page._("none published"), ""
    if untracked:
        missing = page.n_(
            "{n} claimed level requires indicators none of which is published",
            "{n} claimed levels require indicators none of which is published",
            len(untracked),
        )
        note = f"{note}{page.lang.semicolon}{missing}" if note else missing
    return tag(
        "div",
        tag("dt", page._("Outcomes")),
        tag("dd", tag("a", figure, href=href, class_="mmssc-figure-link"), tag("span", note, class_="mmssc-tile-note")),
        class_="mmssc-tile",
    )


def tracked_in_row(page: PageContext, city: City, cid: str) -> Markup:
    """In a characteristic's row: the indicators that track it (with their status), or the plain
    sentence that its claimed level requires indicators and none are published."""
    return page.once(("tracked-rows", city.slug), functools.partial(_tracked_rows, page, city)).get(cid, _NOTHING)


_NOTHING = Markup("")


def _tracked_rows(page: PageContext, city: City) -> dict[str, Markup]:
    """What each row of the page says of indicators, by characteristic (rows saying nothing left out)."""
    tracking: dict[str, list[Markup]] = {}
    for indicator in city.indicators:
        # an indicator tracking several characteristics is shown in each of their rows: drawn once a page
        item = _tracked_item(page, city, indicator)
        for cid in dict.fromkeys(indicator.tracks):
            tracking.setdefault(cid, []).append(item)
    rows: dict[str, Markup] = {}
    if tracking:
        label = tag("strong", page._("Indicators tracking it:"), " ")
        for cid, items in tracking.items():
            rows[cid] = tag("p", label, join(items, page.lang.semicolon), class_="mmssc-tracked")
    for cid, level, required in page_untracked(page, city):
        if cid not in rows:
            rows[cid] = tag("p", tag("strong", untracked_sentence(page, cid, level, required)), class_="mmssc-tracked")
    return rows


def _tracked_item(page: PageContext, city: City, indicator: Indicator) -> Markup:
    """An indicator in a row: its name, linked to its section of the outcomes page, and its status."""
    named = held(
        _LINKS,
        indicator,
        ("tracked", marks_city_language(page, city), page.here.url.count("/")),
        _link,
        page,
        city,
        indicator,
    )
    return Markup(f"{named} {outcome_mark(page, out.progress(indicator).status)}")


# the link to an indicator's section, the same on the city's ratings page in every language that marks the
# city's words alike (its pages are drawn one after the other: publish/output.py)
_LINKS: RecentCache[tuple[object, Any]] = RecentCache(64)


def _link(page: PageContext, city: City, indicator: Indicator) -> Markup:
    outcomes = urls.city_outcomes(city.slug)
    return page.here.to(
        f"{outcomes}#{urls.indicator_anchor(indicator.id)}", city_text(page, city, indicator.name, None)
    )
