"""Atom feeds and city badges, on cities and assessments built directly from the model's dataclasses.

The figures are worked out by hand in each test from the level patterns given to ``make_assessment``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros.compute.summaries import AGGREGATION_RULE, overall
from macros.diagnostics import Report
from macros.model.assessments import Assessment, City, Evidence, GroupView, NotAssessed, Rating, Registry
from macros.model.catalogue import Catalogue, SourceRef
from macros.render import badges, feeds
from macros.validate.catalogue import load_catalogue

REPO = Path(__file__).resolve().parent.parent
A = "{http://www.w3.org/2005/Atom}"
S = "{http://www.w3.org/2000/svg}"
BUILT = dt.date(2026, 1, 2)
SITE = "https://example.org/mmssc/"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# every kind of trouble a name can bring: markup, a CDATA end, a template, a right-to-left
# override and a character XML cannot carry at all
HOSTILE = "<script>alert(1)</script> ]]> {{ 7*7 }} \u202eevil\u202c\x0b & co"
HOSTILE_CLEAN = "<script>alert(1)</script> ]]> {{ 7*7 }} evil & co"  # as it must read once parsed


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    report = Report()
    loaded = load_catalogue(REPO / "criteria", report, display_root=REPO)
    assert loaded is not None and report.ok, report.diagnostics
    return loaded


def second_round(cid: str) -> tuple[int, int] | None:
    """Dimension 1 (12 characteristics) at 1 → 2, dimension 2 (8) at 3 → 3, dimension 3 (6) at 4 → 5,
    purposes 4.1-4.4 at 5 → 5, purposes 4.5 and 4.6 not assessed."""
    if cid in ("4.5", "4.6"):
        return None
    return {"1": (1, 2), "2": (3, 3), "3": (4, 5), "4": (5, 5)}[cid.split(".")[0]]


def make_assessment(
    catalogue: Catalogue,
    slug: str,
    day: dt.date,
    levels,
    *,
    method: str = "single-stakeholder",
    updated: dt.date | None = None,
    summary: str | None = None,
    assessors: str | None = None,
) -> Assessment:
    ratings = {}
    for cid in catalogue.characteristics:
        pair = levels(cid)
        if pair is None:
            ratings[cid] = NotAssessed(cid, "No data yet.")
        else:
            ratings[cid] = Rating(cid, pair[0], pair[1], "Because.", [Evidence("Report", "https://example.org/r", day)])
    if method == "multi-stakeholder":
        ratings["1.1.1"].groups = {
            "residents": GroupView("residents", 1, 1),
            "local-government": GroupView("local-government", 3, 4),
        }
    return Assessment(
        slug,
        day,
        "iso-ts-37107-draft",
        method,
        ["local-government", "residents"],
        ratings,
        summary=summary,
        assessors=assessors,
        source=SourceRef(f"assessments/{slug}/{day.isoformat()}.yaml"),
        updated=updated,
    )


def make_city(slug: str, name: str, assessments: list[Assessment], fictional: bool = False) -> City:
    return City(
        slug,
        name,
        "FR",
        None,
        50_000,
        "city",
        None,
        None,
        ["octocat"],
        fictional=fictional,
        source=SourceRef(f"assessments/{slug}/city.yaml"),
        assessments=sorted(assessments, key=lambda a: a.date),
    )


@pytest.fixture(scope="module")
def registry(catalogue: Catalogue) -> Registry:
    """a: 2023-05-10 (all 2 → 3) and 2025-03-01 (second round, updated 2025-06-15);
    b (fictional): 2024-11-20 (all 3 → 4); c: 2025-03-01 (all 4 → 4), never updated."""
    a = make_city(
        "a-town",
        HOSTILE,
        [
            make_assessment(catalogue, "a-town", dt.date(2023, 5, 10), lambda cid: (2, 3)),
            make_assessment(
                catalogue,
                "a-town",
                dt.date(2025, 3, 1),
                second_round,
                method="multi-stakeholder",
                updated=dt.date(2025, 6, 15),
                summary=HOSTILE,
                assessors=HOSTILE,
            ),
        ],
    )
    b = make_city(
        "b-city",
        "Vila Serena",
        [make_assessment(catalogue, "b-city", dt.date(2024, 11, 20), lambda cid: (3, 4))],
        fictional=True,
    )
    c = make_city(
        "c-city", "Ciudad Calma", [make_assessment(catalogue, "c-city", dt.date(2025, 3, 1), lambda cid: (4, 4))]
    )
    return Registry({city.slug: city for city in (a, b, c)})


def parse(data: bytes) -> ET.Element:
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ET.fromstring(data)


# ---------------------------------------------------------------------------------------------
# Feeds


def check_atom(root: ET.Element) -> None:
    """The elements RFC 4287 requires: feed id, title, updated, an author; per entry id, title, updated, a link."""
    assert root.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{name}")) == 1, name
    assert RFC3339.match(root.findtext(f"{A}updated"))
    assert root.find(f"{A}author/{A}name").text
    assert root.find(f"{A}link[@rel='self']") is not None
    for entry in root.findall(f"{A}entry"):
        for name in ("id", "title", "updated", "published", "summary"):
            assert len(entry.findall(f"{A}{name}")) == 1, name
        assert RFC3339.match(entry.findtext(f"{A}updated")) and RFC3339.match(entry.findtext(f"{A}published"))
        assert len(entry.findall(f"{A}link[@rel='alternate']")) == 1
        assert entry.find(f"{A}summary").get("type") == "text"


def test_site_feed_is_atom_newest_first_with_stable_ids(catalogue, registry):
    data = feeds.site_feed(catalogue, registry, "feeds/assessments.xml", site_url=None, built=BUILT)
    root = parse(data)
    check_atom(root)
    entries = root.findall(f"{A}entry")
    # newest first by "updated": a's 2025 round (updated 2025-06-15), c (2025-03-01), b (2024-11-20), a's 2023 round
    assert [e.findtext(f"{A}id") for e in entries] == [
        "tag:mmssc,2025-03-01:a-town/2025-03-01",
        "tag:mmssc,2025-03-01:c-city/2025-03-01",
        "tag:mmssc,2024-11-20:b-city/2024-11-20",
        "tag:mmssc,2023-05-10:a-town/2023-05-10",
    ]
    assert [e.findtext(f"{A}updated") for e in entries] == [
        "2025-06-15T00:00:00Z",
        "2025-03-01T00:00:00Z",
        "2024-11-20T00:00:00Z",
        "2023-05-10T00:00:00Z",
    ]
    assert entries[0].findtext(f"{A}published") == "2025-03-01T00:00:00Z"
    assert root.findtext(f"{A}updated") == "2025-06-15T00:00:00Z"  # the newest entry's date, not the build date
    assert root.findtext(f"{A}id") == "tag:mmssc,2025:feeds/assessments"
    # relative links when no site URL is configured: from feeds/ to the city pages
    assert entries[1].find(f"{A}link").get("href") == "../cities/c-city/"
    assert root.find(f"{A}link[@rel='self']").get("href") == "../feeds/assessments.xml"  # up to the root, then down
    assert root.find(f"{A}link[@rel='alternate']").get("href") == "../cities/"
    # a made-up city says so wherever it is named
    assert entries[2].findtext(f"{A}title") == "Vila Serena (fictional example): assessment of 2024-11-20"


def test_ids_do_not_depend_on_names_or_site_url(catalogue, registry):
    before = parse(feeds.site_feed(catalogue, registry, "feeds/assessments.xml", site_url=None, built=BUILT))
    renamed = Registry({slug: City(**{**city.__dict__, "name": "Renamed"}) for slug, city in registry.cities.items()})
    after = parse(
        feeds.site_feed(catalogue, renamed, "feeds/assessments.xml", site_url=SITE, built=dt.date(2030, 1, 1))
    )
    ids = lambda root: [e.findtext(f"{A}id") for e in root.findall(f"{A}entry")]  # noqa: E731
    assert ids(before) == ids(after)
    assert after.findtext(f"{A}id") == before.findtext(f"{A}id")


def test_absolute_links_with_a_site_url(catalogue, registry):
    root = parse(feeds.site_feed(catalogue, registry, "feeds/assessments.xml", site_url=SITE, built=BUILT))
    assert root.find(f"{A}entry/{A}link").get("href") == "https://example.org/mmssc/cities/a-town/"
    assert root.find(f"{A}link[@rel='self']").get("href") == "https://example.org/mmssc/feeds/assessments.xml"
    city = parse(
        feeds.city_feed(catalogue, registry.cities["b-city"], "cities/b-city/feed.xml", site_url=SITE, built=BUILT)
    )
    assert city.find(f"{A}link[@rel='self']").get("href") == "https://example.org/mmssc/cities/b-city/feed.xml"


def test_city_feed_has_all_its_assessments_newest_first(catalogue, registry):
    root = parse(
        feeds.city_feed(catalogue, registry.cities["a-town"], "cities/a-town/feed.xml", site_url=None, built=BUILT)
    )
    check_atom(root)
    entries = root.findall(f"{A}entry")
    assert [e.findtext(f"{A}id") for e in entries] == [
        "tag:mmssc,2025-03-01:a-town/2025-03-01",
        "tag:mmssc,2023-05-10:a-town/2023-05-10",
    ]
    assert root.findtext(f"{A}id") == "tag:mmssc,2025:feeds/cities/a-town"
    assert root.findtext(f"{A}updated") == "2025-06-15T00:00:00Z"
    assert (
        entries[0].find(f"{A}link").get("href") == "../../cities/a-town/"
    )  # from the city's folder, up to the root and back
    assert entries[0].findtext(f"{A}title") == f"{HOSTILE_CLEAN}: assessment of 2025-03-01 (updated 2025-06-15)"
    assert entries[1].findtext(f"{A}title") == f"{HOSTILE_CLEAN}: assessment of 2023-05-10"
    assert entries[0].find(f"{A}category").attrib == {
        "term": "multi-stakeholder",
        "label": "Multi-stakeholder viewpoints",
    }


def test_summary_worked_out_by_hand(catalogue, registry):
    # second round: 12 characteristics at 1, 8 at 3, 6 at 4, 4 at 5, 2 not assessed → 30 assessed;
    # sorted, positions 0-11 are 1, 12-19 are 3: the lower median (position 14) is 3.
    # In two years: 12 at 2, 8 at 3, 10 at 5 → position 14 is 3.
    root = parse(
        feeds.city_feed(catalogue, registry.cities["a-town"], "cities/a-town/feed.xml", site_url=None, built=BUILT)
    )
    newest, oldest = root.findall(f"{A}entry")
    assert newest.findtext(f"{A}summary") == (
        "Method: Multi-stakeholder viewpoints. Characteristics at each level now: level 1: 12, level 2: 0, "
        "level 3: 8, level 4: 6, level 5: 4; not assessed: 2. Typical level now: 3 (Fulfilled), the median of the "
        "30 assessed characteristics, rounded down. Typical level planned in two years: 3."
    )
    # first round: all 32 at 2 now, 3 in two years
    assert oldest.findtext(f"{A}summary") == (
        "Method: Single stakeholder viewpoint. Characteristics at each level now: level 1: 0, level 2: 32, "
        "level 3: 0, level 4: 0, level 5: 0. Typical level now: 2 (Partially fulfilled), the median of the "
        "32 assessed characteristics, rounded down. Typical level planned in two years: 3."
    )
    assert newest.findtext(f"{A}content") == HOSTILE_CLEAN  # the city's own summary, as text
    assert oldest.find(f"{A}content") is None


def test_hostile_text_only_ever_escaped(catalogue, registry):
    for data in (
        feeds.site_feed(catalogue, registry, "feeds/assessments.xml", site_url=None, built=BUILT),
        feeds.city_feed(catalogue, registry.cities["a-town"], "cities/a-town/feed.xml", site_url=None, built=BUILT),
    ):
        assert b"<script" not in data
        assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in data
        assert b"]]>" not in data and b"]]&gt;" in data
        assert b"CDATA" not in data
        assert "\u202e".encode() not in data and b"\x0b" not in data
        assert b"{{ 7*7 }}" in data and b"49" not in data  # never rendered as a template
        root = parse(data)
        texts = [el.text or "" for el in root.iter()]
        assert any(HOSTILE_CLEAN in t for t in texts)
        assert not any(child.tag.endswith("script") for child in root.iter())


def test_site_feed_keeps_the_50_newest(catalogue):
    days = [dt.date(2020, 1, 6) + dt.timedelta(weeks=i) for i in range(60)]
    city = make_city("busy", "Busy", [make_assessment(catalogue, "busy", d, lambda cid: (3, 3)) for d in days])
    root = parse(
        feeds.site_feed(catalogue, Registry({"busy": city}), "feeds/assessments.xml", site_url=None, built=BUILT)
    )
    entries = root.findall(f"{A}entry")
    assert len(entries) == 50
    assert entries[0].findtext(f"{A}published") == f"{days[-1].isoformat()}T00:00:00Z"  # the newest
    assert entries[-1].findtext(f"{A}published") == f"{days[10].isoformat()}T00:00:00Z"  # the 10 oldest are left out
    # the city's own feed has all 60
    city_root = parse(feeds.city_feed(catalogue, city, "cities/busy/feed.xml", site_url=None, built=BUILT))
    assert len(city_root.findall(f"{A}entry")) == 60


def test_feed_of_a_city_without_assessments(catalogue):
    city = make_city("quiet", "Quiet", [])
    root = parse(feeds.city_feed(catalogue, city, "cities/quiet/feed.xml", site_url=None, built=BUILT))
    check_atom(root)
    assert root.findall(f"{A}entry") == []
    assert root.findtext(f"{A}updated") == "2026-01-02T00:00:00Z"  # no data date: the build date


# ---------------------------------------------------------------------------------------------
# Badges


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
