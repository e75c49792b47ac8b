"""The chart pieces written as format strings for speed give exactly the markup ``tag`` gives."""

from __future__ import annotations

import pytest

from macros.render.charts import LINE_COLOURS, MARKERS, _marker
from macros.render.html import tag


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
    from macros.render.indicator_charts import indicator_chart

    years = [(year, float(year - 2000)) for year in range(2010, 2020)]
    svg = indicator_chart("chart-3", [("Total", years), ("North", [(2015, 12.0)])], "T", "D")
    assert svg.count("<marker ") == 1 and 'id="chart-3-m0"' in svg
    assert 'marker-mid="url(#chart-3-m0)"' in svg and 'marker-start="url(#chart-3-m0)"' in svg
    assert svg.count("<circle") == 1, "the line's points are its marker's, not one circle each"
    assert svg.count("<rect") == 1, "a series of one point has no line: its marker is drawn where it is"
