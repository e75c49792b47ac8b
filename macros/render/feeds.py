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
from collections.abc import Callable
from dataclasses import dataclass

from ..compute.summaries import Distribution, overall
from ..model.assessments import Assessment, City, FieldChange, Registry
from ..model.catalogue import LEVELS, Catalogue
from ..site import urls
from ..site.languages import ENGLISH, Language
from .city_record import field_label, value_shown
from .xml_document import document_bytes

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE_FEED_LIMIT = 50  # entries in the site-wide feed (each city feed has all of its assessments)
TAG_AUTHORITY = "mmssc"
FEED_TAG_DATE = "2025"  # fixed part of the feeds' own tag URIs

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


def city_named(city: City, lang: Language = ENGLISH) -> str:
    """The city's name as a feed or badge names it: with a note when the city is made up."""
    return lang._("{city} (fictional example)", city=city.name) if city.fictional else city.name


def level_counts(dist: Distribution, lang: Language = ENGLISH) -> str:
    """How many characteristics are at each level: "level 1: 12, level 2: 0, …"."""
    return ", ".join(
        lang._("level {level}: {count}", level=level, count=lang.number(dist.counts.get(level, 0))) for level in LEVELS
    )


def summary_text(catalogue: Catalogue, assessment: Assessment, lang: Language = ENGLISH) -> str:
    """The entry's plain-text summary: method, how many characteristics at each level now, typical level
    (in ``lang``; ``catalogue`` is that language's)."""
    method = catalogue.methods.get(assessment.method_id)
    parts = [lang._("Method: {method}.", method=method.name if method else assessment.method_id)]
    figures = overall(catalogue, assessment)
    now, later = figures.now, figures.in_two_years
    if now.assessed:
        counts = level_counts(now, lang)
        if now.not_assessed:
            parts.append(
                lang._(
                    "Characteristics at each level now: {counts}; not assessed: {not_assessed}.",
                    counts=counts,
                    not_assessed=lang.number(now.not_assessed),
                )
            )
        else:
            parts.append(lang._("Characteristics at each level now: {counts}.", counts=counts))
        level = catalogue.levels.get(now.typical) if now.typical is not None else None
        if level:
            parts.append(
                lang.n_(
                    "Typical level now: {level} ({name}), the median of the {n} assessed characteristic, rounded down.",
                    "Typical level now: {level} ({name}), the median of the {n} assessed characteristics, "
                    "rounded down.",
                    now.assessed,
                    level=now.typical,
                    name=level.name,
                )
            )
        else:
            parts.append(
                lang.n_(
                    "Typical level now: {level}, the median of the {n} assessed characteristic, rounded down.",
                    "Typical level now: {level}, the median of the {n} assessed characteristics, rounded down.",
                    now.assessed,
                    level=now.typical,
                )
            )
        if later.typical is not None:
            parts.append(lang._("Typical level planned in two years: {level}.", level=later.typical))
    else:
        parts.append(lang._("No characteristic was assessed."))
    return " ".join(parts)


@dataclass(frozen=True)
class _Feed:
    path: str  # where the feed is published, e.g. "feeds/assessments.xml"
    id: str
    title: str
    subtitle: str
    alternate: str  # site path of the HTML page the feed belongs to (in the feed's language)
    lang: Language = ENGLISH


def _city_lang(city: City, lang: Language) -> dict[str, str]:
    """``xml:lang`` for an element holding the city's own text, when the city says it is written in
    another language than the feed's (nothing claimed when city.yaml does not say)."""
    return {XML_LANG: city.language} if city.language and city.language != lang.code else {}


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
    lang = spec.lang
    if updated != assessment.date:
        title = lang._(
            "{city}: assessment of {date} (updated {updated})",
            city=city_named(city, lang),
            date=day,
            updated=updated.isoformat(),
        )
    else:
        title = lang._("{city}: assessment of {date}", city=city_named(city, lang), date=day)
    entry = _sub(feed, "entry")
    _sub(entry, "id", entry_id(assessment))
    _sub(entry, "title", title, type="text")
    _sub(entry, "published", atom_time(assessment.date))
    _sub(entry, "updated", atom_time(updated))
    if assessment.assessors:  # the city's own words
        _sub(_sub(entry, "author", **_city_lang(city, lang)), "name", assessment.assessors)
    _sub(
        entry,
        "link",
        rel="alternate",
        type="text/html",
        href=absolute_or_relative(spec.lang.prefix + urls.city(city.slug), from_path=spec.path, site_url=site_url),
    )
    method = catalogue.methods.get(assessment.method_id)
    _sub(entry, "category", term=assessment.method_id, label=method.name if method else assessment.method_id)
    _sub(entry, "summary", summary_text(catalogue, assessment, lang), type="text")
    if assessment.summary:  # the city's own words
        _sub(entry, "content", assessment.summary, type="text", **_city_lang(city, lang))


def _change_text(lang: Language, change: FieldChange) -> str:
    """A changed field as the city page says it ("1.1.1 level now: was 2, now 3"), in the feed's language."""
    return lang._(
        "{field}: was {old}, now {new}",
        field=field_label(lang, change),
        old=value_shown(lang, change.old),
        new=value_shown(lang, change.new),
    )


def _record_entries(feed: ET.Element, city: City, spec: _Feed, site_url: str | None) -> None:
    """An entry per correction and per withdrawal of the city's assessments (the city's feed)."""
    lang = spec.lang
    href = absolute_or_relative(
        spec.lang.prefix + urls.city(city.slug) + "#corrections", from_path=spec.path, site_url=site_url
    )
    for assessment in sorted([*city.assessments, *city.withdrawn], key=lambda a: a.date):
        day = assessment.date.isoformat()
        notes: list[tuple[str, dt.date, str, str, str]] = []
        for i, k in enumerate(assessment.corrections, start=1):
            title = lang._(
                "{city}: correction of {date} to the assessment of {assessed}",
                city=city_named(city, lang),
                date=k.date.isoformat(),
                assessed=day,
            )
            changes = "\n".join(_change_text(lang, c) for c in k.changes)
            notes.append((f"correction-{i}", k.date, title, changes, k.reason))
        if assessment.withdrawn is not None:
            w = assessment.withdrawn
            title = lang._(
                "{city}: the assessment of {assessed} was withdrawn on {date}",
                city=city_named(city, lang),
                date=w.date.isoformat(),
                assessed=day,
            )
            notes.append(("withdrawn", w.date, title, lang._("It is left out of every figure on this site."), w.reason))
        for suffix, when, title, said, reason in notes:
            entry = _sub(feed, "entry")
            _sub(entry, "id", f"{entry_id(assessment)}/{suffix}")
            _sub(entry, "title", title, type="text")
            _sub(entry, "published", atom_time(when))
            _sub(entry, "updated", atom_time(when))
            _sub(entry, "link", rel="alternate", type="text/html", href=href)
            # as an assessment's entry: the site's words in the feed's language, the city's reason in its own
            _sub(entry, "summary", said, type="text")
            _sub(entry, "content", reason, type="text", **_city_lang(city, lang))


def _record_dates(city: City) -> list[dt.date]:
    return [
        *(k.date for a in [*city.assessments, *city.withdrawn] for k in a.corrections),
        *(a.withdrawn.date for a in city.withdrawn if a.withdrawn),
    ]


def _feed(
    catalogue: Catalogue,
    spec: _Feed,
    entries: list[tuple[City, Assessment]],
    *,
    site_url: str | None,
    built: dt.date,
    record: City | None = None,
    more: Callable[[ET.Element, _Feed], dt.date | None] | None = None,
) -> bytes:
    """The feed; ``more`` adds other entries (a city's new outcome data) and gives their newest date."""
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: spec.lang.code})
    _sub(root, "id", spec.id)
    _sub(root, "title", spec.title, type="text")
    _sub(root, "subtitle", spec.subtitle, type="text")
    # an empty feed has no data date to give: the build date stands in
    dates = [entry_updated(a) for _, a in entries] + (_record_dates(record) if record is not None else [])
    newest = max(dates, default=built)
    updated = _sub(root, "updated", atom_time(newest))
    _sub(_sub(root, "author"), "name", spec.lang._("{model} public progress pages", model=catalogue.short_name))
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
    if record is not None:
        _record_entries(root, record, spec, site_url)
    newer = more(root, spec) if more is not None else None
    if newer is not None and (not dates or newer > newest):
        updated.text = atom_time(newer)
    ET.indent(root)
    return document_bytes(root)


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
        lang._("{model}: new and updated city assessments", model=catalogue.short_name),
        lang._("Cities' self-assessments against the {model}, newest first.", model=catalogue.name),
        lang.prefix + urls.CITIES_INDEX,
        lang,
    )
    return _feed(catalogue, spec, [(cities[a.city_slug], a) for a in latest], site_url=site_url, built=built)


def city_feed(
    catalogue: Catalogue, city: City, path: str, *, site_url: str | None, built: dt.date, lang: Language = ENGLISH
) -> bytes:
    """``cities/<slug>/feed.xml``: every assessment of one city, newest first, then an entry for each
    correction and withdrawal."""
    spec = _Feed(
        path,
        f"tag:{TAG_AUTHORITY},{FEED_TAG_DATE}:feeds/cities/{city.slug}",
        lang._("{city}: {model} assessments", city=city_named(city, lang), model=catalogue.short_name),
        lang._(
            "Every assessment {city} has published against the {model}, newest first.",
            city=city.name,
            model=catalogue.name,
        ),
        lang.prefix + urls.city(city.slug),
        lang,
    )

    def outcomes(root: ET.Element, feed: _Feed) -> dt.date | None:
        return outcome_entries(root, city, feed.lang, feed.path, site_url=site_url, built=built)

    return _feed(
        catalogue,
        spec,
        [(city, a) for a in newest_first(list(city.assessments))],
        site_url=site_url,
        built=built,
        record=city,
        more=outcomes if city.indicators else None,
    )


OUTCOME_YEARS = 3  # a city's feed announces its outcome data of the three newest years


def outcome_entries(
    root: ET.Element, city: City, lang: Language, path: str, *, site_url: str | None, built: dt.date
) -> dt.date | None:
    """One entry per year of the city's outcome data, announcing which indicators have values for it
    (newest first), for the newest ``OUTCOME_YEARS`` years: a feed announces what is new, and every
    year is on the outcomes page. A year's data is dated the last day of the year (or the build's day,
    if earlier): a series has years, not days. IDs are tag URIs of the city and the year, stable across
    builds."""
    years: dict[int, list[str]] = {}
    for indicator in city.indicators:
        for year in sorted({o.year for o in indicator.observations}):
            years.setdefault(year, []).append(indicator.name)
    newest = None
    href = absolute_or_relative(lang.prefix + urls.city_outcomes(city.slug), from_path=path, site_url=site_url)
    for year in sorted(years, reverse=True)[:OUTCOME_YEARS]:
        day = min(dt.date(year, 12, 31), built)
        newest = newest or day
        entry = _sub(root, "entry")
        _sub(entry, "id", f"tag:{TAG_AUTHORITY},{year}-01-01:{city.slug}/outcomes/{year}")
        title = lang._("{city}: outcome data for {year}", city=city_named(city, lang), year=year)
        _sub(entry, "title", title, type="text")
        _sub(entry, "published", atom_time(day))
        _sub(entry, "updated", atom_time(day))
        _sub(entry, "link", rel="alternate", type="text/html", href=href)
        _sub(entry, "category", term="outcomes", label=lang._("Outcomes"))
        names = years[year]
        _sub(
            entry,
            "summary",
            lang.n_("{n} indicator: {names}", "{n} indicators: {names}", len(names), names=lang.semicolon.join(names)),
            type="text",
        )
    return newest
