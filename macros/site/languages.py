"""The site's languages: each one's code, name, address prefix and interface messages.

The first language of the plugin's ``languages`` option is the default, at the site root;
every other one lives under its own prefix (``fr/``, ``el/``). Interface text is translated
through gettext message catalogues (``macros/locale/<code>/LC_MESSAGES/messages.po``, read by
``load/messages.py``); :meth:`Language._` and :meth:`Language.n_` are the two calls the
extractor (``scripts/i18n``) looks for, besides ``_m``/``n_m`` on a page (markup) and ``N_``."""

from __future__ import annotations

import functools
import gettext
from dataclasses import dataclass, field

from babel import Locale
from babel.numbers import format_decimal

from ..validate.countries import country_name

DEFAULT = "en"
_SEMICOLONS = {"fr": " ; ", "el": "\u00b7 "}
_QUOTES = {"fr": ("\u00ab\u00a0", "\u00a0\u00bb"), "el": ("\u00ab", "\u00bb")}


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, e.g. "fr"
    prefix: str = ""  # "" for the default language, else "fr/"
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations, compare=False)

    @property
    def name(self) -> str:
        """The language's own name, as its readers write it ("Français", "Ελληνικά")."""
        return language_name(self.code)

    @property
    def is_default(self) -> bool:
        return not self.prefix

    @property
    def semicolon(self) -> str:
        """What separates the items of a list that commas cannot: "; " in English, " ; " in French, and
        the ano teleia "· " in Greek, which writes ";" as its question mark."""
        return _SEMICOLONS.get(self.code, "; ")

    def quoted(self, text: str) -> str:
        """``text`` in the language's quotation marks: “…” in English, «\u00a0…\u00a0» in French, «…» in Greek."""
        opening, closing = _QUOTES.get(self.code, ("\u201c", "\u201d"))
        return f"{opening}{text}{closing}"

    def _(self, message: str, /, **values: object) -> str:
        """``message`` in this language, with ``{name}`` placeholders filled from ``values``."""
        text = self.translations.gettext(message)
        return text.format(**values) if values else text

    def n_(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """The form of a message for the number ``n`` (the language's plural rules), ``{n}`` filled in."""
        return self.translations.ngettext(singular, plural, n).format(n=n, **values)

    def number(self, n: int | float) -> str:
        """A number as the language writes it (1,234 · 1 234 · 1.234)."""
        if self.code == DEFAULT:
            return f"{n:,}"
        return _local_number(n, self.code)

    def country(self, code: str) -> str:
        """A country's short name in this language (ISO 3166-1 code in, the code itself if unknown)."""
        if self.code != DEFAULT:
            name = _locale(self.code).territories.get(code.upper())
            if name:
                return name
        return country_name(code) or code


@functools.lru_cache(maxsize=32)
# Pages and feeds write the same few counts thousands of times, and Babel is slow (BENCHMARKS.md).
@functools.lru_cache(maxsize=4096)
def _local_number(n: int | float, code: str) -> str:
    return format_decimal(n, locale=_locale(code))


def _locale(code: str) -> Locale:
    return Locale.parse(code.replace("-", "_"))


def language_name(code: str) -> str:
    name = _locale(code).get_display_name(_locale(code)) or code
    return name[:1].upper() + name[1:]


ENGLISH = Language(DEFAULT)
