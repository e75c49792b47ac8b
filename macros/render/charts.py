"""Charts drawn at build time as inline SVG: no JavaScript, no CDN, printable.

Every chart has ``role="img"`` with a title and a description, and the page puts a data
table beside it. Levels are told apart by their printed number as well as by colour (with
the exact count in each shape's tooltip and in the table); the colours, set by CSS classes in
``mmssc.css``, are a sequential, colour-blind-safe ramp (light → dark).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from ..compute.summaries import GroupSummary
from ..model.assessments import Assessment, Rating
from ..model.catalogue import LEVELS, Catalogue
from ..model.text import Untranslated
from ..site.languages import ENGLISH, Language
from .html import Content, Markup, esc, render, tag


def _cell(level: int | None) -> str:
    """CSS class of a shape at a level (fill and outline in mmssc.css); "lv0": not assessed (dashed, white)."""
    return f"lv{level or 0}"


def _ink(level: int | None) -> str:
    """CSS class of text drawn on a shape at a level (dark on light levels, white on dark)."""
    return f"ink{level or 0}"


@dataclass(frozen=True)
class Layout:
    """A drawing's width in user units (≈ CSS px where it is shown at its intended size)."""

    name: str
    width: int  # of the viewBox


# The profile is one small drawing per dimension, which the page sets in as many columns as fit
# (``.mmssc-profile`` in mmssc.css: CSS columns of at least 270 px, each drawing at most 420 px
# wide), so one drawing serves every width and its text stays 11-18 px.
PANEL = Layout("panel", 300)
# The history chart: one drawing, at most 360 px wide (text 11-14 px from a 288 px column; the page stays short).
NARROW = Layout("narrow", 340)
ROW, LABEL_W, LINE = 22, 44, 17


def _n(value: float) -> str:
    """A coordinate to one decimal, without a trailing ".0" (pages carry thousands of them)."""
    return f"{value:.1f}".removesuffix(".0")


def _en(text: str) -> str | None:
    """``lang`` of an SVG ``<text>`` showing catalogue text: "en" when it is untranslated English
    (the HTML builder cannot mark text inside an attribute-less SVG element)."""
    return "en" if type(text) is Untranslated else None


def _wrap(text: str, chars: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True)
class ProfileFrame:
    """What a dimension's profile drawing draws whatever the city: the scale, the grid and the
    dimension's name, in one language, with the places of what the city's data fills in."""

    height: int
    seg: float  # the width of one level on the bars' track
    # in drawing order: fixed markup, ("typical", dimension ID, x, y) or ("bar", characteristic ID, x, y)
    pieces: tuple[Markup | tuple[str, str, float, float], ...]


def profile_frame(catalogue: Catalogue, dimension: str, typical: bool = True) -> ProfileFrame:
    """The fixed part of a dimension's drawing in :func:`profile_chart`; ``typical``: the dimension has
    a typical level, whose line takes a row."""
    width = PANEL.width
    seg = (width - LABEL_W - 4) / 5
    chars = int(width / 7.6)
    dim = catalogue.dimensions[dimension]
    body: list[Markup | tuple[str, str, float, float]] = []
    for level in LEVELS:  # the level scale, above the bars
        body.append(tag("text", str(level), x=_n(LABEL_W + seg * (level - 0.5)), y=14, class_="mid"))
    y = 26.0
    for line in _wrap(f"{dim.id}. {dim.name}", chars):
        y += LINE
        body.append(tag("text", line, x=0, y=_n(y - 4), class_="head", lang=_en(dim.name)))
    if typical:
        y += LINE
        body.append(("typical", dim.id, 0, y))
    y += 3
    for cid in dim.characteristic_ids:
        body.append(("bar", cid, 0, y))
        y += ROW
    height = y + 6
    # the scale's grid, under everything: one path
    grid = "".join(f"M{_n(LABEL_W + seg * level)} 18V{_n(height - 4)}" for level in range(6))
    body.insert(0, tag("path", d=grid, class_="grid"))
    return ProfileFrame(int(height), seg, tuple(body))


def profile_chart(
    uid: str,
    catalogue: Catalogue,
    assessment: Assessment,
    summary: GroupSummary | None,
    dimension: str,
    city_name: str,
    lang: Language = ENGLISH,
    frame: ProfileFrame | None = None,
) -> Markup:
    """One dimension of the whole profile: one bar per characteristic, the level now (filled, its number
    printed in the bar) and the level planned in two years (a dashed outline); its words in ``lang``.
    ``summary``: the dimension's typical levels (None when it has none).

    ``frame``: :func:`profile_frame` for the same dimension, when the caller keeps it for many charts."""
    if frame is None:
        frame = profile_frame(catalogue, dimension, summary is not None)
    seg = frame.seg
    body: list[Markup] = []
    for piece in frame.pieces:
        if type(piece) is not tuple:
            body.append(piece)  # type: ignore[arg-type]
        elif piece[0] == "bar":
            body.append(_profile_row(catalogue, assessment, piece[1], piece[2], piece[3], LABEL_W, seg, lang))
        elif summary is not None:
            now, later = summary.now.typical, summary.in_two_years.typical
            body.append(
                tag(
                    "text",
                    lang._("typical level {now} now, {later} in two years", now=now or "–", later=later or "–"),
                    x=_n(piece[2]),
                    y=_n(piece[3] - 4),
                )
            )
    dim = catalogue.dimensions[dimension]
    counts = {n: 0 for n in LEVELS}
    for cid in dim.characteristic_ids:
        r = assessment.ratings.get(cid)
        if isinstance(r, Rating):
            counts[r.now] += 1
    desc = lang.n_(
        "{n} characteristic, level now and planned in two years. Now: {counts}. The data table lists every value.",
        "{n} characteristics, level now and planned in two years. Now: {counts}. The data table lists every value.",
        len(dim.characteristic_ids),
        counts=", ".join(lang._("{count} at level {level}", count=counts[n], level=n) for n in LEVELS),
    )
    title = lang._("{city}: {dimension}, now and in two years", city=city_name, dimension=f"{dim.id}. {dim.name}")
    return _svg_with(uid, PANEL.width, frame.height, title, desc, body, "mmssc-chart-main")


def _profile_row(
    catalogue: Catalogue,
    assessment: Assessment,
    cid: str,
    ox: float,
    y: float,
    track_x: float,
    seg: float,
    lang: Language = ENGLISH,
) -> Markup:
    """One characteristic's bar, its values in a <title> (a tooltip for the mouse)."""
    rating = assessment.ratings.get(cid)
    levels = (rating.now, rating.in_two_years) if isinstance(rating, Rating) else None
    return _bar(cid, levels, ox, y, track_x, seg, lang)


# A bar depends only on its characteristic, its two levels and its place in a layout: every city
# page draws the same few thousand of them (32 characteristics, 3 layouts, a few level pairs).
@functools.lru_cache(maxsize=8192)
def _bar(
    cid: str,
    levels: tuple[int, int] | None,
    ox: float,
    y: float,
    track_x: float,
    seg: float,
    lang: Language = ENGLISH,  # a key of the cache: the words differ per language
) -> Markup:
    x0 = ox + track_x
    parts: list[Markup] = [tag("text", cid, x=_n(ox), y=_n(y + 15))]
    if levels is None:
        parts.append(tag("text", lang._("not assessed"), x=_n(x0 + 4), y=_n(y + 15), class_="na"))
        title = lang._("{id}: not assessed", id=cid)
        return tag("g", tag("title", title), parts)
    now, later = levels
    parts.append(tag("rect", x=_n(x0), y=_n(y + 3), width=_n(seg * now), height=ROW - 6, class_=_cell(now)))
    parts.append(tag("text", str(now), x=_n(x0 + seg * (now - 0.5)), y=_n(y + 15.5), class_=f"num mid {_ink(now)}"))
    if later != now:
        parts.append(
            tag(
                "rect",
                x=_n(x0),
                y=_n(y + 1.5),
                width=_n(seg * later),
                height=ROW - 3,
                class_="plan",
            )
        )
    if later > now:
        parts.append(tag("text", str(later), x=_n(x0 + seg * (later - 0.5)), y=_n(y + 15.5), class_="mid"))
    title = lang._("{id}: level {now} now, {later} in two years", id=cid, now=now, later=later)
    return tag("g", tag("title", title), parts)


def _svg_with(
    uid: str, width: int, height: int, title: str, description: str, body: list[Markup], css_class: str
) -> Markup:
    """The chart's ``<svg>``, its title and description: the markup ``tag`` gives, as one format string
    (tests/test_chart_markup.py): the ids are the chart's own, which ``tag``'s cache of opening tags
    would only fill up with."""
    uid = esc(uid)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" class="{esc(f"mmssc-chart {css_class}")}" '
        f'preserveAspectRatio="xMinYMin meet"><title id="{uid}-t">{render(title)}</title>'
        f'<desc id="{uid}-d">{render(description)}</desc>{render(body)}</svg>'
    )


MARKERS = ("circle", "square", "triangle", "diamond", "cross", "star")
DASHES = (None, "6 3", "2 3", "8 3 2 3", "1 2", "4 1")
LINE_COLOURS = ("#1f3b6e", "#b35806", "#4d7a3a", "#6a3d9a", "#555555", "#8c510a")


_HISTORY_LEFT, _HISTORY_RIGHT, _HISTORY_TOP, _HISTORY_BOTTOM, _HISTORY_PLOT_H = 52, 40, 16, 30, 200


def _history_y(level: float) -> float:
    """Where a level is on a history chart's y axis (level 5 at the top)."""
    return _HISTORY_TOP + _HISTORY_PLOT_H - (level - 1) * _HISTORY_PLOT_H / 4


def history_chart(
    uid: str,
    series: dict[str, list[tuple[dt.date, int | None]]],
    title: str,
    description: str,
    layout: Layout = NARROW,
    lang: Language = ENGLISH,
    corrected: frozenset[dt.date] = frozenset(),
) -> Markup:
    """Lines of the typical level per dimension over the assessment dates (levels 1-5 on the y axis).

    A date in ``corrected`` (an assessment corrected after publication) is marked with an asterisk.

    The legend is HTML beside the chart (:func:`history_legend`): it wraps, so it is never cut."""
    dates = sorted({d for points in series.values() for d, _ in points})
    left, right, top, bottom, plot_h = _HISTORY_LEFT, _HISTORY_RIGHT, _HISTORY_TOP, _HISTORY_BOTTOM, _HISTORY_PLOT_H
    width = layout.width
    plot_w = width - left - right
    height = top + plot_h + bottom

    def px(index: int) -> float:
        return left + (plot_w * index / (len(dates) - 1) if len(dates) > 1 else plot_w / 2)

    py = _history_y
    room = plot_w / max(1, len(dates) - 1) if len(dates) > 1 else plot_w
    body: list[Markup] = list(_history_axes(left, plot_w, lang))
    for i, day in enumerate(dates):
        text = day.isoformat() if room >= 96 else day.strftime("%Y-%m") if room >= 64 else str(day.year)
        text += "*" if day in corrected else ""
        anchor = "middle" if 0 < i < len(dates) - 1 or len(dates) == 1 else "start" if i == 0 else "end"
        x = px(i) - (8 if anchor == "start" else -8 if anchor == "end" else 0)
        body.append(tag("text", text, x=f"{x:.1f}", y=top + plot_h + 22, text_anchor=anchor))
    for k, points in enumerate(series.values()):
        colour, dash, marker = LINE_COLOURS[k % 6], DASHES[k % 6], MARKERS[k % 6]
        coords = [(px(dates.index(d)), py(v)) for d, v in points if v is not None]
        # nudge overlapping lines apart so every series stays visible
        coords = [(x, y + (k - (len(series) - 1) / 2) * 4) for x, y in coords]
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
    return _svg_with(uid, width, height, title, description, body, f"mmssc-chart-history mmssc-{layout.name}")


@functools.lru_cache(maxsize=64)
def _history_axes(left: int, plot_w: int, lang: Language) -> tuple[Markup, ...]:
    """The level axis of a history chart: the same in every chart of a layout and language."""
    py = _history_y
    axes: list[Markup] = []
    for level in LEVELS:
        at = f"{py(level):.1f}"
        axes.append(tag("line", x1=left, x2=left + plot_w, y1=at, y2=at, class_="grid"))
        axes.append(tag("text", str(level), x=left - 10, y=f"{py(level) + 4:.1f}", text_anchor="end"))
    axes.append(tag("text", lang._("level"), x=0, y=f"{py(3) + 4:.1f}", transform=f"rotate(-90 10 {py(3):.1f})"))
    return tuple(axes)


def history_legend(names: Sequence[Content]) -> Markup:
    """The history chart's legend: each line's marker and dash beside its name, as wrapping HTML."""
    items = []
    for k, name in enumerate(names):
        colour, dash, marker = LINE_COLOURS[k % 6], DASHES[k % 6], MARKERS[k % 6]
        key = tag(
            "svg",
            tag("line", x1=1, x2=33, y1=8, y2=8, stroke=colour, stroke_width="2.5", stroke_dasharray=dash),
            _marker(marker, 17, 8, colour),
            viewBox="0 0 34 16",
            width=34,
            height=16,
            aria_hidden="true",
            focusable="false",
        )
        items.append(tag("li", key, " ", name))
    return tag("ul", items, class_="mmssc-legend")


# The same points recur on every history chart (a few dates' places, five levels, six series); an
# outcome chart's points do not, and it has hundreds: plain format strings, the markup ``tag`` gives
# (tests/test_charts.py compares them; numbers and colours need no escaping).
@functools.lru_cache(maxsize=8192)
def _marker(shape: str, x: float, y: float, colour: str) -> Markup:
    s = 5
    if shape == "circle":
        return Markup(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s}" fill="{colour}"></circle>')
    if shape == "square":
        return Markup(f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s}" height="{2 * s}" fill="{colour}"></rect>')
    if shape == "triangle":
        points = f"{x:.1f},{y - s - 1:.1f} {x - s - 1:.1f},{y + s:.1f} {x + s + 1:.1f},{y + s:.1f}"
    elif shape == "diamond":
        points = f"{x:.1f},{y - s - 1:.1f} {x + s + 1:.1f},{y:.1f} {x:.1f},{y + s + 1:.1f} {x - s - 1:.1f},{y:.1f}"
    elif shape == "cross":
        d = f"M{x - s:.1f},{y - s:.1f} L{x + s:.1f},{y + s:.1f} M{x - s:.1f},{y + s:.1f} L{x + s:.1f},{y - s:.1f}"
        return Markup(f'<path d="{d}" stroke="{colour}" stroke-width="3"></path>')
    else:
        points = (
            f"{x:.1f},{y - s - 1:.1f} {x + 2:.1f},{y - 2:.1f} {x + s + 1:.1f},{y:.1f} {x + 2:.1f},{y + 2:.1f} "
            f"{x:.1f},{y + s + 1:.1f} {x - 2:.1f},{y + 2:.1f} {x - s - 1:.1f},{y:.1f} {x - 2:.1f},{y - 2:.1f}"
        )
    return Markup(f'<polygon points="{points}" fill="{colour}"></polygon>')
