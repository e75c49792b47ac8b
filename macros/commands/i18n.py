"""``scripts/i18n extract|update|check``: the interface's message catalogues (gettext, through Babel).

* ``extract`` writes ``macros/locale/messages.pot``: every ``_("…")``, ``n_("…", "…", n)``,
  ``_m``/``n_m`` (markup) and ``N_("…")`` in ``macros/``, and the titles of ``nav:`` in mkdocs.yml;
* ``update`` merges the template into each language's ``messages.po`` (new strings empty, changed ones
  fuzzy, as translation tools such as Weblate, Crowdin or Poedit expect);
* ``check`` fails (exit 1, ``path:line:col: error: …``) while the template is out of date with the code,
  or a shipped language lacks a translation, has a fuzzy one, or drops a ``{placeholder}``.

``tests/test_languages.py`` runs the same checks, so a string added to the code without its translations
fails the suite.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from ..diagnostics import Diagnostic, Report, shown_path
from ..load.messages import LOCALE_DIR, po_path, read_catalog, shipped_languages, template_path
from . import project_options, project_root

# the calls the extractor looks for (their argument positions); see site/languages.py and render/context.py
KEYWORDS = {"_": None, "N_": None, "_m": None, "n_": (1, 2), "n_m": (1, 2)}
PACKAGE = Path(__file__).resolve().parent.parent
_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def _nav_titles(nav: object) -> Iterator[str]:
    if isinstance(nav, list):
        for item in nav:
            yield from _nav_titles(item)
    elif isinstance(nav, dict):
        for title, value in nav.items():
            yield str(title)
            yield from _nav_titles(value)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's own tags (``!ENV``) read as plain values: only ``nav:`` matters here."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def extract_calls(path: Path) -> Iterator[tuple[int, str | tuple[str, str], list[str]]]:
    """``(line, msgid or (singular, plural), translator comments)`` of every keyword call in a module.

    Read from the syntax tree rather than Babel's token scanner, which loses a plural whose
    arguments hold another call (``n_("…", "…", len(x))``); string literals only (implicit
    concatenation is one literal), and a ``# Translators:`` comment on the lines just above."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        if name not in KEYWORDS:
            continue
        texts = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
        plural = KEYWORDS[name] is not None
        if not texts or texts[0] is None or (plural and (len(texts) < 2 or texts[1] is None)):
            continue
        comments: list[str] = []
        above = node.lineno - 2
        while above >= 0 and lines[above].strip().startswith("#"):
            text = lines[above].strip().lstrip("#").strip()
            if text.startswith("Translators:"):
                comments.insert(0, text)
            above -= 1
        yield node.lineno, ((texts[0], texts[1]) if plural else texts[0]), comments  # type: ignore[misc]


def template(root: Path) -> Catalog:
    """The messages of the code and of mkdocs.yml's navigation, in a fresh template catalogue."""
    catalog = Catalog(project="MMSSC site", fuzzy=False)
    for path in sorted(PACKAGE.rglob("*.py")):
        for lineno, message, comments in extract_calls(path):
            location = (path.relative_to(PACKAGE.parent).as_posix(), lineno)
            catalog.add(message, None, [location], auto_comments=comments)
    config = root / "mkdocs.yml"
    if config.is_file():
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}
        if data.get("site_name"):  # the header and every page's <title> name the site
            catalog.add(str(data["site_name"]), None, [("mkdocs.yml", 0)])
        for title in _nav_titles(data.get("nav")):
            catalog.add(title, None, [("mkdocs.yml", 0)])
    return catalog


def _po_text(catalog: Catalog) -> str:
    out = io.BytesIO()
    # no dates, no line numbers' churn beyond the locations: reviewable diffs in pull requests
    write_po(out, catalog, width=0, omit_header=False, sort_output=True, include_lineno=False)
    text = out.getvalue().decode("utf-8")
    return re.sub(r'"(POT-Creation-Date|PO-Revision-Date): [^"\\]*\\n"\n', "", text)


def _ids(catalog: Catalog) -> set[tuple[str, str | None]]:
    return {(_msgid(m.id), m.context) for m in catalog if m.id}


def _msgid(value: str | tuple[str, ...] | list[str]) -> str:
    return value if isinstance(value, str) else value[0]


def problems(root: Path, locale_dir: Path = LOCALE_DIR) -> list[Diagnostic]:
    """What ``check`` reports: a stale template, and every missing, fuzzy or broken translation."""
    found = Report()
    fresh = template(root)
    pot = template_path(locale_dir)
    if not pot.is_file() or _po_text(fresh) != pot.read_text(encoding="utf-8"):
        found.error(shown_path(pot, root), 1, 1, "out of date with the code: run scripts/i18n extract (then update)")
    wanted = _ids(fresh)
    for code in shipped_languages(locale_dir):
        path = po_path(code, locale_dir)
        shown = shown_path(path, root)
        catalog = read_catalog(path, code)
        have = {(_msgid(m.id), m.context): m for m in catalog if m.id}
        for key in sorted(wanted - have.keys(), key=str):
            found.error(
                shown_path(path, root),
                1,
                1,
                f"{code}: no entry for {key[0]!r}: run scripts/i18n update and translate it",
            )
        for key in sorted(wanted & have.keys(), key=str):
            message = have[key]
            line = message.lineno or 1
            strings = (message.string,) if isinstance(message.string, str) else tuple(message.string or ())
            if message.fuzzy:
                found.error(
                    shown_path(path, root), line, 1, f"{code}: the translation of {key[0]!r} is fuzzy: check it"
                )
            elif not all(strings):
                found.error(shown, line, 1, f"{code}: {key[0]!r} is not translated")
            else:
                expected = set(_PLACEHOLDER.findall(_msgid(message.id)))
                if not isinstance(message.id, str):
                    expected |= set(_PLACEHOLDER.findall(message.id[1]))
                for text in strings:
                    got = set(_PLACEHOLDER.findall(text))
                    if got - expected or (expected - {"n"}) - got:
                        found.error(
                            shown_path(path, root),
                            line,
                            1,
                            f"{code}: {key[0]!r}: placeholders {sorted(got)} != {sorted(expected)}",
                        )
    return found.diagnostics


def extract(root: Path, locale_dir: Path = LOCALE_DIR) -> None:
    locale_dir.mkdir(parents=True, exist_ok=True)
    template_path(locale_dir).write_text(_po_text(template(root)), encoding="utf-8")


def update(root: Path, locale_dir: Path = LOCALE_DIR) -> None:
    fresh = template(root)
    for code in shipped_languages(locale_dir):
        path = po_path(code, locale_dir)
        catalog = read_catalog(path, code)
        catalog.update(fresh, update_header_comment=False)
        path.write_text(_po_text(catalog), encoding="utf-8")


def new_language(code: str, locale_dir: Path = LOCALE_DIR, root: Path | None = None) -> Path:
    """An empty catalogue for a new language (``scripts/i18n add CODE``), every message to translate."""
    path = po_path(code, locale_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog = Catalog(locale=code.replace("-", "_"), project="MMSSC site", fuzzy=False)
    catalog.update(template(root or project_root()))
    path.write_text(_po_text(catalog), encoding="utf-8")
    return path


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(
        parents=[project_options()], prog="scripts/i18n", description=__doc__.split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="write macros/locale/messages.pot from the code")
    sub.add_parser("update", help="merge the template into every language's messages.po")
    sub.add_parser("check", help="exit 1 while a string lacks a translation or the template is stale")
    add = sub.add_parser("add", help="start the catalogue of a new language")
    add.add_argument("code", help="BCP 47 language code, e.g. de or pt-BR")
    args = parser.parse_args(argv)
    root = root or project_root(args)
    if args.command == "extract":
        extract(root)
    elif args.command == "update":
        update(root)
    elif args.command == "add":
        print(new_language(args.code, root=root))
    else:
        found = problems(root)
        for problem in found:
            print(problem.format())
        if not found:
            print("the message catalogues are complete and up to date", file=sys.stderr)
        return 1 if found else 0
    return 0
