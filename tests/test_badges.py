"""render/badges.py: the city badges (SVG, JSON, shields.io JSON). Figures are worked out by hand."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
from reporting_support import (  # noqa: F401  (module-scoped fixtures are used by name)
    HOSTILE,
    HOSTILE_CLEAN,
    REPO,
    S,
    catalogue,
    make_assessment,
    make_city,
    parse,
    registry,
)

from macros.compute.summaries import AGGREGATION_RULE, overall
from macros.render import badges


def test_badge_svg_is_accessible_and_self_contained(catalogue, registry):
    badge = badges.city_badge(catalogue, registry.cities["a-town"])
    data = badges.badge_svg(badge)
    root, texts = svg_parts(data)
    assert root.tag == f"{S}svg" and root.get("role") == "img"
    assert root[0].tag == f"{S}title" and root[1].tag == f"{S}desc"
    title = root.findtext(f"{S}title")
    assert title == f"MMSSC maturity of {HOSTILE_CLEAN}: typical level 3 (Fulfilled) in the assessment of 2025-03-01"
    assert root.get("aria-label") == title
    assert root.findtext(f"{S}desc") == (
        "Levels now of the 30 assessed characteristics: level 1: 12, level 2: 0, "
        "level 3: 8, level 4: 6, level 5: 4; 2 not assessed. "
        "The typical level is their median, rounded down."
    )
    assert texts == ["MMSSC", "typical level 3 · 2025-03-01"]
    # nothing that runs or fetches: no script, links, images, styles, foreign content or url() references
    names = {el.tag.split("}")[-1] for el in root.iter()}
    assert names <= {"svg", "title", "desc", "rect", "g", "text"}
    for el in root.iter():
        for key, value in el.attrib.items():
            assert "href" not in key and not key.startswith("on") and "url(" not in value and "javascript" not in value
    assert b"http" not in data.replace(b'xmlns="http://www.w3.org/2000/svg"', b"")
    assert b"<script" not in data and b"&lt;script&gt;" in data and b"]]>" not in data
    # every text fits its box
    rects = root.findall(f"{S}rect")
    label_w, message_w = float(rects[1].get("x")), float(rects[1].get("width"))
    text_els = list(root.iter(f"{S}text"))
    assert float(text_els[0].get("textLength")) + 2 * badges.PADDING <= label_w
    assert float(text_els[1].get("textLength")) + 2 * badges.PADDING <= message_w
    assert int(root.get("width")) == label_w + message_w


def test_badge_json_agrees_with_svg_and_with_overall(catalogue, registry):
    city = registry.cities["a-town"]
    badge = badges.city_badge(catalogue, city)
    root, texts = svg_parts(badges.badge_svg(badge))
    data = json.loads(badges.badge_json(badge, page="cities/a-town/"))
    figures = overall(catalogue, city.latest)
    assert data["schemaVersion"] == 1
    assert [data["label"], data["message"]] == texts
    assert data["typical_level"] == figures.now.typical == 3  # worked out in test_summary_worked_out_by_hand
    assert data["distribution"] == {
        "counts": {"1": 12, "2": 0, "3": 8, "4": 6, "5": 4},
        "assessed": 30,
        "not_assessed": 2,
        "typical_level": 3,
    }
    assert data["distribution"]["counts"] == {str(k): v for k, v in figures.now.counts.items()}
    assert data["in_two_years"] == {
        "counts": {"1": 0, "2": 12, "3": 8, "4": 0, "5": 10},
        "assessed": 30,
        "not_assessed": 2,
        "typical_level": 3,
    }
    assert data["date"] == "2025-03-01" and data["method"] == "multi-stakeholder"
    assert data["city"] == {"slug": "a-town", "name": HOSTILE, "fictional": False, "page": "cities/a-town/"}
    assert data["rule"] == AGGREGATION_RULE
    assert data["title"] == root.findtext(f"{S}title")
    message_rect = root.findall(f"{S}rect")[1]
    assert "#" + data["color"] == message_rect.get("fill") == badges.LEVEL_FILL[3]
    assert "#" + data["labelColor"] == root.findall(f"{S}rect")[0].get("fill")


def test_shields_json_has_only_keys_shields_accepts(catalogue, registry):
    badge = badges.city_badge(catalogue, registry.cities["b-city"])
    shields = json.loads(badges.shields_json(badge))
    full = json.loads(badges.badge_json(badge, page="cities/b-city/"))
    # shields.io's endpoint badge rejects any key outside its schema (services/endpoint in badges/shields)
    accepted = {
        "schemaVersion",
        "label",
        "message",
        "color",
        "labelColor",
        "isError",
        "link",
        "namedLogo",
        "logoSvg",
        "logoColor",
        "logoWidth",
        "logoPosition",
        "style",
        "cacheSeconds",
    }
    assert set(shields) <= accepted
    assert shields == {k: full[k] for k in shields}
    assert shields == {
        "schemaVersion": 1,
        "label": "MMSSC",
        "message": "typical level 3 · 2024-11-20",
        "color": "9fb2a0",
        "labelColor": "555555",
    }
    assert full["city"]["fictional"] is True
    assert (
        full["title"] == "MMSSC maturity of Vila Serena (fictional example): typical level 3 (Fulfilled) in the "
        "assessment of 2024-11-20"
    )


def test_not_yet_assessed_badge(catalogue):
    city = make_city("quiet", "Quiet <b>", [])
    badge = badges.city_badge(catalogue, city)
    root, texts = svg_parts(badges.badge_svg(badge))
    assert texts == ["MMSSC", "not yet assessed"]
    assert root.findtext(f"{S}title") == "MMSSC maturity of Quiet <b>: not yet assessed"
    data = json.loads(badges.badge_json(badge, page="cities/quiet/"))
    assert data["message"] == "not yet assessed"
    assert data["typical_level"] is None and data["date"] is None and data["distribution"] is None


def test_badge_when_nothing_was_rated(catalogue):
    city = make_city("blank", "Blank", [make_assessment(catalogue, "blank", dt.date(2024, 2, 29), lambda cid: None)])
    badge = badges.city_badge(catalogue, city)
    _, texts = svg_parts(badges.badge_svg(badge))
    assert texts == ["MMSSC", "no level assessed · 2024-02-29"]
    data = json.loads(badges.badge_json(badge, page="cities/blank/"))
    assert data["typical_level"] is None and data["distribution"]["not_assessed"] == 32


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_each_level_has_its_own_readable_colour(catalogue, level):
    city = make_city("x", "X", [make_assessment(catalogue, "x", dt.date(2025, 1, 1), lambda cid: (level, level))])
    badge = badges.city_badge(catalogue, city)
    root, texts = svg_parts(badges.badge_svg(badge))
    assert texts[1] == f"typical level {level} · 2025-01-01"  # the level is written, not only coloured
    assert root.findall(f"{S}rect")[1].get("fill") == badges.LEVEL_FILL[level]
    assert list(root.iter(f"{S}text"))[1].get("fill") == badges.LEVEL_INK[level]


def test_palette_contrast_and_order():
    # WCAG AA for small text: 4.5:1 between every fill and its ink
    for level in badges.LEVEL_FILL:
        assert contrast(badges.LEVEL_FILL[level], badges.LEVEL_INK[level]) >= 4.5, level
    assert contrast(badges.LABEL_FILL, badges.LABEL_INK) >= 4.5
    assert contrast(badges.NONE_FILL, badges.NONE_INK) >= 4.5
    # a sequential ramp: each level darker than the one below, so levels differ in lightness
    # (what colour-blind readers and greyscale print still see), not only in hue
    ramp = [contrast(badges.LEVEL_FILL[level], "#ffffff") for level in sorted(badges.LEVEL_FILL)]
    assert ramp == sorted(ramp) and len(set(ramp)) == 5


def test_the_level_palette_is_the_same_in_the_badges_and_the_site_css():
    """Badges are self-contained SVG (no CSS), so they carry the palette themselves: the site's
    stylesheet must give the five levels the very same fill and ink."""
    css = (REPO / "docs" / "assets" / "mmssc.css").read_text(encoding="utf-8")
    found = {
        (int(level), part or "fill"): colour.lower()
        for level, part, colour in re.findall(r"--mmssc-l([1-5])(?:-(ink))?:\s*(#[0-9a-fA-F]{6})", css)
    }
    expected = {(level, "fill"): colour for level, colour in badges.LEVEL_FILL.items()}
    expected |= {(level, "ink"): colour for level, colour in badges.LEVEL_INK.items()}
    assert found == expected


def svg_parts(data: bytes) -> tuple[ET.Element, list[str]]:
    root = parse(data)
    return root, [t.text for t in root.iter(f"{S}text")]


def contrast(a: str, b: str) -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
