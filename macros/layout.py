"""The repository's layout rules: file names, folder names (slugs) and user names.

One home for them, used by the validator, the scaffold (``scripts/new-assessment``), the
sample-data generator and CODEOWNERS, so that what one tool writes the others accept::

    assessments/<city-slug>/city.yaml          the city's profile
    assessments/<city-slug>/<YYYY-MM-DD>.yaml  one assessment, named by its date
"""

from __future__ import annotations

import re
import unicodedata

CRITERIA_DIR = "criteria"
ASSESSMENTS_DIR = "assessments"
CITY_FILE = "city.yaml"
# A dated assessment file: YYYY-MM-DD.yaml in ASCII digits.
ASSESSMENT_FILE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\.yaml")
# A city folder: lowercase ASCII words joined by single hyphens (also used for catalogue IDs).
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG = re.compile(SLUG_PATTERN)
SLUG_LENGTH = (2, 60)
# A GitHub user name (maintainers in city.yaml, owners in CODEOWNERS).
GITHUB_USER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")


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
