"""Pages about the model as a whole: the Achievement Criteria Table (Annex A), the model's
structure (Figure 2), the levels and Table 2's families, the design principles (Table 1) and
how to assess (clause 5)."""

from __future__ import annotations

from ..site import urls
from . import text as rich
from .context import PageContext
from .html import Markup, join, tag
from .pieces import characteristic_link, level_badge


def criteria_table(page: PageContext) -> Markup:
    catalogue, here = page.catalogue, page.here
    head = tag(
        "thead",
        tag(
            "tr",
            tag("th", page._("Characteristic"), scope="col"),
            [tag("th", level_badge(catalogue, n), scope="col") for n in catalogue.levels],
        ),
    )
    body_rows = []
    for dim in catalogue.dimensions.values():
        body_rows.append(
            tag(
                "tr",
                tag("th", here.to(urls.dimension(dim.id), [dim.id, ". ", dim.name]), colspan=6, scope="colgroup"),
                class_="mmssc-row-dimension",
            )
        )
        groups: list[tuple[str | None, list[str]]] = [
            (sid, catalogue.subdimensions[sid].characteristic_ids) for sid in dim.subdimension_ids
        ] or [(None, dim.characteristic_ids)]
        for sid, cids in groups:
            if sid:
                body_rows.append(
                    tag(
                        "tr",
                        tag(
                            "th",
                            here.to(urls.subdimension(sid), [sid, " ", catalogue.subdimensions[sid].name]),
                            colspan=6,
                            scope="colgroup",
                        ),
                        class_="mmssc-row-subdimension",
                    )
                )
            for cid in cids:
                ch = catalogue.characteristics[cid]
                cells = [
                    tag(
                        "td",
                        tag(
                            "span",
                            page._m("Level {level}: {name}", level=n, name=catalogue.levels[n].name),
                            class_="mmssc-cell-label",
                        ),
                        rich.blocks(ch.criteria[n].blocks, ch.footnotes, anchor_prefix=f"fn-{ch.slug}", lang=page.lang),
                        class_=f"mmssc-band-{n}",
                    )
                    for n in ch.criteria
                ]
                body_rows.append(
                    tag("tr", tag("th", characteristic_link(here, ch), scope="row"), cells, id=f"c-{ch.slug}")
                )
    notes = []
    for ch in catalogue.characteristics.values():
        for key, note in ch.footnotes.items():
            notes.append(tag("li", tag("strong", ch.id), " ", note.text, id=f"fn-{ch.slug}-{key}"))
    table = tag(
        "table",
        tag("caption", page._("Annex A: the Achievement Criteria Table (all characteristics, all levels)")),
        head,
        tag("tbody", body_rows),
    )
    return join(
        [
            tag(
                "p",
                page._(
                    "Every achievement criterion of the model on one page, as in Annex A. On a phone each "
                    "characteristic becomes a card; when printed the table is laid out landscape. Select a "
                    "characteristic to see its levels in full, including what each “As at level N” includes."
                ),
            ),
            tag(
                "div",
                table,
                class_="mmssc-table-wrap mmssc-criteria-table",
                tabindex="0",
                role="region",
                aria_label=page._("Achievement Criteria Table"),
            ),
            tag("section", tag("h2", page._("Notes")), tag("ul", notes), class_="mmssc-footnotes") if notes else "",
        ]
    )


def structure_page(page: PageContext) -> Markup:
    """Figure 2 (missing from the source export) redrawn from the data: HTML and CSS, no JavaScript."""
    catalogue, here = page.catalogue, page.here
    columns = []
    for dim in catalogue.dimensions.values():
        if dim.subdimension_ids:
            inner = [
                tag(
                    "li",
                    tag(
                        "h3",
                        here.to(
                            urls.subdimension(sid),
                            [tag("span", sid, class_="mmssc-id"), " ", catalogue.subdimensions[sid].name],
                        ),
                    ),
                    tag(
                        "ul",
                        [
                            tag("li", characteristic_link(here, catalogue.characteristics[c]))
                            for c in catalogue.subdimensions[sid].characteristic_ids
                        ],
                    ),
                    class_="mmssc-structure-sub",
                )
                for sid in dim.subdimension_ids
            ]
        else:
            inner = [
                tag("li", characteristic_link(here, catalogue.characteristics[c]), class_="mmssc-structure-sub")
                for c in dim.characteristic_ids
            ]
        kind = page._("Smart enablers") if dim.kind == "smart-enablers" else page._("Purposes")
        columns.append(
            tag(
                "li",
                tag(
                    "h2",
                    tag("span", kind, class_="mmssc-kind"),
                    here.to(urls.dimension(dim.id), [dim.id, ". ", dim.name]),
                ),
                tag("ul", inner),
                class_=f"mmssc-structure-dim mmssc-structure-{dim.kind}",
            )
        )
    # Translators: each {…} is a counted phrase translated on its own ("4 dimensions")
    chain = page._(
        "{dimensions} → {subdimensions} → {characteristics}.",
        dimensions=page.n_("{n} dimension", "{n} dimensions", len(catalogue.dimensions)),
        subdimensions=page.n_("{n} sub-dimension", "{n} sub-dimensions", len(catalogue.subdimensions)),
        characteristics=page.n_("{n} characteristic", "{n} characteristics", len(catalogue.characteristics)),
    )
    about = page._(
        "Dimensions 1–3 hold the smart enablers; dimension 4 holds the purposes of a sustainable community, "
        "which sit directly under it. This redraws the source's Figure 2 (missing from the text) from the "
        "catalogue data."
    )
    counts = tag("p", chain, " ", about)
    return join([counts, tag("ul", columns, class_="mmssc-structure", aria_label=page._("Model structure"))])


def levels_page(page: PageContext) -> Markup:
    catalogue, here = page.catalogue, page.here
    parts = [
        tag(
            "p",
            page._(
                "Every characteristic is assessed on the same five levels. Table 2 of the source defines each level "
                "in one of three ways, depending on what the characteristic is about; every characteristic page "
                "shows its family's definition beside each criterion."
            ),
        )
    ]
    parts.append(tag("ol", [tag("li", level_badge(catalogue, n)) for n in catalogue.levels], class_="mmssc-level-list"))
    head = tag(
        "thead",
        tag(
            "tr",
            tag("th", page._("Level"), scope="col"),
            [
                tag("th", here.to(f"{urls.LEVELS}#family-{f.id}", f.name), scope="col")
                for f in catalogue.families.values()
            ],
        ),
    )
    rows = [
        tag(
            "tr",
            tag("th", level_badge(catalogue, n), scope="row"),
            [tag("td", f.definitions[n]) for f in catalogue.families.values()],
        )
        for n in catalogue.levels
    ]
    parts.append(
        tag(
            "div",
            tag(
                "table",
                tag("caption", page._("Table 2: definitions for the five levels of maturity")),
                head,
                tag("tbody", rows),
            ),
            class_="mmssc-table-wrap",
            tabindex="0",
            role="region",
            aria_label=page._("Table 2"),
        )
    )
    errata = here.to(urls.ERRATA + "#table-2-families", page._("errata"))
    for fam in catalogue.families.values():
        members = [c for c in catalogue.characteristics.values() if c.family_id == fam.id]
        parts.append(page.heading(2, fam.name, id=f"family-{fam.id}"))
        parts.append(tag("p", fam.applies_to, ":"))
        parts.append(
            tag(
                "ul",
                [
                    tag(
                        "li",
                        characteristic_link(here, c),
                        [" ", _assigned(page, errata)] if c.family_decided else "",
                    )
                    for c in members
                ],
            )
        )
    return join(parts)


def _assigned(page: PageContext, errata: Markup) -> Markup:
    """A note that the catalogue, not the source, gave a characteristic its family: the words in
    italics, the link to the errata upright (``{errata}`` splits the sentence's emphasis in two)."""
    before, _, after = page._("(assigned by this catalogue, see the {errata})").partition("{errata}")
    return join([tag("em", before) if before else "", errata, tag("em", after) if after else ""])


def principles_page(page: PageContext) -> Markup:
    catalogue = page.catalogue
    items = [
        tag(
            "section",
            page.heading(2, [str(p.number), ". ", p.name], id=f"principle-{p.number}", title=f"{p.number}. {p.name}"),
            rich.blocks(p.description, lang=page.lang),
        )
        for p in catalogue.principles
    ]
    return join(
        [
            tag("p", page._("Table 1 of the source: the MMSSC should be…")),
            *items,
            tag("p", catalogue.principles_introduction),
        ]
    )


def how_to_assess_page(page: PageContext) -> Markup:
    catalogue, here = page.catalogue, page.here
    guide = catalogue.guide
    methods = sorted(catalogue.methods.values(), key=lambda m: m.confidence)
    rows = [
        tag(
            "tr",
            tag("th", m.name, scope="row", id=f"method-{m.id}"),
            tag("td", m.description),
            tag("td", _scale(page, m.confidence, page._("confidence"))),
            tag("td", _scale(page, m.cost, page._("cost and complexity"))),
        )
        for m in methods
    ]
    return join(
        [
            tag("h2", page._("Now, and in two years")),
            tag("p", page._("For each characteristic, decide which level's criteria best describe the community:")),
            tag("ul", [tag("li", guide.now), tag("li", guide.in_two_years)]),
            tag("p", guide.purpose),
            tag(
                "p",
                page._m(
                    "Read the criteria of each characteristic in the {table}.",
                    table=here.to(urls.CRITERIA_TABLE, page._("Achievement Criteria Table")),
                ),
                " ",
                page._m(
                    "To publish a city's assessment on this site, see {contribute}.",
                    contribute=here.to("contribute/", page._("Contribute an assessment")),
                ),
            ),
            tag("h2", page._("Five ways to gather evidence")),
            tag(
                "p",
                page._(
                    "Figure 3 of the source orders the methods by the confidence they give in the result, and by "
                    "their cost and complexity (both rise together):"
                ),
            ),
            tag(
                "div",
                tag(
                    "table",
                    tag("caption", page._("Assessment methods (Figure 3), from least to most confidence")),
                    tag(
                        "thead",
                        tag(
                            "tr",
                            tag("th", page._("Method"), scope="col"),
                            tag("th", page._("What it is"), scope="col"),
                            tag("th", page._("Confidence"), scope="col"),
                            tag("th", page._("Cost and complexity"), scope="col"),
                        ),
                    ),
                    tag("tbody", rows),
                ),
                class_="mmssc-table-wrap",
                tabindex="0",
                role="region",
                aria_label=page._("Assessment methods"),
            ),
            tag("p", guide.stakeholder_views),
            tag("h2", page._("Using the model in the PDCA cycle")),
            tag("p", guide.pdca_introduction),
            tag("p", page._("Figure 4, “How the MMSSC can help”:")),
            tag("ul", [tag("li", u) for u in guide.pdca_uses]),
            tag("p", guide.pdca_closing),
        ]
    )


def _scale(page: PageContext, value: int, what: str) -> Markup:
    """A method's rating on a scale of five: dots for the eye, words for screen readers and the tooltip."""
    return tag(
        "span",
        tag("span", "●" * value + "○" * (5 - value), aria_hidden="true"),
        tag("span", " ", page._("{value} of 5", value=value), class_="mmssc-scale-text"),
        class_="mmssc-scale",
        # Translators: {what} is "confidence" or "cost and complexity"
        title=page._("{what}: {value} of 5", what=what, value=value),
    )
