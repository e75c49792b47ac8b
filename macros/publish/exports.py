"""Regular public reporting: the open-data downloads, the Atom feeds and the city badges.

:func:`reporting_files` lists every such file with its stable path; nothing is rendered until
the engine asks for a file's content. Every output is a pure function of the data and of the
``built`` date: JSON keys are sorted, rows follow the registry's and the catalogue's order,
and no clock is read, so identical inputs give byte-identical files.

Open data (schemas in ``docs/schemas/``, published at ``schemas/``):

* ``data/catalogue.json`` the whole catalogue; ``data/criteria.csv`` one row per characteristic × level;
* ``data/assessments/part-NNN.json.gz`` every city and assessment, **loss-free**: each object carries
  the content of its YAML file as read (``yaml``, dates as ISO strings) beside the checked values;
* ``data/assessments/part-NNN.csv.gz`` one row per city × assessment × characteristic (both in
  compressed parts of a few hundred cities, listed by ``data/assessments/index.json``:
  ``publish/bulk_parts.py``);
  ``data/cities.csv`` one row per city;
* ``data/cities/<slug>.json`` one city and its assessments, ``data/cities/index.json`` the cities'
  slugs, names and countries (``publish/city_export.py``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from pathlib import Path

from ..model.assessments import City, Registry
from ..model.catalogue import Catalogue
from ..model.translations import CatalogueTranslation
from ..render import badges, feeds
from ..site import urls
from ..site.languages import ENGLISH, Language
from ..site.pages import GeneratedFile
from .assessments_export import CITIES_HEADER, cities_rows
from .bulk_parts import BulkExport
from .catalogue_export import CRITERIA_HEADER, catalogue_data, criteria_rows
from .city_export import CityDocument, city_index
from .formats import (
    CATALOGUE_JSON,
    CITIES_CSV,
    CRITERIA_CSV,
    SITE_FEED,
    csv_bytes,
    json_bytes,
    site_link,
)
from .indicators_export import (
    DATAPACKAGE_JSON,
    INDICATOR_LIST_CSV,
    INDICATOR_LIST_HEADER,
    INDICATORS_CSV,
    datapackage,
    indicator_list_rows,
    indicators_csv,
)
from .reuse import Parts, Reuse

# ---------------------------------------------------------------------------------------------
# Serialisation


# ---------------------------------------------------------------------------------------------
# The catalogue


# ---------------------------------------------------------------------------------------------
# Cities and assessments


# ---------------------------------------------------------------------------------------------
# Everything together


def reporting_files(
    catalogue: Catalogue, registry: Registry, root: Path, *, site_url: str | None, built: dt.date
) -> list[GeneratedFile]:
    """Every reporting file of a one-language site at its stable path: open data, Atom feeds, badges."""
    return shared_files(catalogue, registry, root, site_url=site_url, built=built) + language_files(
        catalogue, registry, ENGLISH, site_url=site_url, built=built
    )


def shared_files(
    catalogue: Catalogue,
    registry: Registry,
    root: Path,
    *,
    site_url: str | None,
    built: dt.date,
    translations: Mapping[str, CatalogueTranslation] | None = None,
    reuse: Reuse | None = None,
    bulk: BulkExport | None = None,
) -> list[GeneratedFile]:
    """The open data, the same for every language (IDs, not names in one language).

    ``root`` is the project folder the cities' and assessments' ``source.path`` are relative to
    (their YAML files are read again for the loss-free JSON); ``site_url`` makes links in feeds
    absolute (relative without it); ``built`` is the build date (for the exports' header and
    the ``updated`` of a feed with no entries); with ``reuse``, each city's part of the full exports
    is made only if its store holds none for the same inputs; ``bulk``: the full exports' parts
    (made here if not given)."""
    c = catalogue
    bulk = bulk or BulkExport(catalogue, registry, root, site_url=site_url, built=built, reuse=reuse)
    return [
        GeneratedFile(
            CATALOGUE_JSON,
            lambda: json_bytes(catalogue_data(c, site_url=site_url, built=built, translations=translations)),
        ),
        GeneratedFile(CRITERIA_CSV, lambda: csv_bytes(CRITERIA_HEADER, criteria_rows(c))),
        *bulk.files(),
        GeneratedFile(CITIES_CSV, lambda: csv_bytes(CITIES_HEADER, cities_rows(registry))),
        GeneratedFile(urls.CITY_INDEX, lambda: city_index(registry, site_url=site_url, built=built)),
        *_city_documents(c, registry, root, site_url=site_url, built=built, reuse=reuse, parts=bulk.city_parts["json"]),
        # compressed once, then its size (the open-data page) and its bytes (the site) are the same bytes
        GeneratedFile(INDICATORS_CSV, functools.cache(lambda: indicators_csv(registry))),
        GeneratedFile(INDICATOR_LIST_CSV, lambda: csv_bytes(INDICATOR_LIST_HEADER, indicator_list_rows(registry))),
        GeneratedFile(DATAPACKAGE_JSON, lambda: json_bytes(datapackage(registry))),
    ]


def _city_documents(
    catalogue: Catalogue,
    registry: Registry,
    root: Path,
    *,
    site_url: str | None,
    built: dt.date,
    reuse: Reuse | None,
    parts: Parts | None,
) -> list[GeneratedFile]:
    """Each city's own file (``data/cities/<slug>.json``), kept by content like its page; with ``parts``,
    its entry is the full export's (made once for both)."""
    files = []
    for city in registry.cities.values():
        document = CityDocument(catalogue, city, root, site_url, built, parts)
        key = reuse.key(registry.addresses.get(city.slug), "", document.path) if reuse is not None else None
        files.append(GeneratedFile(document.path, document.bytes, key=key))
    return files


def language_files(
    catalogue: Catalogue,
    registry: Registry,
    lang: Language,
    *,
    site_url: str | None,
    built: dt.date,
    reuse: Reuse | None = None,
) -> list[GeneratedFile]:
    """The files with words in them, for one language (paths within it; the plan adds its prefix):
    the Atom feeds and the badges. ``catalogue`` is that language's (``compute/localise.py``);
    with ``reuse``, a city's files are made only if its store holds none for the same inputs."""
    c = catalogue
    feed = lang.prefix + SITE_FEED  # links inside the file are made from where it is published
    files = [
        GeneratedFile(SITE_FEED, lambda: feeds.site_feed(c, registry, feed, site_url=site_url, built=built, lang=lang))
    ]
    for city in registry.cities.values():
        where = registry.addresses.get(city.slug)
        for path, content in _city_files(c, city, lang, site_url=site_url, built=built):
            key = reuse.key(where, lang.code, path) if reuse is not None else None
            files.append(GeneratedFile(path, content, key=key))
    return files


def _city_files(
    catalogue: Catalogue, city: City, lang: Language, *, site_url: str | None, built: dt.date
) -> list[tuple[str, Callable[[], bytes]]]:
    @functools.cache  # two or three files show the one badge
    def badge() -> badges.Badge:
        return badges.city_badge(catalogue, city, lang=lang)

    feed_path = urls.city_feed(city.slug)
    published_at = lang.prefix + feed_path
    page = site_link(lang.prefix + urls.city(city.slug), site_url)
    content: list[tuple[str, Callable[[], bytes]]] = [
        (
            feed_path,
            lambda: feeds.city_feed(catalogue, city, published_at, site_url=site_url, built=built, lang=lang),
        ),
        (urls.city_badge_svg(city.slug), lambda: badges.badge_svg(badge())),
        (urls.city_shields_json(city.slug), lambda: badges.shields_json(badge())),
    ]
    if lang.is_default:  # its figures are the same in every language: published once (see badges.py)
        content.append((urls.city_badge_json(city.slug), lambda: badges.badge_json(badge(), page=page)))
    return content
