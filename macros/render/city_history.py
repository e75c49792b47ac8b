"""The city page's sections about time: progress over the years, plans against delivery (each
assessment's two-year promises checked against what was reached), and the sources."""

from __future__ import annotations

import datetime as dt
import functools

from ..compute import progress as prog
from ..compute.summaries import by_dimension
from ..model.assessments import City
from ..site import urls
from . import charts
from .context import PageContext
from .html import Markup, join, link, tag
from .pieces import city_promises, data_table, prog_rule_text, table_region


def history_section(page: PageContext, city: City) -> Markup:
    catalogue = page.catalogue
    history = city.assessments
    per_assessment = [(a.date, by_dimension(catalogue, a)) for a in history]  # once per assessment
    series = {}
    names = []  # the same names as markup: untranslated catalogue text keeps its mark
    for index, dim in enumerate(catalogue.dimensions.values()):
        series[f"{dim.id}. {dim.name}"] = [(day, summaries[index].now.typical) for day, summaries in per_assessment]
        names.append(join([dim.id, ". ", dim.name]))

    def point(d: dt.date, v: int | None) -> str:
        if v:
            return page._("{date} level {level}", date=d.isoformat(), level=v)
        return page._("{date} not assessed", date=d.isoformat())

    desc = page._(
        "Typical level now per dimension at each assessment: {values}",
        values=page.lang.semicolon.join(
            f"{name}: " + ", ".join(point(d, v) for d, v in pts) for name, pts in series.items()
        ),
    )
    title = page._("{city}: typical level per dimension over time", city=city.name)
    corrected = frozenset(a.date for a in history if a.corrected_levels("now"))  # a plotted value changed
    dates = [a.date.isoformat() + ("*" if a.date in corrected else "") for a in history]
    dim_rows = [
        tag("tr", tag("th", name, scope="row"), [tag("td", str(v) if v else "—") for _, v in pts])
        for name, pts in zip(names, series.values(), strict=True)
    ]
    return join(
        [
            page.heading(2, page._("Progress over time"), id="history"),
            tag(
                "figure",
                charts.history_chart(page.chart_id(), series, title, desc, charts.NARROW, page.lang, corrected),
                tag(
                    "figcaption",
                    page._("Typical level per dimension at each assessment (the data table below lists the values):"),
                    " ",
                    page._m(
                        "* corrected after publication (see {corrections}).",
                        corrections=tag("a", page._("Corrections"), href="#corrections"),
                    )
                    if corrected
                    else "",
                    page.shared("history-legend", charts.history_legend, names),
                ),
                class_="mmssc-figure",
            ),
            data_table(
                page._("Data table: typical level per dimension"),
                page._("Typical level per dimension at each assessment"),
                (page._("Dimension"), *dates),
                dim_rows,
            ),
        ]
    )


def promises_section(page: PageContext, city: City) -> Markup:
    catalogue, here = page.catalogue, page.here
    found = city_promises(page, city)
    rule = tag("p", prog_rule_text(page), class_="mmssc-rule")
    parts = [page.heading(2, page._("Plans against delivery"), id="promises")]
    if not found:
        parts += [rule, tag("p", page._("No two-year plan has come due yet."))]
        return join(parts)
    counts: dict[prog.Verdict, int] = {}
    for p in found:
        counts[p.verdict] = counts.get(p.verdict, 0) + 1
    parts.append(tag("p", page.lang.semicolon.join(_verdict_count(page, v, n) for v, n in counts.items()) + "."))
    # Promises still awaiting a check are summarised per assessment, not listed row by row.
    awaiting: dict[dt.date, list[prog.Promise]] = {}
    for p in found:
        if p.verdict is prog.Verdict.AWAITING:
            awaiting.setdefault(p.made_on, []).append(p)
    for made_on, group in awaiting.items():
        parts.append(
            tag(
                "p",
                page.n_(
                    "The {n} promise of {made} fell due on {due}: it will be checked against the city's next "
                    "assessment.",
                    "The {n} promises of {made} fell due on {due}: they will be checked against the city's next "
                    "assessment.",
                    len(group),
                    made=made_on.isoformat(),
                    due=group[0].due.isoformat(),
                ),
            )
        )
    checked = [p for p in found if p.verdict is not prog.Verdict.AWAITING]
    if not checked:
        return join([*parts, rule])
    # One row per characteristic, one column per assessment whose promises were checked (all the
    # promises of one assessment fall due, and are checked, on the same dates): compact and in time order.
    made = sorted({p.made_on for p in checked})
    # a verdict is marked when a correction changed what it compares: the level promised or the level reached
    promised = {a.date: a.corrected_levels("in_two_years") for a in city.assessments if a.corrections}
    reached = {a.date: a.corrected_levels("now") for a in city.assessments if a.corrections}

    def corrected(p: prog.Promise) -> bool:
        return p.characteristic_id in promised.get(p.made_on, ()) or (
            p.checked_on is not None and p.characteristic_id in reached.get(p.checked_on, ())
        )

    checked_on = {p.made_on: p.checked_on for p in checked if p.checked_on is not None}
    by_cell = {(p.characteristic_id, p.made_on): p for p in checked}
    rows = [
        tag(
            "tr",
            tag("th", here.to(urls.characteristic(cid), cid), scope="row"),
            [
                _promise_cell(page._(kept.verdict.value), kept.verdict, kept.promised, kept.delivered, corrected(kept))
                if (kept := by_cell.get((cid, day)))
                else _NO_PROMISE
                for day in made
            ],
        )
        for cid in catalogue.characteristics
        if any((cid, day) in by_cell for day in made)
    ]
    head = tag(
        "thead",
        tag(
            "tr",
            tag("th", page._("Characteristic"), scope="col"),
            [
                tag(
                    "th",
                    page._(
                        "Promised {made}, checked {checked}", made=day.isoformat(), checked=checked_on[day].isoformat()
                    ),
                    scope="col",
                )
                for day in made
            ],
        ),
    )
    parts.append(
        tag(
            "details",
            tag(
                "summary",
                page.n_("The {n} promise checked so far", "All {n} promises checked so far", len(checked)),
            ),
            rule,  # how a promise is checked, beside the verdicts it explains
            table_region(
                tag(
                    "table",
                    tag(
                        "caption",
                        page._("Two-year plans against what was delivered: verdict (promised level → level reached)"),
                        " " + page._("* corrected after publication.") if any(map(corrected, checked)) else "",
                    ),
                    head,
                    tag("tbody", rows),
                ),
                page._("Plans against delivery"),
                "mmssc-promises-table",
            ),
            class_="mmssc-data",
        )
    )
    return join(parts)


def _verdict_count(page: PageContext, verdict: prog.Verdict, n: int) -> str:
    """How many promises had a verdict ("3 met"), with the plural the verdict's words take in the language."""
    if verdict is prog.Verdict.EXCEEDED:
        return page.n_("{n} exceeded", "{n} exceeded", n)
    if verdict is prog.Verdict.MET:
        return page.n_("{n} met", "{n} met", n)
    if verdict is prog.Verdict.MISSED:
        return page.n_("{n} missed", "{n} missed", n)
    if verdict is prog.Verdict.NOT_ASSESSED:
        return page.n_("{n} not assessed at the check", "{n} not assessed at the check", n)
    return page.n_("{n} due, awaiting a new assessment", "{n} due, awaiting a new assessment", n)


_NO_PROMISE = tag("td", "—", class_="mmssc-na")


@functools.lru_cache(maxsize=256)
def _promise_cell(
    words: str, verdict: prog.Verdict, promised: int, delivered: int | None, corrected: bool = False
) -> Markup:
    """A verdict cell; ``words``: the verdict in the page's language (its icon: mmssc.css); ``corrected``:
    marked with an asterisk."""
    return tag(
        "td",
        f"{words} ({promised} → {delivered or '—'}){'*' if corrected else ''}",
        class_=f"mmssc-verdict-{verdict.name.lower()}",
    )


def sources_section(page: PageContext, city: City) -> Markup:
    here = page.here
    every = sorted([*city.assessments, *city.withdrawn], key=lambda a: a.date, reverse=True)
    files = [city.source.path] + [a.source.path for a in every]
    items = []
    for path in files:
        url = page.settings.source_url(path)
        items.append(tag("li", link(url, path) if url else tag("code", path)))
    base = urls.city(city.slug)
    return join(
        [
            page.heading(2, page._("Sources and corrections"), id="sources"),
            tag(
                "p",
                page._("Everything on this page comes from these files."),
                " ",
                page._m(
                    "Anyone can propose a correction in a pull request (see {link}).",
                    link=here.to("contribute/", page._("Contribute an assessment")),
                ),
            ),
            tag(
                "details",
                tag("summary", page.n_("The {n} source file", "The {n} source files", len(files))),
                tag("ul", items),
                class_="mmssc-data",
            ),
            tag(
                "p",
                page._m(
                    "This city's data, every assessment in one file: {file}",
                    file=here.to(urls.city_data(city.slug), f"{city.slug}.json"),
                ),
                " · ",
                page._m(
                    "Follow this city: {feed} · badge: {svg}, {json} · {data}",
                    feed=here.to(base + "feed.xml", page._("Atom feed")),
                    svg=here.to(base + "badge.svg", "SVG"),
                    json=link(here.in_default(urls.city_badge_json(city.slug)), "JSON"),
                    data=here.to("data/", page._("open data for all cities")),
                ),
            ),
        ]
    )
