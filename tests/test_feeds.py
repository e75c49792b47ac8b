"""render/feeds.py: Atom feeds of the site and of each city. Figures are worked out by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt

from reporting_support import (  # noqa: F401  (module-scoped fixtures are used by name)
    BUILT,
    HOSTILE_CLEAN,
    SITE,
    A,
    S,
    catalogue,
    check_atom,
    make_assessment,
    make_city,
    parse,
    registry,
)

from macros.model.assessments import Registry
from macros.render import feeds


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
    renamed = Registry({slug: dataclasses.replace(city, name="Renamed") for slug, city in registry.cities.items()})
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


def test_city_feed_announces_new_outcome_data_year_by_year(catalogue, registry):
    """Issue 24: one entry per year with indicator values, dated the year's last day (the build's day if
    earlier: BUILT is 2026-01-02), with a stable tag URI; the feed's date is its newest entry's."""
    from macros.model.indicators import Indicator, Observation

    def indicator(ident: str, years: list[int]) -> Indicator:
        observations = tuple(Observation(y, 1.0, ()) for y in years)
        return Indicator(
            ident, ident.title(), "%", "increase", ("4.6",), "S", "https://e.org", observations=observations
        )

    city = dataclasses.replace(
        registry.cities["a-town"], indicators=[indicator("air", [2024, 2025]), indicator("water", [2025])]
    )
    root = parse(feeds.city_feed(catalogue, city, "cities/a-town/feed.xml", site_url=None, built=BUILT))
    check_atom(root)
    outcomes = [e for e in root.findall(f"{A}entry") if "/outcomes/" in e.findtext(f"{A}id")]
    assert [e.findtext(f"{A}id") for e in outcomes] == [
        "tag:mmssc,2025-01-01:a-town/outcomes/2025",
        "tag:mmssc,2024-01-01:a-town/outcomes/2024",
    ]
    assert [e.findtext(f"{A}updated") for e in outcomes] == ["2025-12-31T00:00:00Z", "2024-12-31T00:00:00Z"]
    assert outcomes[0].findtext(f"{A}summary") == "2 indicators: Air; Water"
    assert outcomes[0].find(f"{A}link").get("href") == "../../outcomes/a-town/"
    assert root.findtext(f"{A}updated") == "2025-12-31T00:00:00Z"  # newer than the assessments' 2025-06-15
    # a long series: only its newest years are announced (the outcomes page has every year)
    long = dataclasses.replace(city, indicators=[indicator("air", list(range(2012, 2026)))])
    root = parse(feeds.city_feed(catalogue, long, "cities/a-town/feed.xml", site_url=None, built=BUILT))
    years = [e.findtext(f"{A}id")[-4:] for e in root.findall(f"{A}entry") if "/outcomes/" in e.findtext(f"{A}id")]
    assert years == ["2025", "2024", "2023"]
