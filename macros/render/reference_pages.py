"""Pages for the cross-references: standards (index and one page each), ISO 18091 functions,
related maturity models, and the errata of the source text."""

from __future__ import annotations

from ..model.references import Standard
from ..site import urls
from . import text as rich
from .context import PageContext
from .html import Markup, join, link, tag
from .pieces import characteristic_link, level_badge


def standards_index(page: PageContext) -> Markup:
    catalogue, here, crossrefs = page.catalogue, page.here, page.crossrefs
    refs = catalogue.references
    rows = []
    for std in refs.standards.values():
        n = len(crossrefs.characteristics_for[std.id])
        rows.append(
            tag(
                "tr",
                tag("th", here.to(urls.standard(std.slug), std.id), scope="row"),
                tag("td", std.title),
                tag("td", page.n_("{n} characteristic", "{n} characteristics", n) if n else "—"),
            )
        )
    return join(
        [
            tag(
                "p",
                page._(
                    "Design principle 6: any gap the model finds should lead straight to practical advice in "
                    "International Standards. These are the standards the MMSSC names (Table 3 and Annex B), with "
                    "every part of the model each one supports, computed from Annex B."
                ),
            ),
            tag(
                "div",
                tag(
                    "table",
                    tag("caption", page._("Standards named by the MMSSC")),
                    tag(
                        "thead",
                        tag(
                            "tr",
                            tag("th", page._("Standard"), scope="col"),
                            tag("th", page._("Title"), scope="col"),
                            tag("th", page._("Supports"), scope="col"),
                        ),
                    ),
                    tag("tbody", rows),
                ),
                class_="mmssc-table-wrap",
                tabindex="0",
                role="region",
                aria_label=page._("Standards"),
            ),
            tag(
                "p",
                page._m(
                    "See also: {functions} and {models}.",
                    functions=here.to(urls.FUNCTIONS, page._("ISO 18091 local-government functions by purpose")),
                    models=here.to(urls.MODELS, page._("other maturity models")),
                ),
            ),
        ]
    )


def standard_page(page: PageContext, std: Standard) -> Markup:
    catalogue, here, crossrefs = page.catalogue, page.here, page.crossrefs
    refs = catalogue.references
    errata = here.to(urls.ERRATA, page._("errata"))
    facts = [
        tag("dt", page._("Title")),
        tag(
            "dd",
            std.title,
            " ",
            tag("em", page._("(as printed in the MMSSC)") if std.title_from_source else page._("(published title)")),
        ),
        tag("dt", page._("What the MMSSC says")),
        tag("dd", std.description, " ", tag("em", "(", std.description_source, ")")),
    ]
    if std.misprinted_as:
        facts += [
            tag("dt", page._("Misprinted in the source as")),
            tag(
                "dd",
                ", ".join(page.lang.quoted(m) for m in std.misprinted_as),
                " — ",
                page._m("see {errata}", errata=errata),
            ),
        ]
    if std.cited_in:
        facts += [tag("dt", page._("Cited by the MMSSC in")), tag("dd", join(std.cited_in, page.lang.semicolon))]
    if std.url:
        facts += [tag("dt", page._("Catalogue entry")), tag("dd", link(std.url, std.url))]
    parts = [tag("dl", facts, class_="mmssc-facts")]
    rows = crossrefs.rows_citing[std.id]
    if rows:
        parts.append(tag("h2", page._("What it helps with (Annex B)")))
        items = []
        for row in rows:
            target = here.to(urls.node(row.applies_to), [row.applies_to, " ", catalogue.node_name(row.applies_to)])
            items.append(
                tag("li", tag("strong", target), [" — ", tag("em", row.part)] if row.part else "", tag("br"), row.text)
            )
        parts.append(tag("ul", items, class_="mmssc-supports"))
    cids = crossrefs.characteristics_for[std.id]
    if cids:
        parts.append(tag("h2", page._("Characteristics it supports ({n})", n=page.lang.number(len(cids)))))
        parts.append(tag("ul", [tag("li", characteristic_link(here, catalogue.characteristics[c])) for c in cids]))
    notes = crossrefs.footnoted_in[std.id]
    if notes:
        parts.append(tag("h2", page._("Cited in the criteria")))
        footnote = page._("(footnote)")
        parts.append(
            tag(
                "ul", [tag("li", characteristic_link(here, catalogue.characteristics[c]), " ", footnote) for c in notes]
            )
        )
    models = [m for m in refs.models if m.standard == std.id]
    for m in models:
        parts.append(
            tag(
                "p",
                page._m(
                    "Its own maturity model is compared with the MMSSC on {models}.",
                    models=here.to(urls.MODELS + f"#{m.id}", page._("related maturity models")),
                ),
            )
        )
    if std.id == "ISO 18091":
        parts.append(tag("p", here.to(urls.FUNCTIONS, page._("Its local-government functions, by purpose (Annex C)"))))
    if not (rows or notes or models):
        parts.append(
            tag(
                "p",
                page._(
                    "Annex B does not map this standard to a particular part of the model: the MMSSC cites it for "
                    "the model as a whole."
                ),
            )
        )
    return join(parts)


def functions_page(page: PageContext) -> Markup:
    catalogue, here = page.catalogue, page.here
    refs = catalogue.references
    parts = [tag("p", refs.functions_introduction)]
    purposes = [c for c in catalogue.characteristics.values() if c.subdimension_id is None]
    errata = here.to(urls.ERRATA, page._("errata"))
    for purpose in purposes:
        rows = [f for f in refs.functions if f.purpose == purpose.id]
        parts.append(
            page.heading(
                2,
                characteristic_link(here, purpose),
                id=f"purpose-{purpose.slug}",
                title=f"{purpose.id} {purpose.name}",
            )
        )
        items = []
        for f in rows:
            notes: list[str] = []
            if f.printed_as:
                notes.append(page._("printed as “{code}”", code=f.printed_as))
            if f.conflict:
                notes.append(f.conflict)
            items.append(
                tag(
                    "tr",
                    tag("td", tag("span", f.code, class_="mmssc-id")),
                    tag("td", f.name),
                    tag(
                        "td",
                        join([tag("span", n) for n in notes], page.lang.semicolon) if notes else "",
                        [" (", errata, ")"] if notes else "",
                    ),
                )
            )
        parts.append(
            tag(
                "table",
                tag("caption", page._m("ISO 18091 functions for {name}", name=purpose.name)),
                tag(
                    "thead",
                    tag(
                        "tr",
                        tag("th", page._("Code"), scope="col"),
                        tag("th", page._("Function"), scope="col"),
                        tag("th", page._("Note"), scope="col"),
                    ),
                ),
                tag("tbody", items),
            )
        )
    return join(parts)


def models_page(page: PageContext) -> Markup:
    catalogue, here = page.catalogue, page.here
    refs = catalogue.references
    parts = [rich.blocks(refs.models_introduction, lang=page.lang)]
    for m in refs.models:
        targets = [here.to(urls.node(t), [t, " ", catalogue.node_name(t)]) for t in m.connects_to]
        rows = [
            tag(
                "tr",
                tag("th", lc.level, scope="row"),
                tag("td", lc.description or "—"),
                tag("td", join([level_badge(catalogue, n) for n in lc.mmssc_levels], " ")),
            )
            for lc in m.level_correspondence
        ]
        parts += [
            page.heading(2, m.name, id=m.id),
            tag("p", tag("strong", page._("Connects to:"), " "), join(targets, ", ")),
            tag("h3", page._("Point of inter-connection")),
            rich.blocks(m.connection, lang=page.lang),
            tag("h3", page._("How to use it with the MMSSC")),
            rich.blocks(m.how_to_use, lang=page.lang),
            tag("h3", page._("Level correspondence")),
            tag(
                "table",
                tag("caption", page._m("{model}: levels and the MMSSC levels they correspond to", model=m.name)),
                tag(
                    "thead",
                    tag(
                        "tr",
                        tag("th", page._("Its level"), scope="col"),
                        tag("th", page._("Meaning"), scope="col"),
                        tag("th", page._("MMSSC level"), scope="col"),
                    ),
                ),
                tag("tbody", rows),
            ),
            tag("p", tag("em", m.correspondence_note)) if m.correspondence_note else Markup(""),
        ]
        if m.standard:
            standard = here.to(urls.standard(refs.standards[m.standard].slug), m.standard)
            parts.append(tag("p", page._m("Standard: {standard}", standard=standard)))
    return join(parts)


def errata_page(page: PageContext) -> Markup:
    catalogue = page.catalogue
    refs = catalogue.references
    parts = [
        tag(
            "p",
            page._(
                "The source text of the MMSSC (a draft exported from Word) contains inconsistencies. The catalogue "
                "never corrects them silently: each one is listed here with the source's own words and what this "
                "catalogue does about it. Criteria texts stay verbatim even where they contain a slip."
            ),
        )
    ]
    toc = tag("ol", [tag("li", tag("a", e.title, href=f"#{e.id}")) for e in refs.errata])
    parts.append(tag("nav", toc, aria_label=page._("Errata list")))
    for e in refs.errata:
        parts.append(
            tag(
                "section",
                page.heading(2, e.title, id=e.id),
                tag(
                    "dl",
                    tag("dt", page._("Where")),
                    tag("dd", e.where),
                    tag("dt", page._("The source says")),
                    tag("dd", tag("blockquote", e.source_says)),
                    tag("dt", page._("What the catalogue does")),
                    tag("dd", e.resolution),
                    class_="mmssc-facts",
                ),
            )
        )
    return join(parts)
