"""The catalogue's pages: overview, dimensions, sub-dimensions, characteristics, the full
Achievement Criteria Table, the model structure (Figure 2), levels, principles, how to assess."""

from __future__ import annotations

from collections.abc import Callable

from ..model.catalogue import Catalogue, Characteristic
from ..site import urls
from . import text as rich
from .context import PageContext
from .html import Markup, esc, join, tag
from .links import Here
from .pieces import characteristic_link, level_badge, support_list


def breadcrumbs(here: Here, catalogue: Catalogue, node_id: str) -> Markup:
    trail = [here.to(urls.CRITERIA_INDEX, "Criteria")]
    parts = node_id.split(".")
    for depth in range(1, len(parts)):
        ancestor = ".".join(parts[:depth])
        if ancestor in catalogue.dimensions or ancestor in catalogue.subdimensions:
            trail.append(here.to(urls.node(ancestor), f"{ancestor} {catalogue.node_name(ancestor)}"))
    return tag(
        "nav",
        tag("ol", [tag("li", item) for item in trail]),
        class_="mmssc-breadcrumbs",
        aria_label="Where this sits in the model",
    )


def criteria_index(page: PageContext) -> Markup:
    catalogue, here = page.catalogue, page.here
    n_chars = len(catalogue.characteristics)
    intro = tag(
        "p",
        f"The model has {len(catalogue.dimensions)} dimensions, {len(catalogue.subdimensions)} sub-dimensions "
        f"and {n_chars} characteristics. Each characteristic is described at {len(catalogue.levels)} maturity "
        f"levels, {n_chars * len(catalogue.levels)} achievement criteria in all. Read them by dimension below, "
        "all at once in the ",
        here.to(urls.CRITERIA_TABLE, "Achievement Criteria Table"),
        ", or as a picture in the ",
        here.to(urls.STRUCTURE, "model structure"),
        ".",
    )
    sections = []
    for dim in catalogue.dimensions.values():
        title = f"{dim.id}. {dim.name}"
        sections.append(page.heading(2, here.to(urls.dimension(dim.id), title), id=f"dimension-{dim.id}", title=title))
        sections.append(tag("p", dim.description))
        sections.append(_tree(page, dim.id))
    return join([intro, *sections])


def _tree(page: PageContext, dimension_id: str) -> Markup:
    catalogue, here = page.catalogue, page.here
    dim = catalogue.dimensions[dimension_id]
    if dim.subdimension_ids:
        items = []
        for sid in dim.subdimension_ids:
            sub = catalogue.subdimensions[sid]
            chars = [tag("li", characteristic_link(here, catalogue.characteristics[c])) for c in sub.characteristic_ids]
            items.append(
                tag(
                    "li",
                    here.to(urls.subdimension(sid), [tag("span", sid, class_="mmssc-id"), " ", sub.name]),
                    tag("ul", chars),
                )
            )
        return tag("ul", items, class_="mmssc-tree")
    return tag(
        "ul",
        [tag("li", characteristic_link(here, catalogue.characteristics[c])) for c in dim.characteristic_ids],
        class_="mmssc-tree",
    )


def dimension_page(page: PageContext, dimension_id: str) -> Markup:
    catalogue, here = page.catalogue, page.here
    dim = catalogue.dimensions[dimension_id]
    parts = [breadcrumbs(here, catalogue, dim.id), tag("p", dim.description)]
    if dim.subdimension_ids:
        parts.append(tag("h2", "Sub-dimensions and characteristics"))
    else:
        parts.append(tag("h2", "Characteristics"))
    parts.append(_tree(page, dim.id))
    parts.append(_supports_section(page, dim.id))
    return join(parts)


def subdimension_page(page: PageContext, subdimension_id: str) -> Markup:
    catalogue, here = page.catalogue, page.here
    sub = catalogue.subdimensions[subdimension_id]
    rows = []
    for cid in sub.characteristic_ids:
        ch = catalogue.characteristics[cid]
        rows.append(
            tag(
                "li",
                characteristic_link(here, ch),
                " — ",
                here.to(urls.LEVELS + f"#family-{ch.family_id}", catalogue.families[ch.family_id].name.lower()),
                " level definitions",
            )
        )
    parts = [
        breadcrumbs(here, catalogue, sub.id),
        tag(
            "p",
            f"Sub-dimension {sub.id} of dimension {sub.dimension_id}, ",
            here.to(urls.dimension(sub.dimension_id), catalogue.dimensions[sub.dimension_id].name),
            ". It groups these characteristics:",
        ),
        tag("ul", rows),
        _supports_section(page, sub.id),
    ]
    return join(parts)


def _supports_section(page: PageContext, node_id: str) -> Markup:
    catalogue = page.catalogue
    rows = [r for r in catalogue.references.supports if r.applies_to == node_id]
    if not rows:
        return Markup("")
    return join([tag("h2", "Standards that help"), support_list(page, rows)])


def _criterion_html(catalogue: Catalogue, ch: Characteristic, level: int) -> Markup:
    return rich.blocks(ch.criteria[level].blocks, ch.footnotes)


def included_levels(ch: Characteristic, level: int) -> list[int]:
    """The chain of lower levels a criterion includes.

    Level 5 → [4, 3] when 5 says "as at level 4" and 4 says "as at level 3"."""
    chain: list[int] = []
    current = ch.criteria[level].builds_on
    while current is not None and current not in chain and current < level:
        chain.append(current)
        current = ch.criteria[current].builds_on
    return chain


def characteristic_page(
    page: PageContext, cid: str, more: Callable[[PageContext, str], Markup] | None = None
) -> Markup:
    """A characteristic's five levels; ``more`` draws sections for the page's end (cities at each level)."""
    catalogue, here = page.catalogue, page.here
    ch = catalogue.characteristics[cid]
    family = catalogue.families[ch.family_id]
    where = [breadcrumbs(here, catalogue, ch.id)]
    facts = [
        tag("dt", "Identifier"),
        tag("dd", tag("span", ch.id, class_="mmssc-id")),
        tag("dt", "Sits in"),
        tag("dd", here.to(urls.node(ch.parent_id), f"{ch.parent_id} {catalogue.parent_name(ch)}")),
        tag("dt", "Level definitions"),
        tag(
            "dd",
            here.to(urls.LEVELS + f"#family-{family.id}", family.name),
            [" (assigned by this catalogue: see the ", here.to(urls.ERRATA + "#table-2-families", "errata"), ")"]
            if ch.family_decided
            else "",
        ),
    ]
    where.append(tag("dl", facts, class_="mmssc-facts"))
    where.append(
        tag(
            "nav",
            tag("ul", [tag("li", tag("a", level_badge(catalogue, n), href=f"#level-{n}")) for n in ch.criteria]),
            class_="mmssc-level-jump",
            aria_label="Jump to a level",
        )
    )
    sections = []
    for level in ch.criteria:
        label = f"Level {level}: {catalogue.levels[level].name}"
        body = [
            page.heading(2, level_badge(catalogue, level, label), id=f"level-{level}", title=label),
            tag("div", _criterion_html(catalogue, ch, level), class_="mmssc-criterion"),
        ]
        chain = included_levels(ch, level)
        if chain:
            whole = [
                tag("p", tag("strong", f"Level {n} ({catalogue.levels[n].name}):")) + _criterion_html(catalogue, ch, n)
                for n in chain
            ]
            summary = f"Everything level {level} requires: it includes level " + " and, through it, level ".join(
                str(n) for n in chain
            )
            body.append(tag("details", tag("summary", summary), join(whole), class_="mmssc-included"))
        body.append(
            tag(
                "p",
                tag("span", "Generic definition for this family: ", class_="mmssc-label"),
                family.definitions[level],
                class_="mmssc-generic",
            )
        )
        sections.append(tag("section", body, class_=f"mmssc-level-section mmssc-band-{level}"))
    parts = [
        *where,
        *sections,
        rich.footnote_list(ch.footnotes, lambda s: _cite(page, s)),
        where_next(page, ch),
        more(page, cid) if more is not None else "",
    ]
    return join(parts)


def _cite(page: PageContext, standard_id: str) -> Markup:
    catalogue, here = page.catalogue, page.here
    refs = catalogue.references
    if standard_id not in refs.standards:
        return esc(standard_id)
    return Markup("See ") + here.to(urls.standard(refs.standards[standard_id].slug), standard_id) + Markup(".")


def where_next(page: PageContext, ch: Characteristic) -> Markup:
    """Design principle 6 (action-oriented): from a gap straight to the standards that help."""
    catalogue, here, crossrefs = page.catalogue, page.here, page.crossrefs
    parts = [page.heading(2, "Where to go next", id="where-next")]
    rows = crossrefs.supports_for.get(ch.id, [])
    if rows:
        scope = catalogue.parent_name(ch)
        parts.append(
            tag(
                "p",
                f"Annex B lists these standards for improving “{scope}”:"
                if ch.subdimension_id
                else "Annex B lists these standards for the purposes of a sustainable community and for this purpose:",
            )
        )
        parts.append(support_list(page, rows))
    models = crossrefs.models_for.get(ch.id, [])
    if models:
        parts.append(tag("h3", "Related maturity models"))
        parts.append(tag("ul", [tag("li", here.to(urls.MODELS + f"#{m.id}", m.name)) for m in models]))
    functions = crossrefs.functions_for.get(ch.id, [])
    if functions:
        parts.append(tag("h3", "ISO 18091 local-government functions"))
        parts.append(
            tag(
                "ul",
                [
                    tag(
                        "li",
                        tag("span", f.code, class_="mmssc-id"),
                        " ",
                        f.name,
                        [" ", tag("em", "(code printed twice in Annex C, see errata)")] if f.conflict else "",
                    )
                    for f in functions
                ],
            )
        )
        parts.append(tag("p", here.to(urls.FUNCTIONS, "All ISO 18091 functions by purpose")))
    return join(parts)
