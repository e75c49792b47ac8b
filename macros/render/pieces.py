"""Pieces several page kinds share: level badges, links to characteristics and standards, and
the words the city pages and the across-cities pages both use. Page modules import from here,
never from each other."""

from __future__ import annotations

import functools

from ..compute import progress as prog
from ..compute.summaries import Distribution
from ..memo import BoundedCache, typed
from ..model.assessments import SIZE_BANDS, City
from ..model.catalogue import LEVELS, Catalogue, Characteristic
from ..model.messages import N_
from ..site import urls
from .context import PageContext
from .html import Content, Markup, esc, join, render, tag
from .links import Here

SIZE_BAND_NAMES = {band: label for band, label, _ in SIZE_BANDS}

JOURNEY_CAUTION = N_(
    "Maturity is a journey, not a league table. The OECD asks that smart-city progress be measured "
    "longitudinally, a city against its own past and its own plans, and that comparisons take account of "
    "context such as size and culture. Cities assess themselves with different methods, which give different "
    "confidence; a higher level elsewhere is a source of ideas, not a ranking."
)


def country_name(page: PageContext, code: str) -> str:
    """A country's short name in the page's language from its ISO 3166-1 code ("NO" → "Norway"), or the code."""
    return page.lang.country(code)


def city_text(
    page: PageContext, city: City, content: Content, tag_name: str | None = "span", **attrs: object
) -> Markup:
    """Text the city wrote (its summary, justifications, evidence titles and notes), in an element
    ``tag_name`` that says the city's language (``lang``) when it is known and not the page's own.

    With the city's language unknown (``city.language`` is None) or the page's, no ``lang`` is claimed:
    the element without it, or with ``tag_name=None`` the content alone (a ``span`` when ``lang`` is needed)."""
    if marks_city_language(page, city):
        lang: str = city.language  # type: ignore[assignment]  # known: it differs from the page's
        if attrs:
            return tag(tag_name or "span", content, lang=lang, **attrs)
        # the markup tag() gives, as a format string (dozens on every city page, in every language)
        name = tag_name or "span"
        return Markup(f'<{name} lang="{esc(lang)}">{render(content)}</{name}>')
    if tag_name is None:
        return render(content)
    return tag(tag_name, content, **attrs)


def marks_city_language(page: PageContext, city: City) -> bool:
    """Whether the city's words on the page say their language: it is known and not the page's own."""
    return bool(city.language) and city.language.lower() != page.lang.code.lower()  # type: ignore[union-attr]


def fictional_note(page: PageContext, sentence: str) -> Markup:
    """The warning atop a fictional city's pages: "Fictional example." and what was invented."""
    return tag(
        "div",
        tag("p", tag("strong", page._("Fictional example."), " "), sentence),
        class_="admonition warning mmssc-fictional",
    )


def size_band_name(page: PageContext, band: str) -> str:
    return page._(SIZE_BAND_NAMES[band])


def level_badge(catalogue: Catalogue, level: int, label: str | None = None) -> Markup:
    """A level shown by number, name and pattern, never by colour alone.

    ``label`` replaces the name: plain text, or markup (``page._m``) that keeps an untranslated name marked."""
    name = catalogue.levels[level].name
    # typed: an untranslated name equals the English one but is drawn marked (so is a label in markup)
    return _BADGES.get(typed(level, name, label), _level_badge, level, name, label)


_BADGES: BoundedCache[Markup] = BoundedCache(256)  # a few distinct badges, shown thousands of times


def _level_badge(level: int, name: str, label: str | None) -> Markup:
    # with a label that already says "Level N", the number disc is decoration only
    number = tag("span", str(level), class_="mmssc-level-number", aria_hidden="true" if label else None)
    return tag("span", number, " ", label or name, class_=f"mmssc-level mmssc-level-{level}")


def characteristic_link(here: Here, ch: Characteristic) -> Markup:
    return here.to(urls.characteristic(ch.id), [tag("span", ch.id, class_="mmssc-id"), " ", ch.name])


def support_list(page: PageContext, rows) -> Markup:
    catalogue, here = page.catalogue, page.here
    refs = catalogue.references
    items = []
    for row in rows:
        cited = join([here.to(urls.standard(refs.standards[s].slug), s) for s in row.standards], ", ")
        part = [" — ", tag("strong", row.part)] if row.part else []
        items.append(tag("li", tag("span", cited, class_="mmssc-standards"), part, tag("br"), row.text))
    return tag("ul", items, class_="mmssc-supports")


def prog_rule_text(page: PageContext) -> str:
    return page._(
        "Each assessment's “in two years” level is a promise due {years} years after that assessment. "
        "It is checked against the first later assessment made on or after the due date: met if that assessment "
        "reaches the promised level, exceeded if it goes beyond, missed if it falls short. Promises not yet due are "
        "not shown.",
        years=prog.PROMISE_YEARS,
    )


def typical_badge(catalogue: Catalogue, dist: Distribution) -> Markup:
    return level_badge(catalogue, dist.typical) if dist.typical else tag("span", "—", class_="mmssc-na")


def table_region(table: Markup, label: str, css_class: str = "") -> Markup:
    """Tables stay class-free (Material styles only those); the wrapper scrolls and carries our class."""
    return tag(
        "div", table, class_=f"mmssc-table-wrap {css_class}".strip(), tabindex="0", role="region", aria_label=label
    )


def level_chip(page: PageContext, level: int, when: str) -> Markup:
    """A level as its numbered disc only (compact rows); the words (``when``: "now", translated by
    the caller) are there for screen readers."""
    label = page._("{when}: level {level}, {name}", when=when, level=level, name=page.catalogue.levels[level].name)
    return _level_chip(level, label)


@functools.lru_cache(maxsize=256)
def _level_chip(level: int, label: str) -> Markup:
    # one element: a numbered disc named for screen readers (the rows repeat it 64 times per page)
    return tag("span", str(level), class_=f"mmssc-chip mmssc-l{level}", role="img", aria_label=label)


def level_key(page: PageContext) -> Markup:
    """The five levels with their names, as a key to the numbers in charts and rows."""
    return tag(
        "ul",
        [tag("li", level_badge(page.catalogue, n)) for n in LEVELS],
        class_="mmssc-key",
        aria_label=page._("Levels"),
    )


def status_mark(page: PageContext, status: prog.Status) -> Markup:
    """A progress status as icon and words (never colour alone); the icon comes from mmssc.css
    (``.mmssc-status-kept::before``…), hidden from screen readers, which read the words."""
    return _status_mark(status, page._(status.value))


@functools.lru_cache(maxsize=64)
def _status_mark(status: prog.Status, words: str) -> Markup:
    return tag("span", words, class_=f"mmssc-status mmssc-status-{status.name.lower().replace('_', '-')}")


def status_key(page: PageContext) -> Markup:
    return tag(
        "p",
        page._m(
            "Status: {statuses} ({how}).",
            statuses=join([status_mark(page, s) for s in prog.Status], " "),
            how=page.here.to(urls.METHODOLOGY + "#status", page._("how it is decided")),
        ),
        class_="mmssc-key mmssc-status-key",
    )


def plain_table(caption: Content, head: tuple[Content, ...], rows: list[Markup]) -> Markup:
    """A table with its caption and column headers, in the wrapper that scrolls it when it must."""
    return tag(
        "div",
        tag(
            "table",
            tag("caption", caption),
            tag("thead", tag("tr", [tag("th", h, scope="col") for h in head])),
            tag("tbody", rows),
        ),
        class_="mmssc-table-wrap",
    )


def data_table(summary: str, caption: str, head: tuple[str, ...], rows: list[Markup]) -> Markup:
    """A chart's data table, its text alternative, behind a disclosure (open when printed)."""
    return tag("details", tag("summary", summary), plain_table(caption, head, rows), class_="mmssc-data")


def city_promises(page: PageContext, city: City) -> list[prog.Promise]:
    """The city's promises against delivery, worked out once per page (several sections show them)."""
    return page.once(("promises", city.slug), lambda: prog.promises(page.catalogue, city, page.settings.today))


def included_summary(page: PageContext, level: int, chain: list[int]) -> str:
    """What a cumulative level includes, through the chain of lower levels it builds on: one sentence
    per length of the chain (the characteristic pages' disclosures and the form's)."""
    if len(chain) == 1:
        return page._("Everything level {level} requires: it includes level {a}", level=level, a=chain[0])
    if len(chain) == 2:
        return page._(
            "Everything level {level} requires: it includes level {a} and, through it, level {b}",
            level=level,
            a=chain[0],
            b=chain[1],
        )
    if len(chain) == 3:
        return page._(
            "Everything level {level} requires: it includes level {a} and, through it, level {b} "
            "and, through it, level {c}",
            level=level,
            a=chain[0],
            b=chain[1],
            c=chain[2],
        )
    if len(chain) == 4:
        return page._(
            "Everything level {level} requires: it includes level {a} and, through it, level {b} "
            "and, through it, level {c} and, through it, level {d}",
            level=level,
            a=chain[0],
            b=chain[1],
            c=chain[2],
            d=chain[3],
        )
    return page._(
        "Everything level {level} requires: it includes levels {levels}",
        level=level,
        levels=", ".join(str(n) for n in chain),
    )
