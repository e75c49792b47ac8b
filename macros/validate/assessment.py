"""One assessment, ``assessments/<city-slug>/<YYYY-MM-DD>.yaml``: its header, then its ratings."""

from __future__ import annotations

import datetime as dt

from ..diagnostics import one_of
from ..load.nodes import Node
from ..model.assessments import CONSOLIDATION_RULES, GROUP_VIEW_METHODS, Assessment
from ..model.catalogue import Catalogue, SourceRef
from . import fields
from .fields import Fields, PathContext
from .ratings import Header, read_ratings
from .record import read_corrections, read_review, read_withdrawn

# No assessment against a model of smart sustainable communities predates this (the ISO 37100
# series began in 2016): an earlier date is a typo, and year 1 would not even make a feed.
EARLIEST_ASSESSMENT = dt.date(2000, 1, 1)
ASSESSMENT_FIELDS = (
    "date",
    "model_version",
    "method",
    "participants",
    "consolidation",
    "assessors",
    "summary",
    "updated",
    "characteristics",
    "corrections",
    "withdrawn",
    "review",
)
# The fields a correction's ``previous`` may record (all but the corrections themselves).
RECORDABLE = tuple(name for name in ASSESSMENT_FIELDS if name != "corrections")


def read_assessment(ctx: PathContext, root: Node | None, slug: str, catalogue: Catalogue) -> Assessment | None:
    """The assessment in a file's document (``root``), or None after reporting every problem."""
    if root is None:  # unreadable: the reader has reported why
        return None
    errors_before = ctx.errors
    f = Fields(ctx, root, ctx.path.rsplit("/", 1)[-1], ASSESSMENT_FIELDS)
    when = f.read(
        fields.date,
        "date",
        hint="the date of the assessment, YYYY-MM-DD",
        today=ctx.today,
        earliest=EARLIEST_ASSESSMENT,
    )
    version = _choice(f, "model_version", tuple(catalogue.versions))
    method = _choice(f, "method", tuple(catalogue.methods))
    participants = _participants(ctx, f, catalogue)
    consolidation = _choice(f, "consolidation", tuple(CONSOLIDATION_RULES), required=False)
    assessors = f.read(fields.text, "assessors", required=False, hint="who carried out the assessment", max_len=300)
    summary = f.read(fields.text, "summary", required=False, hint="a short summary of the results")
    changed = "the date of the last material change"
    updated = f.read(
        fields.date, "updated", required=False, hint=changed, today=ctx.today, earliest=EARLIEST_ASSESSMENT
    )
    if updated and when and updated < when:
        ctx.error(
            f.value("updated") or root,
            f"updated: {updated.isoformat()} is before the assessment's date ({when.isoformat()})",
        )
    head = Header(when, method, participants, consolidation)
    if consolidation and method and not head.takes_groups:
        ctx.error(
            f.value("consolidation") or root,
            f"consolidation: only applies to the methods {one_of(GROUP_VIEW_METHODS)}, "
            f"whose groups' views are consolidated; this assessment's method is \"{method}\": remove it",
        )
    ratings = read_ratings(ctx, f, catalogue, head)
    if head.groups_seen and head.takes_groups and consolidation is None and not f.has("consolidation"):
        first = head.groups_seen[0]
        ctx.error(
            root,
            f'{f.what}: missing required field "consolidation": groups\' views are given (first at line '
            f"{first.line}), so say how the result was obtained: {one_of(CONSOLIDATION_RULES)}",
        )
    if head.median and not head.groups_seen and ratings:
        ctx.error(
            f.value("consolidation") or root,
            'consolidation: "median" derives the levels from the groups\' views, '
            'but no characteristic has groups; give them, or use "moderated"',
        )
    corrections = read_corrections(ctx, f, root, catalogue, when, RECORDABLE)
    withdrawn = read_withdrawn(ctx, f, when)
    review = read_review(ctx, f, catalogue, when, ratings)
    f.finish()
    if ctx.errors > errors_before or when is None or version is None or method is None:
        return None
    return Assessment(
        city_slug=slug,
        date=when,
        model_version=version,
        method_id=method,
        participants=participants,
        ratings=ratings,
        consolidation=consolidation,
        summary=summary,
        assessors=assessors,
        source=SourceRef(ctx.path, 1),
        updated=updated,
        corrections=corrections,
        withdrawn=withdrawn,
        review=review,
    )


def _choice(f: Fields, key: str, choices: tuple[str, ...], *, required: bool = True) -> str | None:
    return f.read(fields.choice, key, choices, required=required, hint=f"choose one of {one_of(choices)}")


def _participants(ctx: PathContext, f: Fields, catalogue: Catalogue) -> list[str]:
    groups = tuple(catalogue.stakeholder_groups)
    hint = f"list the stakeholder groups that took part, one or more of {one_of(groups)}"
    node = f.get("participants", hint=hint)
    if node is not None and node.kind == "seq" and not node.value:
        ctx.error(node, f"participants: not filled in yet: {hint}")
        return []
    found: dict[str, Node] = {}
    for i, item in enumerate(fields.sequence(ctx, node, "participants", min_items=1), start=1):
        gid = fields.choice(ctx, item, f"participants[{i}]", groups)
        if gid in found:
            ctx.error(item, f'participants[{i}]: "{gid}" is listed twice (first at line {found[gid].line})')
        elif gid:
            found[gid] = item
    return list(found)
