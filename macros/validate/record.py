"""An assessment's published record: ``corrections``, ``withdrawn`` and ``review``.

Checked within the file alone here; whether a published file's changes are all recorded is the
comparison with its base version (``published.py``, ``scripts/validate --base``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..diagnostics import one_of
from ..load.nodes import Node
from ..model.assessments import (
    REVIEW_KINDS,
    REVIEW_OUTCOMES,
    Correction,
    Entry,
    FieldChange,
    Rating,
    Review,
    Withdrawal,
)
from ..model.catalogue import Catalogue
from . import fields
from .fields import Fields, PathContext
from .published import CORRECTIONS, leaves, path_text, plain, tracked, value_text
from .ratings import RATING_FIELDS, level

CORRECTION_FIELDS = ("date", "reason", "previous")
WITHDRAWN_FIELDS = ("date", "reason")
REVIEW_FIELDS = ("by", "kind", "date", "outcome", "url", "levels")
REASON_MAX_LEN = 2000
REVIEW_BY_MAX_LEN = 300
_LEVEL_KEYS = ("now", "in_two_years")


def _when(ctx: PathContext, f: Fields, path: str, assessed: dt.date | None, what: str) -> dt.date | None:
    node = f.get("date", hint=f"the date of the {what}, YYYY-MM-DD")
    day = fields.date(ctx, node, f"{path}.date", today=ctx.today)
    if node is not None and day is not None and assessed is not None and day < assessed:
        ctx.error(node, f"{path}.date: {day.isoformat()} is before the assessment ({assessed.isoformat()})")
        return None
    return day


def read_corrections(
    ctx: PathContext, f: Fields, root: Node, catalogue: Catalogue, assessed: dt.date | None, recordable: tuple[str, ...]
) -> tuple[Correction, ...]:
    node = f.get(CORRECTIONS, required=False)
    items = fields.sequence(ctx, node, CORRECTIONS, min_items=1)
    # every field's value now, for the corrections' checks: worked out only for a file that has corrections
    # (walking every field of every file cost more than reading it the fast way)
    now = {path: plain(value) for path, value in tracked(root).items()} if items else {}
    entries: list[tuple[int, dt.date | None, str | None, dict[tuple[str, ...], tuple[Any, Node]]]] = []
    last: dt.date | None = None
    for i, item in enumerate(items, start=1):
        path = f"{CORRECTIONS}[{i}]"
        cf = Fields(ctx, item, path, CORRECTION_FIELDS, path=path)
        day = _when(ctx, cf, path, assessed, "correction")
        if day is not None and last is not None and day < last:
            ctx.error(
                cf.value("date") or item,
                f"{path}.date: {day.isoformat()} is before the entry above it; "
                "corrections are listed oldest first, each new one at the end",
            )
        last = day or last
        reason = cf.read(fields.text, "reason", hint="why the values were corrected", max_len=REASON_MAX_LEN)
        previous = _previous(
            ctx, cf.get("previous", hint="the earlier value of every changed field"), path, catalogue, recordable
        )
        cf.finish()
        entries.append((i, day, reason, previous))
    out = []
    for index, (i, day, reason, previous) in enumerate(entries):
        changes = []
        for fpath, (old, pnode) in previous.items():
            later = next((e[3][fpath][0] for e in entries[index + 1 :] if fpath in e[3]), now.get(fpath))
            if later == old:
                ctx.error(
                    pnode,
                    f"{CORRECTIONS}[{i}].previous.{path_text(fpath)}: {value_text(old)} is the value "
                    "the field has after this correction; previous holds the value before it",
                )
            changes.append(FieldChange.of(fpath, old, later))
        if day is not None and reason is not None and previous:
            out.append(Correction(day, reason, tuple(changes)))
    return tuple(out)


def _previous(
    ctx: PathContext, node: Node | None, path: str, catalogue: Catalogue, allowed: tuple[str, ...]
) -> dict[tuple[str, ...], tuple[Any, Node]]:
    if node is None:
        return {}
    where = f"{path}.previous"
    if node.kind != "map" or not node.value:
        ctx.error(
            node,
            f"{where}: must be a mapping of the changed fields under their keys in the file, with their earlier values",
        )
        return {}
    out: dict[tuple[str, ...], tuple[Any, Node]] = {}
    for fpath, value in leaves(node):
        problem = None
        if fpath[0] not in allowed:
            problem = f'"{fpath[0]}" is not a field a correction can record; allowed: {one_of(allowed)}'
        elif fpath[0] == "characteristics":
            if len(fpath) < 3:
                problem = 'name the characteristic and the field, e.g. characteristics: {"1.1.1": {now: 2}}'
            elif fpath[1] not in catalogue.characteristics:
                problem = f'"{fpath[1]}" is not a characteristic of the catalogue'
            elif fpath[2] not in RATING_FIELDS:
                problem = f'"{fpath[2]}" is not a field of a rating; allowed: {one_of(RATING_FIELDS)}'
            elif fpath[-1] in _LEVEL_KEYS and value.tag != "tag:yaml.org,2002:null":
                if level(ctx, value, f"{where}.{path_text(fpath)}") is None:
                    continue
        if problem:
            ctx.error(value, f"{where}.{path_text(fpath)}: {problem}")
            continue
        out[fpath] = (plain(value), value)
    return out


def read_withdrawn(ctx: PathContext, f: Fields, assessed: dt.date | None) -> Withdrawal | None:
    node = f.get("withdrawn", required=False)
    if node is None:
        return None
    wf = Fields(ctx, node, "withdrawn", WITHDRAWN_FIELDS, path="withdrawn")
    day = _when(ctx, wf, "withdrawn", assessed, "withdrawal")
    reason = wf.read(fields.text, "reason", hint="why the assessment is withdrawn", max_len=REASON_MAX_LEN)
    wf.finish()
    return Withdrawal(day, reason) if day and reason else None


def read_review(
    ctx: PathContext, f: Fields, catalogue: Catalogue, assessed: dt.date | None, ratings: dict[str, Entry]
) -> Review | None:
    node = f.get("review", required=False)
    if node is None:
        return None
    rf = Fields(ctx, node, "review", REVIEW_FIELDS, path="review")
    by = rf.read(fields.text, "by", hint="the reviewing organisation", max_len=REVIEW_BY_MAX_LEN)
    kinds, outcomes = tuple(REVIEW_KINDS), tuple(REVIEW_OUTCOMES)
    kind = rf.read(fields.choice, "kind", kinds, hint=f"choose one of {one_of(kinds)}")
    day = _when(ctx, rf, "review", assessed, "review")
    outcome = rf.read(fields.choice, "outcome", outcomes, hint=f"choose one of {one_of(outcomes)}")
    link = rf.read(fields.url, "url", required=False, hint="a link to the review's report (https://…)")
    levels: list[tuple[str, int]] = []
    for key, value in fields.mapping(ctx, rf.get("levels", required=False), "review.levels"):
        cid = key.raw.strip()
        where = f'review.levels."{cid}"'
        if cid not in catalogue.characteristics:
            ctx.error(key, f'{where}: "{cid}" is not a characteristic of the catalogue')
            continue
        reviewed = level(ctx, value, where)
        rating = ratings.get(cid)
        if reviewed is None:
            continue
        if not isinstance(rating, Rating):
            ctx.error(value, f"{where}: the city did not assess {cid}; list only characteristics it rated")
        elif reviewed == rating.now:
            ctx.error(value, f"{where}: {reviewed} is the city's own level; list only levels that differ")
        else:
            levels.append((cid, reviewed))
    rf.finish()
    if by and kind and day and outcome:
        return Review(by, kind, day, outcome, link, tuple(levels))
    return None
