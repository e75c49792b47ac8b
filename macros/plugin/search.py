"""Cities in the site's search: one small entry per city, added to the index Material's search plugin wrote;
and the outline of the pages that list cities (title, description, headings), whose bodies it does not read.

City pages are left out of the search index (their bodies would dominate the build and the index every
reader downloads), so a reader typing a city's name found other pages, never the city's own. Each city
gets an entry of its own instead: its name as the title (Material ranks title matches first), its region
and country as tags (ranked higher still, so "Canada" lands on Canada's cities), and a line with its
type of community and latest typical level. Text is HTML-escaped as the search plugin escapes page text:
its worker renders entries as markup.

The cities index and the peer comparison are tables of every city: the search plugin parsing them cost
more the more cities there were (three times with three languages), and filled the index every reader
downloads with table text the city entries already hold. They are indexed by their outline instead.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from ..compute.summaries import overall
from ..model.assessments import COMMUNITY_TYPES, City
from ..model.catalogue import Catalogue
from ..site import urls
from ..site.languages import ENGLISH, Language
from ..site.pages import GeneratedPage, RenderedPage


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def city_search_entries(catalogue: Catalogue, cities: Iterable[City], lang: Language = ENGLISH) -> list[dict[str, Any]]:
    """One entry per city in ``lang`` (``catalogue`` is that language's), at its address within the language."""
    entries = []
    for city in cities:
        country = lang.country(city.country)
        kind = lang._(COMMUNITY_TYPES[city.community_type]) if city.community_type in COMMUNITY_TYPES else ""
        latest = city.latest
        if latest is not None:
            typical = overall(catalogue, latest).now.typical
            if typical:
                level = lang._("typical level {level} ({name})", level=typical, name=catalogue.levels[typical].name)
            else:
                level = lang._("no level assessed")
            status = lang._("Latest assessment {date}: {level}.", date=latest.date.isoformat(), level=level)
        else:
            status = lang._("No assessment published yet.")
        where = f"{city.region}, {country}" if city.region else country
        tags = [t for t in (city.region, country) if t]
        text = lang._("{kind} in {place}.", kind=kind or city.community_type, place=where)
        entries.append(
            {
                "location": urls.city(city.slug),
                "title": _esc(city.name),
                "text": _esc(f"{text} {status}"),
                "tags": [_esc(t) for t in tags],
            }
        )
    return entries


def outline_entries(page: GeneratedPage, rendered: RenderedPage, location: str) -> list[dict[str, Any]]:
    """A page's entry (its title, its description as the text) and one per heading, at ``location``
    (the page's address within its language)."""
    entries = [{"location": location, "title": _esc(page.title), "text": _esc(page.description)}]
    entries += [
        {"location": f"{location}#{heading.id}", "title": _esc(heading.title), "text": ""}
        for heading in rendered.headings
    ]
    return entries
