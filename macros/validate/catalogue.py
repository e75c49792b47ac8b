"""Validate the catalogue in ``criteria/`` and build the :class:`Catalogue` model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..diagnostics import Report, shown_path, suggest
from ..layout import SLUG_PATTERN
from ..load.nodes import Node
from ..load.yaml_nodes import read_yaml
from ..model.catalogue import (
    LEVELS,
    AssessmentGuide,
    Catalogue,
    Characteristic,
    Criterion,
    Dimension,
    Family,
    Footnote,
    Level,
    Method,
    ModelVersion,
    Principle,
    SourceRef,
    StakeholderGroup,
    SubDimension,
)
from ..model.references import References
from .blocks import footnote_keys, read_blocks
from .fields import Fields, FileContext, boolean, choice, identifier, integer, mapping, sequence, text
from .references import load_references

DIMENSION_ID = r"[1-9]"
SUBDIMENSION_ID = r"[1-9]\.[1-9][0-9]?"
CHARACTERISTIC_ID = r"[1-9]\.[1-9][0-9]?(\.[1-9][0-9]?)?"


class _Reader:
    """Reads the files of one catalogue folder, collecting diagnostics in one report."""

    def __init__(self, root: Path, report: Report, display_root: Path | None = None):
        self.root = root
        self.report = report
        self.display_root = display_root or root.parent

    def display(self, path: Path) -> str:
        return shown_path(path, self.display_root)

    def open(self, path: Path) -> tuple[FileContext, Node | None]:
        shown = self.display(path)
        ctx = FileContext(shown, self.report)
        if not path.exists():
            self.report.error(shown, 1, 1, "required catalogue file is missing")
            return ctx, None
        doc = read_yaml(path, shown, self.report)
        return ctx, doc.root


def load_catalogue(criteria_dir: Path, report: Report, display_root: Path | None = None) -> Catalogue | None:
    """Read and check every file in ``criteria/``; ``None`` if any error was found."""
    reader = _Reader(criteria_dir, report, display_root)
    errors_before = report.error_count
    name, short_name, versions = _read_model(reader)
    levels, families = _read_levels(reader)
    dimensions, subdimensions = _read_dimensions(reader)
    characteristics = _read_characteristics(reader, dimensions, subdimensions, families)
    principles, principles_intro = _read_principles(reader)
    methods, groups, guide = _read_assessment_guide(reader)
    # Build what was valid and check the cross-references against it too, so that one run
    # reports every error; the result is only returned, whole, when there were none.
    structure = Catalogue(
        name=name or "",
        short_name=short_name or "",
        versions=versions,
        dimensions=dimensions,
        subdimensions=subdimensions,
        characteristics=characteristics,
        levels=levels,
        families=families,
        principles=principles,
        principles_introduction=principles_intro or "",
        methods=methods,
        stakeholder_groups=groups,
        guide=guide,
        references=References.empty(),
    )
    references = load_references(reader, structure)  # checked against the catalogue's IDs
    if references is None or report.error_count > errors_before:
        return None
    return dataclasses.replace(structure, references=references)


def _read_id_names(ctx: FileContext, node: Node | None, field: str, what: str, example: str, make) -> dict:
    """A list of ``{id, name}`` entries (model versions, stakeholder groups), by ID."""
    result: dict = {}
    for item in sequence(ctx, node, field, min_items=1):
        f = Fields(ctx, item, what, ("id", "name"))
        item_id, name = identifier(ctx, f.get("id"), "id", SLUG_PATTERN, example), text(ctx, f.get("name"), "name")
        f.finish()
        if item_id and name:
            result[item_id] = make(item_id, name)
    return result


def _read_model(reader: _Reader):
    ctx, root = reader.open(reader.root / "model.yaml")
    top = Fields(ctx, root, "model.yaml", ("name", "short_name", "versions"))
    name, short_name = text(ctx, top.get("name"), "name"), text(ctx, top.get("short_name"), "short_name")
    versions = _read_id_names(
        ctx, top.get("versions"), "versions", "a model version", "iso-ts-37107-draft", ModelVersion
    )
    top.finish()
    return name, short_name, versions


def _read_levels(reader: _Reader) -> tuple[dict[int, Level], dict[str, Family]]:
    ctx, root = reader.open(reader.root / "levels.yaml")
    top = Fields(ctx, root, "levels.yaml", ("levels", "families"))
    levels: dict[int, Level] = {}
    for node in sequence(ctx, top.get("levels"), "levels", min_items=5):
        f = Fields(ctx, node, "a level", ("number", "name"))
        number, name = integer(ctx, f.get("number"), "number", 1, 5), text(ctx, f.get("name"), "name")
        f.finish()
        if number in levels:
            ctx.error(node, f"level {number} is defined twice")
        elif number and name:
            levels[number] = Level(number, name)
    families: dict[str, Family] = {}
    for node in sequence(ctx, top.get("families"), "families", min_items=1):
        f = Fields(ctx, node, "a family of level definitions", ("id", "name", "applies_to", "definitions"))
        fid = identifier(ctx, f.get("id"), "id", SLUG_PATTERN, "integrated")
        name, applies = text(ctx, f.get("name"), "name"), text(ctx, f.get("applies_to"), "applies_to")
        definitions = _read_level_map(ctx, f.get("definitions"), "definitions", lambda n, lbl: text(ctx, n, lbl))
        f.finish()
        if fid in families:
            ctx.error(node, f'family "{fid}" is defined twice')
        elif fid and name and applies and definitions:
            families[fid] = Family(fid, name, applies, definitions)
    top.finish()
    return levels, families


def _read_level_map(ctx: FileContext, node: Node | None, field: str, read) -> dict:
    """A mapping 1..5 → value; every level must be present exactly once."""
    result: dict[int, object] = {}
    for key, value in mapping(ctx, node, field):
        if key.tag != "tag:yaml.org,2002:int" or key.value not in LEVELS:
            ctx.error(key, f'{field}: "{key.raw}" is not a maturity level; use the numbers 1 to 5')
            continue
        item = read(value, f"{field} {key.value}")
        if item is not None:
            result[key.value] = item
    if node is not None and node.kind == "map":
        missing = [str(n) for n in LEVELS if n not in result and str(n) not in node.value]
        if missing:
            ctx.error(
                node, f"{field}: missing level {', '.join(missing)}; every characteristic needs all five levels (1-5)"
            )
    return result


def _read_dimensions(reader: _Reader) -> tuple[dict[str, Dimension], dict[str, SubDimension]]:
    ctx, root = reader.open(reader.root / "dimensions.yaml")
    top = Fields(ctx, root, "dimensions.yaml", ("dimensions",))
    dimensions: dict[str, Dimension] = {}
    subdimensions: dict[str, SubDimension] = {}
    for node in sequence(ctx, top.get("dimensions"), "dimensions", min_items=1):
        f = Fields(ctx, node, "a dimension", ("id", "name", "kind", "description", "subdimensions"))
        did = identifier(ctx, f.get("id"), "id", DIMENSION_ID, '"1"')
        name = text(ctx, f.get("name"), "name")
        kind = choice(ctx, f.get("kind"), "kind", ("smart-enablers", "purposes"))
        description = text(ctx, f.get("description"), "description")
        subs: list[str] = []
        for sub_node in sequence(ctx, f.get("subdimensions", required=False), "subdimensions"):
            sf = Fields(ctx, sub_node, "a sub-dimension", ("id", "name"))
            sid = identifier(ctx, sf.get("id"), "id", SUBDIMENSION_ID, '"1.1"')
            sname = text(ctx, sf.get("name"), "name")
            sf.finish()
            if sid is None or sname is None:
                continue
            if sid in subdimensions:
                ctx.error(sub_node, f'duplicate sub-dimension ID "{sid}"; IDs must be unique')
            elif did and sid.split(".")[0] != did:
                ctx.error(
                    sf.get("id") or sub_node,
                    f'sub-dimension "{sid}" does not sit under dimension "{did}" (its ID must start with "{did}.")',
                )
            else:
                subdimensions[sid] = SubDimension(sid, sname, did or "")
                subs.append(sid)
        f.finish()
        if did in dimensions:
            ctx.error(node, f'duplicate dimension ID "{did}"; IDs must be unique')
        elif did and name and kind and description:
            dimensions[did] = Dimension(did, name, kind, description, subs)
    top.finish()
    return dimensions, subdimensions


def _read_characteristics(reader, dimensions, subdimensions, families) -> dict[str, Characteristic]:
    folder = reader.root / "characteristics"
    files = sorted(folder.glob("*.yaml"), key=lambda p: [int(x) if x.isdigit() else x for x in p.stem.split(".")])
    if not files:
        reader.report.error(
            reader.display(folder), 1, 1, "no characteristic files found (expected criteria/characteristics/<ID>.yaml)"
        )
    found: dict[str, Characteristic] = {}
    for path in files:
        ctx, root = reader.open(path)
        ch = _read_characteristic(ctx, root, path, dimensions, subdimensions, families)
        if ch is None:
            continue
        if ch.id in found:
            ctx.error(
                root, f'duplicate characteristic ID "{ch.id}" (also in {found[ch.id].source.path}); IDs must be unique'
            )
            continue
        found[ch.id] = ch
    ordered = sorted(found.values(), key=lambda c: [int(x) for x in c.id.split(".")])
    for ch in ordered:
        dimensions[ch.dimension_id].characteristic_ids.append(ch.id)
        if ch.subdimension_id:
            subdimensions[ch.subdimension_id].characteristic_ids.append(ch.id)
    return {c.id: c for c in ordered}


def _read_characteristic(ctx, root, path, dimensions, subdimensions, families) -> Characteristic | None:
    allowed = ("id", "name", "subdimension", "dimension", "family", "family_decided", "levels", "footnotes")
    f = Fields(ctx, root, f"characteristic {path.stem}", allowed)
    cid = identifier(ctx, f.get("id"), "id", CHARACTERISTIC_ID, '"1.1.1" (or "4.1" for a purpose)')
    name = text(ctx, f.get("name"), "name")
    family = choice(ctx, f.get("family"), "family", families.keys()) if families else None
    decided = boolean(ctx, f.get("family_decided", required=False), "family_decided") or False
    dimension_id, subdimension_id = None, None
    if f.has("subdimension"):
        node = f.get("subdimension")
        subdimension_id = identifier(ctx, node, "subdimension", SUBDIMENSION_ID, '"1.1"')
        if subdimension_id and subdimension_id not in subdimensions:
            ctx.error(node, f'unknown sub-dimension "{subdimension_id}"{suggest(subdimension_id, subdimensions)}')
            subdimension_id = None
        elif subdimension_id:
            dimension_id = subdimensions[subdimension_id].dimension_id
            if cid and cid.rsplit(".", 1)[0] != subdimension_id:
                ctx.error(
                    node,
                    f'characteristic "{cid}" does not sit under sub-dimension "{subdimension_id}": '
                    f'its ID must start with "{subdimension_id}." '
                    f'(or correct "subdimension" to "{cid.rsplit(".", 1)[0]}")',
                )
                subdimension_id = None
    elif f.has("dimension"):
        node = f.get("dimension")
        dimension_id = identifier(ctx, node, "dimension", DIMENSION_ID, '"4"')
        if dimension_id and dimension_id not in dimensions:
            ctx.error(node, f'unknown dimension "{dimension_id}"{suggest(dimension_id, dimensions)}')
            dimension_id = None
        elif dimension_id and dimensions[dimension_id].subdimension_ids:
            ctx.error(
                node, f'dimension "{dimension_id}" has sub-dimensions; give "subdimension" instead of "dimension"'
            )
            dimension_id = None
        elif dimension_id and cid and cid.split(".")[0] != dimension_id:
            ctx.error(
                node,
                f'characteristic "{cid}" does not sit under dimension "{dimension_id}" '
                f'(its ID must start with "{dimension_id}.")',
            )
            dimension_id = None
    elif f.ok:
        ctx.error(
            root, f'characteristic {path.stem}: missing required field "subdimension" (or "dimension" for a purpose)'
        )
    if cid and cid != path.stem:
        ctx.error(f.get("id"), f'the file name must match the ID: "{cid}" is in {path.name} (rename it to {cid}.yaml)')
    footnotes: dict[str, Footnote] = {}
    for key, value in mapping(ctx, f.get("footnotes", required=False), "footnotes"):
        ff = Fields(ctx, value, f'footnote "{key.raw}"', ("text", "standard"))
        ftext = text(ctx, ff.get("text"), "text")
        standard = text(ctx, ff.get("standard", required=False), "standard")
        ff.finish()
        if ftext:
            footnotes[key.raw] = Footnote(key.raw, ftext, standard)
    levels_node = f.get("levels")
    criteria = _read_level_map(ctx, levels_node, "levels", lambda n, lbl: read_blocks(ctx, n, lbl))
    used: set[str] = set()
    for level, blocks in criteria.items():
        for mark in footnote_keys(blocks):
            used.add(mark)
            if mark not in footnotes:
                where = levels_node.value.get(str(level)) if levels_node is not None else None
                ctx.error(
                    where or levels_node or root,
                    f'level {level} cites footnote "[^{mark}]", which is not defined under "footnotes"'
                    f"{suggest(mark, footnotes)}",
                )
    for mark in footnotes:
        if mark not in used:
            ctx.warning(root, f'footnote "{mark}" is never cited in the level texts')
    f.finish()
    if not (cid and name and family and dimension_id and len(criteria) == 5):
        return None
    return Characteristic(
        id=cid,
        name=name,
        dimension_id=dimension_id,
        subdimension_id=subdimension_id,
        family_id=family,
        family_decided=decided,
        criteria={n: Criterion(n, b) for n, b in sorted(criteria.items())},
        footnotes=footnotes,
        source=SourceRef(ctx.path, 1),
    )


def _read_principles(reader: _Reader):
    ctx, root = reader.open(reader.root / "principles.yaml")
    top = Fields(ctx, root, "principles.yaml", ("introduction", "principles"))
    intro = text(ctx, top.get("introduction"), "introduction")
    principles: list[Principle] = []
    for node in sequence(ctx, top.get("principles"), "principles", min_items=1):
        f = Fields(ctx, node, "a design principle", ("number", "name", "description"))
        number, name = integer(ctx, f.get("number"), "number", 1), text(ctx, f.get("name"), "name")
        description = read_blocks(ctx, f.get("description"), "description")
        f.finish()
        if number and name and description:
            principles.append(Principle(number, name, description))
    top.finish()
    return principles, intro


def _read_assessment_guide(reader: _Reader):
    ctx, root = reader.open(reader.root / "assessment.yaml")
    top = Fields(ctx, root, "assessment.yaml", ("methods", "stakeholder_groups", "baseline", "pdca"))
    methods: dict[str, Method] = {}
    for node in sequence(ctx, top.get("methods"), "methods", min_items=1):
        f = Fields(ctx, node, "an assessment method", ("id", "name", "description", "confidence", "cost"))
        mid = identifier(ctx, f.get("id"), "id", SLUG_PATTERN, "single-stakeholder")
        values = (
            text(ctx, f.get("name"), "name"),
            text(ctx, f.get("description"), "description"),
            integer(ctx, f.get("confidence"), "confidence", 1, 5),
            integer(ctx, f.get("cost"), "cost", 1, 5),
        )
        f.finish()
        if mid in methods:
            ctx.error(node, f'assessment method "{mid}" is defined twice')
        elif mid and all(v is not None for v in values):
            methods[mid] = Method(mid, *values)  # type: ignore[arg-type]
    groups = _read_id_names(
        ctx,
        top.get("stakeholder_groups"),
        "stakeholder_groups",
        "a stakeholder group",
        "civil-society",
        StakeholderGroup,
    )
    b = Fields(ctx, top.get("baseline"), "baseline", ("now", "in_two_years", "purpose", "stakeholder_views"))
    baseline = [text(ctx, b.get(k), k) for k in ("now", "in_two_years", "purpose", "stakeholder_views")]
    b.finish()
    p = Fields(ctx, top.get("pdca"), "pdca", ("introduction", "uses", "closing"))
    pdca_intro = text(ctx, p.get("introduction"), "introduction")
    uses = tuple(u for u in (text(ctx, n, "uses") for n in sequence(ctx, p.get("uses"), "uses", min_items=1)) if u)
    closing = text(ctx, p.get("closing"), "closing")
    p.finish()
    top.finish()
    now, later, purpose, views = baseline
    if not (now and later and purpose and views and pdca_intro and closing):
        return methods, groups, None
    return methods, groups, AssessmentGuide(now, later, purpose, views, pdca_intro, uses, closing)
