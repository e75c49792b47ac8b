"""Plain scalars read by the YAML 1.2 core schema, not PyYAML's YAML 1.1 rules: ``NO``, ``yes``
and ``off`` stay text, ``0123`` is the decimal 123 (never octal), ``1_000`` and ``1:20`` are
text, dates stay text until validation reads them."""

from __future__ import annotations

import functools
import math
import re
from typing import Any

from .nodes import TAG_BOOL, TAG_FLOAT, TAG_INT, TAG_NULL, TAG_STR

# The YAML 1.2 core schema (YAML 1.2.2, 10.3.2), ASCII digits only. Numbers longer than this
# stay text: Python (and so JSON export) refuses to convert integers of more than 4,300 digits.
_CORE_NULL = frozenset(("", "~", "null", "Null", "NULL"))


_CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


_CORE_INT = re.compile(r"[-+]?[0-9]+")


_CORE_OCT = re.compile(r"0o[0-7]+")


_CORE_HEX = re.compile(r"0x[0-9a-fA-F]+")


_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


_CORE_SPECIAL = {
    ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf,
    "+.inf": math.inf, "+.Inf": math.inf, "+.INF": math.inf,
    "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
    ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
}  # fmt: skip


_MAX_NUMBER_LENGTH = 1000


# What YAML 1.1 (PyYAML, and many other tools) reads as true or false, and YAML 1.2 as text:
# the validator names these where a yes/no value or a reason is expected.
YAML_1_1_BOOLEANS = frozenset(
    w for word in ("y", "yes", "n", "no", "on", "off", "true", "false") for w in (word, word.title(), word.upper())
)


# A plain scalar that can be anything but text starts with one of these (the fast way out).
_NOT_TEXT_START = frozenset("0123456789+-.~nNtTfF")


_MEMO_MAX_LENGTH = 64  # plain scalars memoised: short texts (levels, IDs, group names, dates)


def resolve_plain(text: str) -> tuple[str, Any]:
    """The type (tag) and value of a plain (unquoted) scalar by the YAML 1.2 core schema."""
    if not text:
        return TAG_NULL, None
    if text[0] not in _NOT_TEXT_START or len(text) > _MAX_NUMBER_LENGTH:
        return TAG_STR, text
    return _resolve_memo(text) if len(text) <= _MEMO_MAX_LENGTH else _resolve_core(text)


def _resolve_core(text: str) -> tuple[str, Any]:
    if text in _CORE_NULL:
        return TAG_NULL, None
    flag = _CORE_BOOL.get(text)
    if flag is not None:
        return TAG_BOOL, flag
    if _CORE_INT.fullmatch(text):
        return TAG_INT, int(text, 10)
    if _CORE_OCT.fullmatch(text):
        return TAG_INT, int(text[2:], 8)
    if _CORE_HEX.fullmatch(text):
        return TAG_INT, int(text[2:], 16)
    if _CORE_FLOAT.fullmatch(text):
        return TAG_FLOAT, float(text)
    special = _CORE_SPECIAL.get(text)
    if special is not None:
        return TAG_FLOAT, special
    return TAG_STR, text


# Data files repeat the same short texts (levels, IDs, group names) thousands of times: an
# explicit, bounded memo of their resolution (a build reads millions of scalars).
_resolve_memo = functools.lru_cache(maxsize=4096)(_resolve_core)
