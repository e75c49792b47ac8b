"""Validate the catalogue's translations in ``criteria/translations/<language>.yaml``.

Each file translates some of the catalogue's texts into one language, keyed by the IDs of the
catalogue, for one model version; every text records the English it translates::

    language: fr
    model_version: iso-ts-37107-draft
    official: false
    dimensions:
      "1":
        name: {text: Gestion de la stratégie, source: Strategy management}
    characteristics:
      "1.1.1":
        levels:
          1: {text: Il n'existe pas de vision …, source: There is no published vision …}

Everything is checked as the catalogue is (an unknown ID, level or field, a wrong model version
or language, a file that does not parse: ``path:line:col: error: …``, every one in one run). A
text whose ``source`` is no longer the catalogue's English is *stale*: a warning, and the page
shows the English, marked as not yet translated.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..diagnostics import Report, shown_path, suggest
from ..load.nodes import Node
from ..load.yaml_nodes import read_yaml
from ..model.catalogue import LEVELS, Catalogue
from ..model.text import FOOTNOTE_MARK, Blocks, Paragraph
from ..model.translations import (
    LEVEL_FIELDS,
    SECTIONS,
    TEXT_FIELDS,
    CatalogueTranslation,
    Kind,
    TextKey,
    Translatable,
    TranslatedText,
    catalogue_texts,
    plain_text,
    same_text,
)
from .blocks import read_blocks
from .fields import Fields, PathContext, boolean, choice, mapping, text
from .language_tags import language_by_name, languages, longer_codes, no_language, three_letter_languages

TRANSLATIONS_DIR = "translations"  # inside criteria/
TOP_FIELDS = ("language", "model_version", "official", *SECTIONS.values())
# What the messages call each kind of node.
WHAT: dict[Kind, str] = {
    "dimension": "dimension",
    "subdimension": "sub-dimension",
    "characteristic": "characteristic",
    "level": "maturity level",
    "family": "family of level definitions",
}
ENTRY_FIELDS = ("text", "source")
ENTRY_SHAPE = "{text: <the translation>, source: <the English text it translates>}"


def load_translations(
    criteria_dir: Path, catalogue: Catalogue, report: Report, display_root: Path | None = None
) -> dict[str, CatalogueTranslation]:
    """Every translation file of ``criteria/translations/``, by language; problems go to ``report``.

    A file with an error is left out (the caller fails the run on any error); stale texts are
    warnings and stay in the translation, which never uses them (see ``CatalogueTranslation.fresh``)."""
    folder = criteria_dir / TRANSLATIONS_DIR
    root = display_root or criteria_dir.parent
    found: dict[str, CatalogueTranslation] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.suffix == ".yml":
            report.error(shown_path(path, root), 1, 1, f"translation files end in .yaml: rename it to {path.stem}.yaml")
        if path.suffix != ".yaml" or not path.is_file():
            continue  # the folder's README and the like
        translation = read_translation(path, shown_path(path, root), catalogue, report)
        if translation is not None:
            found[translation.language] = translation
    return found


def read_translation(path: Path, shown: str, catalogue: Catalogue, report: Report) -> CatalogueTranslation | None:
    """One translation file, or None if it has an error."""
    ctx = PathContext(shown, report)
    root = read_yaml(path, shown, report).root
    if root is None:
        return None
    top = Fields(ctx, root, "the translation file", TOP_FIELDS)
    language = _language(ctx, top.get("language"), path)
    version = choice(ctx, top.get("model_version"), "model_version", catalogue.versions)
    official = boolean(ctx, top.get("official"), "official")
    english = dict(catalogue_texts(catalogue))
    texts: dict[TextKey, TranslatedText] = {}
    for kind, section in SECTIONS.items():
        for key_node, value in mapping(ctx, top.get(section, required=False), section):
            node_id = _known_id(ctx, key_node, kind, section, catalogue)
            if node_id is not None:
                texts.update(_read_node(ctx, value, kind, node_id, f'{section}."{node_id}"', english))
    top.finish()
    if ctx.errors or language is None or version is None or official is None:
        return None
    return CatalogueTranslation(language, version, shown, official, texts)


def _ids(kind: Kind, catalogue: Catalogue) -> list[str]:
    if kind == "dimension":
        return list(catalogue.dimensions)
    if kind == "subdimension":
        return list(catalogue.subdimensions)
    if kind == "characteristic":
        return list(catalogue.characteristics)
    if kind == "level":
        return [str(n) for n in catalogue.levels]
    return list(catalogue.families)


def _known_id(ctx: PathContext, key: Node, kind: Kind, section: str, catalogue: Catalogue) -> str | None:
    node_id = key.raw.strip()  # as written: 4.1 (a number to YAML) and "4.1" are the same ID
    known = _ids(kind, catalogue)
    if node_id in known:
        return node_id
    if kind in ("dimension", "subdimension", "characteristic"):
        allowed = f"the catalogue's IDs, from {known[0]} to {known[-1]}" if known else "none"
    else:
        allowed = ", ".join(f'"{k}"' for k in known)
    ctx.error(key, f'{section}: unknown {WHAT[kind]} "{node_id}"{suggest(node_id, known)}; allowed: {allowed}')
    return None


def _read_node(
    ctx: PathContext, node: Node, kind: Kind, node_id: str, path: str, english: dict[TextKey, Translatable]
) -> dict[TextKey, TranslatedText]:
    """The translated fields of one dimension, characteristic, level… (``path`` names it in messages)."""
    level_field = LEVEL_FIELDS.get(kind)
    allowed = TEXT_FIELDS[kind] + ((level_field,) if level_field else ())
    f = Fields(ctx, node, path, allowed, path=path)
    found: dict[TextKey, TranslatedText] = {}
    for name in TEXT_FIELDS[kind]:
        if f.has(name):
            key = TextKey(kind, node_id, name)
            entry = _read_entry(ctx, f.value(name), f.path_of(name), key, english)
            if entry is not None:
                found[key] = entry
    if level_field and f.has(level_field):
        levels_path = f.path_of(level_field)
        for level_node, value in mapping(ctx, f.value(level_field), levels_path):
            raw = level_node.raw.strip()
            if raw not in {str(n) for n in LEVELS}:
                ctx.error(
                    level_node, f'{levels_path}: "{raw}" is not a maturity level; use the numbers 1 to 5 ("1" to "5")'
                )
                continue
            key = TextKey(kind, node_id, f"{level_field}.{raw}")
            if key not in english:
                ctx.error(level_node, f'{levels_path}: {WHAT[kind]} "{node_id}" has no level {raw} to translate')
                continue
            entry = _read_entry(ctx, value, f"{levels_path}.{raw}", key, english)
            if entry is not None:
                found[key] = entry
    f.finish()
    return found


def _read_entry(
    ctx: PathContext, node: Node | None, path: str, key: TextKey, english: dict[TextKey, Translatable]
) -> TranslatedText | None:
    """``{text: …, source: …}``: the translation and the English it translates; a warning if stale."""
    if node is None:
        return None
    if node.kind != "map":
        ctx.error(node, f"{path}: must be {ENTRY_SHAPE}, found {node.type_name}")
        return None
    current = english[key]
    rich = not isinstance(current, str)
    f = Fields(ctx, node, path, ENTRY_FIELDS, path=path)
    values: list[Translatable | None] = []
    for name in ENTRY_FIELDS:
        value_node = f.get(name)
        if rich:
            values.append(read_blocks(ctx, value_node, f.path_of(name)))
        else:
            values.append(text(ctx, value_node, f.path_of(name)))
    f.finish()
    translated, source = values
    if translated is None or source is None:
        return None
    if rich and not _same_marks(ctx, f.value("text") or node, path, translated, current):
        return None
    if not same_text(source, current):
        shown = plain_text(current)
        ctx.warning(
            f.value("source") or node,
            f'{path}: stale: the English of {WHAT[key.kind]} "{key.id}" changed since this was translated '
            f'(it now reads "{shown[:120]}{"…" if len(shown) > 120 else ""}"); the page shows the English until '
            'the translation and its "source" are brought up to date',
        )
    return TranslatedText(translated, source, node.line, node.col)


def _marks(value: Translatable) -> Counter[str]:
    blocks: Blocks = (Paragraph(value),) if isinstance(value, str) else value
    return Counter(FOOTNOTE_MARK.findall(plain_text(blocks)))


def _same_marks(ctx: PathContext, node: Node, path: str, translated: Translatable, english: Translatable) -> bool:
    """A translated criterion cites the footnotes its English cites, each as often."""
    want, have = _marks(english), _marks(translated)
    if want == have:
        return True
    listed = ", ".join(f"[^{m}]" for m in sorted(want)) or "none"
    extra = ", ".join(f"[^{m}]" for m in sorted(have - want))
    lost = ", ".join(f"[^{m}]" for m in sorted(want - have))
    problem = "; ".join(p for p in (f"adds {extra}" if extra else "", f"leaves out {lost}" if lost else "") if p)
    ctx.error(
        node, f"{path}.text: {problem}: the translation keeps the footnote marks of the English as they are ({listed})"
    )
    return False


_PRIMARY = re.compile(r"[a-z]{2,3}")


def primary_language_problem(code: str) -> str | None:
    """Why ``code`` is not the BCP 47 primary language subtag of a real language, or None.

    BCP 47 takes the shortest ISO 639 code: ISO 639-1 where there is one ("fr"), else ISO 639-3. The
    codes are those of city.yaml's language rule (``validate/language_tags.py``); a translation file
    takes a language only, no script or region."""
    if _PRIMARY.fullmatch(code.lower()) and not _PRIMARY.fullmatch(code):
        return f'language codes are written in lowercase: write "{code.lower()}"'
    if re.fullmatch(r"[A-Za-z]{2,3}[-_][A-Za-z0-9-_]+", code):
        primary = code[: re.search(r"[-_]", code).start()].lower()  # type: ignore[union-attr]
        return f'a translation is for a language, not a region or script: write the primary subtag only ("{primary}")'
    if not _PRIMARY.fullmatch(code):
        best = language_by_name().get(code.lower())
        if best is None:
            return "expected a lowercase ISO 639 code such as fr or el"
        return f'write the language code, not its name: "{best}" ({languages()[best]})'
    if len(code) == 2:
        if code not in languages():
            return "it is not an ISO 639-1 language code"
    elif code in no_language():  # und, mul, mis, zxx: codes for no particular language
        return f"it is a special code ({no_language()[code]}), not a language"
    elif code in longer_codes():
        two = longer_codes()[code]
        return f'BCP 47 takes the two-letter code where there is one: write "{two}" ({languages()[two]})'
    elif code not in three_letter_languages():
        return "it is not an ISO 639 language code"
    if code == "en":
        return "English is the catalogue's own language: it needs no translation file"
    return None


def _language(ctx: PathContext, node: Node | None, path: Path) -> str | None:
    value = text(ctx, node, "language", max_len=40)
    if node is None or value is None:
        return None
    problem = primary_language_problem(value)
    if problem is not None:
        ctx.error(node, f'language: "{value}" is not a BCP 47 primary language subtag: {problem}')
        return None
    if path.stem != value:
        ctx.error(
            node,
            f'language: "{value}" is in {path.name}: the file name must match the language '
            f"(rename the file to {value}.yaml, or correct the language)",
        )
        return None
    return value
