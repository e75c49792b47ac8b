"""Every city and assessment as open data: the full JSON export, **loss-free** (each object carries
the content of its YAML file as read beside the checked values), streamed city by city; the
assessments table (one row per city, assessment and characteristic), both published in compressed
parts (``publish/bulk_parts.py``); and ``data/cities.csv``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..compute.summaries import AGGREGATION_RULE, Distribution, overall
from ..diagnostics import Report
from ..load.nodes import from_snapshot
from ..load.yaml_nodes import read_yaml
from ..model.assessments import Assessment, City, Entry, Registry
from ..model.catalogue import LEVELS, Catalogue, SourceRef
from ..site import urls
from .formats import (
    ASSESSMENTS_SCHEMA,
    compact_json,
    csv_bytes,
    export_header,
    json_bytes,
    source_data,
    write_csv,
)
from .reuse import Parts


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


def record_data(assessment: Assessment) -> dict:
    """An assessment's corrections (each change's path, old and new value), withdrawal and review."""
    review = assessment.review
    withdrawn = assessment.withdrawn
    return {
        "corrections": [
            {
                "date": k.date.isoformat(),
                "reason": k.reason,
                "changes": [{"field": list(c.path), "previous": c.old, "corrected": c.new} for c in k.changes],
            }
            for k in assessment.corrections
        ],
        "withdrawn": {"date": withdrawn.date.isoformat(), "reason": withdrawn.reason} if withdrawn else None,
        "review": {
            "by": review.by,
            "kind": review.kind,
            "date": review.date.isoformat(),
            "outcome": review.outcome,
            "confirmed": review.confirmed,
            "url": review.url,
            "levels": dict(review.levels),
        }
        if review
        else None,
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
        **record_data(assessment),
        "overall": {"now": _distribution(figures.now), "in_two_years": _distribution(figures.in_two_years)},
        "source": source_data(assessment.source),
        "yaml": yaml_content(root, assessment.source),
    }


def city_entry(catalogue: Catalogue, city: City, root: Path) -> dict:
    """One city and its assessments: an entry of ``cities`` in the full export, and the ``city`` of
    the city's own file (``publish/city_export.py``)."""
    return {
        "slug": city.slug,
        "name": city.name,
        "country": city.country,
        "language": city.language,
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
            "feed": urls.city_feed(city.slug),
            "badge": urls.city_badge_svg(city.slug),
            "badge_json": urls.city_badge_json(city.slug),
            "data": urls.city_data(city.slug),
        },
        "source": source_data(city.source),
        "yaml": yaml_content(root, city.source),
        "feedback": city.feedback,
        "assessments": [_assessment(catalogue, a, root) for a in city.assessments],
        # listed with their reason, in no figure (their "overall" is what they said, not counted anywhere)
        "withdrawn_assessments": [_assessment(catalogue, a, root) for a in city.withdrawn],
        **({"indicators": _indicators(city, root)} if city.indicators_source is not None else {}),
    }


def city_entry_bytes(catalogue: Catalogue, city: City, root: Path, parts: Parts | None = None) -> bytes:
    """:func:`city_entry` as JSON, as every file holding it writes it (with ``parts``, as it was made from
    the same folder last time, or by the full export's part earlier in this build)."""

    def make() -> bytes:
        return compact_json(city_entry(catalogue, city, root))

    return parts(city, make) if parts is not None else make()


def _indicators(city: City, root: Path) -> dict:
    """indicators.yaml as read, and every row of every series (their CSV files, checked)."""
    assert city.indicators_source is not None
    series = []
    for indicator in city.indicators:
        ident, columns = indicator.id, indicator.disaggregation
        # each group's object made once and shared by its rows (a series has a few groups and many years)
        groups: dict[tuple[str, ...], dict[str, str]] = {}
        for o in indicator.observations:
            group = groups.get(o.group)
            if group is None:
                group = groups[o.group] = {name: cell for name, cell in zip(columns, o.group, strict=True) if cell}
            series.append({"indicator_id": ident, "year": o.year, "value": o.value, "group": group, "note": o.note})
    return {
        "source": source_data(city.indicators_source),
        "yaml": yaml_content(root, city.indicators_source),
        "series": series,
    }


def assessments_data(
    catalogue: Catalogue, registry: Registry, root: Path, *, site_url: str | None, built: dt.date
) -> dict:
    data = _assessments_head(catalogue, site_url=site_url, built=built)
    data["cities"] = [city_entry(catalogue, city, root) for city in registry.cities.values()]
    return data


def model_head(catalogue: Catalogue) -> dict:
    """What every assessments export says about the model its levels are on."""
    return {
        "model": {
            "name": catalogue.name,
            "short_name": catalogue.short_name,
            "versions": [{"id": v.id, "name": v.name} for v in catalogue.versions.values()],
        },
        "aggregation_rule": AGGREGATION_RULE,
    }


def _assessments_head(catalogue: Catalogue, *, site_url: str | None, built: dt.date) -> dict:
    data = export_header("mmssc-assessments", ASSESSMENTS_SCHEMA, built, site_url)
    data.update(model_head(catalogue))
    data["cities"] = []
    return data


def write_assessments_json(
    out: BinaryIO,
    catalogue: Catalogue,
    registry: Registry,
    root: Path,
    *,
    site_url: str | None,
    built: dt.date,
    parts: Parts | None = None,
) -> None:
    """The same bytes as ``json_bytes(assessments_data(…))``, written one city at a time (with
    ``parts``, each city's part as it was made from the same folder last time: publish/reuse.py)."""
    head = json_bytes(_assessments_head(catalogue, site_url=site_url, built=built)).decode("utf-8")
    before, after = head.split('"cities":[]', 1)
    out.write((before + '"cities":[').encode("utf-8"))
    for index, city in enumerate(registry.cities.values()):
        if index:
            out.write(b",")
        out.write(city_entry_bytes(catalogue, city, root, parts))
    out.write(("]" + after).encode("utf-8"))


def write_assessments_csv(out: BinaryIO, catalogue: Catalogue, registry: Registry, parts: Parts | None = None) -> None:
    """``data/assessments.csv``: the same bytes as ``write_csv`` of :func:`assessments_rows`, one city
    at a time (with ``parts``, each city's rows as they were made from the same folder last time)."""
    write_csv(out, ASSESSMENTS_HEADER, [])
    for city in registry.cities.values():
        rows = lambda city=city: csv_bytes(None, _city_rows(catalogue, city))  # noqa: E731
        out.write(parts(city, rows) if parts is not None else rows())


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
        yield from _city_rows(catalogue, city)


def _city_rows(catalogue: Catalogue, city: City) -> Iterator[list[Any]]:
    for assessment in city.assessments:
        for cid in catalogue.characteristics:
            row = [city.slug, city.name, city.country, assessment.date, assessment.method_id, cid]
            rating = assessment.ratings.get(cid)
            if rating is None:  # never in validated data: every characteristic is rated or "not assessed"
                yield row + [None, None, None, None, 0]
                continue
            yield row + [
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
    "language",
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
            city.language,
            city.region,
            city.population,
            city.size_band,
            city.community_type,
            len(city.assessments),
            city.latest.date if city.latest else None,
        ]
        for city in registry.cities.values()
    ]
