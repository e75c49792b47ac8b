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
            tag("th", "Characteristic", scope="col"),
            [tag("th", level_badge(catalogue, n), scope="col") for n in catalogue.levels],
        ),
    )
    body_rows = []
    for dim in catalogue.dimensions.values():
        body_rows.append(
            tag(
                "tr",
                tag("th", here.to(urls.dimension(dim.id), f"{dim.id}. {dim.name}"), colspan=6, scope="colgroup"),
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
                            here.to(urls.subdimension(sid), f"{sid} {catalogue.subdimensions[sid].name}"),
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
                        tag("span", f"Level {n}: {catalogue.levels[n].name}", class_="mmssc-cell-label"),
                        rich.blocks(ch.criteria[n].blocks, ch.footnotes, anchor_prefix=f"fn-{ch.slug}"),
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
        tag("caption", "Annex A: the Achievement Criteria Table (all characteristics, all levels)"),
        head,
        tag("tbody", body_rows),
    )
    return join(
        [
            tag(
                "p",
                "Every achievement criterion of the model on one page, as in Annex A. On a phone each characteristic "
                "becomes a card; when printed the table is laid out landscape. Select a characteristic to see its "
                "levels in full, including what each “As at level N” includes.",
            ),
            tag(
                "div",
                table,
                class_="mmssc-table-wrap mmssc-criteria-table",
                tabindex="0",
                role="region",
                aria_label="Achievement Criteria Table",
            ),
            tag("section", tag("h2", "Notes"), tag("ul", notes), class_="mmssc-footnotes") if notes else "",
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
        kind = "Smart enablers" if dim.kind == "smart-enablers" else "Purposes"
        columns.append(
            tag(
                "li",
                tag(
                    "h2",
                    tag("span", kind, class_="mmssc-kind"),
                    here.to(urls.dimension(dim.id), f"{dim.id}. {dim.name}"),
                ),
                tag("ul", inner),
                class_=f"mmssc-structure-dim mmssc-structure-{dim.kind}",
            )
        )
    counts = tag(
        "p",
        f"{len(catalogue.dimensions)} dimensions → {len(catalogue.subdimensions)} sub-dimensions → "
        f"{len(catalogue.characteristics)} characteristics. Dimensions 1–3 hold the smart enablers; dimension 4 "
        "holds the purposes of a sustainable community, which sit directly under it. This redraws the source's "
        "Figure 2 (missing from the text) from the catalogue data.",
    )
    return join([counts, tag("ul", columns, class_="mmssc-structure", aria_label="Model structure")])


def levels_page(page: PageContext) -> Markup:
    catalogue, here = page.catalogue, page.here
    parts = [
        tag(
            "p",
            "Every characteristic is assessed on the same five levels. Table 2 of the source defines each level "
            "in one of three ways, depending on what the characteristic is about; every characteristic page shows "
            "its family's definition beside each criterion.",
        )
    ]
    parts.append(tag("ol", [tag("li", level_badge(catalogue, n)) for n in catalogue.levels], class_="mmssc-level-list"))
    head = tag(
        "thead",
        tag(
            "tr",
            tag("th", "Level", scope="col"),
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
                tag("caption", "Table 2: definitions for the five levels of maturity"),
                head,
                tag("tbody", rows),
            ),
            class_="mmssc-table-wrap",
            tabindex="0",
            role="region",
            aria_label="Table 2",
        )
    )
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
                        [
                            " ",
                            tag("em", "(assigned by this catalogue, see the "),
                            here.to(urls.ERRATA + "#table-2-families", "errata"),
                            tag("em", ")"),
                        ]
                        if c.family_decided
                        else "",
                    )
                    for c in members
                ],
            )
        )
    return join(parts)


def principles_page(page: PageContext) -> Markup:
    catalogue = page.catalogue
    items = [
        tag("section", page.heading(2, f"{p.number}. {p.name}", id=f"principle-{p.number}"), rich.blocks(p.description))
        for p in catalogue.principles
    ]
    return join(
        [tag("p", "Table 1 of the source: the MMSSC should be…"), *items, tag("p", catalogue.principles_introduction)]
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
            tag("td", _scale(m.confidence, "confidence")),
            tag("td", _scale(m.cost, "cost and complexity")),
        )
        for m in methods
    ]
    return join(
        [
            tag("h2", "Now, and in two years"),
            tag("p", "For each characteristic, decide which level's criteria best describe the community:"),
            tag("ul", [tag("li", guide.now), tag("li", guide.in_two_years)]),
            tag("p", guide.purpose),
            tag(
                "p",
                "Read the criteria of each characteristic in the ",
                here.to(urls.CRITERIA_TABLE, "Achievement Criteria Table"),
                ". To publish a city's assessment on this site, see ",
                here.to("contribute/", "Contribute an assessment"),
                ".",
            ),
            tag("h2", "Five ways to gather evidence"),
            tag(
                "p",
                "Figure 3 of the source orders the methods by the confidence they give in the result, and by their "
                "cost and complexity (both rise together):",
            ),
            tag(
                "div",
                tag(
                    "table",
                    tag("caption", "Assessment methods (Figure 3), from least to most confidence"),
                    tag(
                        "thead",
                        tag(
                            "tr",
                            tag("th", "Method", scope="col"),
                            tag("th", "What it is", scope="col"),
                            tag("th", "Confidence", scope="col"),
                            tag("th", "Cost and complexity", scope="col"),
                        ),
                    ),
                    tag("tbody", rows),
                ),
                class_="mmssc-table-wrap",
                tabindex="0",
                role="region",
                aria_label="Assessment methods",
            ),
            tag("p", guide.stakeholder_views),
            tag("h2", "Using the model in the PDCA cycle"),
            tag("p", guide.pdca_introduction),
            tag("p", "Figure 4, “How the MMSSC can help”:"),
            tag("ul", [tag("li", u) for u in guide.pdca_uses]),
            tag("p", guide.pdca_closing),
        ]
    )


def _scale(value: int, what: str) -> Markup:
    return tag(
        "span",
        tag("span", "●" * value + "○" * (5 - value), aria_hidden="true"),
        tag("span", f" {value} of 5", class_="mmssc-scale-text"),
        class_="mmssc-scale",
        title=f"{what}: {value} of 5",
    )
