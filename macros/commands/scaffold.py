"""``scripts/new-assessment``: write a new assessment file for a city to fill in.

The file carries the diagnostic itself: above each characteristic, the criteria of its five
levels as comments (and the city's previous levels, if any). Every value a person must choose
is a placeholder (``null``, ``[]`` or ``TODO``) that the validator reports until filled in.
Existing files are never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Report
from ..layout import ASSESSMENT_FILE, CITY_FILE, slug_problem, slugify
from ..model.assessments import COMMUNITY_TYPES, CONSOLIDATION_RULES, Assessment
from ..model.catalogue import Catalogue
from ..model.text import FOOTNOTE_MARK, Paragraph
from ..validate import load_registry
from ..validate.language_tags import language_problem
from . import catalogue_or_report, project_options, project_root

WIDTH = 100  # comment lines are wrapped to this many columns
ASSESSMENT_SCHEMA = "# yaml-language-server: $schema=../../docs/schemas/assessment.schema.json"
CITY_SCHEMA = "# yaml-language-server: $schema=../../docs/schemas/city.schema.json"


class ScaffoldError(Exception):
    """Nothing was written; the message says why and what to do."""


@dataclass(frozen=True)
class Created:
    paths: list[Path]


def _comment(text: str, first: str, rest: str) -> list[str]:
    # footnote marks ("[^asset-synergies]") mean nothing outside the site
    return textwrap.wrap(
        FOOTNOTE_MARK.sub("", text),
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _criteria_comments(catalogue: Catalogue, cid: str) -> list[str]:
    characteristic = catalogue.characteristics[cid]
    lines = [f"  # {cid} {characteristic.name}"]
    for number, criterion in characteristic.criteria.items():
        head = f"  #   Level {number} ({catalogue.levels[number].name}): "
        first = True
        for block in criterion.blocks:
            items = [block.text] if isinstance(block, Paragraph) else [f"- {item}" for item in block.items]
            for item in items:
                lines += _comment(
                    item, head if first else "  #     ", "  #       " if item.startswith("- ") else "  #     "
                )
                first = False
    return lines


def _previous_comment(previous: Assessment | None, cid: str) -> list[str]:
    rating = previous.ratings.get(cid) if previous else None
    if previous is None or rating is None:
        return []
    if rating.not_assessed:
        return [f"  #   Last assessment ({previous.date.isoformat()}): not assessed"]
    return [
        f"  #   Last assessment ({previous.date.isoformat()}): now {rating.now}, in two years {rating.in_two_years}"
    ]


def assessment_preamble(catalogue: Catalogue) -> dict[str, list[str]]:
    """The comment lines of a new assessment file, by the field they stand above.

    Shared with the self-assessment form (through ``scripts/schemas``), whose downloaded files
    have the same layout as the ones written here."""
    return {
        "top": [
            ASSESSMENT_SCHEMA,
            '# A new MMSSC assessment: how to fill it in is explained on the site\'s "Contribute an assessment"',
            "# page (docs/contribute.md). Replace every null, [] and TODO, then run: make validate",
        ],
        "method": _comment(f"method: one of {', '.join(catalogue.methods)}", "# ", "#   "),
        "participants": _comment(
            "participants: the stakeholder groups that took part, e.g. [local-government, civil-society]; "
            f"any of {', '.join(catalogue.stakeholder_groups)}",
            "# ",
            "#   ",
        ),
        "groups": _comment(
            "With a multi-stakeholder method, each characteristic may also record each group's view "
            "(groups: {local-government: {now: 3, in_two_years: 4}, …}); then say how the levels were "
            f"consolidated: consolidation: {' or '.join(CONSOLIDATION_RULES)}",
            "# ",
            "# ",
        ),
        "characteristics": [
            "# For each characteristic: now = the level whose criteria best describe the city today (1-5);",
            "# in_two_years = the level expected in two years based on plans already in place; a short",
            "# justification; evidence links (- {title: …, url: https://…, date: YYYY-MM-DD}). If a",
            "# characteristic was not assessed, replace its lines by: not_assessed: the reason",
        ],
    }


def render_assessment(catalogue: Catalogue, day: dt.date, previous: Assessment | None = None) -> str:
    """The text of a new assessment file: header, then every characteristic in catalogue order."""
    version = list(catalogue.versions)[-1]  # the newest version of the model
    comments = assessment_preamble(catalogue)
    lines = [
        *comments["top"],
        f"date: {day.isoformat()}",
        f"model_version: {version}",
        *comments["method"],
        "method: null",
        *comments["participants"],
        "participants: []",
        *comments["groups"],
        "assessors: TODO  # who carried out the assessment (optional: delete the line if not needed)",
        "summary: TODO  # the main findings in a few sentences (optional: delete the line if not needed)",
        *comments["characteristics"],
        "characteristics:",
    ]
    for cid in catalogue.characteristics:
        lines += ["", *_criteria_comments(catalogue, cid), *_previous_comment(previous, cid)]
        lines += [
            f'  "{cid}":',
            "    now: null",
            "    in_two_years: null",
            "    justification: TODO",
            "    evidence: []",
        ]
    return "\n".join(lines) + "\n"


def render_city(language: str | None = None) -> str:
    """The text of a new city.yaml, every field a placeholder or marked optional (``language``, when
    given, is written in: a tag that ``language_problem`` accepts)."""
    types = ", ".join(COMMUNITY_TYPES)
    what = "the language this file's text and the assessments' are written in"
    language_line = (
        f"language: {language}  # {what}" if language else f"language: TODO  # {what}: a BCP 47 tag, e.g. el, fr, pt-BR"
    )
    return "\n".join(
        [
            CITY_SCHEMA,
            "# The profile of the city whose assessments are in this folder (see docs/contribute.md).",
            "# Replace every null, [] and TODO; delete the optional lines you do not need.",
            "name: TODO  # the city's name, in its own script",
            "country: TODO  # ISO 3166-1 two-letter country code, e.g. BR",
            language_line,
            "region: TODO  # optional: state, province or region",
            "population: null  # number of inhabitants, digits only, e.g. 250000",
            f"community_type: null  # one of: {types}",
            "website: TODO  # optional: the official web site, https://…",
            "contact: TODO  # optional: mailto:someone@example.org or a contact page https://…",
            "maintainers: []  # GitHub user names of the people who may update these files, e.g. [octocat]",
            "description: TODO  # optional: one or two sentences about the city",
            "",
        ]
    )


def _latest(root: Path, slug: str, catalogue: Catalogue, today: dt.date) -> Assessment | None:
    """The city's newest valid assessment, for "last assessment" hints (none if the data has errors)."""
    registry = load_registry(root / "assessments", catalogue, Report(), display_root=root, today=today)
    city = registry.cities.get(slug)
    return city.latest if city else None


def create(
    root: Path,
    slug: str,
    day: dt.date,
    catalogue: Catalogue,
    *,
    today: dt.date,
    new_city: bool = False,
    language: str | None = None,
) -> Created:
    """Write ``assessments/<slug>/<day>.yaml`` (and a city.yaml template if the city has none, with
    ``language`` filled in when given)."""
    problem = slug_problem(slug)
    if problem:
        better = slugify(slug)
        hint = f' (for example "{better}")' if better and not slug_problem(better) else ""
        raise ScaffoldError(f'"{slug}" cannot be a city folder name: {problem}{hint}')
    if day > today:
        raise ScaffoldError(
            f"{day.isoformat()} is in the future: an assessment is recorded on or after the day it was made"
        )
    folder = root / "assessments" / slug
    target = folder / f"{day.isoformat()}.yaml"
    shown = target.relative_to(root)
    if target.exists() or target.is_symlink():
        raise ScaffoldError(f"{shown} already exists and was left unchanged; edit it, or give another date")
    if not folder.is_dir() and not new_city:
        others = sorted(p.name for p in (root / "assessments").glob("*") if p.is_dir())
        close = [o for o in others if slug in o or o in slug] or difflib.get_close_matches(slug, others, n=1)
        hint = f' Did you mean "{close[0]}"?' if close else ""
        raise ScaffoldError(
            f"there is no city folder assessments/{slug}.{hint} To start a new city, run: "
            f"scripts/new-assessment --new-city {slug} {day.isoformat()}"
        )
    city_path = folder / CITY_FILE
    if language is not None and (city_path.exists() or city_path.is_symlink()):
        raise ScaffoldError(
            f"{city_path.relative_to(root)} already exists and was left unchanged: --language is for a new "
            "city.yaml; write the language on its language line instead"
        )
    previous = _latest(root, slug, catalogue, today) if folder.is_dir() else None
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    if not city_path.exists():
        with city_path.open("x", encoding="utf-8") as out:  # "x": never overwrite
            out.write(render_city(language))
        written.append(city_path)
    with target.open("x", encoding="utf-8") as out:
        out.write(render_assessment(catalogue, day, previous))
    written.append(target)
    return Created(written)


def _parse_date(text: str) -> dt.date:
    if not ASSESSMENT_FILE.fullmatch(f"{text}.yaml"):
        raise argparse.ArgumentTypeError(f'"{text}" is not a date written YYYY-MM-DD')
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a real calendar date') from None


def _parse_language(text: str) -> str:
    if problem := language_problem(text.strip()):
        raise argparse.ArgumentTypeError(f"language: {problem}")
    return text.strip()


def main(argv: list[str] | None = None, root: Path | None = None, today: dt.date | None = None) -> int:
    """``scripts/new-assessment [--new-city] [--language TAG] CITY [DATE]``; exit 0 when written, 1 when not,
    2 on bad usage.

    ``argv`` defaults to ``sys.argv[1:]``, ``root`` to :func:`~macros.commands.project_root`."""
    today = today or dt.date.today()
    parser = argparse.ArgumentParser(
        parents=[project_options()],
        prog="scripts/new-assessment",
        description="Write assessments/CITY/DATE.yaml, a new assessment to fill in (never overwrites a file).",
    )
    parser.add_argument("city", metavar="CITY", help="the city's folder name in assessments/, e.g. sao-paulo")
    parser.add_argument(
        "date",
        metavar="DATE",
        nargs="?",
        type=_parse_date,
        default=today,
        help="the date of the assessment, YYYY-MM-DD (default: today)",
    )
    parser.add_argument(
        "--new-city", action="store_true", help="start a new city: also create its folder and a city.yaml to fill in"
    )
    parser.add_argument(
        "--language",
        metavar="TAG",
        type=_parse_language,
        help="for a new city.yaml: the language its text and the assessments are written in, a BCP 47 tag such as "
        "el, fr or pt-BR (otherwise its language line is left to fill in)",
    )
    args = parser.parse_args(argv)
    root = root or project_root(args)
    catalogue = catalogue_or_report(root)
    if catalogue is None:
        return 1
    try:
        created = create(
            root, args.city, args.date, catalogue, today=today, new_city=args.new_city, language=args.language
        )
    except ScaffoldError as exc:
        print(f"new-assessment: {exc}", file=sys.stderr)
        return 1
    for path in created.paths:
        print(f"created {path.relative_to(root)}")
    print("Fill in every null, [] and TODO (the criteria of each level are in the comments), then run: make validate")
    return 0
