"""The catalogue in another language, and how much of it is translated.

:func:`localise` makes a copy of the catalogue in which every text a reader sees is either its
fresh translation (a plain ``str``) or the English marked :class:`Untranslated` (missing, stale,
or a kind of text that is not translatable yet: principles, methods, the references…), so a
page in French or Greek can never show English catalogue text that is not marked as such.
IDs, slugs, paths, kinds, URLs and standards' designations stay plain: they are no language.
The English site does not localise (it uses the catalogue as it is).

:func:`coverage` lists, for a language's coverage page, every translatable text with its status.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from ..model.catalogue import (
    AssessmentGuide,
    Catalogue,
    Characteristic,
    Family,
    Level,
    ModelVersion,
    Principle,
    StakeholderGroup,
)
from ..model.references import (
    Erratum,
    LevelCorrespondence,
    MaturityModel,
    References,
    Standard,
)
from ..model.text import Blocks, Bullets, Paragraph, Untranslated
from ..model.translations import (
    KINDS,
    CatalogueTranslation,
    Kind,
    TextKey,
    Translatable,
    catalogue_texts,
    plain_text,
    same_text,
)

Status = Literal["translated", "stale", "missing"]
STATUSES: tuple[Status, ...] = ("translated", "stale", "missing")


def english(value: str) -> Untranslated:
    return value if isinstance(value, Untranslated) else Untranslated(value)


def _english_or_none(value: str | None) -> Untranslated | None:
    return None if value is None else english(value)


def english_blocks(blocks: Blocks) -> Blocks:
    """Rich text with every paragraph and bullet marked as English."""
    return tuple(
        Paragraph(english(b.text)) if isinstance(b, Paragraph) else Bullets(tuple(english(i) for i in b.items))
        for b in blocks
    )


class _Texts:
    """The fresh translation of each translatable text, else its English, marked."""

    def __init__(self, translation: CatalogueTranslation | None) -> None:
        self.translation = translation

    def _fresh(self, key: TextKey, value: Translatable) -> Translatable | None:
        return self.translation.fresh(key, value) if self.translation is not None else None

    def text(self, kind: Kind, node_id: str, field: str, value: str) -> str:
        found = self._fresh(TextKey(kind, node_id, field), value)
        return str(found) if isinstance(found, str) else english(value)

    def blocks(self, kind: Kind, node_id: str, field: str, value: Blocks) -> Blocks:
        found = self._fresh(TextKey(kind, node_id, field), value)
        if found is None:
            return english_blocks(value)
        if isinstance(found, str):
            return (Paragraph(found),)
        return found


def localise(catalogue: Catalogue, translation: CatalogueTranslation | None) -> Catalogue:
    """A copy of ``catalogue`` in ``translation``'s language, English (marked) wherever it has no fresh text.

    ``None``: a language without a translation file; every text is marked English."""
    t = _Texts(translation)
    dimensions = {
        did: dataclasses.replace(
            d,
            name=t.text("dimension", did, "name", d.name),
            description=t.text("dimension", did, "description", d.description),
            subdimension_ids=list(d.subdimension_ids),
            characteristic_ids=list(d.characteristic_ids),
        )
        for did, d in catalogue.dimensions.items()
    }
    subdimensions = {
        sid: dataclasses.replace(
            s, name=t.text("subdimension", sid, "name", s.name), characteristic_ids=list(s.characteristic_ids)
        )
        for sid, s in catalogue.subdimensions.items()
    }
    characteristics = {cid: _characteristic(t, ch) for cid, ch in catalogue.characteristics.items()}
    levels = {n: Level(n, t.text("level", str(n), "name", lvl.name)) for n, lvl in catalogue.levels.items()}
    families = {fid: _family(t, fam) for fid, fam in catalogue.families.items()}
    return dataclasses.replace(
        catalogue,
        name=english(catalogue.name),
        short_name=english(catalogue.short_name),
        versions={vid: ModelVersion(v.id, english(v.name)) for vid, v in catalogue.versions.items()},
        dimensions=dimensions,
        subdimensions=subdimensions,
        characteristics=characteristics,
        levels=levels,
        families=families,
        principles=[Principle(p.number, english(p.name), english_blocks(p.description)) for p in catalogue.principles],
        principles_introduction=english(catalogue.principles_introduction),
        methods={
            mid: dataclasses.replace(m, name=english(m.name), description=english(m.description))
            for mid, m in catalogue.methods.items()
        },
        stakeholder_groups={
            gid: StakeholderGroup(g.id, english(g.name)) for gid, g in catalogue.stakeholder_groups.items()
        },
        guide=_guide(catalogue.guide),
        references=_references(catalogue.references),
    )


def _characteristic(t: _Texts, ch: Characteristic) -> Characteristic:
    return dataclasses.replace(
        ch,
        name=t.text("characteristic", ch.id, "name", ch.name),
        criteria={
            n: dataclasses.replace(c, blocks=t.blocks("characteristic", ch.id, f"levels.{n}", c.blocks))
            for n, c in ch.criteria.items()
        },
        footnotes={k: dataclasses.replace(f, text=english(f.text)) for k, f in ch.footnotes.items()},
    )


def _family(t: _Texts, fam: Family) -> Family:
    return Family(
        fam.id,
        t.text("family", fam.id, "name", fam.name),
        t.text("family", fam.id, "applies_to", fam.applies_to),
        {n: t.text("family", fam.id, f"definitions.{n}", d) for n, d in fam.definitions.items()},
    )


def _guide(guide: AssessmentGuide | None) -> AssessmentGuide:
    if guide is None:  # a catalogue built without one (tests of the structure)
        return guide  # type: ignore[return-value]
    return AssessmentGuide(
        english(guide.now),
        english(guide.in_two_years),
        english(guide.purpose),
        english(guide.stakeholder_views),
        english(guide.pdca_introduction),
        tuple(english(u) for u in guide.pdca_uses),
        english(guide.pdca_closing),
    )


def _references(refs: References) -> References:
    """The cross-references: not translatable yet, so every text is marked English."""
    return References(
        standards={sid: _standard(s) for sid, s in refs.standards.items()},
        annex_b_title=english(refs.annex_b_title),
        supports=[dataclasses.replace(s, part=_english_or_none(s.part), text=english(s.text)) for s in refs.supports],
        functions_introduction=english(refs.functions_introduction),
        functions=[
            dataclasses.replace(f, name=english(f.name), conflict=_english_or_none(f.conflict)) for f in refs.functions
        ],
        models_introduction=english_blocks(refs.models_introduction),
        models=[_model(m) for m in refs.models],
        errata=[
            Erratum(e.id, english(e.title), english(e.where), english(e.source_says), english(e.resolution))
            for e in refs.errata
        ],
    )


def _standard(s: Standard) -> Standard:
    # id and misprinted_as are designations ("ISO 37101", "IS0 37101"), no language
    return dataclasses.replace(
        s,
        title=english(s.title),
        description=english(s.description),
        description_source=english(s.description_source),
        cited_in=tuple(english(c) for c in s.cited_in),
    )


def _model(m: MaturityModel) -> MaturityModel:
    return dataclasses.replace(
        m,
        name=english(m.name),
        connection=english_blocks(m.connection),
        how_to_use=english_blocks(m.how_to_use),
        level_correspondence=tuple(
            LevelCorrespondence(english(lc.level), _english_or_none(lc.description), lc.mmssc_levels)
            for lc in m.level_correspondence
        ),
        correspondence_note=_english_or_none(m.correspondence_note),
    )


# -- coverage: what a language's translation covers ------------------------------------------


@dataclass(frozen=True)
class CoverageRow:
    kind: Kind
    id: str
    field: str  # as TextKey.field: "name", "levels.3", …
    english: str  # today's English, as plain words
    status: Status
    translation: str | None  # the translation (fresh or stale) as plain words; None when missing

    @property
    def level(self) -> int | None:
        return TextKey(self.kind, self.id, self.field).level


@dataclass(frozen=True)
class Coverage:
    language: str
    official: bool | None  # None: there is no translation file for the language
    path: str | None  # the translation file, as diagnostics name it
    model_version: str | None
    rows: tuple[CoverageRow, ...]

    @property
    def counts(self) -> dict[Status, int]:
        found = Counter(row.status for row in self.rows)
        return {status: found[status] for status in STATUSES}

    def counts_by_kind(self) -> dict[Kind, dict[Status, int]]:
        """Per kind of text, in :data:`KINDS` order (kinds with no text left out)."""
        out: dict[Kind, dict[Status, int]] = {}
        for kind in KINDS:
            found = Counter(row.status for row in self.rows if row.kind == kind)
            if found:
                out[kind] = {status: found[status] for status in STATUSES}
        return out

    @property
    def total(self) -> int:
        return len(self.rows)


def coverage(
    catalogue: Catalogue, translation: CatalogueTranslation | None, *, language: str | None = None
) -> Coverage:
    """Every translatable text of the (English) ``catalogue``, translated, stale or missing in ``translation``.

    ``language`` names the language when there is no translation file (``translation`` None)."""
    if translation is None and language is None:
        raise ValueError("coverage: give the language when there is no translation")
    rows = []
    for key, text in catalogue_texts(catalogue):
        entry = translation.texts.get(key) if translation is not None else None
        if entry is None:
            status: Status = "missing"
        else:
            status = "translated" if same_text(entry.source, text) else "stale"
        rows.append(
            CoverageRow(
                key.kind,
                key.id,
                key.field,
                plain_text(text),
                status,
                plain_text(entry.text) if entry is not None else None,
            )
        )
    if translation is None:
        assert language is not None
        return Coverage(language, None, None, None, tuple(rows))
    return Coverage(
        translation.language, translation.official, translation.path, translation.model_version, tuple(rows)
    )


__all__ = [
    "Coverage",
    "CoverageRow",
    "STATUSES",
    "Status",
    "coverage",
    "english",
    "english_blocks",
    "localise",
]
