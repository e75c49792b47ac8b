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
    for index, dim in enumerate(catalogue.dimensions.values()):
        series[f"{dim.id}. {dim.name}"] = [(day, summaries[index].now.typical) for day, summaries in per_assessment]
    desc = "Typical level now per dimension at each assessment: " + "; ".join(
        f"{name}: " + ", ".join(f"{d.isoformat()} level {v if v else 'not assessed'}" for d, v in pts)
        for name, pts in series.items()
    )
    title = f"{city.name}: typical level per dimension over time"
    dates = [a.date.isoformat() for a in history]
    dim_rows = [
        tag("tr", tag("th", name, scope="row"), [tag("td", str(v) if v else "—") for _, v in pts])
        for name, pts in series.items()
    ]
    return join(
        [
            page.heading(2, "Progress over time", id="history"),
            tag(
                "figure",
                [charts.history_chart(page.chart_id(), series, title, desc, lay) for lay in charts.LAYOUTS],
                tag(
                    "figcaption",
                    "Typical level per dimension at each assessment (the data table below lists the values):",
                    charts.history_legend(list(series)),
                ),
                class_="mmssc-figure",
            ),
            data_table(
                "Data table: typical level per dimension",
                "Typical level per dimension at each assessment",
                ("Dimension", *dates),
                dim_rows,
            ),
        ]
    )


_VERDICT_ICON = {
    prog.Verdict.EXCEEDED: "▲▲",
    prog.Verdict.MET: "✔",
    prog.Verdict.MISSED: "✘",
    prog.Verdict.NOT_ASSESSED: "?",
    prog.Verdict.AWAITING: "…",
}


def promises_section(page: PageContext, city: City) -> Markup:
    catalogue, here = page.catalogue, page.here
    found = city_promises(page, city)
    parts = [
        page.heading(2, "Plans against delivery", id="promises"),
        tag("p", prog_rule_text(page), class_="mmssc-rule"),
    ]
    if not found:
        parts.append(tag("p", "No two-year plan has come due yet."))
        return join(parts)
    counts: dict[prog.Verdict, int] = {}
    for p in found:
        counts[p.verdict] = counts.get(p.verdict, 0) + 1
    parts.append(tag("p", "; ".join(f"{n} {v.value}" for v, n in counts.items()) + "."))
    # Promises still awaiting a check are summarised per assessment, not listed row by row.
    awaiting: dict[dt.date, list[prog.Promise]] = {}
    for p in found:
        if p.verdict is prog.Verdict.AWAITING:
            awaiting.setdefault(p.made_on, []).append(p)
    for made_on, group in awaiting.items():
        parts.append(
            tag(
                "p",
                f"The {len(group)} promises of {made_on.isoformat()} fell due on {group[0].due.isoformat()}: "
                "they will be checked against the city's next assessment.",
            )
        )
    checked = [p for p in found if p.verdict is not prog.Verdict.AWAITING]
    if not checked:
        return join(parts)
    # One row per characteristic, one column per assessment whose promises were checked (all the
    # promises of one assessment fall due, and are checked, on the same dates): compact and in time order.
    made = sorted({p.made_on for p in checked})
    checked_on = {p.made_on: p.checked_on for p in checked if p.checked_on is not None}
    by_cell = {(p.characteristic_id, p.made_on): p for p in checked}
    rows = [
        tag(
            "tr",
            tag("th", here.to(urls.characteristic(cid), cid), scope="row"),
            [
                _promise_cell(kept.verdict, kept.promised, kept.delivered)
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
            tag("th", "Characteristic", scope="col"),
            [
                tag("th", f"Promised {day.isoformat()}, checked {checked_on[day].isoformat()}", scope="col")
                for day in made
            ],
        ),
    )
    parts.append(
        tag(
            "details",
            tag("summary", f"All {len(checked)} promises checked so far"),
            table_region(
                tag(
                    "table",
                    tag(
                        "caption", "Two-year plans against what was delivered: verdict (promised level → level reached)"
                    ),
                    head,
                    tag("tbody", rows),
                ),
                "Plans against delivery",
                "mmssc-promises-table",
            ),
            class_="mmssc-data",
        )
    )
    return join(parts)


_NO_PROMISE = tag("td", "—", class_="mmssc-na")


@functools.lru_cache(maxsize=256)
def _promise_cell(verdict: prog.Verdict, promised: int, delivered: int | None) -> Markup:
    return tag(
        "td",
        tag("span", _VERDICT_ICON[verdict], aria_hidden="true"),
        f" {verdict.value} ({promised} → {delivered or '—'})",
        class_=f"mmssc-verdict-{verdict.name.lower()}",
    )


def sources_section(page: PageContext, city: City) -> Markup:
    here = page.here
    files = [city.source.path] + [a.source.path for a in reversed(city.assessments)]
    items = []
    for path in files:
        url = page.settings.source_url(path)
        items.append(tag("li", link(url, path) if url else tag("code", path)))
    base = urls.city(city.slug)
    return join(
        [
            page.heading(2, "Sources and corrections", id="sources"),
            tag(
                "p",
                "Everything on this page comes from these files. Anyone can propose a correction in a pull request "
                "(see ",
                here.to("contribute/", "Contribute an assessment"),
                ").",
            ),
            tag("ul", items),
            tag(
                "p",
                "Follow this city: ",
                here.to(base + "feed.xml", "Atom feed"),
                " · badge: ",
                here.to(base + "badge.svg", "SVG"),
                ", ",
                here.to(base + "badge.json", "JSON"),
                " · ",
                here.to("data/", "open data for all cities"),
            ),
        ]
    )
