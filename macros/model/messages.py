"""Marking interface text for the message catalogues where it cannot be translated yet.

Words defined below the render layer (labels of community types, size bands, status words, rule
sentences) are marked with :func:`N_` so that ``scripts/i18n extract`` finds them; the page that
shows them translates them into its own language (``page._(label)``)."""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802  # the gettext convention, known to Babel's extractor
    """``message`` itself: only a mark for the extractor."""
    return message
