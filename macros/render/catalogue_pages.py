"""The catalogue's pages: overview, dimensions, sub-dimensions, characteristics, the full
Achievement Criteria Table, the model structure (Figure 2), levels, principles, how to assess."""

from __future__ import annotations

from collections.abc import Callable

from ..model.catalogue import Characteristic
from ..model.text import Untranslated
from ..site import urls
from . import text as rich
from .context import PageContext
from .html import Markup, esc, join, tag
from .pieces import characteristic_link, included_summary, level_badge, support_list


def breadcrumbs(page: PageContext, node_id: str) -> Markup:
    catalogue, here = page.catalogue, page.here
    trail = [here.to(urls.CRITERIA_INDEX, page._("Criteria"))]
    parts = node_id.split(".")
    for depth in range(1, len(parts)):
        ancestor = ".".join(parts[:depth])
        if ancestor in catalogue.dimensions or ancestor in catalogue.subdimensions:
            trail.append(here.to(urls.node(ancestor), [ancestor, " ", catalogue.node_name(ancestor)]))
    return tag(
        "nav",
        tag("ol", [tag("li", item) for item in trail]),
        class_="mmssc-breadcrumbs",
        aria_label=page._("Where this sits in the model"),
    )


def criteria_index(page: PageContext) -> Markup:
    catalogue, here = page.catalogue, page.here
    n_dims, n_subs = len(catalogue.dimensions), len(catalogue.subdimensions)
    n_chars, n_levels = len(catalogue.characteristics), len(catalogue.levels)
    # Translators: each {…} is a counted phrase translated on its own ("4 dimensions")
    parts = page._(
        "The model has {dimensions}, {subdimensions} and {characteristics}.",
        dimensions=page.n_("{n} dimension", "{n} dimensions", n_dims),
        subdimensions=page.n_("{n} sub-dimension", "{n} sub-dimensions", n_subs),
        characteristics=page.n_("{n} characteristic", "{n} characteristics", n_chars),
    )
    # Translators: {levels} is a counted phrase ("5 maturity levels"), so is {criteria} ("160 achievement criteria")
    levels = page._(
        "Each characteristic is described at {levels}, {criteria} in all.",
        levels=page.n_("{n} maturity level", "{n} maturity levels", n_levels),
        criteria=page.n_("{n} achievement criterion", "{n} achievement criteria", n_chars * n_levels),
    )
    where = page._m(
        "Read them by dimension below, all at once in the {table}, or as a picture in the {structure}.",
        table=here.to(urls.CRITERIA_TABLE, page._("Achievement Criteria Table")),
        structure=here.to(urls.STRUCTURE, page._("model structure")),
    )
    intro = tag("p", parts, " ", levels, " ", where)
    sections = []
    for dim in catalogue.dimensions.values():
        title = f"{dim.id}. {dim.name}"
        heading = here.to(urls.dimension(dim.id), [dim.id, ". ", dim.name])
        sections.append(page.heading(2, heading, id=f"dimension-{dim.id}", title=title))
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
    catalogue = page.catalogue
    dim = catalogue.dimensions[dimension_id]
    parts = [breadcrumbs(page, dim.id), tag("p", dim.description)]
    if dim.subdimension_ids:
        parts.append(tag("h2", page._("Sub-dimensions and characteristics")))
    else:
        parts.append(tag("h2", page._("Characteristics")))
    parts.append(_tree(page, dim.id))
    parts.append(_supports_section(page, dim.id))
    return join(parts)


def subdimension_page(page: PageContext, subdimension_id: str) -> Markup:
    catalogue, here = page.catalogue, page.here
    sub = catalogue.subdimensions[subdimension_id]
    rows = []
    for cid in sub.characteristic_ids:
        ch = catalogue.characteristics[cid]
        family = here.to(urls.LEVELS + f"#family-{ch.family_id}", _lower(catalogue.families[ch.family_id].name))
        rows.append(
            tag(
                "li",
                characteristic_link(here, ch),
                " — ",
                # Translators: {family} is a family of level definitions, in lower case ("technology")
                page._m("{family} level definitions", family=family),
            )
        )
    parts = [
        breadcrumbs(page, sub.id),
        tag(
            "p",
            page._m(
                "Sub-dimension {subdimension} of dimension {dimension}, {name}. It groups these characteristics:",
                subdimension=sub.id,
                dimension=sub.dimension_id,
                name=here.to(urls.dimension(sub.dimension_id), catalogue.dimensions[sub.dimension_id].name),
            ),
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
    return join([tag("h2", page._("Standards that help")), support_list(page, rows)])


def _lower(name: str) -> str:
    """A name in lower case inside a sentence, still marked when it is shown in English."""
    return Untranslated(name.lower()) if type(name) is Untranslated else name.lower()


def _criterion_html(page: PageContext, ch: Characteristic, level: int) -> Markup:
    return rich.blocks(ch.criteria[level].blocks, ch.footnotes, lang=page.lang)


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
    where = [breadcrumbs(page, ch.id)]
    errata = here.to(urls.ERRATA + "#table-2-families", page._("errata"))
    facts = [
        tag("dt", page._("Identifier")),
        tag("dd", tag("span", ch.id, class_="mmssc-id")),
        tag("dt", page._("Sits in")),
        tag("dd", here.to(urls.node(ch.parent_id), [ch.parent_id, " ", catalogue.parent_name(ch)])),
        tag("dt", page._("Level definitions")),
        tag(
            "dd",
            here.to(urls.LEVELS + f"#family-{family.id}", family.name),
            [" ", page._m("(assigned by this catalogue: see the {errata})", errata=errata)]
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
            aria_label=page._("Jump to a level"),
        )
    )
    sections = []
    for level in ch.criteria:
        name = catalogue.levels[level].name
        title = page._("Level {level}: {name}", level=level, name=name)
        label = page._m("Level {level}: {name}", level=level, name=name)  # keeps an untranslated name marked
        body = [
            page.heading(2, level_badge(catalogue, level, label), id=f"level-{level}", title=title),
            tag("div", _criterion_html(page, ch, level), class_="mmssc-criterion"),
        ]
        chain = included_levels(ch, level)
        if chain:
            whole = [
                tag("p", tag("strong", page._m("Level {level} ({name}):", level=n, name=catalogue.levels[n].name)))
                + _criterion_html(page, ch, n)
                for n in chain
            ]
            body.append(
                tag(
                    "details",
                    tag("summary", included_summary(page, level, chain)),
                    join(whole),
                    class_="mmssc-included",
                )
            )
        body.append(
            tag(
                "p",
                tag("span", page._("Generic definition for this family:"), " ", class_="mmssc-label"),
                family.definitions[level],
                class_="mmssc-generic",
            )
        )
        sections.append(tag("section", body, class_=f"mmssc-level-section mmssc-band-{level}"))
    parts = [
        *where,
        *sections,
        rich.footnote_list(ch.footnotes, lambda s: _cite(page, s), lang=page.lang),
        where_next(page, ch),
        more(page, cid) if more is not None else "",
    ]
    return join(parts)


def _cite(page: PageContext, standard_id: str) -> Markup:
    catalogue, here = page.catalogue, page.here
    refs = catalogue.references
    if standard_id not in refs.standards:
        return esc(standard_id)
    return page._m("See {standard}.", standard=here.to(urls.standard(refs.standards[standard_id].slug), standard_id))


def where_next(page: PageContext, ch: Characteristic) -> Markup:
    """Design principle 6 (action-oriented): from a gap straight to the standards that help."""
    catalogue, here, crossrefs = page.catalogue, page.here, page.crossrefs
    parts = [page.heading(2, page._("Where to go next"), id="where-next")]
    rows = crossrefs.supports_for.get(ch.id, [])
    if rows:
        parts.append(
            tag(
                "p",
                page._m("Annex B lists these standards for improving “{scope}”:", scope=catalogue.parent_name(ch))
                if ch.subdimension_id
                else page._(
                    "Annex B lists these standards for the purposes of a sustainable community and for this purpose:"
                ),
            )
        )
        parts.append(support_list(page, rows))
    models = crossrefs.models_for.get(ch.id, [])
    if models:
        parts.append(tag("h3", page._("Related maturity models")))
        parts.append(tag("ul", [tag("li", here.to(urls.MODELS + f"#{m.id}", m.name)) for m in models]))
    functions = crossrefs.functions_for.get(ch.id, [])
    if functions:
        parts.append(tag("h3", page._("ISO 18091 local-government functions")))
        parts.append(
            tag(
                "ul",
                [
                    tag(
                        "li",
                        tag("span", f.code, class_="mmssc-id"),
                        " ",
                        f.name,
                        [" ", tag("em", page._("(code printed twice in Annex C, see errata)"))] if f.conflict else "",
                    )
                    for f in functions
                ],
            )
        )
        parts.append(tag("p", here.to(urls.FUNCTIONS, page._("All ISO 18091 functions by purpose"))))
    return join(parts)
