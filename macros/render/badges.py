"""A per-city badge for cities to embed on their own sites: a flat SVG (like shields.io) and its JSON twin.

The badge shows the typical level of the city's latest assessment and its date, e.g.
"MMSSC | typical level 3 · 2025-03-01"; a city with no assessment gets "not yet assessed".

* The visible text is only ours (label, level number, ISO date); the city's name appears
  only in the ``<title>``, ``<desc>`` and ``aria-label``, escaped by ElementTree.
* ``role="img"`` with a title and a description (the distribution and the rule), so screen
  readers get the whole statement; the level is written as a number, never told by colour alone.
* Colours are the site's sequential, colour-blind-safe ramp (``--mmssc-lN`` in
  ``docs/assets/mmssc.css``) with ink chosen for a contrast of at least 4.5:1.
* No script, no external reference (no fonts, images or links), and no ``id`` attributes,
  so several badges can sit inline in one page.

The JSON twin (``badge.json``) carries the shields.io endpoint fields plus our own figures; its
figures are the same in every language, so it is published once, in the default language (the
image and ``shields.json``, whose words readers see, are published in every language).
shields.io rejects endpoint files with any key it does not know, so ``shields.json`` holds
only its keys: use ``https://img.shields.io/endpoint?url=…/shields.json`` there.
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..compute.summaries import AGGREGATION_RULE, Distribution, overall
from ..model.assessments import City
from ..model.catalogue import LEVELS, Catalogue
from ..site.languages import ENGLISH, Language
from .feeds import XML_LANG, city_named, level_counts, plain
from .xml_document import document_bytes

SVG = "http://www.w3.org/2000/svg"
LABEL = "MMSSC"
LABEL_FILL, LABEL_INK = "#555555", "#ffffff"
# The site's level palette (docs/assets/mmssc.css, render/charts.py): light → dark, with its ink.
LEVEL_FILL = {1: "#fde9c9", 2: "#d9d2a6", 3: "#9fb2a0", 4: "#4f7a96", 5: "#1f3b6e"}
LEVEL_INK = {1: "#3d2a00", 2: "#2e2a10", 3: "#10231a", 4: "#ffffff", 5: "#ffffff"}
NONE_FILL, NONE_INK = "#e6e6e6", "#222222"  # not yet assessed, or nothing rated
HEIGHT = 20
FONT_SIZE = 11
PADDING = 6  # on each side of each text
FONT = "Verdana,Geneva,'DejaVu Sans',sans-serif"

# Advance widths of Verdana at 11 px for the characters a badge uses; others count as 7.
# The SVG also pins each text to this width (textLength), so any fallback font fits the box.
_WIDTHS = {
    " ": 3.9,
    "-": 4.6,
    "·": 3.9,
    ".": 3.9,
    ":": 4.6,
    "(": 4.5,
    ")": 4.5,
    **{d: 7.0 for d in "0123456789"},
    "a": 6.6,
    "b": 6.8,
    "c": 5.7,
    "d": 6.8,
    "e": 6.6,
    "f": 3.9,
    "g": 6.8,
    "h": 7.0,
    "i": 3.0,
    "j": 3.8,
    "k": 6.5,
    "l": 3.0,
    "m": 10.7,
    "n": 7.0,
    "o": 6.7,
    "p": 6.8,
    "q": 6.8,
    "r": 4.7,
    "s": 5.7,
    "t": 4.3,
    "u": 7.0,
    "v": 6.5,
    "w": 9.0,
    "x": 6.5,
    "y": 6.5,
    "z": 5.6,
    "C": 7.7,
    "M": 9.5,
    "S": 7.5,
}


def text_width(text: str) -> float:
    return round(sum(_WIDTHS.get(ch, 7.0) for ch in text), 1)


@dataclass(frozen=True)
class Badge:
    city_slug: str
    city_name: str
    fictional: bool
    label: str
    message: str
    fill: str
    ink: str
    title: str  # the whole statement in one sentence (title and aria-label)
    description: str  # distribution and rule
    date: str | None  # ISO date of the latest assessment
    method: str | None
    typical_level: int | None
    now: Distribution | None
    in_two_years: Distribution | None
    lang: Language = ENGLISH  # the language of the words (message, title, description, rule)


def _distribution_text(dist: Distribution, lang: Language = ENGLISH) -> str:
    counts = level_counts(dist, lang)
    if not dist.not_assessed:
        return counts
    return lang._("{counts}; {not_assessed} not assessed", counts=counts, not_assessed=lang.number(dist.not_assessed))


def city_badge(catalogue: Catalogue, city: City, *, lang: Language = ENGLISH) -> Badge:
    """What the badge says: the typical level of the latest assessment now, and its date (its words in
    ``lang``; ``catalogue`` is that language's)."""
    latest = city.latest
    name = plain(city_named(city, lang))
    if latest is None:
        return Badge(
            city.slug,
            city.name,
            city.fictional,
            LABEL,
            # Translators: the badge's own text, beside the label MMSSC: keep it short.
            lang._("not yet assessed"),
            NONE_FILL,
            NONE_INK,
            # Translators: {label} is the badge's label, MMSSC.
            lang._("{label} maturity of {city}: not yet assessed", label=LABEL, city=name),
            lang._("{city} has not published an assessment against the {model} yet.", city=name, model=catalogue.name),
            None,
            None,
            None,
            None,
            None,
            lang,
        )
    figures = overall(catalogue, latest)
    day = latest.date.isoformat()
    typical = figures.now.typical
    if typical is None:
        return Badge(
            city.slug,
            city.name,
            city.fictional,
            LABEL,
            # Translators: the badge's own text, beside the label MMSSC: keep it short.
            lang._("no level assessed · {date}", date=day),
            NONE_FILL,
            NONE_INK,
            # Translators: {label} is the badge's label, MMSSC.
            lang._(
                "{label} maturity of {city}: no characteristic assessed in the assessment of {date}",
                label=LABEL,
                city=name,
                date=day,
            ),
            lang._(
                "Every characteristic was marked not assessed ({not_assessed}).",
                not_assessed=lang.number(figures.now.not_assessed),
            ),
            day,
            latest.method_id,
            None,
            figures.now,
            figures.in_two_years,
            lang,
        )
    level = catalogue.levels.get(typical)
    if level:
        # Translators: {label} is the badge's label, MMSSC; {name} the level's name.
        title = lang._(
            "{label} maturity of {city}: typical level {level} ({name}) in the assessment of {date}",
            label=LABEL,
            city=name,
            level=typical,
            name=level.name,
            date=day,
        )
    else:
        # Translators: {label} is the badge's label, MMSSC.
        title = lang._(
            "{label} maturity of {city}: typical level {level} in the assessment of {date}",
            label=LABEL,
            city=name,
            level=typical,
            date=day,
        )
    description = lang.n_(
        "Levels now of the {n} assessed characteristic: {distribution}. The typical level is their median, "
        "rounded down.",
        "Levels now of the {n} assessed characteristics: {distribution}. The typical level is their median, "
        "rounded down.",
        figures.now.assessed,
        distribution=_distribution_text(figures.now, lang),
    )
    return Badge(
        city.slug,
        city.name,
        city.fictional,
        LABEL,
        # Translators: the badge's own text, beside the label MMSSC: keep it short.
        lang._("typical level {level} · {date}", level=typical, date=day),
        LEVEL_FILL[typical],
        LEVEL_INK[typical],
        title,
        description,
        day,
        latest.method_id,
        typical,
        figures.now,
        figures.in_two_years,
        lang,
    )


def _el(parent: ET.Element, name: str, text: str | None = None, **attrs: object) -> ET.Element:
    element = ET.SubElement(parent, name, {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        element.text = plain(text)
    return element


def badge_svg(badge: Badge) -> bytes:
    label_w = math.ceil(text_width(badge.label) + 2 * PADDING)
    message_w = math.ceil(text_width(badge.message) + 2 * PADDING)
    width = label_w + message_w
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG,
            "width": str(width),
            "height": str(HEIGHT),
            "viewBox": f"0 0 {width} {HEIGHT}",
            "role": "img",
            "aria-label": plain(badge.title),
            **({} if badge.lang.is_default else {XML_LANG: badge.lang.code}),
        },
    )
    _el(svg, "title", badge.title)
    _el(svg, "desc", badge.description)
    _el(svg, "rect", width=width, height=HEIGHT, rx=3, fill=LABEL_FILL)
    _el(svg, "rect", x=label_w, width=message_w, height=HEIGHT, rx=3, fill=badge.fill)
    _el(svg, "rect", x=label_w, width=4, height=HEIGHT, fill=badge.fill)  # square join between the halves
    _el(
        svg,
        "rect",
        x="0.5",
        y="0.5",
        width=width - 1,
        height=HEIGHT - 1,
        rx="2.5",
        fill="none",
        stroke="#333333",
        stroke_opacity="0.35",
    )  # keeps the pale levels' edge visible on white
    text = _el(svg, "g", font_family=FONT, font_size=FONT_SIZE, text_anchor="middle", aria_hidden="true")
    _el(
        text,
        "text",
        badge.label,
        x=label_w / 2,
        y=14,
        fill=LABEL_INK,
        textLength=text_width(badge.label),
        lengthAdjust="spacingAndGlyphs",
    )
    _el(
        text,
        "text",
        badge.message,
        x=label_w + message_w / 2,
        y=14,
        fill=badge.ink,
        textLength=text_width(badge.message),
        lengthAdjust="spacingAndGlyphs",
    )
    ET.indent(svg)
    return document_bytes(svg)


def _distribution_json(dist: Distribution | None) -> dict | None:
    if dist is None:
        return None
    return {
        "counts": {str(level): dist.counts.get(level, 0) for level in LEVELS},
        "assessed": dist.assessed,
        "not_assessed": dist.not_assessed,
        "typical_level": dist.typical,
    }


def shields_fields(badge: Badge) -> dict:
    return {
        "schemaVersion": 1,
        "label": badge.label,
        "message": badge.message,
        "color": badge.fill.lstrip("#"),
        "labelColor": LABEL_FILL.lstrip("#"),
    }


def badge_json(badge: Badge, *, page: str) -> bytes:
    """``badge.json``: the shields.io endpoint fields plus the figures behind the badge."""
    data = {
        **shields_fields(badge),
        "city": {"slug": badge.city_slug, "name": badge.city_name, "fictional": badge.fictional, "page": page},
        "date": badge.date,
        "method": badge.method,
        "typical_level": badge.typical_level,
        "distribution": _distribution_json(badge.now),
        "in_two_years": _distribution_json(badge.in_two_years),
        "title": badge.title,
        "rule": badge.lang._(AGGREGATION_RULE),
    }
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def shields_json(badge: Badge) -> bytes:
    """``shields.json``: only the keys shields.io's endpoint badge accepts."""
    return (json.dumps(shields_fields(badge), ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")
