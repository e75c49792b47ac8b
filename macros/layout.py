"""The repository's layout rules: file names, folder names (slugs) and user names.

One home for them, used by the validator, the scaffold (``scripts/new-assessment``), the
sample-data generator and CODEOWNERS, so that what one tool writes the others accept::

    assessments/<city-slug>/city.yaml          the city's profile
    assessments/<city-slug>/<YYYY-MM-DD>.yaml  one assessment, named by its date
    assessments/<city-slug>/indicators.yaml    the city's outcome indicators (optional)
    assessments/<city-slug>/indicators/<id>.csv  one indicator's yearly series
"""

from __future__ import annotations

import re
import unicodedata

CRITERIA_DIR = "criteria"
ASSESSMENTS_DIR = "assessments"
CITY_FILE = "city.yaml"
# A city's outcome indicators (issue 24): their list, and one <id>.csv series per indicator.
INDICATORS_FILE = "indicators.yaml"
INDICATORS_DIR = "indicators"
# Results kept by content for warm builds (store.py), beside mkdocs.yml and ignored by git: the
# plugin's default ``cache_dir``, and where ``scripts/validate`` keeps its checked folders.
CACHE_DIR = ".cache/mmssc"
# A dated assessment file: YYYY-MM-DD.yaml in ASCII digits ("\d" would also take "٢٠٢٣-٠٥-١٠.yaml").
ASSESSMENT_FILE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\.yaml")
# A city folder: lowercase ASCII words joined by single hyphens (also used for catalogue IDs).
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG = re.compile(SLUG_PATTERN)
SLUG_LENGTH = (2, 60)
# A GitHub user name (maintainers in city.yaml, owners in CODEOWNERS).
GITHUB_USER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")


# The sections the site generates under cities/, beside one page per city at cities/<slug>/
# (site/urls.py builds their URLs from these names): no city folder may take one of them.
CITIES_COMPARE = "compare"  # cities/compare/: peer-group comparison
CITIES_COUNTRY = "country"  # cities/country/<code>/: the cities of one country
CITIES_SECTIONS = (CITIES_COMPARE, CITIES_COUNTRY)
# Names Windows reserves for devices, in any case and with any extension ("con", "nul.txt",
# "com1"): a repository holding one cannot be checked out there. COM and LPT also take the
# superscript digits ¹ ² ³, which no slug can hold.
WINDOWS_DEVICE_NAMES = frozenset(
    ("con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10)))
)


def windows_device_name(name: str) -> bool:
    """Whether Windows refuses ``name`` as a file or folder name (a device, whatever follows the dot)."""
    return name.split(".", 1)[0].rstrip(" ").lower() in WINDOWS_DEVICE_NAMES


def slug_problem(name: str) -> str | None:
    """Why ``name`` cannot be a city folder's name, or None if it can."""
    lo, hi = SLUG_LENGTH
    if not SLUG.fullmatch(name):
        return "only lowercase letters a-z, digits and single hyphens between them are allowed"
    if not lo <= len(name) <= hi:
        return f"it must be {lo} to {hi} characters long"
    if name in CITIES_SECTIONS:
        return f'"{name}" is reserved: the site\'s own page cities/{name}/ has that address; choose another name'
    if windows_device_name(name):
        return f'"{name}" is a device name on Windows, where the repository could not be checked out'
    return None


def slugify(name: str) -> str:
    """The safe folder name closest to ``name`` ("São Paulo" → "sao-paulo"), for suggestions."""
    ascii_only = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")[: SLUG_LENGTH[1]].strip("-")
