"""render/context.py: a page declares its table of contents as it is drawn; ids are per page."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.compute.crossrefs import CrossReferences
from macros.render.context import PageContext, SiteData, render_page
from macros.render.html import Markup, join, tag
from macros.site.pages import Heading
from macros.site.settings import SiteSettings


@pytest.fixture
def site(catalogue) -> SiteData:
    return SiteData(catalogue, CrossReferences(), [], SiteSettings(today=dt.date(2026, 1, 1)))


def _page(page: PageContext, name: str) -> Markup:
    return join(
        [
            page.heading(2, f"About {name}", id="about"),
            page.heading(3, "Details & more", id="details"),
            page.heading(2, "No entry"),  # no id: not in the table of contents
            page.heading(2, tag("b", name), id="bold", title=name),
            tag("p", page.chart_id(), " ", page.chart_id()),
        ]
    )


def test_headings_come_back_in_page_order_with_plain_titles(site: SiteData) -> None:
    rendered = render_page(site, "x/", _page, "<Town>")
    assert rendered.headings == (
        Heading(2, "about", "About <Town>"),
        Heading(3, "details", "Details & more"),
        Heading(2, "bold", "<Town>"),
    )
    assert '<h2 id="about">About &lt;Town&gt;</h2>' in rendered.html
    assert "<h2>No entry</h2>" in rendered.html


def test_markup_headings_need_a_plain_title(site: SiteData) -> None:
    page = PageContext(site, "x/")
    with pytest.raises(TypeError, match="plain-text title"):
        page.heading(2, tag("b", "x"), id="x")


def test_chart_ids_start_again_on_every_page(site: SiteData) -> None:
    first = render_page(site, "a/", _page, "A").html
    second = render_page(site, "b/", _page, "B").html
    assert "<p>chart-1 chart-2</p>" in first and "<p>chart-1 chart-2</p>" in second


def test_links_are_relative_to_the_page(site: SiteData) -> None:
    page = PageContext(site, "cities/x/")
    assert page.here.to("criteria/", "Criteria") == '<a href="../../criteria/">Criteria</a>'
