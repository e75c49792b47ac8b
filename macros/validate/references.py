"""Validate the cross-references (standards, Annex B, Annex C, Table 4, errata) against the catalogue."""

from __future__ import annotations

from ..diagnostics import suggest
from ..layout import SLUG_PATTERN
from ..load.nodes import Node
from ..model.catalogue import Catalogue
from ..model.references import (
    Erratum,
    LevelCorrespondence,
    LocalGovernmentFunction,
    MaturityModel,
    References,
    Standard,
    Support,
)
from .blocks import read_blocks
from .fields import Fields, FileContext, choice, identifier, integer, sequence, text, url


def _reference(ctx: FileContext, node: Node | None, field: str, valid: dict, what: str) -> str | None:
    """A reference to something defined elsewhere; unknown ones get the nearest valid suggestion."""
    value = text(ctx, node, field)
    if node is None or value is None:
        return None
    if value not in valid:
        ctx.error(node, f'{field}: unknown {what} "{value}"{suggest(value, valid)}')
        return None
    return value


def load_references(reader, catalogue: Catalogue) -> References | None:
    standards, standard_lines = _read_standards(reader)
    title, supports = _read_annex_b(reader, catalogue, standards)
    functions_intro, functions = _read_functions(reader, catalogue)
    models_intro, models = _read_models(reader, catalogue, standards)
    errata = _read_errata(reader)
    # footnotes of Annex A that cite a standard must cite a known one
    for ch in catalogue.characteristics.values():
        for note in ch.footnotes.values():
            if note.standard and note.standard not in standards:
                reader.report.error(
                    ch.source.path,
                    1,
                    1,
                    f'footnote "{note.key}": unknown standard "{note.standard}"{suggest(note.standard, standards)}',
                )
    cited = {s for row in supports for s in row.standards} | {m.standard for m in models if m.standard}
    cited |= {n.standard for ch in catalogue.characteristics.values() for n in ch.footnotes.values() if n.standard}
    for sid, std in standards.items():
        if sid not in cited and not std.cited_in:
            path, line = standard_lines[sid]
            reader.report.warning(
                path,
                line,
                1,
                f'standard "{sid}" is not referenced by Annex B, Table 4 or any footnote '
                '(list the clauses that cite it under "cited_in")',
            )
    if title is None or functions_intro is None or models_intro is None:
        return None
    return References(standards, title, supports, functions_intro, functions, models_intro, models, errata)


def _read_standards(reader) -> tuple[dict[str, Standard], dict[str, tuple[str, int]]]:
    ctx, root = reader.open(reader.root / "standards.yaml")
    top = Fields(ctx, root, "standards.yaml", ("standards",))
    result: dict[str, Standard] = {}
    lines: dict[str, tuple[str, int]] = {}
    for node in sequence(ctx, top.get("standards"), "standards", min_items=1):
        f = Fields(
            ctx,
            node,
            "a standard",
            ("id", "title", "title_source", "description", "description_source", "misprinted_as", "url", "cited_in"),
        )
        sid = text(ctx, f.get("id"), "id")
        title = text(ctx, f.get("title"), "title")
        title_source = choice(ctx, f.get("title_source"), "title_source", ("source", "published"))
        description = text(ctx, f.get("description"), "description")
        description_source = text(ctx, f.get("description_source"), "description_source")
        misprints = tuple(
            m
            for m in (
                text(ctx, n, "misprinted_as")
                for n in sequence(ctx, f.get("misprinted_as", required=False), "misprinted_as")
            )
            if m
        )
        link = url(ctx, f.get("url", required=False), "url") if f.has("url") else None
        cited_in = tuple(
            c
            for c in (text(ctx, n, "cited_in") for n in sequence(ctx, f.get("cited_in", required=False), "cited_in"))
            if c
        )
        f.finish()
        if sid in result:
            ctx.error(node, f'standard "{sid}" is listed twice')
        elif sid and title and title_source and description and description_source:
            result[sid] = Standard(
                sid, title, title_source == "source", description, description_source, misprints, link, cited_in
            )
            lines[sid] = (ctx.path, node.line)
    top.finish()
    return result, lines


def _applies_to_ids(catalogue: Catalogue) -> dict[str, str]:
    """IDs an Annex B row may apply to: sub-dimensions, the purposes dimension, and each purpose."""
    ids = {sid: s.name for sid, s in catalogue.subdimensions.items()}
    for dim in catalogue.dimensions.values():
        if dim.kind == "purposes":
            ids[dim.id] = dim.name
            ids.update({cid: catalogue.characteristics[cid].name for cid in dim.characteristic_ids})
    return ids


def _read_annex_b(reader, catalogue: Catalogue, standards: dict[str, Standard]):
    ctx, root = reader.open(reader.root / "annex-b.yaml")
    top = Fields(ctx, root, "annex-b.yaml", ("title", "rows"))
    title = text(ctx, top.get("title"), "title")
    valid_targets = _applies_to_ids(catalogue)
    rows: list[Support] = []
    for node in sequence(ctx, top.get("rows"), "rows", min_items=1):
        f = Fields(ctx, node, "an Annex B row", ("applies_to", "standards", "part", "text"))
        target = _reference(ctx, f.get("applies_to"), "applies_to", valid_targets, "sub-dimension or purpose")
        cited = [
            _reference(ctx, n, "standards", standards, "standard")
            for n in sequence(ctx, f.get("standards"), "standards", min_items=1)
        ]
        part = text(ctx, f.get("part", required=False), "part") if f.has("part") else None
        body = text(ctx, f.get("text"), "text")
        f.finish()
        if target and body and cited and all(cited):
            rows.append(Support(target, tuple(cited), part, body, node.line))  # type: ignore[arg-type]
    top.finish()
    return title, rows


def _read_functions(reader, catalogue: Catalogue):
    ctx, root = reader.open(reader.root / "iso18091-functions.yaml")
    top = Fields(ctx, root, "iso18091-functions.yaml", ("introduction", "functions"))
    intro = text(ctx, top.get("introduction"), "introduction")
    purposes = {cid: c.name for cid, c in catalogue.characteristics.items() if c.subdimension_id is None}
    functions: list[LocalGovernmentFunction] = []
    for node in sequence(ctx, top.get("functions"), "functions", min_items=1):
        f = Fields(ctx, node, "an ISO 18091 function", ("purpose", "code", "name", "printed_as", "conflict"))
        purpose = _reference(ctx, f.get("purpose"), "purpose", purposes, "purpose")
        code = identifier(ctx, f.get("code"), "code", r"A\.[1-9]\.[1-9][0-9]?", "A.1.6")
        name = text(ctx, f.get("name"), "name")
        printed = text(ctx, f.get("printed_as", required=False), "printed_as") if f.has("printed_as") else None
        conflict = text(ctx, f.get("conflict", required=False), "conflict") if f.has("conflict") else None
        f.finish()
        if purpose and code and name:
            functions.append(LocalGovernmentFunction(purpose, code, name, printed, conflict))
    top.finish()
    return intro, functions


def _read_models(reader, catalogue: Catalogue, standards: dict[str, Standard]):
    ctx, root = reader.open(reader.root / "maturity-models.yaml")
    top = Fields(ctx, root, "maturity-models.yaml", ("introduction", "models"))
    intro = read_blocks(ctx, top.get("introduction"), "introduction")
    valid_targets = _applies_to_ids(catalogue) | {cid: c.name for cid, c in catalogue.characteristics.items()}
    models: list[MaturityModel] = []
    for node in sequence(ctx, top.get("models"), "models", min_items=1):
        f = Fields(
            ctx,
            node,
            "a maturity model",
            (
                "id",
                "name",
                "standard",
                "connects_to",
                "connection",
                "how_to_use",
                "level_correspondence",
                "correspondence_note",
            ),
        )
        mid = identifier(ctx, f.get("id"), "id", SLUG_PATTERN, "iso-18091")
        name = text(ctx, f.get("name"), "name")
        standard = (
            _reference(ctx, f.get("standard", required=False), "standard", standards, "standard")
            if f.has("standard")
            else None
        )
        targets = [
            _reference(ctx, n, "connects_to", valid_targets, "MMSSC ID")
            for n in sequence(ctx, f.get("connects_to"), "connects_to", min_items=1)
        ]
        connection = read_blocks(ctx, f.get("connection"), "connection")
        how = read_blocks(ctx, f.get("how_to_use"), "how_to_use")
        levels: list[LevelCorrespondence] = []
        for lnode in sequence(ctx, f.get("level_correspondence"), "level_correspondence", min_items=1):
            lf = Fields(ctx, lnode, "a level correspondence", ("level", "description", "mmssc_levels"))
            level = text(ctx, lf.get("level"), "level")
            desc = text(ctx, lf.get("description", required=False), "description") if lf.has("description") else None
            mmssc = [
                integer(ctx, n, "mmssc_levels", 1, 5)
                for n in sequence(ctx, lf.get("mmssc_levels"), "mmssc_levels", min_items=1)
            ]
            lf.finish()
            if level and mmssc and all(m is not None for m in mmssc):
                levels.append(LevelCorrespondence(level, desc, tuple(mmssc)))  # type: ignore[arg-type]
        note = (
            text(ctx, f.get("correspondence_note", required=False), "correspondence_note")
            if f.has("correspondence_note")
            else None
        )
        f.finish()
        if mid and name and connection and how and targets and all(targets):
            models.append(MaturityModel(mid, name, standard, tuple(targets), connection, how, tuple(levels), note))  # type: ignore[arg-type]
    top.finish()
    return intro, models


def _read_errata(reader) -> list[Erratum]:
    ctx, root = reader.open(reader.root / "errata.yaml")
    top = Fields(ctx, root, "errata.yaml", ("errata",))
    errata: list[Erratum] = []
    seen: set[str] = set()
    for node in sequence(ctx, top.get("errata"), "errata", min_items=1):
        f = Fields(ctx, node, "an erratum", ("id", "title", "where", "source_says", "resolution"))
        eid = identifier(ctx, f.get("id"), "id", SLUG_PATTERN, "characteristic-count")
        values = [text(ctx, f.get(k), k) for k in ("title", "where", "source_says", "resolution")]
        f.finish()
        if eid in seen:
            ctx.error(node, f'erratum "{eid}" is listed twice')
        elif eid and all(values):
            seen.add(eid)
            errata.append(Erratum(eid, *values))  # type: ignore[arg-type]
    top.finish()
    return errata
