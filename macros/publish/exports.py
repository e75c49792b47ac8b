"""Regular public reporting: the open-data downloads, the Atom feeds and the city badges.

:func:`reporting_files` lists every such file with its stable path; nothing is rendered until
the engine asks for a file's content. Every output is a pure function of the data and of the
``built`` date: JSON keys are sorted, rows follow the registry's and the catalogue's order,
and no clock is read, so identical inputs give byte-identical files.

Open data (schemas in ``docs/schemas/``, published at ``schemas/``):

* ``data/catalogue.json`` the whole catalogue; ``data/criteria.csv`` one row per characteristic × level;
* ``data/assessments.json`` every city and assessment, **loss-free**: each object carries the
  content of its YAML file as read (``yaml``, dates as ISO strings) beside the checked values;
* ``data/assessments.csv`` one row per city × assessment × characteristic;
  ``data/cities.csv`` one row per city.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..compute.summaries import AGGREGATION_RULE, Distribution, overall
from ..diagnostics import Report
from ..load.yaml_nodes import from_snapshot, read_yaml
from ..model.assessments import Assessment, City, Entry, Registry
from ..model.catalogue import LEVELS, Catalogue, SourceRef
from ..model.text import Blocks, Bullets, Paragraph
from ..render import badges, feeds
from ..site import urls
from ..site.pages import GeneratedFile

FORMAT_VERSION = 1
CATALOGUE_JSON = "data/catalogue.json"
CRITERIA_CSV = "data/criteria.csv"
ASSESSMENTS_JSON = "data/assessments.json"
ASSESSMENTS_CSV = "data/assessments.csv"
CITIES_CSV = "data/cities.csv"
SITE_FEED = "feeds/assessments.xml"
CATALOGUE_SCHEMA = "schemas/catalogue-export.schema.json"
ASSESSMENTS_SCHEMA = "schemas/assessments-export.schema.json"


city_feed, city_badge_svg, city_badge_json, city_shields_json = (
    urls.city_feed,
    urls.city_badge_svg,
    urls.city_badge_json,
    urls.city_shields_json,
)


# ---------------------------------------------------------------------------------------------
# Serialisation


def _json_bytes(data: Any) -> bytes:
    # allow_nan=False: the output is always strict JSON (non-finite numbers are converted first).
    # No indent: only the compact form uses the C encoder, ten times faster on thousands of cities.
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False) + "\n").encode(
        "utf-8"
    )


# Spreadsheets run a cell that begins with "=", "+", "-" or "@" as a formula (and a leading tab
# or carriage return can smuggle one past a check), so text from the data could execute
# "=HYPERLINK(…)" or "=cmd|…" on a reader's machine: CSV injection. Every text cell that begins
# with one of these characters is neutralised with a leading apostrophe, which spreadsheets
# show as text and do not display. Numbers are written as numbers and never neutralised.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _csv_bytes(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    out = io.BytesIO()
    _write_csv(out, header, rows)
    return out.getvalue()


def _write_csv(out: BinaryIO, header: list[str], rows: Iterable[list[Any]]) -> None:
    """RFC 4180 CSV in UTF-8 (no byte-order mark), CRLF line ends, every field quoted when needed;
    rows are written as they come, so a large export is never held in memory."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    text.flush()
    text.detach()  # leave ``out`` open for the caller


def _source(ref: SourceRef) -> dict:
    return {"path": ref.path, "line": ref.line}


def _blocks(blocks: Blocks) -> list[dict]:
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


def _header(kind: str, schema: str, built: dt.date, site_url: str | None) -> dict:
    return {
        "$schema": f"{site_url.rstrip('/')}/{schema}" if site_url else f"../{schema}",
        "format": kind,
        "format_version": FORMAT_VERSION,
        "built": built.isoformat(),
        "site_url": site_url,
    }


# ---------------------------------------------------------------------------------------------
# The catalogue


def catalogue_data(catalogue: Catalogue, *, site_url: str | None, built: dt.date) -> dict:
    c = catalogue
    data = _header("mmssc-catalogue", CATALOGUE_SCHEMA, built, site_url)
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
                    {"number": p.number, "name": p.name, "description": _blocks(p.description)} for p in c.principles
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
                    "source": _source(ch.source),
                    "criteria": [
                        {
                            "level": cr.level,
                            "level_name": c.levels[cr.level].name,
                            "builds_on": cr.builds_on,
                            "blocks": _blocks(cr.blocks),
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
                "introduction": _blocks(refs.models_introduction),
                "models": [
                    {
                        "id": m.id,
                        "name": m.name,
                        "standard": m.standard,
                        "connects_to": list(m.connects_to),
                        "connection": _blocks(m.connection),
                        "how_to_use": _blocks(m.how_to_use),
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


# ---------------------------------------------------------------------------------------------
# Cities and assessments


def yaml_content(root: Path, source: SourceRef) -> Any:
    """The content of a data file as read (dates → ISO strings): what makes the export loss-free.

    Validation keeps a compressed snapshot of each file it accepted, so the file is not parsed
    twice. Without one, the strict reader reads the file again, and any failure stops the build
    rather than publishing an export with something missing."""
    if source.snapshot:
        return from_snapshot(source.snapshot)
    report = Report()
    document = read_yaml(root / source.path, source.path, report)
    if document.root is None or not report.ok:
        problems = "; ".join(d.format() for d in report.errors) or "the file is empty"
        raise ValueError(f"cannot export {source.path}: {problems}")
    return document.root.to_json_data()


def _distribution(dist: Distribution) -> dict:
    return {
        "counts": {str(level): dist.counts.get(level, 0) for level in LEVELS},
        "assessed": dist.assessed,
        "not_assessed": dist.not_assessed,
        "typical": dist.typical,
        "mean": dist.mean,
    }


def _rating(rating: Entry) -> dict:
    return {
        "characteristic_id": rating.characteristic_id,
        "now": rating.now,
        "in_two_years": rating.in_two_years,
        "not_assessed": rating.not_assessed,
        "justification": rating.justification,
        "evidence": [
            {"title": e.title, "url": e.url, "date": e.date.isoformat() if e.date else None} for e in rating.evidence
        ],
        "groups": [{"group": g.group_id, "now": g.now, "in_two_years": g.in_two_years} for g in rating.groups.values()],
        "line": rating.line,
    }


def _assessment(catalogue: Catalogue, assessment: Assessment, root: Path) -> dict:
    figures = overall(catalogue, assessment)
    return {
        "date": assessment.date.isoformat(),
        "updated": assessment.updated.isoformat() if assessment.updated else None,
        "model_version": assessment.model_version,
        "method": assessment.method_id,
        "participants": list(assessment.participants),
        "consolidation": assessment.consolidation,
        "assessors": assessment.assessors,
        "summary": assessment.summary,
        "ratings": [_rating(r) for r in assessment.ratings.values()],
        "overall": {"now": _distribution(figures.now), "in_two_years": _distribution(figures.in_two_years)},
        "source": _source(assessment.source),
        "yaml": yaml_content(root, assessment.source),
    }


def _city(catalogue: Catalogue, city: City, root: Path) -> dict:
    return {
        "slug": city.slug,
        "name": city.name,
        "country": city.country,
        "region": city.region,
        "population": city.population,
        "size_band": city.size_band,
        "community_type": city.community_type,
        "website": city.website,
        "contact": city.contact,
        "maintainers": list(city.maintainers),
        "fictional": city.fictional,
        "description": city.description,
        "links": {
            "page": urls.city(city.slug),
            "feed": city_feed(city.slug),
            "badge": city_badge_svg(city.slug),
            "badge_json": city_badge_json(city.slug),
        },
        "source": _source(city.source),
        "yaml": yaml_content(root, city.source),
        "assessments": [_assessment(catalogue, a, root) for a in city.assessments],
    }


def assessments_data(
    catalogue: Catalogue, registry: Registry, root: Path, *, site_url: str | None, built: dt.date
) -> dict:
    data = _assessments_head(catalogue, site_url=site_url, built=built)
    data["cities"] = [_city(catalogue, city, root) for city in registry.cities.values()]
    return data


def _assessments_head(catalogue: Catalogue, *, site_url: str | None, built: dt.date) -> dict:
    data = _header("mmssc-assessments", ASSESSMENTS_SCHEMA, built, site_url)
    data.update(
        {
            "model": {
                "name": catalogue.name,
                "short_name": catalogue.short_name,
                "versions": [{"id": v.id, "name": v.name} for v in catalogue.versions.values()],
            },
            "aggregation_rule": AGGREGATION_RULE,
            "cities": [],
        }
    )
    return data


def _write_assessments_json(
    out: BinaryIO, catalogue: Catalogue, registry: Registry, root: Path, *, site_url: str | None, built: dt.date
) -> None:
    """The same bytes as ``_json_bytes(assessments_data(…))``, written one city at a time."""
    head = _json_bytes(_assessments_head(catalogue, site_url=site_url, built=built)).decode("utf-8")
    before, after = head.split('"cities":[]', 1)
    out.write((before + '"cities":[').encode("utf-8"))
    for index, city in enumerate(registry.cities.values()):
        item = json.dumps(
            _city(catalogue, city, root), ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
        )
        out.write((("," if index else "") + item).encode("utf-8"))
    out.write(("]" + after).encode("utf-8"))


ASSESSMENTS_HEADER = [
    "city_slug",
    "city_name",
    "country",
    "date",
    "method",
    "characteristic_id",
    "now",
    "in_two_years",
    "not_assessed",
    "justification",
    "evidence_count",
]


def assessments_rows(catalogue: Catalogue, registry: Registry) -> Iterator[list[Any]]:
    for city in registry.cities.values():
        for assessment in city.assessments:
            for cid in catalogue.characteristics:
                rating = assessment.ratings.get(cid)
                if rating is None:  # never in validated data: every characteristic is rated or "not assessed"
                    yield [
                        city.slug,
                        city.name,
                        city.country,
                        assessment.date,
                        assessment.method_id,
                        cid,
                        None,
                        None,
                        None,
                        None,
                        0,
                    ]
                    continue
                yield [
                    city.slug,
                    city.name,
                    city.country,
                    assessment.date,
                    assessment.method_id,
                    cid,
                    rating.now,
                    rating.in_two_years,
                    rating.not_assessed,
                    rating.justification,
                    len(rating.evidence),
                ]


CITIES_HEADER = [
    "slug",
    "name",
    "country",
    "region",
    "population",
    "size_band",
    "community_type",
    "assessments",
    "latest_date",
]


def cities_rows(registry: Registry) -> list[list[Any]]:
    return [
        [
            city.slug,
            city.name,
            city.country,
            city.region,
            city.population,
            city.size_band,
            city.community_type,
            len(city.assessments),
            city.latest.date if city.latest else None,
        ]
        for city in registry.cities.values()
    ]


# ---------------------------------------------------------------------------------------------
# Everything together


def _site_link(path: str, site_url: str | None) -> str:
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def reporting_files(
    catalogue: Catalogue, registry: Registry, root: Path, *, site_url: str | None, built: dt.date
) -> list[GeneratedFile]:
    """Every reporting file at its stable path: open data, Atom feeds, badges.

    ``root`` is the project folder the cities' and assessments' ``source.path`` are relative to
    (their YAML files are read again for the loss-free JSON); ``site_url`` makes links in feeds
    absolute (relative without it); ``built`` is the build date (for the exports' header and
    the ``updated`` of a feed with no entries)."""
    c = catalogue
    files = [
        GeneratedFile(CATALOGUE_JSON, lambda: _json_bytes(catalogue_data(c, site_url=site_url, built=built))),
        GeneratedFile(CRITERIA_CSV, lambda: _csv_bytes(CRITERIA_HEADER, criteria_rows(c))),
        GeneratedFile(
            ASSESSMENTS_JSON,
            writer=lambda out: _write_assessments_json(out, c, registry, root, site_url=site_url, built=built),
        ),
        GeneratedFile(
            ASSESSMENTS_CSV, writer=lambda out: _write_csv(out, ASSESSMENTS_HEADER, assessments_rows(c, registry))
        ),
        GeneratedFile(CITIES_CSV, lambda: _csv_bytes(CITIES_HEADER, cities_rows(registry))),
        GeneratedFile(SITE_FEED, lambda: feeds.site_feed(c, registry, SITE_FEED, site_url=site_url, built=built)),
    ]
    for city in registry.cities.values():
        files += _city_files(c, city, site_url=site_url, built=built)
    return files


def _city_files(catalogue: Catalogue, city: City, *, site_url: str | None, built: dt.date) -> list[GeneratedFile]:
    def badge() -> badges.Badge:
        return badges.city_badge(catalogue, city)

    feed_path = city_feed(city.slug)
    page = _site_link(urls.city(city.slug), site_url)
    content: list[tuple[str, Callable[[], bytes]]] = [
        (feed_path, lambda: feeds.city_feed(catalogue, city, feed_path, site_url=site_url, built=built)),
        (city_badge_svg(city.slug), lambda: badges.badge_svg(badge())),
        (city_badge_json(city.slug), lambda: badges.badge_json(badge(), page=page)),
        (city_shields_json(city.slug), lambda: badges.shields_json(badge())),
    ]
    return [GeneratedFile(path, make) for path, make in content]
