"""The interface's message catalogues: gettext ``.po`` files read through Babel.

``macros/locale/messages.pot`` is the template (made by ``scripts/i18n extract`` from the code);
``macros/locale/<code>/LC_MESSAGES/messages.po`` holds one language. A ``.po`` file is compiled in
memory at build time (there are no ``.mo`` files to forget to rebuild); fuzzy entries are left out,
so an entry a translator has not confirmed shows in English and the completeness test names it."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"


def po_path(code: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / code.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def template_path(locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / f"{DOMAIN}.pot"


def shipped_languages(locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Codes of the languages that have a catalogue, sorted."""
    return sorted(p.parent.parent.name.replace("_", "-") for p in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read_catalog(path: Path, code: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=code.replace("-", "_") if code else None)


def read_translations(code: str, locale_dir: Path = LOCALE_DIR) -> Translations:
    """The compiled messages of one language; ``FileNotFoundError`` when it has no catalogue."""
    catalog = read_catalog(po_path(code, locale_dir), code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
