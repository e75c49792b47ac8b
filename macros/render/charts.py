"""Charts drawn at build time as inline SVG: no JavaScript, no CDN, printable.

Every chart has ``role="img"`` with a title and a description, and the page puts a data
table beside it. Levels are told apart by their printed number as well as by colour (with
the exact count in each shape's tooltip and in the table); the colours, set by CSS classes in
``mmssc.css``, are a sequential, colour-blind-safe ramp (light → dark).
"""

from __future__ import annotations

import datetime as dt

from ..compute.summaries import GroupSummary
from ..model.assessments import Assessment
from ..model.catalogue import LEVELS, Catalogue
from .html import Markup, tag


def _cell(level: int | None) -> str:
    """CSS class of a shape at a level (fill and outline in mmssc.css); "lv0": not assessed (dashed, white)."""
    return f"lv{level or 0}"


def _ink(level: int | None) -> str:
    """CSS class of text drawn on a shape at a level (dark on light levels, white on dark)."""
    return f"ink{level or 0}"


def dimension_profile(uid: str, catalogue: Catalogue, summaries: list[GroupSummary], city_name: str) -> Markup:
    """Stacked bars per dimension: how many characteristics sit at each level, now and in two years."""
    label_w, bar_w, row_h, gap = 230, 420, 22, 14
    rows = len(summaries)
    height = 40 + rows * (2 * row_h + gap) + 30
    width = label_w + bar_w + 90
    body: list[Markup] = []
    y = 30
    for summary in summaries:
        body.append(tag("text", f"{summary.id}. {summary.name}"[:38], x=0, y=y + row_h - 6, class_="mmssc-chart-label"))
        for label, dist in (("now", summary.now), ("in 2 years", summary.in_two_years)):
            total = dist.assessed + dist.not_assessed or 1
            x: float = label_w
            body.append(
                tag("text", label, x=label_w - 8, y=y + row_h - 7, text_anchor="end", class_="mmssc-chart-small")
            )
            for level in LEVELS:
                count = dist.counts[level]
                if not count:
                    continue
                w = bar_w * count / total
                body.append(
                    tag(
                        "rect",
                        tag("title", f"{count} at level {level}"),
                        x=f"{x:.1f}",
                        y=y,
                        width=f"{w:.1f}",
                        height=row_h - 4,
                        class_=_cell(level),
                    )
                )
                if w >= 14:
                    body.append(
                        tag("text", str(level), x=f"{x + w / 2:.1f}", y=y + row_h - 9, class_=f"num {_ink(level)}")
                    )
                x += w
            if dist.not_assessed:
                w = bar_w * dist.not_assessed / total
                body.append(tag("rect", x=f"{x:.1f}", y=y, width=f"{w:.1f}", height=row_h - 4, class_=_cell(None)))
            typical = dist.typical
            body.append(
                tag(
                    "text",
                    f"typical {typical}" if typical else "—",
                    x=label_w + bar_w + 8,
                    y=y + row_h - 7,
                    class_="mmssc-chart-small",
                )
            )
            y += row_h
        y += gap
    legend_x = label_w
    for level in LEVELS:
        body.append(tag("rect", x=legend_x, y=6, width=14, height=14, class_=_cell(level)))
        body.append(
            tag(
                "text",
                f"{level} {catalogue.levels[level].name}"[:16],
                x=legend_x + 18,
                y=17,
                class_="mmssc-chart-small",
            )
        )
        legend_x += 84 if level != 5 else 0
    desc = "; ".join(f"{s.name}: now {_dist_text(s.now)}, in two years {_dist_text(s.in_two_years)}" for s in summaries)
    return _svg_with(
        uid, width, height, f"{city_name}: levels by dimension, now and in two years", desc, body, "mmssc-chart-profile"
    )


def _svg_with(
    uid: str, width: int, height: int, title: str, description: str, body: list[Markup], css_class: str
) -> Markup:
    return tag(
        "svg",
        tag("title", title, id=f"{uid}-t"),
        tag("desc", description, id=f"{uid}-d"),
        body,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width} {height}",
        role="img",
        aria_labelledby=f"{uid}-t {uid}-d",
        class_=f"mmssc-chart {css_class}",
        preserveAspectRatio="xMinYMin meet",
    )


def _dist_text(dist) -> str:
    parts = [f"{dist.counts[n]} at level {n}" for n in LEVELS if dist.counts[n]]
    if dist.not_assessed:
        parts.append(f"{dist.not_assessed} not assessed")
    return ", ".join(parts) or "nothing assessed"


def heatmap(uid: str, catalogue: Catalogue, assessment: Assessment, city_name: str) -> Markup:
    """All characteristics, one cell each, now and in two years: the level number is printed in the cell."""
    cell, label_w = 44, 40
    dims = list(catalogue.dimensions.values())
    widest = max(len(d.characteristic_ids) for d in dims)
    width = label_w + widest * cell + 10
    panel_h = len(dims) * (cell + 6) + 24
    height = 2 * panel_h + 10
    body: list[Markup] = []
    for panel, (title, attr) in enumerate((("Now", "now"), ("In two years", "in_two_years"))):
        top = panel * panel_h
        body.append(tag("text", title, x=0, y=top + 16, class_="mmssc-chart-label"))
        for row, dim in enumerate(dims):
            y = top + 24 + row * (cell + 6)
            body.append(tag("text", f"D{dim.id}", x=0, y=y + cell / 2 + 4, class_="mmssc-chart-small"))
            for col, cid in enumerate(dim.characteristic_ids):
                rating = assessment.ratings.get(cid)
                level = getattr(rating, attr) if rating is not None and rating.assessed else None
                x = label_w + col * cell
                label = f"{cid}: level {level}" if level else f"{cid}: not assessed"
                middle = x + (cell - 3) / 2
                body.append(
                    tag(
                        "g",
                        tag("title", label),
                        tag("rect", x=x, y=y, width=cell - 3, height=cell),
                        tag("text", cid, x=middle, y=y + 12, class_="tiny"),
                        tag("text", str(level) if level else "–", x=middle, y=y + cell - 8, class_="num"),
                        class_=f"{_cell(level)} {_ink(level)}",
                    )
                )
    counts: dict[int | None, int] = {}
    for r in assessment.ratings.values():
        if r.assessed:
            counts[r.now] = counts.get(r.now, 0) + 1
    desc = (
        f"{len(catalogue.characteristics)} characteristics by dimension. Now: "
        + ", ".join(f"{counts.get(n, 0)} at level {n}" for n in LEVELS)
        + ". The table below lists every value."
    )
    return _svg_with(
        uid, width, height, f"{city_name}: heat map of all characteristics", desc, body, "mmssc-chart-heatmap"
    )


MARKERS = ("circle", "square", "triangle", "diamond", "cross", "star")
DASHES = (None, "6 3", "2 3", "8 3 2 3", "1 2", "4 1")
LINE_COLOURS = ("#1f3b6e", "#b35806", "#4d7a3a", "#6a3d9a", "#555555", "#8c510a")


def history_chart(
    uid: str, series: dict[str, list[tuple[dt.date, int | None]]], title: str, description: str
) -> Markup:
    """Lines of the typical level per dimension over the assessment dates (levels 1-5 on the y axis)."""
    dates = sorted({d for points in series.values() for d, _ in points})
    left, right, top, bottom = 40, 190, 14, 40
    plot_w = max(160, 110 * max(1, len(dates) - 1))
    plot_h = 200
    width, height = left + plot_w + right, top + plot_h + bottom

    def px(index: int) -> float:
        return left + (plot_w * index / (len(dates) - 1) if len(dates) > 1 else plot_w / 2)

    def py(level: float) -> float:
        return top + plot_h - (level - 1) * plot_h / 4

    body: list[Markup] = []
    for level in LEVELS:
        body.append(
            tag(
                "line",
                x1=left,
                x2=left + plot_w,
                y1=f"{py(level):.1f}",
                y2=f"{py(level):.1f}",
                stroke="#ccc",
                stroke_width="1",
            )
        )
        body.append(
            tag(
                "text", str(level), x=left - 10, y=f"{py(level) + 4:.1f}", text_anchor="end", class_="mmssc-chart-small"
            )
        )
    for i, day in enumerate(dates):
        body.append(
            tag(
                "text",
                day.isoformat(),
                x=f"{px(i):.1f}",
                y=top + plot_h + 18,
                text_anchor="middle",
                class_="mmssc-chart-small",
            )
        )
    for k, (name, points) in enumerate(series.items()):
        colour, dash, marker = LINE_COLOURS[k % 6], DASHES[k % 6], MARKERS[k % 6]
        coords = [(px(dates.index(d)), py(v)) for d, v in points if v is not None]
        # nudge overlapping lines apart so every series stays visible
        coords = [(x, y + (k - (len(series) - 1) / 2) * 3) for x, y in coords]
        if len(coords) > 1:
            body.append(
                tag(
                    "polyline",
                    points=" ".join(f"{x:.1f},{y:.1f}" for x, y in coords),
                    fill="none",
                    stroke=colour,
                    stroke_width="2.5",
                    stroke_dasharray=dash,
                )
            )
        for x, y in coords:
            body.append(_marker(marker, x, y, colour))
        if coords:
            x, y = coords[-1]
            body.append(_marker(marker, left + plot_w + 16, top + 14 + k * 22, colour))
            body.append(tag("text", name[:26], x=left + plot_w + 26, y=top + 18 + k * 22, class_="mmssc-chart-small"))
    body.append(tag("text", "level", x=4, y=top + 4, class_="mmssc-chart-small"))
    return _svg_with(uid, width, height, title, description, body, "mmssc-chart-history")


def _marker(shape: str, x: float, y: float, colour: str) -> Markup:
    s = 5
    if shape == "circle":
        return tag("circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=s, fill=colour)
    if shape == "square":
        return tag("rect", x=f"{x - s:.1f}", y=f"{y - s:.1f}", width=2 * s, height=2 * s, fill=colour)
    if shape == "triangle":
        return tag(
            "polygon",
            points=f"{x:.1f},{y - s - 1:.1f} {x - s - 1:.1f},{y + s:.1f} {x + s + 1:.1f},{y + s:.1f}",
            fill=colour,
        )
    if shape == "diamond":
        return tag(
            "polygon",
            points=f"{x:.1f},{y - s - 1:.1f} {x + s + 1:.1f},{y:.1f} {x:.1f},{y + s + 1:.1f} {x - s - 1:.1f},{y:.1f}",
            fill=colour,
        )
    if shape == "cross":
        return tag(
            "path",
            d=f"M{x - s:.1f},{y - s:.1f} L{x + s:.1f},{y + s:.1f} M{x - s:.1f},{y + s:.1f} L{x + s:.1f},{y - s:.1f}",
            stroke=colour,
            stroke_width="3",
        )
    return tag(
        "polygon",
        points=f"{x:.1f},{y - s - 1:.1f} {x + 2:.1f},{y - 2:.1f} {x + s + 1:.1f},{y:.1f} {x + 2:.1f},{y + 2:.1f} "
        f"{x:.1f},{y + s + 1:.1f} {x - 2:.1f},{y + 2:.1f} {x - s - 1:.1f},{y:.1f} {x - 2:.1f},{y - 2:.1f}",
        fill=colour,
    )
