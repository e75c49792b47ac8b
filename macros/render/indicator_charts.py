"""An indicator's small line chart, drawn at build time as inline SVG (like ``charts.py``).

One drawing per chart, at most 340 CSS px wide (``mmssc.css``: ``.mmssc-indicator-chart``), so its
13 px text is never scaled below 11 px on a 288 px column nor above 13 px on a desktop. Series are
told apart by marker shape and dash as well as colour, the target by a labelled dashed line; the
page puts every value in a data table beside it.

A chart is drawn in two parts: :func:`chart_drawing`, its axes and lines, the same in every language
(a city's pages in each language share it), and :func:`indicator_chart`, which adds the words and
numbers of the page's language."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..memo import BoundedCache
from .charts import DASHES, LINE_COLOURS, MARKERS, _marker, _n, _svg_with
from .html import Markup, esc

WIDTH, HEIGHT = 340, 190
LEFT, RIGHT, TOP, BOTTOM = 56, 14, 14, 28


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round values for the y axis covering ``low``..``high`` (1, 2 or 5 times a power of ten apart)."""
    if high <= low:
        high, low = low + 1, low - 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    decimals = max(0, -math.floor(math.log10(step)))  # the step's: a value is labelled as it is written
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, decimals))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, decimals))
    return ticks


@dataclass(frozen=True, slots=True)
class ChartDrawing:
    """What of a chart no language changes: the axes' places and the lines (markup we built)."""

    under: str  # the markers' definitions and the grid, drawn under the labels
    over: str  # the years, the target's line and the series' lines, drawn over them
    ticks: tuple[tuple[float, str], ...]  # each y-axis value and the y of its label
    target_y: str | None  # the y of the target's label


def chart_drawing(uid: str, series: Sequence[Sequence[tuple[int, float]]], target: float | None = None) -> ChartDrawing:
    """The axes and lines of the series' points (year, value), one line each, and the target's line."""
    years = sorted({year for points in series for year, _ in points})
    values = [value for points in series for _, value in points]
    if target is not None:
        values.append(target)
    ticks = nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    first, last = years[0], years[-1]

    def px(year: int) -> float:
        return LEFT + (plot_w * (year - first) / (last - first) if last > first else plot_w / 2)

    def py(value: float) -> float:
        return TOP + plot_h - (value - low) * plot_h / (high - low)

    # format strings, the markup ``tag`` gives (tests/test_chart_markup.py): a city's outcomes page draws
    # dozens of charts. Numbers and colours only: nothing here comes from the data as text.
    x_of = {year: _n(px(year)) for year in years}
    grid = "".join([f"M{LEFT} {_n(py(tick))}H{WIDTH - RIGHT}" for tick in ticks])
    under = [f'<path d="{grid}" fill="none" class="grid"></path>']
    over: list[str] = []
    labelled = [first, last] if last > first else [first]
    if last - first >= 4:
        labelled.insert(1, first + (last - first) // 2)
    for year in labelled:
        anchor = "start" if year == first and last > first else "end" if year == last and last > first else "middle"
        over.append(f'<text x="{_n(px(year))}" y="{HEIGHT - 8}" text-anchor="{anchor}">{year}</text>')
    target_y = None
    if target is not None:
        at = py(target)
        over.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_n(at)}" y2="{_n(at)}" class="target"></line>')
        target_y = _n(at - 5 if at > TOP + 16 else at + 15)
    defs: list[str] = []
    for k, points in enumerate(series):
        colour, dash, marker = LINE_COLOURS[k % 6], DASHES[k % 6], MARKERS[k % 6]
        if len(points) > 1:
            # one <marker> drawn at every point of the line, not one element per point (a series has
            # ten years or more; most of a chart's bytes were its points)
            mark = f"{uid}-m{k}"
            defs.append(
                f'<marker id="{mark}" viewBox="-7 -7 14 14" markerWidth="14" markerHeight="14" '
                f'markerUnits="userSpaceOnUse">{_marker(marker, 0, 0, colour)}</marker>'
            )
            # the lines of a chart share their years: each year's x written once
            points_text = " ".join([f"{x_of[year]},{_n(py(value))}" for year, value in sorted(points)])
            width = "2.5" if k == 0 else "2"
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            over.append(
                f'<polyline points="{points_text}" fill="none" stroke="{colour}" stroke-width="{width}"{dashes} '
                f'marker-start="url(#{mark})" marker-mid="url(#{mark})" marker-end="url(#{mark})"></polyline>'
            )
        else:
            over.extend(_marker(marker, round(px(year), 1), round(py(value), 1), colour) for year, value in points)
    if defs:
        under.insert(0, f"<defs>{''.join(defs)}</defs>")
    return ChartDrawing("".join(under), "".join(over), tuple((tick, _n(py(tick) + 4)) for tick in ticks), target_y)


# the y axis's labels by how numbers are written and where the ticks are: most charts share a few sets
# of round values (a caller that writes a language's numbers with one function object shares them)
_AXES: BoundedCache[str] = BoundedCache(4096)


def _axis(number: Callable[[float], str], ticks: tuple[tuple[float, str], ...]) -> str:
    return "".join(
        [
            f'<text x="{LEFT - 6}" y="{y}">{esc(number(int(tick) if float(tick).is_integer() else tick))}</text>'
            for tick, y in ticks
        ]
    )


def indicator_chart(
    uid: str,
    drawing: ChartDrawing,
    title: str,
    description: str,
    *,
    target: str | None = None,  # the target's label
    number: Callable[[float], str] = str,  # how the page's language writes a number
) -> Markup:
    """The chart in the page's language: ``drawing`` (of the same ``uid``) with its title, description,
    y-axis labels and the target's label."""
    labels = [drawing.under, '<g text-anchor="end">', _AXES.get((number, drawing.ticks), _axis, number, drawing.ticks)]
    labels.append("</g>")
    labels.append(drawing.over)
    if target is not None and drawing.target_y is not None:
        # over the lines, with a halo (mmssc.css): a line passing through it no longer hides it
        labels.append(
            f'<text x="{WIDTH - RIGHT}" y="{drawing.target_y}" text-anchor="end" class="head">{esc(target)}</text>'
        )
    return _svg_with(uid, WIDTH, HEIGHT, title, description, [Markup("".join(labels))], "mmssc-indicator-chart")
