"""site/urls.py: stable addresses from IDs and slugs, and relative links between them."""

from __future__ import annotations

import pytest

from macros.site import urls


def test_catalogue_nodes_share_one_scheme() -> None:
    assert urls.dimension("1") == "criteria/1/"
    assert urls.subdimension("1.2") == "criteria/1-2/"
    assert urls.characteristic("4.6") == "criteria/4-6/"
    assert urls.characteristic("1.2.3") == urls.node("1.2.3") == "criteria/1-2-3/"


def test_city_files_sit_beside_the_city_page() -> None:
    assert urls.city("nea-kymothoi") == "cities/nea-kymothoi/"
    assert urls.city_feed("x") == "cities/x/feed.xml"
    assert {urls.city_badge_svg("x"), urls.city_badge_json("x"), urls.city_shields_json("x")} == {
        "cities/x/badge.svg",
        "cities/x/badge.json",
        "cities/x/shields.json",
    }
    assert urls.country("GR") == "cities/country/gr/"


@pytest.mark.parametrize(
    ("here", "there", "link"),
    [
        ("", "criteria/1-1-1/", "criteria/1-1-1/"),
        ("", "", "./"),
        ("cities/lumenport/", "criteria/1-1-1/", "../../criteria/1-1-1/"),
        ("cities/lumenport/", "cities/lumenport/", "../../cities/lumenport/"),
        ("criteria/", "#level-3", "#level-3"),
        ("cities/country/gr/", "", "../../../"),
    ],
)
def test_relative_links_climb_to_the_root_then_go_down(here: str, there: str, link: str) -> None:
    assert urls.relative(here, there) == link


def test_source_and_output_files_of_a_directory_url() -> None:
    assert urls.src_uri("criteria/1-1-1/") == "criteria/1-1-1/index.md"
    assert urls.html_path("cities/x/") == "cities/x/index.html"
