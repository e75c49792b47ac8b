"""How an outcome is written wherever it shows (a city's outcomes page, its rows and tile, a standard
indicator's page): its values as the page's language writes numbers, and its status as icon and words."""

from __future__ import annotations

import functools
from collections.abc import Callable

from ..compute import outcomes as out
from ..site.languages import Language
from .context import PageContext
from .html import Markup, tag

STATUS_ICON: dict[out.Status, str] = {
    out.Status.ACHIEVED: "✔",
    out.Status.ON_TRACK: "◕",
    out.Status.MODERATE: "◑",
    out.Status.LIMITED: "◔",
    out.Status.DETERIORATION: "✖",
    out.Status.NOT_AVAILABLE: "–",
}


def number(page: PageContext, value: float) -> str:
    """A value as the page's language writes numbers, with the digits the city wrote (a series has
    hundreds of values: the language's separators are looked up once, not formatted by Babel each)."""
    return english_number(value).translate(separators(page.lang))


def english_number(value: float) -> str:
    """A value as English writes it: the digits the city wrote, thousands grouped by commas."""
    value = float(value)
    if -1000 < value < 1000:  # most values: no thousands to group
        return str(int(value)) if value.is_integer() else repr(value)
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


@functools.lru_cache(maxsize=16)
def separators(lang: Language) -> dict[int, str]:
    """English separators → the language's (Babel's own formatting of 1234.5 tells them; English's own
    leave a value as it is)."""
    sample = lang.number(1234.5)  # "1,234.5" as the language writes it: "1 234,5", "1.234,5"
    group, decimal = sample[1:-5], sample[-2]
    return str.maketrans({",": group, ".": decimal})


@functools.lru_cache(maxsize=16)
def tick_writer(lang: Language) -> Callable[[float], str]:
    """How a chart's axis writes its values: as the page writes the city's (:func:`number`), one function
    per language (indicator_charts keeps a chart's axis labels by it)."""
    table = separators(lang)
    return lambda value: english_number(value).translate(table)


def outcome_mark(page: PageContext, status: out.Status) -> Markup:
    """An indicator's status as icon and words (never colour alone)."""
    return _outcome_mark(status, page._(status.value))


@functools.lru_cache(maxsize=64)
def _outcome_mark(status: out.Status, words: str) -> Markup:
    return tag(
        "span",
        tag("span", STATUS_ICON[status], class_="mmssc-status-icon", aria_hidden="true"),
        " ",
        words,
        class_=f"mmssc-outcome mmssc-outcome-{status.name.lower().replace('_', '-')}",
    )


def standard_slug(reference: str) -> str:
    """A standard indicator's address: "ISO 37120:2018 5.1" → "iso-37120-2018-5-1"."""
    out_chars = [c.lower() if c.isalnum() else "-" for c in reference]
    return "-".join(part for part in "".join(out_chars).split("-") if part)
