"""BCP 47 language tags (RFC 5646), checked against pycountry's copies of ISO 639, ISO 15924 and ISO 3166.

A tag names the language a text is written in, for ``lang`` on the page: ``el``, ``fr``, ``en-GB``,
``pt-BR``, ``zh-Hant``, ``sr-Latn-RS``. Accepted is the part of BCP 47 that says which language
and writing a text is in: ``language[-Script][-REGION]``, each part checked against the real lists
(no new dependency: pycountry already checks the country codes):

* the language: its ISO 639 code, the two-letter one where the language has one (``el``, not
  ``ell`` or ``gre``), otherwise the three-letter one (``yue``, ``gsw``);
* the script, optional: an ISO 15924 code (``Latn``, ``Cyrl``, ``Hant``);
* the region, optional: an ISO 3166-1 two-letter country code (``GB``), or one of the UN M.49
  numbers of a group of countries that BCP 47 registers (``419``, Latin America).

Refused, each with a message that says why and, where it can, which tag was probably meant
(``gr`` → ``el``, ``english`` → ``en``, ``en-gb`` → ``en-GB``, ``en-UK`` → ``en-GB``):
extended language subtags (``zh-yue``), variants (``de-CH-1996``), extensions (``en-u-ca-…``),
private use (``x-…``), the irregular tags (``i-klingon``) and the codes that name no language
(``und``, ``mul``, ``zxx``, ``mis``). Tags are written in BCP 47's usual case (language lower case,
Script capitalised, REGION upper case): the site and its open data compare them as text.

The city validator (``city.py``) reads ``city.yaml``'s ``language`` with :func:`language_problem`;
``scripts/schemas`` ships :func:`form_tables` to the self-assessment form, whose port of this check
(``docs/assets/assess-check.js``) gives the same messages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import pycountry

from .countries import country_names

EXAMPLES = "el, fr, en-GB, pt-BR, zh-Hant or sr-Latn-RS"
ALLOWED = (
    "a language tag is the ISO 639 code of the language (lower case), optionally followed by an ISO 15924 "
    "script (capitalised) and a region (an ISO 3166-1 country code in upper case, or a UN M.49 number), "
    f"e.g. {EXAMPLES}"
)
SHAPE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
# The most a tag of this shape can be (3-4-3 characters); longer values are not quoted whole.
MAX_QUOTED = 80

# The UN M.49 regions that BCP 47 registers as region subtags (the IANA Language Subtag Registry);
# a country's own M.49 number is not one: the country is named by its ISO 3166-1 code.
M49_REGIONS = {
    "001": "World",
    "002": "Africa",
    "003": "North America",
    "005": "South America",
    "009": "Oceania",
    "011": "Western Africa",
    "013": "Central America",
    "014": "Eastern Africa",
    "015": "Northern Africa",
    "017": "Middle Africa",
    "018": "Southern Africa",
    "019": "Americas",
    "021": "Northern America",
    "029": "Caribbean",
    "030": "Eastern Asia",
    "034": "Southern Asia",
    "035": "South-Eastern Asia",
    "039": "Southern Europe",
    "053": "Australia and New Zealand",
    "054": "Melanesia",
    "057": "Micronesia",
    "061": "Polynesia",
    "142": "Asia",
    "143": "Central Asia",
    "145": "Western Asia",
    "150": "Europe",
    "151": "Eastern Europe",
    "154": "Northern Europe",
    "155": "Western Europe",
    "202": "Sub-Saharan Africa",
    "419": "Latin America and the Caribbean",
}

# Two letters that are not a language code but are often written for one: mostly the country's
# code for its language (gr for Greek), and the codes ISO 639 withdrew (iw, in, ji, jw, mo).
CODE_MISTAKES = {
    "al": "sq",
    "at": "de",
    "by": "be",
    "cn": "zh",
    "cz": "cs",
    "dk": "da",
    "gb": "en",
    "ge": "ka",
    "gr": "el",
    "il": "he",
    "in": "id",
    "ir": "fa",
    "iw": "he",
    "ji": "yi",
    "jp": "ja",
    "jw": "jv",
    "kr": "ko",
    "kz": "kk",
    "mo": "ro",
    "mx": "es",
    "rs": "sr",
    "tw": "zh",
    "ua": "uk",
    "us": "en",
    "vn": "vi",
}
# Region codes people write that ISO 3166-1 reserves for another meaning (as for ``country``).
REGION_MISTAKES = {"UK": "GB", "EL": "GR"}
# Display names where ISO 639's name is not the one people know.
_NAME_OVERRIDES = {"el": "Greek"}


def _short_name(name: str) -> str:
    """A name without its parenthesised qualifier: "Malay (macrolanguage)" → "Malay"."""
    return re.sub(r"\s*\(.*\)$", "", name).strip()


@lru_cache(maxsize=1)
def languages() -> dict[str, str]:
    """Two-letter ISO 639-1 code → the language's English name, for every language that has one."""
    return {
        lang.alpha_2: _NAME_OVERRIDES.get(lang.alpha_2, _short_name(lang.name))
        for lang in pycountry.languages
        if hasattr(lang, "alpha_2")
    }


@lru_cache(maxsize=1)
def three_letter_languages() -> frozenset[str]:
    """The ISO 639-2/3 codes of the languages without a two-letter code (special codes left out)."""
    return frozenset(
        lang.alpha_3
        for lang in pycountry.languages
        if not hasattr(lang, "alpha_2") and getattr(lang, "scope", "") != "S"
    )


@lru_cache(maxsize=1)
def no_language() -> dict[str, str]:
    """ISO 639's special codes, which name no language: und (Undetermined), mul, zxx, mis."""
    return {lang.alpha_3: lang.name for lang in pycountry.languages if getattr(lang, "scope", "") == "S"}


@lru_cache(maxsize=1)
def longer_codes() -> dict[str, str]:
    """Three-letter codes (ISO 639-2/T and /B) of the languages that have a two-letter one → that one."""
    out: dict[str, str] = {}
    for lang in pycountry.languages:
        if hasattr(lang, "alpha_2"):
            for attr in ("alpha_3", "bibliographic"):
                if code := getattr(lang, attr, None):
                    out[code] = lang.alpha_2
    return out


@lru_cache(maxsize=1)
def language_by_name() -> dict[str, str]:
    """English names of the two-letter languages, lower case → code ("greek", "modern greek" → el)."""
    out: dict[str, str] = {}
    for lang in pycountry.languages:
        if hasattr(lang, "alpha_2"):
            for name in (
                languages()[lang.alpha_2],
                lang.name,
                _short_name(lang.name),
                getattr(lang, "common_name", ""),
            ):
                if name:
                    out.setdefault(name.lower(), lang.alpha_2)
    return out


@lru_cache(maxsize=1)
def scripts() -> dict[str, str]:
    """ISO 15924 code → the script's English name (the private-use range Qaaa-Qabx left out)."""
    return {s.alpha_4: s.name for s in pycountry.scripts if not s.alpha_4.startswith("Qa")}


@lru_cache(maxsize=1)
def script_by_name() -> dict[str, str]:
    """Script names, lower case → code ("latin" → Latn); a short name shared by several is left out."""
    out = {name.lower(): code for code, name in scripts().items()}
    short: dict[str, list[str]] = {}
    for code, name in scripts().items():
        short.setdefault(_short_name(name).lower(), []).append(code)
    for name, codes in short.items():
        if name not in out and len(codes) == 1:
            out[name] = codes[0]
    return out


@lru_cache(maxsize=1)
def country_numbers() -> dict[str, str]:
    """A country's UN M.49 (ISO 3166-1 numeric) code → its two-letter code."""
    return {c.numeric: c.alpha_2 for c in pycountry.countries if getattr(c, "numeric", None)}


@lru_cache(maxsize=1)
def country_codes_3() -> dict[str, str]:
    """A country's ISO 3166-1 three-letter code → its two-letter code."""
    return {c.alpha_3: c.alpha_2 for c in pycountry.countries}


def region_name(code: str) -> str | None:
    return country_names().get(code) or M49_REGIONS.get(code)


def language_name(tag: str) -> str | None:
    """A valid tag in words: "Greek", "English (United Kingdom)", "Serbian (Latin script, Serbia)".

    None when the language has no two-letter code (its name is not in the tables the form gets)."""
    parts = tag.split("-")
    name = languages().get(parts[0])
    if name is None:
        return None
    details = [f"{scripts()[p]} script" if len(p) == 4 else region_name(p) or p for p in parts[1:]]
    return f"{name} ({', '.join(details)})" if details else name


def _quoted(text: str) -> str:
    return f'"{text[:MAX_QUOTED]}…"' if len(text) > MAX_QUOTED else f'"{text}"'


def language_problem(tag: str) -> str | None:
    """Why ``tag`` is not a language tag this project accepts (a message for after "language: "), or None.

    The message says what is wrong, suggests the tag probably meant when there is one, and ends
    with what a tag is (:data:`ALLOWED`)."""
    problem, fix = _diagnose(tag)
    if problem is None:
        return None
    hint = ""
    if fix is not None:
        name = language_name(fix)
        hint = f' (did you mean "{fix}", {name}?)' if name else f' (did you mean "{fix}"?)'
    return f"{problem}{hint}; {ALLOWED}"


def _diagnose(tag: str) -> tuple[str | None, str | None]:
    """(what is wrong or None, the whole tag probably meant or None)."""
    if not SHAPE.fullmatch(tag):
        code = language_by_name().get(tag.lower())
        if code is not None:
            return f"{_quoted(tag)} is the name of a language, not its code", code
        hyphenated = re.sub(r"[_ ]+", "-", tag)
        if hyphenated != tag and SHAPE.fullmatch(hyphenated):
            inner, fix = _diagnose(hyphenated)
            if inner is None or fix is not None:
                return f'{_quoted(tag)} is not a language tag: its parts are joined by "-"', fix or hyphenated
        return f"{_quoted(tag)} is not a language tag", None
    parts = tag.split("-")
    first = parts[0]
    low = first.lower()
    if low == "x":
        return f"{_quoted(tag)} is a private-use tag, which is not accepted", None
    if low == "i":
        return f"{_quoted(tag)} is an irregular tag of an old registry, which is not accepted", None
    fixed = [low]
    problem: str | None = None
    replacement: str | None = low  # the primary as it should be written, None when unknown
    if not first.isalpha() or len(first) > 3 or len(first) < 2:
        code = language_by_name().get(low) if first.isalpha() else None
        replacement = code
        what = "the name of a language, not its code" if code else "not an ISO 639 language code"
        problem = f"{_quoted(first)} is {what}"
    elif low in languages() or low in three_letter_languages():
        pass
    elif low in longer_codes():
        replacement = longer_codes()[low]
        problem = (
            f"{_quoted(first)} is a three-letter ISO 639 code; a language tag uses the language's "
            "two-letter code where it has one"
        )
    elif low in no_language():
        replacement = None
        problem = f'{_quoted(first)} ("{no_language()[low]}") names no language'
    else:
        replacement = CODE_MISTAKES.get(low)
        problem = f"{_quoted(first)} is not an ISO 639 language code"
    if problem is not None:
        fixed[0] = replacement or ""
    where = f" in {_quoted(tag)}" if len(parts) > 1 else ""
    stage = 0  # what came last: 0 the language, 1 a script, 2 a region
    for i, part in enumerate(parts[1:], start=1):
        found, canonical, kind = _subtag(part, i, stage)
        if found is not None and problem is None:
            # a single letter starts an extension or private use: what is refused is all that follows
            subject = "-".join(parts[i:]) if len(part) == 1 else part
            problem = f"{_quoted(subject)}{where} {found}"
        if kind == "rest":  # a variant, extension or private use: the suggestion leaves out the rest
            break
        if canonical is None:
            replacement = None
        elif kind == "language":  # an extended language subtag is the language itself
            fixed = [canonical]
        else:
            fixed.append(canonical)
            stage = 1 if kind == "script" else 2
    suggestion = "-".join(fixed) if replacement is not None and all(fixed) else None
    if problem is None:
        if suggestion != tag:
            return f"{_quoted(tag)} is not in the usual case of a language tag", suggestion
        return None, None
    if suggestion is not None and _diagnose(suggestion)[0] is not None:
        suggestion = None
    return problem, suggestion


def _subtag(part: str, i: int, stage: int) -> tuple[str | None, str | None, str]:
    """(what is wrong with part ``i`` of a tag or None, its canonical form or None, its kind: "script",
    "region", "language" (an extended language subtag), "rest" (it and all after it are refused) or "other")."""
    low = part.lower()
    if len(part) == 1:
        what = "a private-use part" if low == "x" else "an extension"
        return f"is {what}, which is not accepted", None, "rest"
    if part.isalpha() and len(part) == 3:
        country = stage < 2 and part.upper() in country_codes_3()
        country_problem = "is a three-letter country code; a language tag uses the ISO 3166-1 two-letter code"
        if country and (part.isupper() or i > 1):
            return country_problem, country_codes_3()[part.upper()], "region"
        if i == 1 and (low in three_letter_languages() or low in languages()):
            return "is an extended language subtag, which is not accepted", low, "language"
        if country:
            return country_problem, country_codes_3()[part.upper()], "region"
        if i == 1:
            return "is an extended language subtag, which is not accepted", None, "other"
        return "is not a script (four letters) or a region (two letters or three digits)", None, "other"
    if part.isalpha() and len(part) == 4:
        canonical = low.capitalize()
        if stage >= 1:
            return "is not in its place: the script comes right after the language", None, "other"
        if canonical in scripts():
            return None, canonical, "script"
        return "is not an ISO 15924 script code", None, "other"
    if (part.isalpha() and len(part) == 2) or (part.isdigit() and len(part) == 3):
        canonical = part.upper()
        if stage >= 2:
            return "is not in its place: a tag has one region, after the language and the script", None, "other"
        if canonical in country_names() or canonical in M49_REGIONS:
            return None, canonical, "region"
        if part.isdigit():
            if canonical in country_numbers():
                country_number = (
                    "is the UN M.49 number of a country; a language tag names a country by its ISO 3166-1 code"
                )
                return country_number, country_numbers()[canonical], "region"
            return "is not a UN M.49 region that a language tag can name", None, "other"
        return "is not an ISO 3166-1 country code", REGION_MISTAKES.get(canonical), "region"
    if part.isalpha() and stage == 0 and (code := script_by_name().get(low)):
        return "is the name of a script, not its ISO 15924 code", code, "script"
    if 5 <= len(part) <= 8 or (len(part) == 4 and part[0].isdigit()):
        return "is a variant subtag, which is not accepted", None, "rest"
    return "is not a script (four letters) or a region (two letters or three digits)", None, "other"


def form_tables() -> dict[str, Any]:
    """What the self-assessment form's port of :func:`language_problem` needs (assess-rules.js)."""
    return {
        "allowed": ALLOWED,
        "languages": languages(),
        "three_letter": " ".join(sorted(three_letter_languages())),
        "no_language": no_language(),
        "longer_codes": longer_codes(),
        "by_name": language_by_name(),
        "code_mistakes": CODE_MISTAKES,
        "scripts": scripts(),
        "script_by_name": script_by_name(),
        "m49_regions": M49_REGIONS,
        "country_numbers": country_numbers(),
        "country_codes_3": country_codes_3(),
        "region_mistakes": REGION_MISTAKES,
    }
