"""The self-assessment form's part per characteristic: its five criteria (and the whole requirement
of each cumulative level), the levels now and in two years or "not assessed", the justification,
evidence rows and the stakeholder groups' levels."""

from __future__ import annotations

from ..model.catalogue import Characteristic
from ..model.text import Untranslated
from ..site import urls
from . import text as rich
from .catalogue_pages import included_levels
from .context import PageContext
from .form_fields import error_slot, field_id, select, textarea
from .html import Content, Markup, join, tag
from .pieces import included_summary, level_badge


def _level_options(page: PageContext) -> list[tuple[str, str]]:
    """ "3 Integrated": the number and the level's name (English as a whole when the name is)."""
    return [(str(n), _numbered(n, level.name)) for n, level in page.catalogue.levels.items()]


def _numbered(n: int, name: str) -> str:
    text = f"{n} {name}"
    return Untranslated(text) if type(name) is Untranslated else text


def _criteria(page: PageContext, ch: Characteristic) -> Markup:
    """The five levels' criteria, each with the whole requirement of a cumulative level."""
    catalogue = page.catalogue
    prefix = f"fn-{field_id(ch.id)}"
    items = []
    for level in ch.criteria:
        body: list[Content] = [
            tag(
                "h4",
                level_badge(catalogue, level, page._m("Level {n}: {name}", n=level, name=catalogue.levels[level].name)),
            ),
            rich.blocks(ch.criteria[level].blocks, ch.footnotes, prefix),
        ]
        chain = included_levels(ch, level)
        if chain:
            whole = [
                tag("p", tag("strong", page._m("Level {n} ({name}):", n=n, name=catalogue.levels[n].name)))
                + rich.blocks(ch.criteria[n].blocks, ch.footnotes, prefix)
                for n in chain
            ]
            summary = included_summary(page, level, chain)
            body.append(tag("details", tag("summary", summary), join(whole), class_="mmssc-included"))
        items.append(tag("li", body, class_=f"assess-level mmssc-band-{level}"))
    notes = (
        tag(
            "ol",
            [tag("li", note.text, id=f"{prefix}-{key}") for key, note in ch.footnotes.items()],
            class_="assess-notes",
            aria_label=page._("Notes"),
        )
        if ch.footnotes
        else ""
    )
    return tag(
        "details",
        tag("summary", page._("What each level requires")),
        tag("ol", items, class_="assess-levels"),
        notes,
        class_="assess-criteria",
    )


def _characteristic(page: PageContext, ch: Characteristic) -> Markup:
    fid = f"f-c-{field_id(ch.id)}"
    here = page.here
    levels = _level_options(page)
    mode = tag(
        "fieldset",
        tag("legend", page._("Assessed?")),
        tag(
            "div",
            tag("input", type="radio", name_=f"{fid}-mode", id=f"{fid}-mode-rated", value="rated", checked=True),
            tag("label", page._("Assessed: give the levels"), for_=f"{fid}-mode-rated"),
            class_="assess-choice",
        ),
        tag(
            "div",
            tag("input", type="radio", name_=f"{fid}-mode", id=f"{fid}-mode-na", value="not_assessed"),
            tag("label", page._("Not assessed: say why"), for_=f"{fid}-mode-na"),
            class_="assess-choice",
        ),
        class_="assess-mode",
    )
    rated = tag(
        "div",
        tag(
            "div",
            select(page, f"{fid}-now", page._("Level now"), levels, empty=page._("Choose a level…")),
            select(page, f"{fid}-in_two_years", page._("Level in two years"), levels, empty=page._("Choose a level…")),
            class_="assess-levels-pick",
        ),
        tag("p", "", class_="assess-median", hidden=True),
        tag(
            "div",
            tag("h4", page._("Each group's view"), id=f"{fid}-groups-title"),
            tag("div", "", class_="assess-groups-rows"),
            error_slot(f"{fid}-groups"),
            id=f"{fid}-groups",
            class_="assess-groups",
            hidden=True,
        ),
        textarea(
            page,
            f"{fid}-justification",
            page._("Justification"),
            page._("Why these levels: a sentence or two, naming what you saw."),
            rows=2,
        ),
        tag(
            "div",
            tag("h4", page._("Evidence"), id=f"{fid}-evidence-title"),
            tag(
                "p",
                page._("Public documents that support the levels; levels 4 and 5 need at least one."),
                class_="assess-hint",
            ),
            tag("div", "", class_="assess-evidence-rows"),
            error_slot(f"{fid}-evidence"),
            tag(
                "button",
                page._("Add evidence"),
                type="button",
                id=f"{fid}-evidence",
                class_="md-button assess-add-evidence",
                aria_describedby=f"{fid}-evidence-error",
            ),
            class_="assess-evidence",
        ),
        class_="assess-rated",
    )
    not_assessed = tag(
        "div",
        textarea(page, f"{fid}-not_assessed", page._("Why it was not assessed"), rows=2),
        class_="assess-not-assessed",
        hidden=True,
    )
    last = tag("div", "", class_="assess-last", hidden=True)
    return tag(
        "fieldset",
        tag(
            "legend",
            tag("span", ch.id, class_="mmssc-id"),
            " ",
            ch.name,
        ),
        tag(
            "p",
            here.to(urls.characteristic(ch.id), page._m("About {id} {name}", id=ch.id, name=ch.name)),
            class_="assess-about",
        ),
        _criteria(page, ch),
        last,
        mode,
        rated,
        not_assessed,
        error_slot(f"{fid}"),
        id=fid,
        class_="assess-characteristic",
        data_cid=ch.id,
    )


def characteristics_part(page: PageContext) -> Markup:
    catalogue = page.catalogue
    parts: list[Content] = [page.heading(2, page._("The characteristics"), id="characteristics")]
    for dim in catalogue.dimensions.values():
        title = f"{dim.id}. {dim.name}"
        parts.append(page.heading(3, [dim.id, ". ", dim.name], id=f"dimension-{dim.id}", title=title))
        if dim.subdimension_ids:
            for sid in dim.subdimension_ids:
                sub = catalogue.subdimensions[sid]
                parts.append(tag("p", tag("strong", sid, " ", sub.name), class_="assess-subdimension"))
                parts += [_characteristic(page, catalogue.characteristics[c]) for c in sub.characteristic_ids]
        else:
            parts += [_characteristic(page, catalogue.characteristics[c]) for c in dim.characteristic_ids]
    return join(parts)
