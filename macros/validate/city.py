"""A city's profile, ``assessments/<city-slug>/city.yaml``, and its maintainers."""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Report, one_of, shown_path
from ..layout import CITY_FILE, GITHUB_USER
from ..load.nodes import Node
from ..load.yaml_nodes import read_yaml
from ..model.assessments import COMMUNITY_TYPES, City
from ..model.catalogue import SourceRef
from . import fields
from .countries import country_name, suggest_code
from .entries import entry_problem
from .fields import Fields, FileContext, PathContext
from .language_tags import EXAMPLES, language_problem
from .text_rules import mixed_script

CITY_FIELDS = (
    "name",
    "country",
    "language",
    "region",
    "population",
    "community_type",
    "website",
    "contact",
    "feedback",
    "maintainers",
    "fictional",
    "description",
)
EMAIL = re.compile(r"[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+")
# Above this, a population is a typo (the largest urban areas have about 40 million people).
MAX_POPULATION = 100_000_000
MAINTAINERS_HINT = "a list of GitHub user names, e.g. [octocat]"
LANGUAGE_HINT = f"the language the city's own text is written in, as a BCP 47 language tag such as {EXAMPLES}"
# The longest language value read (a tag of language-Script-REGION is at most 11 characters).
LANGUAGE_MAX_LEN = 100
# ``language`` is required of new data (scripts/new-assessment and the form ask for it), but the
# city.yaml files written before it existed do not have it: a missing line is a warning, not an
# error, so that no city's next pull request fails for a line it never needed. There is no default:
# "en" would mark Greek text as English for screen readers and search engines; the city then has
# no language (None) and its pages make no claim about the language of its text.
MISSING_LANGUAGE = (
    f'{CITY_FILE}: no "language" field: add the language this city\'s own text (its description, summaries '
    f"and justifications) is written in, as a BCP 47 language tag such as {EXAMPLES}; without it, pages "
    "cannot tell browsers and screen readers which language the text is in"
)


def read_city(ctx: FileContext, root: Node | None, slug: str) -> City | None:
    """The city in a city.yaml's document (``root``), or None after reporting every problem."""
    if root is None:  # unreadable: the reader has reported why
        return None
    errors_before = ctx.errors
    f = Fields(ctx, root, CITY_FILE, CITY_FIELDS)
    name = f.read(fields.text, "name", hint="the city's name, in its own script (e.g. São Paulo)", max_len=200)
    if name is not None and (mixed := mixed_script(name)):
        ctx.error(root.value["name"], f"name: {mixed}")
        name = None
    country = _country(ctx, f.get("country", hint="an ISO 3166-1 two-letter country code such as BR"))
    if f.ok and f.value("language") is None:
        ctx.warning(root, MISSING_LANGUAGE)
        language = None
    else:  # written: then it must be filled in and valid
        language = _language(ctx, f.get("language", hint=LANGUAGE_HINT))
    region = f.read(fields.text, "region", required=False, hint="the region or state", max_len=200)
    population = _population(ctx, f.get("population", hint="the number of inhabitants, e.g. 250000"))
    types = tuple(COMMUNITY_TYPES)
    community_type = f.read(fields.choice, "community_type", types, hint=f"choose one of {one_of(types)}")
    website = f.read(fields.url, "website", required=False, hint="the official web site (https://…)")
    contact = _contact(ctx, f.get("contact", required=False, hint="a mailto: address or a contact page (https://…)"))
    feedback = _contact(
        ctx,
        f.get("feedback", required=False, hint="where the public can answer the assessments: mailto: or https://…"),
        "feedback",
    )
    maintainers = _maintainers(ctx, f.get("maintainers", hint=MAINTAINERS_HINT))
    fictional = f.read(fields.boolean, "fictional", required=False)
    description = f.read(
        fields.text, "description", required=False, hint="one or two sentences about the city", max_len=1000
    )
    f.finish()
    if ctx.errors > errors_before or name is None or country is None or population is None or community_type is None:
        return None
    return City(
        slug=slug,
        name=name,
        country=country,
        region=region,
        population=population,
        community_type=community_type,
        website=website,
        contact=contact,
        maintainers=maintainers,
        fictional=bool(fictional),
        description=description,
        language=language,
        source=SourceRef(ctx.path, 1),
        feedback=feedback,
    )


def read_maintainers(city_file: Path, report: Report, *, display_root: Path) -> list[str]:
    """The GitHub user names in a city.yaml's ``maintainers``, checked with the validator's rules.

    Every problem (a link or a missing file, unreadable YAML, a missing or empty list, a name
    that is not a GitHub user name, a repeat) is an error in ``report``; the valid names are
    returned in the order written, without repeats, so a caller (CODEOWNERS) keeps what is usable."""
    shown = shown_path(city_file, display_root)
    problem = entry_problem(city_file)
    if problem or not city_file.is_file():
        report.error(shown, 1, 1, problem or f"no {CITY_FILE}: every city folder needs its profile")
        return []
    ctx = PathContext(shown, report)
    root = read_yaml(city_file, shown, report).root
    if root is None:
        return []
    return _maintainers(ctx, Fields(ctx, root, CITY_FILE, CITY_FIELDS).get("maintainers", hint=MAINTAINERS_HINT))


def _country(ctx: FileContext, node: Node | None) -> str | None:
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


def _language(ctx: FileContext, node: Node | None) -> str | None:
    """A BCP 47 language tag, checked by language_tags.py (the rule the plugin's languages option shares)."""
    tag = fields.text(ctx, node, "language", max_len=LANGUAGE_MAX_LEN)
    if node is None or tag is None:
        return None
    problem = language_problem(tag)
    if problem:
        ctx.error(node, f"language: {problem}")
        return None
    return tag


def _population(ctx: FileContext, node: Node | None) -> int | None:
    if node is not None and node.kind == "scalar" and re.fullmatch(r"[0-9]{1,3}([,.' _][0-9]{3})+", node.raw.strip()):
        ctx.error(
            node,
            f"population: must be a whole number written without separators, e.g. "
            f'{re.sub(r"[^0-9]", "", node.raw)}, found "{node.raw.strip()}"',
        )
        return None
    return fields.integer(ctx, node, "population", 1, MAX_POPULATION)


def _contact(ctx: FileContext, node: Node | None, key: str = "contact") -> str | None:
    """An e-mail link (mailto:) or a web page: ``contact``, or the ``feedback`` channel."""
    value = fields.text(ctx, node, key, max_len=500)
    if node is None or value is None:
        return None
    if value.lower().startswith("mailto:"):
        if not EMAIL.fullmatch(value[len("mailto:") :]):
            ctx.error(node, f'{key}: "{value[:80]}" is not a valid e-mail link; write mailto:name@example.org')
            return None
        return value
    if EMAIL.fullmatch(value):
        ctx.error(node, f'{key}: write an e-mail address as a link: "mailto:{value}"')
        return None
    return fields.url(ctx, node, key, ("https",) if key == "feedback" else ("http", "https"))


def _maintainers(ctx: FileContext, node: Node | None) -> list[str]:
    if node is not None and node.kind == "seq" and not node.value:
        ctx.error(
            node,
            "maintainers: not filled in yet: list the GitHub user names of the people who may "
            "update this city's files, e.g. [octocat]",
        )
        return []
    found: dict[str, Node] = {}
    for i, item in enumerate(fields.sequence(ctx, node, "maintainers", min_items=1), start=1):
        path = f"maintainers[{i}]"
        name = fields.text(ctx, item, path, max_len=100)
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
