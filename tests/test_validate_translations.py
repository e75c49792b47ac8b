"""validate/translations.py: the catalogue's translation files, checked as the catalogue is.

Every error is ``path:line:col: error: …`` naming the field and what is allowed, all in one run;
a text whose English changed since it was translated is stale: a warning, and it is not used."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from macros.diagnostics import Report
from macros.model.text import FOOTNOTE_MARK, Bullets, Paragraph
from macros.model.translations import TextKey, catalogue_texts
from macros.publish.project import DataError, load_project
from macros.validate import load_catalogue, load_translations
from macros.validate.translations import primary_language_problem

HEADER = "language: fr\nmodel_version: iso-ts-37107-draft\nofficial: false\n"
SHOWN = "criteria/translations/fr.yaml"


@pytest.fixture
def criteria(repo, tmp_path) -> Path:
    dest = tmp_path / "criteria"
    shutil.copytree(repo / "criteria", dest)
    return dest


def _load(criteria: Path, catalogue=None):
    report = Report()
    if catalogue is None:
        catalogue = load_catalogue(criteria, report, display_root=criteria.parent)
        assert catalogue is not None, report.format()
    found = load_translations(criteria, catalogue, report, display_root=criteria.parent)
    return found, report


def _write(criteria: Path, body: str, name: str = "fr.yaml") -> Path:
    path = criteria / "translations" / name
    path.write_text(body, encoding="utf-8")
    return path


def _errors(criteria: Path, body: str, name: str = "fr.yaml", catalogue=None) -> list[str]:
    _write(criteria, body, name)
    found, report = _load(criteria, catalogue)
    lines = [d.format() for d in report.sorted() if d.severity == "error"]
    assert (Path(name).stem not in found) == bool(lines), "a file with errors is left out, one without is kept"
    return lines


# -- the shipped file ---------------------------------------------------------------------------


def test_shipped_french_loads_clean_with_the_47_names(repo, catalogue) -> None:
    report = Report()
    found = load_translations(repo / "criteria", catalogue, report, display_root=repo)
    assert report.diagnostics == [], report.format()
    fr = found["fr"]
    assert (fr.language, fr.model_version, fr.official, fr.path) == (
        "fr",
        "iso-ts-37107-draft",
        False,
        "criteria/translations/fr.yaml",
    )
    names = {
        key
        for key, _ in catalogue_texts(catalogue)
        if key.field == "name" and key.kind in ("dimension", "subdimension", "characteristic")
    }
    assert len(names) == 4 + 11 + 32 == 47
    assert set(fr.texts) == names, "exactly the names of the dimensions, sub-dimensions and characteristics"
    english = dict(catalogue_texts(catalogue))
    for key in names:
        assert fr.fresh(key, english[key]) == fr.texts[key].text, f"{key} is stale"
        assert fr.texts[key].text != english[key]
    assert fr.texts[TextKey("characteristic", "4.6", "name")].text == "Bien-être"
    assert fr.texts[TextKey("dimension", "1", "name")].text == "Gestion de la stratégie"


def test_no_translations_folder_is_no_translations(criteria, catalogue) -> None:
    shutil.rmtree(criteria / "translations")
    assert _load(criteria, catalogue) == ({}, Report())


def test_the_catalogue_reader_ignores_the_translations_folder(criteria) -> None:
    """load_catalogue reads a fixed list of files (and characteristics/*.yaml): a broken translation
    file is the translation check's to report, not the catalogue's."""
    _write(criteria, "language: [\n")
    report = Report()
    assert load_catalogue(criteria, report, display_root=criteria.parent) is not None
    assert report.diagnostics == []


# -- each error, with its position ----------------------------------------------------------------


def test_unknown_ids(criteria, catalogue) -> None:
    body = (
        HEADER
        + 'dimensions:\n  "7":\n    name: {text: a, source: b}\n'
        + 'characteristics:\n  "1.1.9":\n    name: {text: a, source: b}\n'
        + "  4.7:\n    name: {text: a, source: b}\n"
        + 'levels:\n  "0":\n    name: {text: a, source: b}\n'
        + "families:\n  closed:\n    name: {text: a, source: b}\n"
    )
    assert _errors(criteria, body, catalogue=catalogue) == [
        f'{SHOWN}:5:3: error: dimensions: unknown dimension "7"; allowed: the catalogue\'s IDs, from 1 to 4',
        f'{SHOWN}:8:3: error: characteristics: unknown characteristic "1.1.9" (did you mean "1.1.2"?); '
        "allowed: the catalogue's IDs, from 1.1.1 to 4.6",
        f'{SHOWN}:10:3: error: characteristics: unknown characteristic "4.7" (did you mean "4.6"?); '
        "allowed: the catalogue's IDs, from 1.1.1 to 4.6",
        f'{SHOWN}:13:3: error: levels: unknown maturity level "0"; allowed: "1", "2", "3", "4", "5"',
        f'{SHOWN}:16:3: error: families: unknown family of level definitions "closed"; '
        'allowed: "integrated", "open", "purposes"',
    ]


def test_unknown_level(criteria, catalogue) -> None:
    body = (
        HEADER
        + 'characteristics:\n  "1.1.1":\n    levels:\n      6: {text: a, source: b}\n'
        + "families:\n  open:\n    definitions:\n      two: {text: a, source: b}\n"
    )
    assert _errors(criteria, body, catalogue=catalogue) == [
        f'{SHOWN}:7:7: error: characteristics."1.1.1".levels: "6" is not a maturity level; '
        'use the numbers 1 to 5 ("1" to "5")',
        f'{SHOWN}:11:7: error: families."open".definitions: "two" is not a maturity level; '
        'use the numbers 1 to 5 ("1" to "5")',
    ]


def test_unknown_fields(criteria, catalogue) -> None:
    body = (
        HEADER
        + "extra: 1\n"
        + 'dimensions:\n  "1":\n    nmae: {text: a, source: b}\n'
        + 'subdimensions:\n  "1.1":\n    description: {text: a, source: b}\n'
        + 'characteristics:\n  "1.1.1":\n    name: {text: a, source: b, note: c}\n'
    )
    assert _errors(criteria, body, catalogue=catalogue) == [
        f'{SHOWN}:4:1: error: the translation file: unknown field "extra"; allowed fields: language, '
        "model_version, official, dimensions, subdimensions, characteristics, levels, families",
        f'{SHOWN}:7:5: error: dimensions."1": unknown field "nmae" (did you mean "name"?); '
        "allowed fields: name, description",
        f'{SHOWN}:10:5: error: subdimensions."1.1": unknown field "description"; allowed fields: name',
        f'{SHOWN}:13:32: error: characteristics."1.1.1".name: unknown field "note"; allowed fields: text, source',
    ]


def test_an_entry_needs_its_text_and_its_source(criteria, catalogue) -> None:
    body = (
        HEADER
        + 'dimensions:\n  "1":\n    name: Gestion de la stratégie\n'
        + '  "2":\n    name: {text: Gestion des services}\n'
        + '  "3":\n    name: {text: "", source: Digital and physical resource management}\n'
    )
    assert _errors(criteria, body, catalogue=catalogue) == [
        f'{SHOWN}:6:11: error: dimensions."1".name: must be {{text: <the translation>, source: <the English '
        "text it translates>}, found text",
        f'{SHOWN}:8:11: error: dimensions."2".name: missing required field "source"',
        f'{SHOWN}:10:18: error: dimensions."3".name.text: is empty; it needs text',
    ]


def test_wrong_model_version_and_official(criteria, catalogue) -> None:
    body = "language: fr\nmodel_version: iso-ts-37107\nofficial: no\n"
    assert _errors(criteria, body, catalogue=catalogue) == [
        f'{SHOWN}:2:16: error: model_version: "iso-ts-37107" is not allowed (did you mean '
        '"iso-ts-37107-draft"?); allowed: "iso-ts-37107-draft"',
        f'{SHOWN}:3:11: error: official: must be true or false, found "no" (text: data files are read as YAML '
        "1.2, where only true and false are yes/no values)",
    ]


def test_required_fields(criteria, catalogue) -> None:
    assert _errors(criteria, "dimensions: {}\n", catalogue=catalogue) == [
        f'{SHOWN}:1:1: error: the translation file: missing required field "{field}"'
        for field in ("language", "model_version", "official")
    ]


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("fra", 'BCP 47 takes the two-letter code where there is one: write "fr" (French)'),
        ("fre", 'BCP 47 takes the two-letter code where there is one: write "fr" (French)'),
        ("FR", 'language codes are written in lowercase: write "fr"'),
        ("fr-CA", 'a translation is for a language, not a region or script: write the primary subtag only ("fr")'),
        ("French", 'write the language code, not its name: "fr" (French)'),
        ("xx", "it is not an ISO 639-1 language code"),
        ("qqq", "it is not an ISO 639 language code"),
        ("und", "it is a special code (Undetermined), not a language"),
        ("en", "English is the catalogue's own language: it needs no translation file"),
        ("1", "expected a lowercase ISO 639 code such as fr or el"),
    ],
)
def test_language_is_a_bcp47_primary_subtag(criteria, catalogue, code: str, problem: str) -> None:
    body = f'language: "{code}"\nmodel_version: iso-ts-37107-draft\nofficial: false\n'
    assert _errors(criteria, body, catalogue=catalogue) == [
        f'{SHOWN}:1:11: error: language: "{code}" is not a BCP 47 primary language subtag: {problem}'
    ]


@pytest.mark.parametrize("code", ["fr", "el", "de", "pt", "ast", "yue"])
def test_real_languages_pass(code: str) -> None:
    assert primary_language_problem(code) is None


def test_file_name_must_match_the_language(criteria, catalogue) -> None:
    (criteria / "translations" / "fr.yaml").rename(criteria / "translations" / "el.yaml")
    found, report = _load(criteria, catalogue)
    assert found == {}
    assert [d.format() for d in report.diagnostics] == [
        'criteria/translations/el.yaml:9:11: error: language: "fr" is in el.yaml: the file name must match '
        "the language (rename the file to fr.yaml, or correct the language)"
    ]


def test_yml_is_refused(criteria, catalogue) -> None:
    (criteria / "translations" / "fr.yaml").rename(criteria / "translations" / "fr.yml")
    found, report = _load(criteria, catalogue)
    assert found == {}
    assert [d.format() for d in report.diagnostics] == [
        "criteria/translations/fr.yml:1:1: error: translation files end in .yaml: rename it to fr.yaml"
    ]


def test_file_that_does_not_parse(criteria, catalogue) -> None:
    assert _errors(criteria, HEADER + 'dimensions:\n  "1": [\n', catalogue=catalogue) == [
        f"{SHOWN}:6:1: error: invalid YAML syntax: did not find expected node content"
    ]
    assert _errors(criteria, "", catalogue=catalogue) == [
        f"{SHOWN}:1:1: error: the file has no content (it is empty, or holds only comments): write its fields, "
        "or delete the file"
    ]
    assert _errors(criteria, HEADER + 'dimensions:\n  "1": {}\n  "1": {}\n', catalogue=catalogue) == [
        f'{SHOWN}:6:3: error: duplicate key "1" (first defined at line 5); each key may appear only once'
    ]


def yaml_blocks(blocks, indent: str) -> str:
    """Rich text as a translation file writes it: a list of paragraphs and ``bullets:`` lists."""
    lines = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(f"{indent}- {json.dumps(block.text)}")
        else:
            lines.append(f"{indent}- bullets:")
            lines.extend(f"{indent}    - {json.dumps(item)}" for item in block.items)
    return "\n".join(lines) + "\n"


def _footnoted(catalogue) -> tuple[str, int, tuple]:
    """A criterion that cites a footnote, and its English."""
    return next(
        (c.id, n, cr.blocks)
        for c in catalogue.characteristics.values()
        for n, cr in c.criteria.items()
        if "[^" in str(cr.blocks)
    )


def test_translated_criteria_keep_the_footnote_marks(criteria, catalogue) -> None:
    cid, level, english = _footnoted(catalogue)
    (mark,) = set(FOOTNOTE_MARK.findall(str(english)))
    body = HEADER + f'characteristics:\n  "{cid}":\n    levels:\n      {level}:\n        text: Sans note [^autre].\n'
    body += "        source:\n" + yaml_blocks(english, "          ")
    assert _errors(criteria, body, catalogue=catalogue) == [
        f'{SHOWN}:8:15: error: characteristics."{cid}".levels.{level}.text: adds [^autre]; leaves out [^{mark}]: '
        f"the translation keeps the footnote marks of the English as they are ([^{mark}])"
    ]


def test_a_criterion_translates_as_rich_text(criteria, catalogue) -> None:
    cid, level, english = _footnoted(catalogue)
    (mark,) = set(FOOTNOTE_MARK.findall(str(english)))
    body = HEADER + f'characteristics:\n  "{cid}":\n    levels:\n      {level}:\n        text:\n'
    body += f'          - "Premier paragraphe [^{mark}]."\n          - bullets: [un, deux]\n'
    body += "        source:\n" + yaml_blocks(english, "          ")
    _write(criteria, body)
    found, report = _load(criteria, catalogue)
    assert report.diagnostics == [], report.format()
    entry = found["fr"].texts[TextKey("characteristic", cid, f"levels.{level}")]
    assert entry.text == (Paragraph(f"Premier paragraphe [^{mark}]."), Bullets(("un", "deux")))
    assert entry.source == english


def test_every_error_in_one_run(criteria, catalogue) -> None:
    body = (
        'language: "fra"\nmodel_version: draft\nofficial: false\n'
        'dimensions:\n  "9":\n    name: {text: a, source: b}\n'
        'characteristics:\n  "1.1.1":\n    levels:\n      7: {text: a, source: b}\n'
    )
    errors = _errors(criteria, body, catalogue=catalogue)
    assert [e.split(": error: ")[0] for e in errors] == [
        f"{SHOWN}:1:11",
        f"{SHOWN}:2:16",
        f"{SHOWN}:5:3",
        f"{SHOWN}:10:7",
    ]


# -- stale: the English changed -------------------------------------------------------------------


def _stale_catalogue(criteria: Path):
    path = criteria / "characteristics" / "1.1.1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: An outcomes-focused city vision", "name: An outcome-focused city vision"))
    report = Report()
    changed = load_catalogue(criteria, report, display_root=criteria.parent)
    assert changed is not None and report.ok
    return changed


def test_a_changed_english_source_makes_the_text_stale(criteria) -> None:
    changed = _stale_catalogue(criteria)
    found, report = _load(criteria, changed)
    line = next(
        n
        for n, text in enumerate((criteria / "translations" / "fr.yaml").read_text().splitlines(), 1)
        if 'source: "An outcomes-focused' in text
    )
    assert [d.format() for d in report.diagnostics] == [
        f'{SHOWN}:{line}:15: warning: characteristics."1.1.1".name: stale: the English of characteristic "1.1.1" '
        'changed since this was translated (it now reads "An outcome-focused city vision and strategy"); the page '
        'shows the English until the translation and its "source" are brought up to date'
    ]
    assert report.ok, "stale is a warning, not an error"
    fr = found["fr"]
    key = TextKey("characteristic", "1.1.1", "name")
    assert key in fr.texts, "the stale entry is kept (the coverage page lists it)"
    assert fr.fresh(key, changed.characteristics["1.1.1"].name) is None, "and never used"
    assert fr.fresh(TextKey("characteristic", "1.1.2", "name"), changed.characteristics["1.1.2"].name)


def test_whitespace_does_not_make_a_text_stale(criteria, catalogue) -> None:
    body = (
        HEADER + 'dimensions:\n  "1":\n    name:\n      text: Gestion\n      source: "Strategy\n        management  "\n'
    )
    _write(criteria, body)
    found, report = _load(criteria, catalogue)
    assert report.diagnostics == []
    assert found["fr"].fresh(TextKey("dimension", "1", "name"), "Strategy management") == "Gestion"


# -- loaded with the project ----------------------------------------------------------------------


def _project(tmp_path: Path, criteria: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    shutil.move(criteria, root / "criteria")
    (root / "assessments").mkdir()
    return root


def test_the_project_loads_the_translations_with_the_catalogue(criteria, tmp_path) -> None:
    root = _project(tmp_path, criteria)
    project = load_project(root)
    assert set(project.translations) == {"fr"}
    assert len(project.translations["fr"].texts) == 47
    assert project.report.diagnostics == []


def test_stale_warnings_go_into_the_project_report(criteria, tmp_path) -> None:
    _stale_catalogue(criteria)
    project = load_project(_project(tmp_path, criteria))
    assert [d.message.split(":")[0] for d in project.report.warnings] == ['characteristics."1.1.1".name']
    assert project.report.warnings[0].path == SHOWN


def test_an_error_in_a_translation_fails_the_load(criteria, tmp_path) -> None:
    _write(criteria, HEADER + 'dimensions:\n  "9":\n    name: {text: a, source: b}\n')
    with pytest.raises(DataError) as caught:
        load_project(_project(tmp_path, criteria))
    assert [d.format() for d in caught.value.report.errors] == [
        f'{SHOWN}:5:3: error: dimensions: unknown dimension "9"; allowed: the catalogue\'s IDs, from 1 to 4'
    ]
