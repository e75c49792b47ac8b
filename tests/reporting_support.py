"""Cities and assessments built directly from the model's dataclasses, for the feed and badge tests.

The figures are worked out by hand in each test from the level patterns given to ``make_assessment``.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros.diagnostics import Report
from macros.model.assessments import Assessment, City, Evidence, GroupView, NotAssessed, Rating, Registry
from macros.model.catalogue import Catalogue, SourceRef
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
            ratings[cid] = Rating(
                cid, pair[0], pair[1], "Because.", (Evidence("Report", "https://example.org/r", day),)
            )
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
