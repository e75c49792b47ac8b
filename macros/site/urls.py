"""Stable URLs of every generated page, derived from IDs and slugs (names may change, URLs never do)."""

from __future__ import annotations

from .. import layout


def node(node_id: str) -> str:
    """Any catalogue node by its ID: "1" → criteria/1/, "1.1" → criteria/1-1/, "1.1.1" → criteria/1-1-1/.

    IDs are unique across dimensions, sub-dimensions and characteristics, so one scheme serves all."""
    return f"criteria/{node_id.replace('.', '-')}/"


# the same scheme, named for readability at the call sites
characteristic = subdimension = dimension = node


def standard(slug: str) -> str:
    return f"standards/{slug}/"


def city(slug: str) -> str:
    """A city's page: a city folder's name can never be one of the sections below (layout.slug_problem)."""
    return f"{CITIES_INDEX}{slug}/"


def city_file(slug: str, name: str) -> str:
    """A file published beside a city's page: its feed and badges."""
    return f"{city(slug)}{name}"


def city_feed(slug: str) -> str:
    return city_file(slug, "feed.xml")


def city_badge_svg(slug: str) -> str:
    return city_file(slug, "badge.svg")


def city_badge_json(slug: str) -> str:
    return city_file(slug, "badge.json")


def city_shields_json(slug: str) -> str:
    return city_file(slug, "shields.json")


def city_data(slug: str) -> str:
    """A city's open data, the city and all its assessments (shared by every language)."""
    return f"{OPEN_DATA}cities/{slug}.json"


CITY_INDEX = "data/cities/index.json"  # every city's slug, name and country: what the form chooses from


def city_outcomes(slug: str) -> str:
    """A city's outcome indicators (issue 24): their series, targets, statuses and gaps. At the depth of
    the city pages (not under them), so it is written through their shared page shell (publish/shell.py)."""
    return f"{OUTCOMES}{slug}/"


def city_ratings(slug: str) -> str:
    """A city's ratings characteristic by characteristic: the justification, evidence, groups' views and
    history of each (moved off the city page for its byte budget, issue 23). At the depth of the city
    pages, in a folder of its own, so it is written through a shared page shell (publish/shell.py)."""
    return f"{RATINGS}{slug}/"


def rating_anchor(cid: str) -> str:
    """A characteristic's row on a city's ratings page: ``c-1-1-1``."""
    return "c-" + cid.replace(".", "-")


def indicator_anchor(indicator_id: str) -> str:
    return f"indicator-{indicator_id}"


def standard_indicator(slug: str) -> str:
    """Every city reporting one indicator of a standard (ISO 37120:2018 5.1, a U4SSC KPI)."""
    return f"{INDICATORS_INDEX}{slug}/"


def country(code: str) -> str:
    return f"{CITIES_INDEX}{layout.CITIES_COUNTRY}/{code.lower()}/"


CRITERIA_INDEX = "criteria/"
CRITERIA_TABLE = "criteria/table/"
STRUCTURE = "criteria/structure/"
LEVELS = "criteria/levels/"
PRINCIPLES = "criteria/principles/"
HOW_TO_ASSESS = "how-to-assess/"
ERRATA = "errata/"
STANDARDS_INDEX = "standards/"
FUNCTIONS = "standards/iso-18091-functions/"
MODELS = "standards/maturity-models/"
CITIES_INDEX = "cities/"
COMPARE = f"{CITIES_INDEX}{layout.CITIES_COMPARE}/"
METHODOLOGY = "methodology/"
OPEN_DATA = "data/"
INDICATORS_INDEX = "indicators/"
OUTCOMES = "outcomes/"  # the standard indicators cities report
RATINGS = "ratings/"  # each city's ratings, characteristic by characteristic
ASSESS = "assess/"  # the self-assessment form
CONTRIBUTE = "contribute/"  # the hand-written Contribute page (docs/contribute.md)
TRANSLATION = "criteria/translation/"  # a language's coverage of the catalogue (not in English)


def src_uri(url: str) -> str:
    """The virtual Markdown file behind a directory URL: 'criteria/1-1-1/' → 'criteria/1-1-1/index.md'.

    Every generated page is an ``index.md`` so that it can also be a navigation section's own page."""
    return url + "index.md"


def html_path(url: str) -> str:
    """The file written for a directory URL: 'cities/lumenport/' → 'cities/lumenport/index.html'."""
    return url + "index.html"


# Files every language shares: the open data, its schemas and the static assets. Pages, feeds and
# badges have words in them, so each language has its own under its prefix.
SHARED_ROOTS = ("data/", "schemas/", "assets/")


def shared(to_url: str) -> bool:
    """A file all languages share (``data/cities.csv``), not a page (``data/``) or a fragment."""
    path = to_url.split("#", 1)[0]
    return path.startswith(SHARED_ROOTS) and not path.endswith("/")


def relative(from_url: str, to_url: str) -> str:
    """A relative link between two directory URLs (both relative to the site root), so the site
    also works from disk: climb to the root, then down. Every page's links share one prefix,
    which is cheap (pages have thousands of links) and always correct for directory URLs."""
    if to_url.startswith("#"):
        return to_url
    return ("../" * from_url.count("/") + to_url) or "./"
