"""A language's coverage page: which texts of the catalogue are translated, stale or still in English."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

from ..compute.localise import Coverage, CoverageRow, Status
from ..model.translations import Kind
from ..site import urls
from ..site.languages import language_name
from .context import PageContext
from .html import Markup, join, tag


def _kind_title(page: PageContext, kind: Kind) -> str:
    titles: dict[Kind, str] = {
        "dimension": page._("Dimensions"),
        "subdimension": page._("Sub-dimensions"),
        "characteristic": page._("Characteristics"),
        "level": page._("Maturity levels"),
        "family": page._("Level definitions (Table 2)"),
    }
    return titles[kind]


def _status_word(page: PageContext, status: Status) -> str:
    words: dict[Status, str] = {
        "translated": page._("Translated"),
        "stale": page._("Stale"),
        "missing": page._("Not yet translated"),
    }
    return words[status]


def _field_label(page: PageContext, row: CoverageRow) -> str:
    level = row.level
    if level is not None:
        if row.kind == "family":
            return page._("Definition, level {n}", n=level)
        return page._("Criteria, level {n}", n=level)
    labels = {"name": page._("Name"), "description": page._("Description"), "applies_to": page._("Applies to")}
    return labels.get(row.field, row.field)


def _where(page: PageContext, row: CoverageRow) -> Markup:
    """The text's place in the catalogue, linked to the page that shows it."""
    here = page.here
    if row.kind in ("dimension", "subdimension", "characteristic"):
        return here.to(urls.node(row.id), tag("span", row.id, class_="mmssc-id"))
    if row.kind == "family":
        return here.to(urls.LEVELS + f"#family-{row.id}", tag("span", row.id, class_="mmssc-id"))
    return here.to(urls.LEVELS, tag("span", row.id, class_="mmssc-id"))


def _table(page: PageContext, cov: Coverage, kind: Kind, rows: list[CoverageRow]) -> Markup:
    title = _kind_title(page, kind)
    body = [
        tag(
            "tr",
            tag("th", _where(page, row), scope="row"),
            tag("td", _field_label(page, row)),
            tag("td", row.english, lang="en"),
            tag("td", row.translation, lang=cov.language) if row.translation else tag("td", "—"),
            tag("td", _status_word(page, row.status), class_=f"mmssc-coverage-{row.status}"),
        )
        for row in rows
    ]
    head = tag(
        "tr",
        tag("th", page._("ID"), scope="col"),
        tag("th", page._("Text"), scope="col"),
        tag("th", page._("English"), scope="col"),
        tag("th", page._("Translation"), scope="col"),
        tag("th", page._("Status"), scope="col"),
    )
    return tag(
        "div",
        tag("table", tag("caption", title), tag("thead", head), tag("tbody", body)),
        class_="mmssc-table-wrap",
        tabindex="0",
        role="region",
        aria_label=title,
    )


def _summary(page: PageContext, cov: Coverage) -> Markup:
    lang = page.lang
    head = tag(
        "tr",
        tag("th", page._("Part of the catalogue"), scope="col"),
        tag("th", _status_word(page, "translated"), scope="col"),
        tag("th", _status_word(page, "stale"), scope="col"),
        tag("th", _status_word(page, "missing"), scope="col"),
        tag("th", page._("Total"), scope="col"),
    )
    rows = []
    for kind, counts in cov.counts_by_kind().items():
        rows.append(
            tag(
                "tr",
                tag("th", _section_link(page, kind), scope="row"),
                [tag("td", lang.number(counts[s])) for s in ("translated", "stale", "missing")],
                tag("td", lang.number(sum(counts.values()))),
            )
        )
    totals = cov.counts
    rows.append(
        tag(
            "tr",
            tag("th", page._("All"), scope="row"),
            [tag("td", lang.number(totals[s])) for s in ("translated", "stale", "missing")],
            tag("td", lang.number(cov.total)),
            class_="mmssc-total",
        )
    )
    caption = page._("Translation coverage")
    return tag(
        "div",
        tag("table", tag("caption", caption), tag("thead", head), tag("tbody", rows)),
        class_="mmssc-table-wrap",
        tabindex="0",
        role="region",
        aria_label=caption,
    )


def _section_link(page: PageContext, kind: Kind) -> Markup:
    """A summary row's kind, linked to its section below."""
    return tag("a", _kind_title(page, kind), href=f"#coverage-{kind}")


def _language_in_page(page: PageContext, code: str) -> str:
    """The name of the language ``code`` as the page's language writes it in a sentence ("French" in
    English, "français" in French), else its own name."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(Locale.parse(page.lang.code.replace("-", "_")))
    except (ValueError, UnknownLocaleError):
        name = None
    return name or language_name(code)


def coverage_page(page: PageContext, cov: Coverage) -> Markup:
    """How much of the catalogue ``cov.language`` has: a summary, then every translatable text."""
    name = _language_in_page(page, cov.language)
    totals = cov.counts
    if cov.official is None:
        status = page._(
            "There is no translation of the catalogue into {language} yet: every text of the catalogue is shown "
            "in English.",
            language=name,
        )
    elif cov.official:
        status = page._("This is an official translation of the catalogue into {language}.", language=name)
    else:
        status = page._(
            "This translation of the catalogue into {language} is unofficial: it was made by the community, "
            "not published by ISO. The standard’s own text is the English.",
            language=name,
        )
    parts = [
        tag("p", status),
        tag(
            "p",
            page._(
                "Texts that are not translated, or whose English changed since they were translated (stale), are "
                "shown in English and marked as such."
            ),
        ),
        tag(
            "ul",
            tag("li", page.n_("{n} text is translated.", "{n} texts are translated.", totals["translated"])),
            tag(
                "li",
                page.n_(
                    "{n} text is stale: its English changed since it was translated.",
                    "{n} texts are stale: their English changed since they were translated.",
                    totals["stale"],
                ),
            ),
            tag(
                "li",
                page.n_("{n} text is not yet translated.", "{n} texts are not yet translated.", totals["missing"]),
            ),
        ),
        page.heading(2, page._("Summary"), id="coverage-summary"),
        _summary(page, cov),
        tag(
            "p",
            page._(
                "The design principles, the assessment methods and the references to other standards are not "
                "translatable yet: they are shown in English."
            ),
        ),
    ]
    by_kind: dict[Kind, list[CoverageRow]] = {}
    for row in cov.rows:
        by_kind.setdefault(row.kind, []).append(row)
    for kind, rows in by_kind.items():
        parts.append(page.heading(2, _kind_title(page, kind), id=f"coverage-{kind}"))
        parts.append(_table(page, cov, kind, rows))
    if cov.path:
        parts.append(
            tag(
                "p",
                page._m(
                    "The translation is kept in {path}, keyed by the catalogue’s IDs; {readme} explains how to "
                    "add or update a text.",
                    path=tag("code", cov.path),
                    readme=tag("code", "criteria/translations/README.md"),
                ),
            )
        )
    return join(parts)
