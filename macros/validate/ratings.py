"""An assessment's ``characteristics``: one rating per characteristic, with groups' views.

A rating is two levels (now, in two years), a justification and evidence, or
``not_assessed: reason``; with the multi-stakeholder methods it may carry each group's view,
from which consolidation "median" derives the levels.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..diagnostics import one_of, suggest
from ..load.nodes import TAG_INT, Node
from ..load.scalars import YAML_1_1_BOOLEANS
from ..model.assessments import GROUP_VIEW_METHODS, Entry, GroupView, NotAssessed, Rating, lower_median
from ..model.catalogue import Catalogue
from . import fields
from .evidence import read_evidence
from .fields import Fields, PathContext, integer_problem, is_placeholder

RATING_FIELDS = ("now", "in_two_years", "justification", "evidence", "groups", "not_assessed")
LEVEL_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_PLAIN_LEVELS = frozenset(("1", "2", "3", "4", "5"))


@dataclass
class Header:
    """What the ratings are checked against: the assessment's own header fields."""

    date: dt.date | None
    method: str | None
    participants: list[str]
    consolidation: str | None
    groups_seen: list[Node] = field(default_factory=list)  # "groups" keys, for the consolidation check

    @property
    def takes_groups(self) -> bool:
        return self.method in GROUP_VIEW_METHODS

    @property
    def median(self) -> bool:
        return self.takes_groups and self.consolidation == "median"


def level(ctx: PathContext, node: Node | None, path: str) -> int | None:
    """A maturity level, 1 to 5; the message says what was found and how to write it."""
    if node is None:
        return None
    if node.raw in _PLAIN_LEVELS and node.tag == TAG_INT:  # 1 to 5 written plainly: nothing to check
        return int(node.value)
    allowed = "a maturity level, a whole number from 1 to 5"
    if node.kind != "scalar":
        ctx.error(node, f"{path}: must be {allowed}, found {node.type_name}")
        return None
    raw = node.raw.strip()
    if node.tag.endswith(":int") and not isinstance(node.value, bool):
        if not 1 <= node.value <= 5:
            ctx.error(node, f"{path}: must be {allowed}, found {node.value}")
        elif problem := integer_problem(node):
            ctx.error(node, f"{path}: must be {allowed}, found {problem}")
        else:
            return int(node.value)
        return None
    if node.tag.endswith(":float"):
        hint = "levels are whole numbers: choose the highest level whose criteria are fully met"
    elif node.tag.endswith(":bool") or (raw in YAML_1_1_BOOLEANS and not node.quoted):
        hint = "a yes/no value"
    elif raw in {"1", "2", "3", "4", "5"}:
        hint = f"text: write {raw} without quotes"
    elif raw.lower() in LEVEL_WORDS:
        hint = f"text: write the number {LEVEL_WORDS[raw.lower()]}"
    else:
        hint = node.type_name
    ctx.error(node, f'{path}: must be {allowed}, found "{raw}" ({hint})')
    return None


def read_ratings(ctx: PathContext, f: Fields, catalogue: Catalogue, head: Header) -> dict[str, Entry]:
    """Every valid rating under ``characteristics``, in catalogue order; every characteristic must appear."""
    node = f.get("characteristics", hint="every characteristic of the model, by ID")
    known = catalogue.characteristics
    found: dict[str, Entry] = {}
    first_line: dict[str, int] = {}
    unknown: list[Node] = []
    for key, value in fields.mapping(ctx, node, "characteristics"):
        # the text as written: 4.1 (a number to YAML) and "4.1" are the same key; one string per ID
        # for every rating of every city (the model of 10,000 cities holds 1.3 million ratings)
        cid = sys.intern(key.raw.strip())
        if cid not in known:
            unknown.append(key)
            continue
        if cid in first_line:
            ctx.error(
                key,
                f'characteristics: "{cid}" appears twice (first at line {first_line[cid]}); '
                "each characteristic is rated once",
            )
            continue
        first_line[cid] = key.line
        rating = _read_rating(ctx, key, value, cid, catalogue, head)
        if rating is not None:
            found[cid] = rating
    missing = [cid for cid in known if cid not in first_line]
    for key in unknown:
        cid = key.raw.strip()
        ctx.error(
            key,
            f'characteristics: unknown characteristic "{cid}"{_suggest_id(cid, missing, known)}; '
            f"IDs are those of the model, from {next(iter(known))} to {list(known)[-1]}",
        )
    if node is not None and node.kind == "map" and missing:
        listed = ", ".join(f'"{cid}"' for cid in missing)
        ctx.error(
            node,
            f"characteristics: {len(missing)} of the {len(known)} characteristics are missing: {listed}; "
            "every characteristic must appear (write not_assessed: reason for those not assessed)",
        )
    return {cid: found[cid] for cid in known if cid in found}


def _suggest_id(cid: str, missing: list[str], known: Mapping[str, object]) -> str:
    """A typo'd ID most likely means a missing one under the same parent ("1.1.3" → "1.1.2")."""
    parent = cid.rsplit(".", 1)[0]
    siblings = [m for m in missing if m.rsplit(".", 1)[0] == parent]
    if len(siblings) == 1:
        return f' (did you mean "{siblings[0]}"?)'
    return suggest(cid, missing) or suggest(cid, known)


def _read_rating(ctx: PathContext, key: Node, node: Node, cid: str, catalogue: Catalogue, head: Header) -> Entry | None:
    path = f'characteristics."{cid}"'
    if is_placeholder(node):
        ctx.error(node, f"{path}: not filled in yet: give now, in_two_years and justification, or not_assessed: reason")
        return None
    f = Fields(ctx, node, path, RATING_FIELDS, path=path)
    if not f.ok:
        return None
    errors_before = ctx.errors
    if f.has("not_assessed"):
        return _read_not_assessed(ctx, f, key, cid, path)
    groups = _read_groups(ctx, f, path, catalogue, head)
    if head.median:
        now, later = _derived_levels(ctx, f, path, groups)
    else:
        hint = "choose a level 1-5, or replace now/in_two_years by not_assessed: reason"
        now = f.read(level, "now", hint=hint)
        later = f.read(level, "in_two_years", hint=hint)
    why = "say in a sentence or two why these levels were chosen"
    justification = f.read(fields.text, "justification", hint=why, max_len=2000)
    evidence_node = f.get("evidence", required=False)
    evidence = read_evidence(ctx, evidence_node, path, head.date)
    f.finish()
    if now is not None and later is not None and later < now:
        ctx.warning(
            node.value.get("in_two_years") or key,
            f"{path}.in_two_years ({later}) is below now ({now}): if a fall is expected, say why in the "
            "justification; otherwise check the levels",
        )
    no_evidence = evidence_node is None or evidence_node.kind == "seq" and not evidence_node.value
    if now is not None and now >= 4 and no_evidence:
        ctx.warning(
            node.value.get("now") or key,
            f"{path}.now is {now} ({catalogue.levels[now].name}) but no evidence is given: levels 4 and 5 "
            "need demonstrable evidence, so add at least one evidence link",
        )
    if ctx.errors > errors_before or now is None or later is None or justification is None:
        return None
    return Rating(cid, now, later, justification, evidence, groups, line=key.line)


def _read_not_assessed(ctx: PathContext, f: Fields, key: Node, cid: str, path: str) -> NotAssessed | None:
    items = f.key_nodes()
    for other_key in items:
        if other_key.raw != "not_assessed" and other_key.raw in RATING_FIELDS:
            ctx.error(
                other_key,
                f"{path}.{other_key.raw}: not allowed together with not_assessed; either rate the "
                "characteristic (now, in_two_years, justification) or give the reason it was not assessed",
            )
    node = f.value("not_assessed")
    reason = None
    yes_no = node is not None and node.kind == "scalar" and node.raw.strip() in YAML_1_1_BOOLEANS and not node.quoted
    if node is not None and node.kind == "scalar" and (node.tag.endswith(":bool") or yes_no):
        ctx.error(
            node,
            f"{path}.not_assessed: give the reason as text (e.g. not_assessed: no data collected yet), not {node.raw}",
        )
    else:
        reason = f.read(fields.text, "not_assessed", hint="say why it was not assessed", max_len=1000)
    f.finish()
    if reason is None or any(k.raw != "not_assessed" for k in items):
        return None
    return NotAssessed(cid, reason, line=key.line)


def _read_groups(ctx: PathContext, f: Fields, path: str, catalogue: Catalogue, head: Header) -> dict[str, GroupView]:
    node = f.get("groups", required=False)
    if node is None:
        return {}
    key = f.key("groups")
    head.groups_seen.append(key)
    if head.method and not head.takes_groups:
        ctx.error(
            key,
            f"{path}.groups: groups' views are only recorded with the methods {one_of(GROUP_VIEW_METHODS)}; "
            f'this assessment\'s method is "{head.method}": remove the groups, or change the method',
        )
        return {}
    views: dict[str, GroupView] = {}
    for gkey, value in fields.mapping(ctx, node, f"{path}.groups"):
        gid = sys.intern(gkey.raw.strip())  # as the characteristic's ID: one string per group
        gpath = f"{path}.groups.{gid}"
        if gid not in catalogue.stakeholder_groups:
            ctx.error(
                gkey,
                f'{path}.groups: unknown stakeholder group "{gid}"{suggest(gid, catalogue.stakeholder_groups)}; '
                f"allowed: {one_of(catalogue.stakeholder_groups)}",
            )
            continue
        if head.participants and gid not in head.participants:
            ctx.error(
                gkey,
                f'{path}.groups: "{gid}" is not among the participants ({", ".join(head.participants)}); '
                "add it to participants, or remove its view",
            )
            continue
        gf = Fields(ctx, value, gpath, ("now", "in_two_years"), path=gpath)
        hint = "choose this group's level 1-5, or remove the group's view"
        now = gf.read(level, "now", hint=hint)
        later = gf.read(level, "in_two_years", hint=hint)
        gf.finish()
        if now is not None and later is not None:
            views[gid] = GroupView(gid, now, later)
    return views


def _derived_levels(
    ctx: PathContext, f: Fields, path: str, groups: dict[str, GroupView]
) -> tuple[int | None, int | None]:
    """With consolidation "median", the levels come from the groups; written ones must agree."""
    if not groups:
        if not f.has("groups") and f.node is not None:
            ctx.error(
                f.node,
                f'{path}: consolidation "median" derives the levels from the groups\' views: give "groups" '
                "(each group's now and in_two_years), or not_assessed: reason",
            )
        return None, None
    derived = {
        "now": lower_median([g.now for g in groups.values()]),
        "in_two_years": lower_median([g.in_two_years for g in groups.values()]),
    }
    for name, value in derived.items():
        node = f.value(name)
        if node is None:
            continue
        if is_placeholder(node):
            ctx.error(
                node,
                f'{path}.{name}: remove this line: with consolidation "median" it is derived from the '
                f"groups' views (here {value})",
            )
            continue
        given = level(ctx, node, f"{path}.{name}")
        if given is not None and given != value:
            ctx.error(
                node,
                f"{path}.{name}: {given} differs from {value}, the median of the groups' views "
                '(consolidation "median", lower middle value); remove it, or use consolidation "moderated"',
            )
    return derived["now"], derived["in_two_years"]
