"""The chart pieces written as format strings for speed give exactly the markup ``tag`` gives."""

from __future__ import annotations

import pytest

from macros.render.charts import LINE_COLOURS, MARKERS, _marker
from macros.render.html import Markup, tag


def _marker_by_tag(shape: str, x: float, y: float, colour: str) -> str:
    s = 5
    if shape == "circle":
        return tag("circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=s, fill=colour)
    if shape == "square":
        return tag("rect", x=f"{x - s:.1f}", y=f"{y - s:.1f}", width=2 * s, height=2 * s, fill=colour)
    if shape == "triangle":
        points = f"{x:.1f},{y - s - 1:.1f} {x - s - 1:.1f},{y + s:.1f} {x + s + 1:.1f},{y + s:.1f}"
        return tag("polygon", points=points, fill=colour)
    if shape == "diamond":
        points = f"{x:.1f},{y - s - 1:.1f} {x + s + 1:.1f},{y:.1f} {x:.1f},{y + s + 1:.1f} {x - s - 1:.1f},{y:.1f}"
        return tag("polygon", points=points, fill=colour)
    if shape == "cross":
        d = f"M{x - s:.1f},{y - s:.1f} L{x + s:.1f},{y + s:.1f} M{x - s:.1f},{y + s:.1f} L{x + s:.1f},{y - s:.1f}"
        return tag("path", d=d, stroke=colour, stroke_width="3")
    points = (
        f"{x:.1f},{y - s - 1:.1f} {x + 2:.1f},{y - 2:.1f} {x + s + 1:.1f},{y:.1f} {x + 2:.1f},{y + 2:.1f} "
        f"{x:.1f},{y + s + 1:.1f} {x - 2:.1f},{y + 2:.1f} {x - s - 1:.1f},{y:.1f} {x - 2:.1f},{y - 2:.1f}"
    )
    return tag("polygon", points=points, fill=colour)


@pytest.mark.parametrize("shape", MARKERS)
@pytest.mark.parametrize("point", [(0.0, 0.0), (56.0, 14.0), (123.4, 87.6), (339.9, 176.05), (17, 8)])
def test_marker_is_the_markup_tag_gives(shape: str, point: tuple[float, float]) -> None:
    for colour in LINE_COLOURS:
        assert _marker(shape, point[0], point[1], colour) == _marker_by_tag(shape, point[0], point[1], colour)


def test_an_indicator_line_draws_its_points_with_one_marker_definition() -> None:
    from macros.render.indicator_charts import chart_drawing, indicator_chart

    years = [(year, float(year - 2000)) for year in range(2010, 2020)]
    svg = indicator_chart("chart-3", chart_drawing("chart-3", [years, [(2015, 12.0)]]), "T", "D")
    assert svg.count("<marker ") == 1 and 'id="chart-3-m0"' in svg
    assert 'marker-mid="url(#chart-3-m0)"' in svg and 'marker-start="url(#chart-3-m0)"' in svg
    assert svg.count("<circle") == 1, "the line's points are its marker's, not one circle each"
    assert svg.count("<rect") == 1, "a series of one point has no line: its marker is drawn where it is"


def test_an_indicator_charts_elements_are_the_markup_tag_gives() -> None:
    from macros.render.indicator_charts import chart_drawing, indicator_chart

    points = [(2016, 47.4), (2019, 45.6), (2025, 41.1)]
    drawing = chart_drawing("chart-1", [points, [(2016, 40.0), (2025, 38.5)]], 32.8)
    svg = indicator_chart("chart-1", drawing, "T", "D", target="target <32.8>")
    grid = "".join(f"M56 {y}H326" for y in ("162", "125", "88", "51", "14"))
    assert tag("path", d=grid, fill="none", class_="grid") in svg
    assert tag("g", Markup(tag("text", "30", x=50, y="166")), text_anchor="end").removesuffix("</g>") in svg
    assert tag("text", "2016", x="56", y=182, text_anchor="start") in svg
    label = tag("text", "target <32.8>", x=326, y="136.3", text_anchor="end", class_="head")
    assert label in svg and svg.index(label) > svg.index("<polyline"), "the target's label is drawn over the lines"
    assert tag("line", x1=56, x2=326, y1="141.3", y2="141.3", class_="target") in svg
    line = tag(
        "polyline",
        points="56,33.2 191,46.6 326,79.9",
        fill="none",
        stroke=LINE_COLOURS[1],
        stroke_width="2",
        stroke_dasharray="6 3",
        marker_start="url(#chart-1-m1)",
        marker_mid="url(#chart-1-m1)",
        marker_end="url(#chart-1-m1)",
    )
    assert line.split('points="')[0] in svg and 'stroke-dasharray="6 3" marker-start="url(#chart-1-m1)"' in svg
    assert "<b>" not in svg.split("<desc")[0] + svg.split("</desc>")[1]


def test_a_charts_drawing_is_the_same_in_every_language_and_its_labels_are_not() -> None:
    """A city's chart is drawn once for its pages in every language: only the labels differ."""
    from macros.render.indicator_charts import chart_drawing, indicator_chart

    points = [(2016, 1047.5), (2019, 1045.25), (2025, 1041.0)]
    drawing = chart_drawing("chart-2", [points], 1032.5)
    english = indicator_chart("chart-2", drawing, "T", "D", target="target 1,032.5", number="{:,}".format)
    greek = indicator_chart(
        "chart-2", drawing, "T", "D", target="στόχος 1.032,5", number=lambda v: f"{v:,}".replace(",", ".")
    )
    assert drawing.over in english and drawing.over in greek and drawing.under in greek
    assert ">1,030</text>" in english and ">1.030</text>" in greek
    assert "target 1,032.5" in english and "στόχος 1.032,5" in greek


def test_an_indicator_sections_facts_and_table_frame_are_the_markup_tag_gives(catalogue) -> None:
    """The outcomes page writes each indicator's facts and its data table's frame as format strings (a
    city has dozens of sections in every language): the markup tag() gives, its values escaped."""
    import datetime as dt

    from macros.compute.crossrefs import CrossReferences
    from macros.model.assessments import City
    from macros.model.indicators import Indicator, Observation
    from macros.render.context import PageContext, SiteData
    from macros.render.html import join, link
    from macros.render.indicator_section import indicator_section
    from macros.site.settings import SiteSettings

    hostile = '<b>"&'
    indicator = Indicator(
        "jobs",
        f"Jobs {hostile}",
        f"% {hostile}",
        "decrease",
        ("1.5.2", "4.1"),
        f"Survey {hostile}",
        'https://example.org/a"b',
        standard=f"ISO 37120:2018 5.1 {hostile}",
        observations=(Observation(2020, 1.5, (), None), Observation(2021, 2.0, (), f"n {hostile}")),
    )
    city = City("x", "X", "GB", None, 1000, "city", None, None, ["octocat"], indicators=[indicator])
    site = SiteData(catalogue, CrossReferences(), [city], SiteSettings(today=dt.date(2026, 1, 1)))
    page = PageContext(site, "outcomes/x/")
    section = indicator_section(page, city, indicator)
    tracks = join(
        [
            page.here.to(f"criteria/{cid.replace('.', '-')}/", [cid, " ", catalogue.characteristics[cid].name])
            for cid in indicator.tracks
        ],
        ", ",
    )
    facts = tag(
        "dl",
        tag("dt", "Unit"),
        tag("dd", indicator.unit),
        tag("dt", "Better when"),
        tag("dd", "lower"),
        tag("dt", "Tracks"),
        tag("dd", tracks),
        tag("dt", "Standard"),
        tag("dd", page.here.to("indicators/iso-37120-2018-5-1-b/", indicator.standard)),
        tag("dt", "Source"),
        tag("dd", link(indicator.source_url, indicator.source_title)),
        class_="mmssc-facts",
    )
    assert facts in section
    head = tag("thead", tag("tr", [tag("th", h, scope="col") for h in ("Year", "Group", f"Value ({indicator.unit})")]))
    assert tag("summary", f"Data table: {indicator.name}") in section and head in section
    assert section.startswith('<section class="mmssc-indicator"><h3 id="indicator-jobs">Jobs &lt;b&gt;&quot;&amp;</h3>')
    assert section.count(hostile) == 0 and section.endswith("</tbody></table></div></details></section>")


@pytest.mark.parametrize("tag_name", [None, "span", "dd", "p"])
@pytest.mark.parametrize("content", ['Jobs <b>"&', "plain", Markup("<a href='x'>x</a>"), ["a ", Markup("<i>b</i>")]])
def test_a_citys_words_in_another_language_are_the_markup_tag_gives(catalogue, tag_name, content) -> None:
    import datetime as dt

    from macros.compute.crossrefs import CrossReferences
    from macros.model.assessments import City
    from macros.render.context import PageContext, SiteData
    from macros.render.pieces import city_text
    from macros.site.settings import SiteSettings

    city = City("x", "X", "NO", None, 1000, "city", None, None, ["octocat"], language="nb")
    site = SiteData(catalogue, CrossReferences(), [city], SiteSettings(today=dt.date(2026, 1, 1)))
    page = PageContext(site, "outcomes/x/")
    assert city_text(page, city, content, tag_name) == tag(tag_name or "span", content, lang="nb")
    assert city_text(page, city, content, "td", class_="c") == tag("td", content, lang="nb", class_="c")


@pytest.mark.parametrize("title", ["Broadband, %, by year", 'A <b> & "c"'])
def test_a_charts_svg_is_the_markup_tag_gives(title: str) -> None:
    from macros.model.text import Untranslated
    from macros.render.charts import _svg_with

    for shown in (title, Untranslated(title)):
        body = [Markup('<path d="M0 0"></path>'), Markup("<text>1</text>")]
        by_tag = tag(
            "svg",
            tag("title", shown, id="chart-2-t"),
            tag("desc", "D & d", id="chart-2-d"),
            body,
            xmlns="http://www.w3.org/2000/svg",
            viewBox="0 0 340 190",
            role="img",
            aria_labelledby="chart-2-t chart-2-d",
            class_="mmssc-chart mmssc-indicator-chart",
            preserveAspectRatio="xMinYMin meet",
        )
        assert _svg_with("chart-2", 340, 190, shown, "D & d", body, "mmssc-indicator-chart") == by_tag
