"""The catalogue as open data: ``data/catalogue.json`` (everything) and ``data/criteria.csv``
(one row per characteristic and level)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..model.catalogue import Catalogue
from ..model.text import Blocks, Bullets, Paragraph
from ..model.translations import CatalogueTranslation, catalogue_texts
from ..site import urls
from .formats import CATALOGUE_SCHEMA, export_header, source_data


def blocks_data(blocks: Blocks) -> list[dict]:
    out: list[dict[str, object]] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append({"type": "paragraph", "text": block.text})
        elif isinstance(block, Bullets):
            out.append({"type": "bullets", "items": list(block.items)})
    return out


def blocks_joined(blocks: Blocks) -> str:
    """A criterion's blocks as one text: paragraphs on their own lines, bullet items as "• item" lines."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines.extend(f"• {item}" for item in block.items)
    return "\n".join(lines)


def translations_data(catalogue: Catalogue, translations: Mapping[str, CatalogueTranslation]) -> list[dict]:
    """The catalogue's names and texts in the other languages, by ID (fresh translations only: a stale
    one, whose English changed since, is not published), so that the data stays language-neutral."""
    out = []
    for code, translation in sorted(translations.items()):
        texts = []
        for key, english in catalogue_texts(catalogue):
            text = translation.fresh(key, english)
            if text is not None:
                value: object = text if isinstance(text, str) else blocks_data(text)
                texts.append({"kind": key.kind, "id": key.id, "field": key.field, "text": value})
        out.append(
            {
                "language": code,
                "official": translation.official,
                "model_version": translation.model_version,
                "texts": texts,
            }
        )
    return out


def catalogue_data(
    catalogue: Catalogue,
    *,
    site_url: str | None,
    built: dt.date,
    translations: Mapping[str, CatalogueTranslation] | None = None,
) -> dict:
    c = catalogue
    data = export_header("mmssc-catalogue", CATALOGUE_SCHEMA, built, site_url)
    data["translations"] = translations_data(c, translations or {})
    data.update(
        {
            "name": c.name,
            "short_name": c.short_name,
            "versions": [{"id": v.id, "name": v.name} for v in c.versions.values()],
            "levels": [{"number": lv.number, "name": lv.name} for lv in c.levels.values()],
            "families": [
                {
                    "id": f.id,
                    "name": f.name,
                    "applies_to": f.applies_to,
                    "definitions": [{"level": n, "text": t} for n, t in f.definitions.items()],
                }
                for f in c.families.values()
            ],
            "principles": {
                "introduction": c.principles_introduction,
                "items": [
                    {"number": p.number, "name": p.name, "description": blocks_data(p.description)}
                    for p in c.principles
                ],
            },
            "dimensions": [
                {
                    "id": d.id,
                    "name": d.name,
                    "kind": d.kind,
                    "description": d.description,
                    "subdimension_ids": list(d.subdimension_ids),
                    "characteristic_ids": list(d.characteristic_ids),
                    "page": urls.dimension(d.id),
                }
                for d in c.dimensions.values()
            ],
            "subdimensions": [
                {
                    "id": s.id,
                    "name": s.name,
                    "dimension_id": s.dimension_id,
                    "characteristic_ids": list(s.characteristic_ids),
                    "page": urls.subdimension(s.id),
                }
                for s in c.subdimensions.values()
            ],
            "characteristics": [
                {
                    "id": ch.id,
                    "name": ch.name,
                    "dimension_id": ch.dimension_id,
                    "subdimension_id": ch.subdimension_id,
                    "family_id": ch.family_id,
                    "family_decided": ch.family_decided,
                    "page": urls.characteristic(ch.id),
                    "source": source_data(ch.source),
                    "criteria": [
                        {
                            "level": cr.level,
                            "level_name": c.levels[cr.level].name,
                            "builds_on": cr.builds_on,
                            "blocks": blocks_data(cr.blocks),
                            "text": blocks_joined(cr.blocks),
                        }
                        for cr in ch.criteria.values()
                    ],
                    "footnotes": [
                        {"key": fn.key, "text": fn.text, "standard": fn.standard} for fn in ch.footnotes.values()
                    ],
                }
                for ch in c.characteristics.values()
            ],
            "methods": [
                {"id": m.id, "name": m.name, "description": m.description, "confidence": m.confidence, "cost": m.cost}
                for m in c.methods.values()
            ],
            "stakeholder_groups": [{"id": g.id, "name": g.name} for g in c.stakeholder_groups.values()],
            "assessment_guide": {
                "now": c.guide.now,
                "in_two_years": c.guide.in_two_years,
                "purpose": c.guide.purpose,
                "stakeholder_views": c.guide.stakeholder_views,
                "pdca_introduction": c.guide.pdca_introduction,
                "pdca_uses": list(c.guide.pdca_uses),
                "pdca_closing": c.guide.pdca_closing,
            },
        }
    )
    refs = c.references
    data.update(
        {
            "standards": [
                {
                    "id": s.id,
                    "title": s.title,
                    "title_from_source": s.title_from_source,
                    "description": s.description,
                    "description_source": s.description_source,
                    "misprinted_as": list(s.misprinted_as),
                    "url": s.url,
                    "cited_in": list(s.cited_in),
                    "page": urls.standard(s.slug),
                }
                for s in refs.standards.values()
            ],
            "annex_b": {
                "title": refs.annex_b_title,
                "rows": [
                    {"applies_to": s.applies_to, "standards": list(s.standards), "part": s.part, "text": s.text}
                    for s in refs.supports
                ],
            },
            "annex_c": {
                "introduction": refs.functions_introduction,
                "functions": [
                    {
                        "purpose": f.purpose,
                        "code": f.code,
                        "name": f.name,
                        "printed_as": f.printed_as,
                        "conflict": f.conflict,
                    }
                    for f in refs.functions
                ],
            },
            "maturity_models": {
                "introduction": blocks_data(refs.models_introduction),
                "models": [
                    {
                        "id": m.id,
                        "name": m.name,
                        "standard": m.standard,
                        "connects_to": list(m.connects_to),
                        "connection": blocks_data(m.connection),
                        "how_to_use": blocks_data(m.how_to_use),
                        "level_correspondence": [
                            {"level": lc.level, "description": lc.description, "mmssc_levels": list(lc.mmssc_levels)}
                            for lc in m.level_correspondence
                        ],
                        "correspondence_note": m.correspondence_note,
                    }
                    for m in refs.models
                ],
            },
            "errata": [
                {
                    "id": e.id,
                    "title": e.title,
                    "where": e.where,
                    "source_says": e.source_says,
                    "resolution": e.resolution,
                }
                for e in refs.errata
            ],
        }
    )
    return data


CRITERIA_HEADER = ["id", "name", "dimension", "subdimension", "family", "level", "level_name", "criterion"]


def criteria_rows(catalogue: Catalogue) -> list[list[Any]]:
    return [
        [
            ch.id,
            ch.name,
            ch.dimension_id,
            ch.subdimension_id,
            ch.family_id,
            cr.level,
            catalogue.levels[cr.level].name,
            blocks_joined(cr.blocks),
        ]
        for ch in catalogue.characteristics.values()
        for cr in ch.criteria.values()
    ]
