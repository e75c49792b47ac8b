"""compute/localise.py: the catalogue in another language, every reader-facing text translated
(fresh) or marked Untranslated; and the coverage of a translation."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator

import pytest

from macros.compute.localise import coverage, localise
from macros.model.catalogue import Catalogue
from macros.model.text import Bullets, Paragraph, Untranslated
from macros.model.translations import CatalogueTranslation, TextKey, TranslatedText, catalogue_texts

# Fields that hold no language: IDs, slugs, kinds, paths, URLs, designations of standards and
# codes as the source prints them. Every other string a page can show must be localised.
NOT_TEXT = {
    ("ModelVersion", "id"),
    ("Dimension", "id"),
    ("Dimension", "kind"),
    ("Dimension", "subdimension_ids"),
    ("Dimension", "characteristic_ids"),
    ("SubDimension", "id"),
    ("SubDimension", "dimension_id"),
    ("SubDimension", "characteristic_ids"),
    ("Characteristic", "id"),
    ("Characteristic", "dimension_id"),
    ("Characteristic", "subdimension_id"),
    ("Characteristic", "family_id"),
    ("SourceRef", "path"),
    ("Footnote", "key"),
    ("Footnote", "standard"),
    ("Family", "id"),
    ("Method", "id"),
    ("StakeholderGroup", "id"),
    ("Standard", "id"),
    ("Standard", "misprinted_as"),
    ("Standard", "url"),
    ("Support", "applies_to"),
    ("Support", "standards"),
    ("LocalGovernmentFunction", "purpose"),
    ("LocalGovernmentFunction", "code"),
    ("LocalGovernmentFunction", "printed_as"),
    ("MaturityModel", "id"),
    ("MaturityModel", "standard"),
    ("MaturityModel", "connects_to"),
    ("Erratum", "id"),
}


def strings(obj: object, where: tuple[str, str] = ("Catalogue", "")) -> Iterator[tuple[tuple[str, str], str]]:
    """Every string in a model object, with the (class, field) it sits in; dictionary keys are IDs."""
    if isinstance(obj, str):
        yield where, obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from strings(getattr(obj, f.name), (type(obj).__name__, f.name))
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from strings(value, where)
    elif isinstance(obj, list | tuple):
        for value in obj:
            yield from strings(value, where)


def _fr(repo, catalogue) -> CatalogueTranslation:
    from macros.diagnostics import Report
    from macros.validate import load_translations

    report = Report()
    found = load_translations(repo / "criteria", catalogue, report, display_root=repo)
    assert report.ok
    return found["fr"]


def test_without_a_translation_every_text_is_marked_english(catalogue) -> None:
    local = localise(catalogue, None)
    texts = [(where, s) for where, s in strings(local) if where not in NOT_TEXT]
    plain = sorted({where for where, s in texts if type(s) is not Untranslated})
    assert plain == [], f"human text left unmarked in {plain}"
    assert len(texts) > 600  # the whole catalogue, references included
    ids = [s for where, s in strings(local) if where in NOT_TEXT]
    assert ids and all(type(s) is str for s in ids), "IDs, paths and URLs stay plain"
    # the same words, only marked
    assert [s for _, s in strings(local)] == [s for _, s in strings(catalogue)]


def test_every_kind_of_text_is_reached(catalogue) -> None:
    """Principles, methods, groups, the guide, footnotes, the references and rich text are all marked."""
    local = localise(catalogue, None)
    reached = {where for where, s in strings(local) if type(s) is Untranslated}
    for expected in [
        ("Catalogue", "name"),
        ("Catalogue", "principles_introduction"),
        ("Principle", "name"),
        ("Paragraph", "text"),
        ("Bullets", "items"),
        ("Method", "description"),
        ("StakeholderGroup", "name"),
        ("AssessmentGuide", "pdca_uses"),
        ("Footnote", "text"),
        ("Standard", "title"),
        ("Standard", "description"),
        ("Support", "text"),
        ("Support", "part"),
        ("LocalGovernmentFunction", "name"),
        ("MaturityModel", "name"),
        ("LevelCorrespondence", "level"),
        ("Erratum", "resolution"),
        ("References", "annex_b_title"),
        ("Family", "definitions"),
        ("Level", "name"),
    ]:
        assert expected in reached, expected


def test_the_english_catalogue_is_untouched(catalogue) -> None:
    before = copy.deepcopy(catalogue)
    localise(catalogue, None)
    assert not any(type(s) is Untranslated for _, s in strings(catalogue))
    assert catalogue == before
    assert [type(s) for _, s in strings(catalogue)] == [type(s) for _, s in strings(before)]


def test_fresh_translations_are_used_as_plain_text(repo, catalogue) -> None:
    local = localise(catalogue, _fr(repo, catalogue))
    assert local.dimensions["1"].name == "Gestion de la stratégie"
    assert type(local.dimensions["1"].name) is str
    assert type(local.characteristics["4.6"].name) is str and local.characteristics["4.6"].name == "Bien-être"
    assert type(local.subdimensions["2.4"].name) is str
    # what fr.yaml does not translate falls back, marked
    assert type(local.dimensions["1"].description) is Untranslated
    assert type(local.levels[1].name) is Untranslated
    criterion = local.characteristics["1.1.1"].criteria[1].blocks
    assert all(type(b.text) is Untranslated for b in criterion if isinstance(b, Paragraph))
    names = [
        (where, s)
        for where, s in strings(local)
        if where in {("Dimension", "name"), ("SubDimension", "name"), ("Characteristic", "name")}
    ]
    assert len(names) == 47 and all(type(s) is str for _, s in names)
    # structure is the catalogue's
    assert local.dimensions["1"].subdimension_ids == catalogue.dimensions["1"].subdimension_ids
    assert local.node_name("1.1.1") == "Une vision et une stratégie de la ville axées sur les résultats"


def _translation(catalogue: Catalogue, entries: dict[TextKey, tuple[object, object]]) -> CatalogueTranslation:
    texts = {key: TranslatedText(text, source, 1, 1) for key, (text, source) in entries.items()}  # type: ignore[arg-type]
    return CatalogueTranslation("el", "iso-ts-37107-draft", "criteria/translations/el.yaml", False, texts)


def test_stale_translations_fall_back(catalogue) -> None:
    name, description = TextKey("dimension", "1", "name"), TextKey("dimension", "1", "description")
    tr = _translation(
        catalogue,
        {
            name: ("Διαχείριση στρατηγικής", "Strategy management"),
            description: ("παλιό κείμενο", "an older English description"),
        },
    )
    local = localise(catalogue, tr)
    assert local.dimensions["1"].name == "Διαχείριση στρατηγικής" and type(local.dimensions["1"].name) is str
    assert type(local.dimensions["1"].description) is Untranslated
    assert local.dimensions["1"].description == catalogue.dimensions["1"].description


def test_translated_criteria_keep_what_they_build_on(catalogue) -> None:
    """ "As at level 3" is read from the English words: a translation's words must not lose it."""
    ch = next(c for c in catalogue.characteristics.values() if c.criteria[4].builds_on == 3)
    key = TextKey("characteristic", ch.id, "levels.4")
    french = (Paragraph("Comme au niveau 3. En outre, …"), Bullets(("un", "deux")))
    local = localise(catalogue, _translation(catalogue, {key: (french, ch.criteria[4].blocks)}))
    criterion = local.characteristics[ch.id].criteria[4]
    assert criterion.blocks == french and type(criterion.blocks[0].text) is str  # type: ignore[union-attr]
    assert criterion.builds_on == 3
    assert local.characteristics[ch.id].criteria[5].builds_on == catalogue.characteristics[ch.id].criteria[5].builds_on


def test_coverage_of_the_french_file(repo, catalogue) -> None:
    cov = coverage(catalogue, _fr(repo, catalogue))
    total = len(list(catalogue_texts(catalogue)))
    assert cov.counts == {"translated": 47, "stale": 0, "missing": total - 47}
    assert cov.total == total
    assert (cov.language, cov.official, cov.path) == ("fr", False, "criteria/translations/fr.yaml")
    by_kind = cov.counts_by_kind()
    assert by_kind["subdimension"] == {"translated": 11, "stale": 0, "missing": 0}
    assert by_kind["characteristic"]["translated"] == 32
    assert by_kind["dimension"] == {"translated": 4, "stale": 0, "missing": 4}  # the descriptions
    first = cov.rows[0]
    assert (first.kind, first.id, first.field, first.english, first.status, first.translation) == (
        "dimension",
        "1",
        "name",
        "Strategy management",
        "translated",
        "Gestion de la stratégie",
    )
    level_row = next(r for r in cov.rows if r.field == "levels.3")
    assert level_row.level == 3 and level_row.status == "missing" and level_row.translation is None


def test_coverage_counts_stale_and_needs_a_language_without_a_file(catalogue) -> None:
    key = TextKey("dimension", "2", "name")
    cov = coverage(catalogue, _translation(catalogue, {key: ("Παλιό", "Citizen service management")}))
    assert cov.counts["stale"] == 1 and cov.counts["translated"] == 0
    none = coverage(catalogue, None, language="el")
    assert none.language == "el" and none.official is None and none.counts["missing"] == none.total
    with pytest.raises(ValueError):
        coverage(catalogue, None)
