"""Validate the cities and assessments in ``assessments/`` and build the :class:`Registry`.

Everything here arrives in pull requests from city staff and strangers, so every byte is
checked and every problem is reported (never only the first) as ``path:line:col``, naming
the field by its path as written in the file, e.g. ``characteristics."1.1.1".now``.

Layout::

    assessments/<city-slug>/city.yaml          the city's profile
    assessments/<city-slug>/<YYYY-MM-DD>.yaml  one assessment, named by its date
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Report, Severity, one_of, suggest
from ..load.yaml_nodes import Node, read_yaml, snapshot
from ..model.assessments import (
    COMMUNITY_TYPES,
    CONSOLIDATION_RULES,
    GROUP_VIEW_METHODS,
    Assessment,
    City,
    Evidence,
    GroupView,
    Rating,
    Registry,
    lower_median,
)
from ..model.catalogue import Catalogue, SourceRef
from ..workers import fork_map
from . import fields
from .countries import country_name, suggest_code
from .fields import Fields, FileContext

CITY_FILE = "city.yaml"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_LENGTH = (2, 60)
ASSESSMENT_FILE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\.yaml")
GITHUB_USER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
EMAIL = re.compile(r"[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")

# Evidence dated more than this many years before the assessment is probably out of date.
EVIDENCE_MAX_AGE_YEARS = 5
# Above this, a population is a typo (the largest urban areas have about 40 million people).
MAX_POPULATION = 100_000_000
# What scripts/new-assessment writes where a person must fill something in ("TODO", "TODO: …",
# but not "Todos os bairros…").
PLACEHOLDER = re.compile(r"\s*TODO(?![A-Za-z0-9_])")

CITY_FIELDS = (
    "name",
    "country",
    "region",
    "population",
    "community_type",
    "website",
    "contact",
    "maintainers",
    "fictional",
    "description",
)
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
)
RATING_FIELDS = ("now", "in_two_years", "justification", "evidence", "groups", "not_assessed")
EVIDENCE_FIELDS = ("title", "url", "date")
LEVEL_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


# ---------------------------------------------------------------------------------------------
# Field readers: the shared ones from fields.py, with messages that name the field by its path.


@dataclass
class _Ctx(FileContext):
    """A file's diagnostics, with fields named by path ("characteristics."1.1.1".now: …)."""

    today: dt.date = dt.date.max  # dates after it are in the future
    errors: int = 0  # counted here: Report.errors re-scans every diagnostic of the run

    def __post_init__(self) -> None:
        self._scratch = FileContext(self.path, Report())  # reused by read(): it runs ~100 times a file

    def error(self, node: Node, message: str) -> None:
        self.errors += 1
        super().error(node, message)

    def read(self, reader: Callable[..., Any], node: Node | None, path: str, *args: Any, **kwargs: Any) -> Any:
        """Run a ``fields`` reader, rewriting its ``field "x" …`` messages to ``x: …``."""
        if node is None:
            return reader(self, None, path, *args, **kwargs)  # readers return at once on no value
        found = self._scratch.report.diagnostics
        found.clear()
        value = reader(self._scratch, node, path, *args, **kwargs)
        label = f'field "{path}"'
        for d in found:
            message = d.message
            if message.startswith(label):
                rest = message[len(label) :]
                message = path + (rest if rest.startswith(":") else ":" + rest)
            self.errors += d.severity is Severity.ERROR
            self.report.diagnostics.append(replace(d, message=message))
        return value


def _is_placeholder(node: Node) -> bool:
    """An empty value or "TODO": what scripts/new-assessment leaves for a person to fill in."""
    if node.kind != "scalar":
        return False
    if node.tag.endswith(":null"):
        return True
    return node.tag.endswith(":str") and PLACEHOLDER.match(node.value) is not None


def _field(ctx: _Ctx, f: Fields, key: str, path: str, hint: str, *, required: bool = True) -> Node | None:
    """The value of ``key``; a missing required field or a placeholder is reported (with ``hint``)."""
    if not f.ok:
        return None
    node = f.node.value.get(key)
    if node is None:
        if required:
            ctx.error(f.node, f'{f.what}: missing required field "{key}": {hint}')
        return None
    if _is_placeholder(node):
        extra = "" if required else f' (or delete the "{key}" line: it is optional)'
        ctx.error(node, f"{path}: not filled in yet: {hint}{extra}")
        return None
    return node


def _text(
    ctx: _Ctx, f: Fields, key: str, path: str, hint: str, *, required: bool = True, max_len: int = 5000
) -> str | None:
    return ctx.read(fields.text, _field(ctx, f, key, path, hint, required=required), path, max_len=max_len)


def _level(ctx: _Ctx, node: Node | None, path: str) -> int | None:
    """A maturity level, 1 to 5; the message says what was found and how to write it."""
    if node is None:
        return None
    allowed = "a maturity level, a whole number from 1 to 5"
    if node.kind != "scalar":
        ctx.error(node, f"{path}: must be {allowed}, found {node.type_name}")
        return None
    raw = node.raw.strip()
    if node.tag.endswith(":int") and not isinstance(node.value, bool):
        if 1 <= node.value <= 5:
            return node.value
        ctx.error(node, f"{path}: must be {allowed}, found {node.value}")
        return None
    if node.tag.endswith(":float"):
        hint = "levels are whole numbers: choose the highest level whose criteria are fully met"
    elif node.tag.endswith(":bool"):
        hint = "a yes/no value"
    elif raw in {"1", "2", "3", "4", "5"}:
        hint = f"text: write {raw} without quotes"
    elif raw.lower() in LEVEL_WORDS:
        hint = f"text: write the number {LEVEL_WORDS[raw.lower()]}"
    else:
        hint = node.type_name
    ctx.error(node, f'{path}: must be {allowed}, found "{raw}" ({hint})')
    return None


def _date(ctx: _Ctx, node: Node | None, path: str) -> dt.date | None:
    """A date written YYYY-MM-DD (quoted or not), a real calendar day, not in the future."""
    if node is None:
        return None
    match = ISO_DATE.fullmatch(node.raw.strip()) if node.kind == "scalar" and node.tag.endswith(":str") else None
    if match is None:
        return ctx.read(fields.date, node, path, today=ctx.today)
    try:
        value = dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        ctx.error(node, f'{path}: "{node.raw.strip()}" is not a real calendar date; write it as YYYY-MM-DD')
        return None
    if value > ctx.today:
        ctx.error(node, f"{path}: {value.isoformat()} is in the future (today is {ctx.today.isoformat()})")
        return None
    return value


def _node_date(node: Node | None) -> dt.date | None:
    """The date a node holds, if it is one, without reporting anything (for cross-file checks)."""
    if node is None or node.kind != "scalar":
        return None
    if isinstance(node.value, dt.date) and not isinstance(node.value, dt.datetime):
        return node.value
    match = ISO_DATE.fullmatch(node.raw.strip())
    try:
        return dt.date(*(int(part) for part in match.groups())) if match else None
    except ValueError:
        return None


def _choice(
    ctx: _Ctx, f: Fields, key: str, path: str, choices: dict[str, Any] | tuple[str, ...], *, required: bool = True
) -> str | None:
    hint = f"choose one of {one_of(choices)}"
    return ctx.read(fields.choice, _field(ctx, f, key, path, hint, required=required), path, choices)


# ---------------------------------------------------------------------------------------------
# Folder and file names.


def slug_problem(name: str) -> str | None:
    """Why ``name`` cannot be a city folder's name, or None if it can."""
    lo, hi = SLUG_LENGTH
    if not SLUG.fullmatch(name):
        return "only lowercase letters a-z, digits and single hyphens between them are allowed"
    if not lo <= len(name) <= hi:
        return f"it must be {lo} to {hi} characters long"
    return None


def slugify(name: str) -> str:
    """The safe folder name closest to ``name`` ("São Paulo" → "sao-paulo"), for suggestions."""
    ascii_only = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")[: SLUG_LENGTH[1]].strip("-")


def _printable(text: str) -> str:
    """A file name as shown in diagnostics: control characters escaped, so one line stays one line."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def _file_name_hint(name: str) -> str:
    stem, _, ext = name.rpartition(".")
    if name.lower() in ("city.yml", "city.yaml", "city.json"):
        return f'; rename it to "{CITY_FILE}"'
    match = ISO_DATE.fullmatch(stem) if ext.lower() in ("yaml", "yml") else None
    if match:
        y, m, d = (int(part) for part in match.groups())
        return f'; rename it to "{y:04d}-{m:02d}-{d:02d}.yaml"'
    return ""


# ---------------------------------------------------------------------------------------------
# city.yaml


def _read_city(ctx: _Ctx, root: Node | None, slug: str) -> City | None:
    if root is None:  # unreadable: the reader has reported why
        return None
    errors_before = ctx.errors
    f = Fields(ctx, root, CITY_FILE, CITY_FIELDS)
    name = _text(ctx, f, "name", "name", "the city's name, in its own script (e.g. São Paulo)", max_len=200)
    if name is not None and (mixed := fields.mixed_script(name)):
        ctx.error(f.node.value["name"], f"name: {mixed}")
        name = None
    country = _country(ctx, _field(ctx, f, "country", "country", "an ISO 3166-1 two-letter country code such as BR"))
    region = _text(ctx, f, "region", "region", "the region or state", required=False, max_len=200)
    population = _population(ctx, _field(ctx, f, "population", "population", "the number of inhabitants, e.g. 250000"))
    community_type = _choice(ctx, f, "community_type", "community_type", tuple(COMMUNITY_TYPES))
    website = ctx.read(
        fields.url, _field(ctx, f, "website", "website", "the official web site (https://…)", required=False), "website"
    )
    contact = _contact(
        ctx, _field(ctx, f, "contact", "contact", "a mailto: address or a contact page (https://…)", required=False)
    )
    maintainers = _maintainers(
        ctx, _field(ctx, f, "maintainers", "maintainers", "a list of GitHub user names, e.g. [octocat]")
    )
    fictional = ctx.read(fields.boolean, f.get("fictional", required=False), "fictional")
    description = _text(
        ctx, f, "description", "description", "one or two sentences about the city", required=False, max_len=1000
    )
    f.finish()
    if ctx.errors > errors_before:
        return None
    return City(
        slug=slug,
        name=name,
        country=country,
        region=region,
        population=population,  # type: ignore[arg-type]
        community_type=community_type,
        website=website,
        contact=contact,
        maintainers=maintainers,  # type: ignore[arg-type]
        fictional=bool(fictional),
        description=description,
        source=SourceRef(ctx.path, 1),
    )


def _country(ctx: _Ctx, node: Node | None) -> str | None:
    if node is None:
        return None
    if node.kind != "scalar":
        ctx.error(node, f"country: must be an ISO 3166-1 two-letter country code such as BR, found {node.type_name}")
        return None
    code = node.raw.strip()  # raw text: "NO" (Norway) is a yes/no value to YAML
    if country_name(code):
        return code
    guess = suggest_code(code)
    hint = f' (did you mean "{guess}", {country_name(guess)}?)' if guess else ""
    ctx.error(
        node,
        f'country: "{code}" is not an ISO 3166-1 two-letter country code{hint}; '
        "use the upper-case code of the country, e.g. BR for Brazil or JP for Japan",
    )
    return None


def _population(ctx: _Ctx, node: Node | None) -> int | None:
    if node is not None and node.kind == "scalar" and re.fullmatch(r"\d{1,3}([,.' ]\d{3})+", node.raw.strip()):
        ctx.error(
            node,
            f"population: must be a whole number written without separators, e.g. "
            f'{re.sub(r"[^0-9]", "", node.raw)}, found "{node.raw.strip()}"',
        )
        return None
    return ctx.read(fields.integer, node, "population", 1, MAX_POPULATION)


def _contact(ctx: _Ctx, node: Node | None) -> str | None:
    value = ctx.read(fields.text, node, "contact", max_len=500)
    if value is None:
        return None
    if value.lower().startswith("mailto:"):
        if not EMAIL.fullmatch(value[len("mailto:") :]):
            ctx.error(node, f'contact: "{value[:80]}" is not a valid e-mail link; write mailto:name@example.org')
            return None
        return value
    if EMAIL.fullmatch(value):
        ctx.error(node, f'contact: write an e-mail address as a link: "mailto:{value}"')
        return None
    return ctx.read(fields.url, node, "contact")


def _maintainers(ctx: _Ctx, node: Node | None) -> list[str]:
    if node is not None and node.kind == "seq" and not node.value:
        ctx.error(
            node,
            "maintainers: not filled in yet: list the GitHub user names of the people who may "
            "update this city's files, e.g. [octocat]",
        )
        return []
    found: dict[str, Node] = {}
    for i, item in enumerate(ctx.read(fields.sequence, node, "maintainers", min_items=1), start=1):
        path = f"maintainers[{i}]"
        name = ctx.read(fields.text, item, path, max_len=100)
        if name is None:
            continue
        if name.startswith("@") and GITHUB_USER.fullmatch(name[1:]):
            ctx.error(item, f'{path}: write the GitHub user name without "@": {name[1:]}')
        elif not GITHUB_USER.fullmatch(name):
            ctx.error(
                item,
                f'{path}: "{name[:80]}" is not a GitHub user name (letters, digits and single '
                "hyphens, at most 39 characters)",
            )
        elif name.lower() in found:
            ctx.error(item, f'{path}: "{name}" is listed twice (first at line {found[name.lower()].line})')
        else:
            found[name.lower()] = item
    return [n.raw.strip() for n in found.values()]


# ---------------------------------------------------------------------------------------------
# <date>.yaml


@dataclass
class _Header:
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


def _read_assessment(ctx: _Ctx, root: Node | None, slug: str, catalogue: Catalogue) -> Assessment | None:
    if root is None:  # unreadable: the reader has reported why
        return None
    errors_before = ctx.errors
    f = Fields(ctx, root, ctx.path.rsplit("/", 1)[-1], ASSESSMENT_FIELDS)
    when = _date(ctx, _field(ctx, f, "date", "date", "the date of the assessment, YYYY-MM-DD"), "date")
    version = _choice(ctx, f, "model_version", "model_version", tuple(catalogue.versions))
    method = _choice(ctx, f, "method", "method", tuple(catalogue.methods))
    participants = _participants(ctx, f, catalogue)
    consolidation = _choice(ctx, f, "consolidation", "consolidation", tuple(CONSOLIDATION_RULES), required=False)
    assessors = _text(ctx, f, "assessors", "assessors", "who carried out the assessment", required=False, max_len=300)
    summary = _text(ctx, f, "summary", "summary", "a short summary of the results", required=False)
    updated = _date(
        ctx, _field(ctx, f, "updated", "updated", "the date of the last material change", required=False), "updated"
    )
    if updated and when and updated < when:
        ctx.error(
            f.get("updated"), f"updated: {updated.isoformat()} is before the assessment's date ({when.isoformat()})"
        )
    head = _Header(when, method, participants, consolidation)
    if consolidation and method and not head.takes_groups:
        ctx.error(
            f.get("consolidation"),
            f"consolidation: only applies to the methods {one_of(GROUP_VIEW_METHODS)}, "
            f"whose groups' views are consolidated; this assessment's method is \"{method}\": remove it",
        )
    ratings = _read_ratings(ctx, f, catalogue, head)
    if head.groups_seen and head.takes_groups and consolidation is None and not f.has("consolidation"):
        first = head.groups_seen[0]
        ctx.error(
            f.node,
            f'{f.what}: missing required field "consolidation": groups\' views are given (first at line '
            f"{first.line}), so say how the result was obtained: {one_of(CONSOLIDATION_RULES)}",
        )
    if head.median and not head.groups_seen and ratings:
        ctx.error(
            f.get("consolidation"),
            'consolidation: "median" derives the levels from the groups\' views, '
            'but no characteristic has groups; give them, or use "moderated"',
        )
    f.finish()
    if ctx.errors > errors_before:
        return None
    return Assessment(
        city_slug=slug,
        date=when,
        model_version=version,
        method_id=method,
        participants=participants,  # type: ignore[arg-type]
        ratings=ratings,
        consolidation=consolidation,
        summary=summary,
        assessors=assessors,
        source=SourceRef(ctx.path, 1),
        updated=updated,
    )


def _participants(ctx: _Ctx, f: Fields, catalogue: Catalogue) -> list[str]:
    groups = tuple(catalogue.stakeholder_groups)
    hint = f"list the stakeholder groups that took part, one or more of {one_of(groups)}"
    node = _field(ctx, f, "participants", "participants", hint)
    if node is not None and node.kind == "seq" and not node.value:
        ctx.error(node, f"participants: not filled in yet: {hint}")
        return []
    found: dict[str, Node] = {}
    for i, item in enumerate(ctx.read(fields.sequence, node, "participants", min_items=1), start=1):
        gid = ctx.read(fields.choice, item, f"participants[{i}]", groups)
        if gid in found:
            ctx.error(item, f'participants[{i}]: "{gid}" is listed twice (first at line {found[gid].line})')
        elif gid:
            found[gid] = item
    return list(found)


def _read_ratings(ctx: _Ctx, f: Fields, catalogue: Catalogue, head: _Header) -> dict[str, Rating]:
    node = _field(ctx, f, "characteristics", "characteristics", "every characteristic of the model, by ID")
    known = catalogue.characteristics
    found: dict[str, Rating] = {}
    first_line: dict[str, int] = {}
    unknown: list[Node] = []
    for key, value in ctx.read(fields.mapping, node, "characteristics"):
        cid = key.raw.strip()  # the text as written: 4.1 (a number to YAML) and "4.1" are the same key
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
    if node is not None and node.kind == "map":
        if missing:
            listed = ", ".join(f'"{cid}"' for cid in missing)
            ctx.error(
                node,
                f"characteristics: {len(missing)} of the {len(known)} characteristics are missing: {listed}; "
                "every characteristic must appear (write not_assessed: reason for those not assessed)",
            )
    return {cid: found[cid] for cid in known if cid in found}


def _suggest_id(cid: str, missing: list[str], known: dict) -> str:
    """A typo'd ID most likely means a missing one under the same parent ("1.1.3" → "1.1.2")."""
    parent = cid.rsplit(".", 1)[0]
    siblings = [m for m in missing if m.rsplit(".", 1)[0] == parent]
    if len(siblings) == 1:
        return f' (did you mean "{siblings[0]}"?)'
    return suggest(cid, missing) or suggest(cid, known)


def _read_rating(ctx: _Ctx, key: Node, node: Node, cid: str, catalogue: Catalogue, head: _Header) -> Rating | None:
    path = f'characteristics."{cid}"'
    if _is_placeholder(node):
        ctx.error(node, f"{path}: not filled in yet: give now, in_two_years and justification, or not_assessed: reason")
        return None
    f = Fields(ctx, node, path, RATING_FIELDS)
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
        now = _level(ctx, _field(ctx, f, "now", f"{path}.now", hint), f"{path}.now")
        later = _level(ctx, _field(ctx, f, "in_two_years", f"{path}.in_two_years", hint), f"{path}.in_two_years")
    justification = _text(
        ctx,
        f,
        "justification",
        f"{path}.justification",
        "say in a sentence or two why these levels were chosen",
        max_len=2000,
    )
    evidence_node = f.get("evidence", required=False)
    evidence = _read_evidence(ctx, evidence_node, path, head.date)
    f.finish()
    if now is not None and later is not None and later < now:
        ctx.warning(
            f.node.value.get("in_two_years") or key,
            f"{path}.in_two_years ({later}) is below now ({now}): if a fall is expected, say why in the "
            "justification; otherwise check the levels",
        )
    no_evidence = evidence_node is None or evidence_node.kind == "seq" and not evidence_node.value
    if now is not None and now >= 4 and no_evidence:
        ctx.warning(
            f.node.value.get("now") or key,
            f"{path}.now is {now} ({catalogue.levels[now].name}) but no evidence is given: levels 4 and 5 "
            "need demonstrable evidence, so add at least one evidence link",
        )
    if ctx.errors > errors_before or now is None or later is None:
        return None
    return Rating(cid, now, later, justification, evidence, groups, line=key.line)


def _read_not_assessed(ctx: _Ctx, f: Fields, key: Node, cid: str, path: str) -> Rating | None:
    for other_key, _ in f.node.items():
        if other_key.raw != "not_assessed" and other_key.raw in RATING_FIELDS:
            ctx.error(
                other_key,
                f"{path}.{other_key.raw}: not allowed together with not_assessed; either rate the "
                "characteristic (now, in_two_years, justification) or give the reason it was not assessed",
            )
    node = f.node.value["not_assessed"]
    if node.kind == "scalar" and node.tag.endswith(":bool"):
        ctx.error(
            node,
            f"{path}.not_assessed: give the reason as text (e.g. not_assessed: no data collected yet), not {node.raw}",
        )
        reason = None
    else:
        reason = _text(ctx, f, "not_assessed", f"{path}.not_assessed", "say why it was not assessed", max_len=1000)
    f.finish()
    if reason is None or any(k.raw != "not_assessed" for k, _ in f.node.items()):
        return None
    return Rating(cid, None, None, not_assessed=reason, line=key.line)


def _read_groups(ctx: _Ctx, f: Fields, path: str, catalogue: Catalogue, head: _Header) -> dict[str, GroupView]:
    node = f.get("groups", required=False)
    if node is None:
        return {}
    key = f.node.keys["groups"]
    head.groups_seen.append(key)
    if head.method and not head.takes_groups:
        ctx.error(
            key,
            f"{path}.groups: groups' views are only recorded with the methods {one_of(GROUP_VIEW_METHODS)}; "
            f'this assessment\'s method is "{head.method}": remove the groups, or change the method',
        )
        return {}
    views: dict[str, GroupView] = {}
    for gkey, value in ctx.read(fields.mapping, node, f"{path}.groups"):
        gid = gkey.raw.strip()
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
        gf = Fields(ctx, value, gpath, ("now", "in_two_years"))
        hint = "choose this group's level 1-5, or remove the group's view"
        now = _level(ctx, _field(ctx, gf, "now", f"{gpath}.now", hint), f"{gpath}.now")
        later = _level(ctx, _field(ctx, gf, "in_two_years", f"{gpath}.in_two_years", hint), f"{gpath}.in_two_years")
        gf.finish()
        if now is not None and later is not None:
            views[gid] = GroupView(gid, now, later)
    return views


def _derived_levels(ctx: _Ctx, f: Fields, path: str, groups: dict[str, GroupView]) -> tuple[int | None, int | None]:
    """With consolidation "median", the levels come from the groups; written ones must agree."""
    if not groups:
        if not f.has("groups"):
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
        node = f.node.value.get(name)
        if node is None:
            continue
        if _is_placeholder(node):
            ctx.error(
                node,
                f'{path}.{name}: remove this line: with consolidation "median" it is derived from the '
                f"groups' views (here {value})",
            )
            continue
        given = _level(ctx, node, f"{path}.{name}")
        if given is not None and given != value:
            ctx.error(
                node,
                f"{path}.{name}: {given} differs from {value}, the median of the groups' views "
                '(consolidation "median", lower middle value); remove it, or use consolidation "moderated"',
            )
    return derived["now"], derived["in_two_years"]


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _read_evidence(ctx: _Ctx, node: Node | None, path: str, when: dt.date | None) -> list[Evidence]:
    found: list[Evidence] = []
    for i, item in enumerate(ctx.read(fields.sequence, node, f"{path}.evidence"), start=1):
        epath = f"{path}.evidence[{i}]"
        ef = Fields(ctx, item, epath, EVIDENCE_FIELDS)
        title = _text(ctx, ef, "title", f"{epath}.title", "the document's title", max_len=300)
        link = ctx.read(fields.url, _field(ctx, ef, "url", f"{epath}.url", "a link to it, https://…"), f"{epath}.url")
        dnode = _field(ctx, ef, "date", f"{epath}.date", "the document's date, YYYY-MM-DD", required=False)
        day = _date(ctx, dnode, f"{epath}.date")
        ef.finish()
        if day and when and day > when:
            ctx.warning(
                dnode,
                f"{epath}.date: {day.isoformat()} is after the assessment ({when.isoformat()}); "
                "evidence should be what the assessors had at the time",
            )
        elif day and when and day < _years_before(when, EVIDENCE_MAX_AGE_YEARS):
            ctx.warning(
                dnode,
                f"{epath}.date: {day.isoformat()} is more than {EVIDENCE_MAX_AGE_YEARS} years before the "
                f"assessment ({when.isoformat()}); is there more recent evidence?",
            )
        if title and link:
            found.append(Evidence(title, link, day))
    return found


# ---------------------------------------------------------------------------------------------
# Folders: the whole registry, or the files given on the command line.


@dataclass
class _Scan:
    """One run over some of ``assessments/``: where diagnostics go and what they are checked against."""

    catalogue: Catalogue
    report: Report
    display_root: Path
    today: dt.date

    def shown(self, path: Path) -> str:
        try:
            shown = path.relative_to(self.display_root).as_posix()
        except ValueError:
            shown = path.as_posix()
        return _printable(shown)

    def error(self, path: Path, message: str) -> None:
        self.report.error(self.shown(path), 1, 1, message)

    def context(self, path: Path) -> _Ctx:
        return _Ctx(self.shown(path), self.report, self.today)

    def folder_ok(self, folder: Path) -> bool:
        """A city folder's name is a safe slug (it becomes part of the site's URLs)."""
        problem = slug_problem(folder.name)
        if problem is None:
            return True
        better = slugify(folder.name)
        hint = f' (rename it to "{better}")' if better and slug_problem(better) is None else ""
        self.error(folder, f'city folder name "{_printable(folder.name)}" is not allowed: {problem}{hint}')
        return False

    def city(self, path: Path) -> City | None:
        ctx = self.context(path)
        document = read_yaml(path, ctx.path, self.report)
        city = _read_city(ctx, document.root, path.parent.name)
        if city is not None:
            city.source = SourceRef(ctx.path, 1, snapshot(document.root))
        return city

    def assessment(self, path: Path) -> tuple[Assessment | None, _Ctx, Node | None, dt.date | None]:
        """Read one assessment file and check that its name is its date, also when its content has errors.

        Returns the assessment (None on any error), and the date node and value when readable."""
        ctx = self.context(path)
        match = ASSESSMENT_FILE.fullmatch(path.name)
        file_date = None
        if match:
            try:
                file_date = dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                self.error(
                    path,
                    f'file name "{path.name}" is not a real calendar date; name the file by the '
                    "assessment's date, YYYY-MM-DD.yaml",
                )
        document = read_yaml(path, ctx.path, self.report)
        root = document.root
        result = _read_assessment(ctx, root, path.parent.name, self.catalogue)
        if result is not None:
            result.source = SourceRef(ctx.path, 1, snapshot(document.root))
        date_node = root.value.get("date") if root is not None and root.kind == "map" else None
        day = _node_date(date_node)
        if day is not None and file_date is not None and day != file_date:
            ctx.error(
                date_node,
                f"date: {day.isoformat()} does not match the file name {path.name}; rename the "
                f"file to {day.isoformat()}.yaml, or correct the date",
            )
            result = None
        return result, ctx, date_node, day

    def entry_problem(self, path: Path) -> str | None:
        """Why a folder entry cannot be read as data: links could point anywhere on the machine."""
        if path.is_symlink():
            return "symbolic links are not allowed in assessments/; replace it with the file itself"
        return None

    def city_folder(self, folder: Path) -> City | None:
        name_ok = self.folder_ok(folder)
        city_path = folder / CITY_FILE
        city = None
        problem = self.entry_problem(city_path)
        if problem:
            self.error(city_path, problem)
        elif city_path.is_file():
            city = self.city(city_path)
        else:
            self.error(
                city_path,
                f'city folder "{_printable(folder.name)}" has no {CITY_FILE}: every city folder needs '
                "its profile (see docs/contribute.md, or run scripts/new-assessment)",
            )
        assessments: list[Assessment] = []
        dates: dict[dt.date, str] = {}
        for path in sorted(folder.iterdir()):
            if path.name == CITY_FILE:
                continue
            problem = self.entry_problem(path)
            if problem:
                self.error(path, problem)
            elif path.is_dir():
                self.error(
                    path,
                    "folders are not allowed inside a city folder; only city.yaml and one "
                    "YYYY-MM-DD.yaml file per assessment",
                )
            elif not ASSESSMENT_FILE.fullmatch(path.name):
                self.error(
                    path,
                    f'"{_printable(path.name)}" is neither {CITY_FILE} nor an assessment named by its date '
                    f"(YYYY-MM-DD.yaml){_file_name_hint(path.name)}",
                )
            else:
                assessment, ctx, date_node, day = self.assessment(path)
                if day is not None and day in dates:
                    ctx.error(
                        date_node,
                        f"date: {day.isoformat()} is also the date of {dates[day]}; a city has "
                        "one assessment per date (correct the date, or merge the two files)",
                    )
                elif day is not None:
                    dates[day] = ctx.path
                if assessment is not None and ctx.errors == 0:
                    assessments.append(assessment)
        if city is None or not name_ok:
            return None
        city.assessments = sorted(assessments, key=lambda a: a.date)
        return city


def _sort_key(city: City) -> tuple[str, str]:
    """Cities by name, accents ignored ("Évora" among the E's), any script."""
    folded = unicodedata.normalize("NFKD", city.name.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)), city.slug


@dataclass
class FolderCache:
    """Results of checking city folders, reused while a folder's files are unchanged.

    ``mkdocs serve`` rebuilds the whole site after every edit: with this cache only the edited
    city is read again. A folder's key is its entries' names, sizes and modification times
    (as ``make`` does); a different catalogue or day empties the cache."""

    entries: dict[Path, tuple[tuple, FolderResult]] = field(default_factory=dict)
    checked_against: tuple[Catalogue, dt.date] | None = None

    def use_for(self, catalogue: Catalogue, today: dt.date) -> None:
        current = self.checked_against
        if current is None or current[0] is not catalogue or current[1] != today:
            self.entries.clear()
            self.checked_against = (catalogue, today)

    @staticmethod
    def key(folder: Path) -> tuple | None:
        try:
            with os.scandir(folder) as listing:
                found = []
                for entry in listing:
                    stat = entry.stat(follow_symlinks=False)
                    found.append(
                        (
                            entry.name,
                            entry.is_symlink(),
                            entry.is_dir(follow_symlinks=False),
                            stat.st_size,
                            stat.st_mtime_ns,
                        )
                    )
        except OSError:
            return None
        return tuple(sorted(found))


@dataclass
class FolderResult:
    city: City | None  # None when the folder has errors
    diagnostics: list[Diagnostic]


def check_city_folder(folder: Path, catalogue: Catalogue, *, display_root: Path, today: dt.date) -> FolderResult:
    """One city folder on its own: its city.yaml and every assessment (independent of other folders)."""
    report = Report()
    city = _Scan(catalogue, report, display_root, today).city_folder(folder)
    return FolderResult(city, report.diagnostics)


def load_registry(
    assessments_dir: Path,
    catalogue: Catalogue,
    report: Report,
    *,
    display_root: Path,
    today: dt.date,
    cache: FolderCache | None = None,
) -> Registry:
    """Check every city folder in ``assessments_dir``; every problem goes to ``report``.

    Folders are independent, so they are checked on all cores (:mod:`macros.workers`), and
    unchanged ones come from ``cache`` when one is given. The registry holds the cities and
    assessments that passed (cities by name, assessments oldest first, ratings in catalogue
    order); callers stop on ``report.errors``."""
    scan = _Scan(catalogue, report, display_root, today)
    if not assessments_dir.is_dir():
        return Registry({})
    folders: list[Path] = []
    for path in sorted(assessments_dir.iterdir()):
        problem = scan.entry_problem(path)
        if problem:
            scan.error(path, problem)
        elif not path.is_dir():
            scan.error(
                path,
                f"only city folders belong in {assessments_dir.name}/ (e.g. {assessments_dir.name}/"
                f"my-city/{CITY_FILE}); move or remove this file",
            )
        else:
            folders.append(path)
    if cache is not None:
        cache.use_for(catalogue, today)
    keys = [cache.key(folder) if cache is not None else None for folder in folders]
    results: dict[Path, FolderResult] = {}
    to_check = []
    for folder, key in zip(folders, keys):
        hit = cache.entries.get(folder) if cache is not None and key is not None else None
        if hit is not None and hit[0] == key:
            results[folder] = hit[1]
        else:
            to_check.append(folder)
    check = partial(check_city_folder, catalogue=catalogue, display_root=display_root, today=today)
    for folder, result in zip(to_check, fork_map(check, to_check)):
        results[folder] = result
    cities: list[City] = []
    for folder, key in zip(folders, keys):
        result = results[folder]
        if cache is not None and key is not None:
            cache.entries[folder] = (key, result)
        report.add(result.diagnostics)
        if result.city is not None:
            cities.append(result.city)
    if cache is not None:  # forget folders that are gone
        for gone in set(cache.entries) - set(folders):
            del cache.entries[gone]
    _check_twins(scan, cities)
    return Registry({city.slug: city for city in sorted(cities, key=_sort_key)})


def _check_twins(scan: _Scan, cities: list[City]) -> None:
    """One place, one folder: the same name, country and region twice is a copied folder."""
    seen: dict[tuple, City] = {}
    for city in cities:
        # compatibility-folded, so that full-width or ligature look-alikes of a name count as that name
        key = (
            unicodedata.normalize("NFKC", city.name).casefold(),
            city.country,
            unicodedata.normalize("NFKC", city.region or "").casefold(),
        )
        if key in seen:
            scan.report.error(
                city.source.path,
                1,
                1,
                f'name: "{city.name}" ({city.country}) is already the city in '
                f"{seen[key].source.path}; use one folder per city",
            )
        else:
            seen[key] = city


def validate_paths(
    paths: list[Path], catalogue: Catalogue, report: Report, *, display_root: Path, today: dt.date
) -> None:
    """``scripts/validate PATH…``: check the given city.yaml or assessment files (or city folders).

    An assessment's city folder must be a safe slug and hold a city.yaml (not itself re-checked)."""
    scan = _Scan(catalogue, report, display_root, today)
    done: set[Path] = set()
    folders: dict[Path, bool] = {}  # each folder's name is checked (and reported) once

    def folder_ok(folder: Path) -> bool:
        if folder not in folders:
            folders[folder] = scan.folder_ok(folder)
        return folders[folder]

    for path in paths:
        resolved = path.resolve()
        if resolved in done:
            continue
        done.add(resolved)
        problem = scan.entry_problem(path)
        if problem:
            scan.error(path, problem)
        elif path.is_dir():
            if (path / CITY_FILE).exists() or any(ASSESSMENT_FILE.fullmatch(p.name) for p in path.iterdir()):
                scan.city_folder(path)
            else:
                load_registry(path, catalogue, report, display_root=display_root, today=today)
        elif not path.is_file():
            scan.error(path, "no such file")
        elif path.name == CITY_FILE:
            folder_ok(path.parent)
            scan.city(path)
        elif ASSESSMENT_FILE.fullmatch(path.name):
            if folder_ok(path.parent) and not (path.parent / CITY_FILE).is_file():
                scan.error(
                    path,
                    f'city "{path.parent.name}" has no {CITY_FILE}; create {scan.shown(path.parent / CITY_FILE)} '
                    "(see docs/contribute.md)",
                )
            scan.assessment(path)
        else:
            scan.error(
                path,
                f'"{_printable(path.name)}" is neither {CITY_FILE} nor an assessment named by its date '
                f"(YYYY-MM-DD.yaml){_file_name_hint(path.name)}",
            )


def read_maintainers(city_file: Path, report: Report, *, display_root: Path) -> list[str]:
    """The GitHub user names in a city.yaml's ``maintainers``, checked with the validator's rules.

    Every problem (an unreadable file, a missing or empty list, a name that is not a GitHub
    user name, a repeat) is an error in ``report``; the valid names are returned in the order
    written, without repeats, so a caller such as CODEOWNERS can keep what is usable."""
    scan = _Scan(None, report, display_root, dt.date.max)  # type: ignore[arg-type]  # no catalogue needed
    problem = scan.entry_problem(city_file)
    if problem or not city_file.is_file():
        scan.error(city_file, problem or f"no {CITY_FILE}: every city folder needs its profile")
        return []
    ctx = scan.context(city_file)
    root = read_yaml(city_file, ctx.path, report).root
    if root is None:
        return []
    f = Fields(ctx, root, CITY_FILE, CITY_FIELDS)
    hint = "a list of GitHub user names, e.g. [octocat]"
    return _maintainers(ctx, _field(ctx, f, "maintainers", "maintainers", hint))
