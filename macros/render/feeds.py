"""Atom 1.0 feeds (RFC 4287) of new and updated assessments: one for the whole site, one per city.

The XML is built with :mod:`xml.etree.ElementTree`, which escapes every text and attribute
value (``<``, ``&``, ``]]>``… come out as inert character data); the HTML builder of
``html.py`` is not used here because it writes HTML (``<link>`` is a void element there),
not XML. Text from the data is also stripped of the few characters XML cannot carry at all.

Everything in a feed comes from the data (dates, never the clock), so identical data gives
identical bytes. Entry IDs are tag URIs (RFC 4151) made from the city slug and the date of
the assessment: they never change when the site moves or the city is renamed.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..compute.summaries import overall
from ..model.assessments import Assessment, City, Registry
from ..model.catalogue import LEVELS, Catalogue
from ..site import urls
from ..site.languages import ENGLISH, Language

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE_FEED_LIMIT = 50  # entries in the site-wide feed (each city feed has all of its assessments)
TAG_AUTHORITY = "mmssc"
FEED_TAG_DATE = "2025"  # fixed part of the feeds' own tag URIs
FICTIONAL = " (fictional example)"  # after the name of a city that is made up, wherever it is named

# Characters XML 1.0 cannot contain (even escaped), and bidirectional overrides, which could
# make a title read differently from what it says in a feed reader (validation refuses them in
# data already; this is a second line of defence for text that ends up in XML).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BIDI_OVERRIDES = re.compile("[\u202a-\u202e]")


def plain(text: object) -> str:
    """Untrusted text made safe to put in an XML text node or attribute (ElementTree escapes it)."""
    return _BIDI_OVERRIDES.sub("", _NOT_XML.sub("", str(text)))


def absolute_or_relative(target: str, *, from_path: str, site_url: str | None) -> str:
    """A link to a site path (``cities/x/``): absolute under ``site_url``, else relative to ``from_path``."""
    if site_url:
        return site_url.rstrip("/") + "/" + target
    return urls.relative(posixpath.dirname(from_path) + "/" if "/" in from_path else "", target)


def atom_time(day: dt.date) -> str:
    """An RFC 3339 date-time for Atom: midnight UTC of the given day."""
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(assessment: Assessment) -> str:
    day = assessment.date.isoformat()
    return f"tag:{TAG_AUTHORITY},{day}:{assessment.city_slug}/{day}"


def entry_updated(assessment: Assessment) -> dt.date:
    return assessment.updated or assessment.date


def newest_first(assessments: list[Assessment]) -> list[Assessment]:
    """Most recently updated first; ties by assessment date (newest first), then city slug."""
    ordered = sorted(assessments, key=lambda a: a.city_slug)
    ordered.sort(key=lambda a: (entry_updated(a), a.date), reverse=True)  # stable: slugs stay ascending
    return ordered


def summary_text(catalogue: Catalogue, assessment: Assessment) -> str:
    """The entry's plain-text summary: method, how many characteristics at each level now, typical level."""
    method = catalogue.methods.get(assessment.method_id)
    parts = [f"Method: {method.name if method else assessment.method_id}."]
    figures = overall(catalogue, assessment)
    now, later = figures.now, figures.in_two_years
    if now.assessed:
        counts = ", ".join(f"level {level}: {now.counts.get(level, 0)}" for level in LEVELS)
        parts.append(
            f"Characteristics at each level now: {counts}"
            + (f"; not assessed: {now.not_assessed}." if now.not_assessed else ".")
        )
        level = catalogue.levels.get(now.typical) if now.typical is not None else None
        parts.append(
            f"Typical level now: {now.typical}{f' ({level.name})' if level else ''}, the median of the "
            f"{now.assessed} assessed characteristics, rounded down."
        )
        if later.typical is not None:
            parts.append(f"Typical level planned in two years: {later.typical}.")
    else:
        parts.append("No characteristic was assessed.")
    return " ".join(parts)


@dataclass(frozen=True)
class _Feed:
    path: str  # where the feed is published, e.g. "feeds/assessments.xml"
    id: str
    title: str
    subtitle: str
    alternate: str  # site path of the HTML page the feed belongs to (in the feed's language)
    lang: Language = ENGLISH


def _sub(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, name, {k: plain(v) for k, v in attrs.items()})
    if text is not None:
        element.text = plain(text)
    return element


def _entry(
    feed: ET.Element, catalogue: Catalogue, city: City, assessment: Assessment, spec: _Feed, site_url: str | None
) -> None:
    day = assessment.date.isoformat()
    updated = entry_updated(assessment)
    title = f"{city.name}{FICTIONAL if city.fictional else ''}: assessment of {day}"
    if updated != assessment.date:
        title += f" (updated {updated.isoformat()})"
    entry = _sub(feed, "entry")
    _sub(entry, "id", entry_id(assessment))
    _sub(entry, "title", title, type="text")
    _sub(entry, "published", atom_time(assessment.date))
    _sub(entry, "updated", atom_time(updated))
    if assessment.assessors:
        _sub(_sub(entry, "author"), "name", assessment.assessors)
    _sub(
        entry,
        "link",
        rel="alternate",
        type="text/html",
        href=absolute_or_relative(spec.lang.prefix + urls.city(city.slug), from_path=spec.path, site_url=site_url),
    )
    method = catalogue.methods.get(assessment.method_id)
    _sub(entry, "category", term=assessment.method_id, label=method.name if method else assessment.method_id)
    _sub(entry, "summary", summary_text(catalogue, assessment), type="text")
    if assessment.summary:
        _sub(entry, "content", assessment.summary, type="text")


def _feed(
    catalogue: Catalogue, spec: _Feed, entries: list[tuple[City, Assessment]], *, site_url: str | None, built: dt.date
) -> bytes:
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: spec.lang.code})
    _sub(root, "id", spec.id)
    _sub(root, "title", spec.title, type="text")
    _sub(root, "subtitle", spec.subtitle, type="text")
    # an empty feed has no data date to give: the build date stands in
    newest = max((entry_updated(a) for _, a in entries), default=built)
    _sub(root, "updated", atom_time(newest))
    _sub(_sub(root, "author"), "name", f"{catalogue.short_name} public progress pages")
    _sub(
        root,
        "link",
        rel="self",
        type="application/atom+xml",
        href=absolute_or_relative(spec.path, from_path=spec.path, site_url=site_url),
    )
    _sub(
        root,
        "link",
        rel="alternate",
        type="text/html",
        href=absolute_or_relative(spec.alternate, from_path=spec.path, site_url=site_url),
    )
    for city, assessment in entries:
        _entry(root, catalogue, city, assessment, spec, site_url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def site_feed(
    catalogue: Catalogue,
    registry: Registry,
    path: str,
    *,
    site_url: str | None,
    built: dt.date,
    limit: int = SITE_FEED_LIMIT,
    lang: Language = ENGLISH,
) -> bytes:
    """``feeds/assessments.xml``: the ``limit`` most recently added or updated assessments, newest first."""
    cities = registry.cities
    latest = newest_first([a for city in cities.values() for a in city.assessments])[:limit]
    spec = _Feed(
        path,
        f"tag:{TAG_AUTHORITY},{FEED_TAG_DATE}:feeds/assessments",
        f"{catalogue.short_name}: new and updated city assessments",
        f"Cities' self-assessments against the {catalogue.name}, newest first.",
        lang.prefix + urls.CITIES_INDEX,
        lang,
    )
    return _feed(catalogue, spec, [(cities[a.city_slug], a) for a in latest], site_url=site_url, built=built)


def city_feed(
    catalogue: Catalogue, city: City, path: str, *, site_url: str | None, built: dt.date, lang: Language = ENGLISH
) -> bytes:
    """``cities/<slug>/feed.xml``: every assessment of one city, newest first."""
    spec = _Feed(
        path,
        f"tag:{TAG_AUTHORITY},{FEED_TAG_DATE}:feeds/cities/{city.slug}",
        f"{city.name}{FICTIONAL if city.fictional else ''}: {catalogue.short_name} assessments",
        f"Every assessment {city.name} has published against the {catalogue.name}, newest first.",
        lang.prefix + urls.city(city.slug),
        lang,
    )
    return _feed(
        catalogue, spec, [(city, a) for a in newest_first(list(city.assessments))], site_url=site_url, built=built
    )
