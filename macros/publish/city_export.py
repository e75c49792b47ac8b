"""One city, one data file: ``data/cities/<slug>.json`` (the city and all its assessments, the same
object as the city's entry in the full export) and ``data/cities/index.json`` (every city's slug, name
and country: what the self-assessment form chooses from before it fetches one city's file).

:class:`CityDocument` builds a city's document; what else a city publishes (indicators,
corrections…) is added in :meth:`CityDocument.data`, the one place that says what the file holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..model.assessments import City, Registry
from ..model.catalogue import Catalogue
from ..site import urls
from .assessments_export import city_entry, city_entry_bytes, model_head
from .formats import export_header, json_bytes
from .reuse import Parts

CITY_SCHEMA = "schemas/city-export.schema.json"
CITY_INDEX_SCHEMA = "schemas/city-index.schema.json"
CITY_FORMAT = "mmssc-city"
INDEX_FORMAT = "mmssc-city-index"
INDEX_FIELDS = ["slug", "name", "country"]


def _header(kind: str, schema: str, path: str, built: dt.date, site_url: str | None) -> dict:
    """The export header, its ``$schema`` relative to where the file is published (without a site URL)."""
    data = export_header(kind, schema, built, site_url)
    if not site_url:
        data["$schema"] = "../" * path.count("/") + schema
    return data


@dataclass(frozen=True)
class CityDocument:
    """The JSON document of one city's file."""

    catalogue: Catalogue
    city: City
    root: Path  # the project folder the city's ``source.path`` is relative to
    site_url: str | None
    built: dt.date
    # the city's entry of the full export as its part wrote it (publish/reuse.py): the same JSON, made once
    parts: Parts | None = None

    @property
    def path(self) -> str:
        return urls.city_data(self.city.slug)

    def data(self) -> dict:
        document = self._head()
        document["city"] = city_entry(self.catalogue, self.city, self.root)
        return document

    def _head(self) -> dict:
        document = _header(CITY_FORMAT, CITY_SCHEMA, self.path, self.built, self.site_url)
        document.update(model_head(self.catalogue))
        return document

    def bytes(self) -> bytes:
        """``json_bytes(self.data())``: the head written around the entry's JSON (the entry is a city's
        whole record, and the full export's part has written the same bytes already)."""
        if self.parts is None:
            return json_bytes(self.data())
        document = self._head()
        document["city"] = None
        before, null, after = json_bytes(document).partition(_CITY_SLOT)
        # the head is ours (the header, the model's names): its only "city" key is this one
        assert null and _CITY_SLOT not in after, "the city file's head holds its city slot once"
        return before + b'"city":' + city_entry_bytes(self.catalogue, self.city, self.root, self.parts) + after


_CITY_SLOT = b'"city":null'


def city_index(registry: Registry, *, site_url: str | None, built: dt.date) -> bytes:
    """``data/cities/index.json``: one short row per city (``fields`` names the columns), so that
    choosing a city costs a few dozen bytes per city, not the city's data."""
    document = _header(INDEX_FORMAT, CITY_INDEX_SCHEMA, urls.CITY_INDEX, built, site_url)
    document["fields"] = INDEX_FIELDS
    cities = sorted(registry.cities.values(), key=lambda city: (city.name.casefold(), city.slug))  # as listed
    document["cities"] = [[city.slug, city.name, city.country] for city in cities]
    return json_bytes(document)
