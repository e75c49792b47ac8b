"""ISO 3166-1 alpha-2 country codes, checked against the real list (pycountry's copy of ISO 3166).

A city's ``country`` is a code such as ``BR``; people often write a name ("Brazil"), an
alpha-3 code ("BRA") or the EU's "UK"/"EL": the checker recognises these and suggests the code.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

# Codes in common use that ISO reserves for another meaning: the suggestion names the real one.
_COMMON_MISTAKES = {"UK": "GB", "EL": "GR"}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Code → English short name, for every officially assigned ISO 3166-1 alpha-2 code."""
    return {c.alpha_2: c.name for c in pycountry.countries}


def country_name(code: str) -> str | None:
    return country_names().get(code)


def suggest_code(written: str) -> str | None:
    """The alpha-2 code someone probably meant by ``written`` (a name, alpha-3, lowercase code…)."""
    value = written.strip()
    if value.upper() in _COMMON_MISTAKES:
        return _COMMON_MISTAKES[value.upper()]
    if value.upper() in country_names():
        return value.upper()
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        pass
    try:  # fuzzy names ("Brasil", "Korea") only when the match is unambiguous
        matches = pycountry.countries.search_fuzzy(value) if len(value) > 3 else []
    except LookupError:
        matches = []
    return matches[0].alpha_2 if len(matches) == 1 else None
