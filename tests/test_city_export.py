"""One city, one data file: ``data/cities/<slug>.json`` is the city's entry of the full export with
the export's header, valid against its generated schema; ``data/cities/index.json`` lists the cities."""

from __future__ import annotations

import json

import pytest
from test_exports import BUILT, FIXTURES, REPO, SITE, build, load_fixtures, schema

from macros.diagnostics import Report
from macros.publish import exports
from macros.publish.city_export import CityDocument
from macros.publish.reuse import Reuse
from macros.site.settings import SiteSettings
from macros.validate.catalogue import load_catalogue


@pytest.fixture(scope="module")
def files(catalogue, registry) -> dict[str, bytes]:
    return build(catalogue, registry)


@pytest.fixture(scope="module")
def catalogue():
    report = Report()
    loaded = load_catalogue(REPO / "criteria", report, display_root=REPO)
    assert loaded is not None and report.ok, report.diagnostics
    return loaded


@pytest.fixture(scope="module")
def registry(catalogue):
    return load_fixtures(catalogue)


def test_each_city_file_is_its_entry_of_the_full_export(files):
    bulk = json.loads(files["data/assessments.json"])
    assert len(bulk["cities"]) == 3
    for entry in bulk["cities"]:
        path = f"data/cities/{entry['slug']}.json"
        assert entry["links"]["data"] == path
        one = json.loads(files[path])
        assert one["city"] == entry
        assert one["format"] == "mmssc-city"
        assert {k: one[k] for k in ("model", "aggregation_rule", "built", "format_version")} == {
            k: bulk[k] for k in ("model", "aggregation_rule", "built", "format_version")
        }
        schema("city-export.schema.json").validate(one)
        # one folder deeper than the full export: its schema link climbs one more level
        assert one["$schema"] == "../../schemas/city-export.schema.json"


def test_the_schema_of_a_city_file_has_teeth(files):
    one = json.loads(files["data/cities/calm-city.json"])
    del one["city"]["assessments"][0]["ratings"][0]["now"]
    with pytest.raises(Exception, match="now"):
        schema("city-export.schema.json").validate(one)


def test_the_index_lists_every_city_by_name(files):
    index = json.loads(files["data/cities/index.json"])
    schema("city-index.schema.json").validate(index)
    assert index["fields"] == ["slug", "name", "country"]
    slugs = [row[0] for row in index["cities"]]
    assert sorted(slugs) == ["calm-city", "hostile-town", "quiet-village"]
    names = [row[1].casefold() for row in index["cities"]]
    assert names == sorted(names)
    assert index["$schema"] == "../../schemas/city-index.schema.json"


def test_with_a_site_url_the_schema_links_are_absolute(catalogue, registry):
    city = next(iter(registry.cities.values()))
    data = CityDocument(catalogue, city, FIXTURES, SITE, BUILT).data()
    assert data["$schema"] == SITE + "schemas/city-export.schema.json"


def test_a_city_file_is_kept_by_content_like_its_page(catalogue, tmp_path):
    registry = load_fixtures(catalogue)
    reuse = Reuse(tmp_path, SiteSettings(today=BUILT))
    registry.addresses.update({slug: f"address-{slug}" for slug in registry.cities})
    shared = exports.shared_files(catalogue, registry, FIXTURES, site_url=None, built=BUILT, reuse=reuse)
    keyed = {f.path for f in shared if f.key is not None}
    parts = {"data/assessments/part-001.json.gz", "data/assessments/part-001.csv.gz"}  # kept by their cities'
    assert keyed == {f"data/cities/{slug}.json" for slug in registry.cities} | parts


@pytest.mark.parametrize("site_url", [None, "https://example.org/mmssc/"])
def test_a_city_file_written_around_the_full_exports_entry_is_the_same_bytes(catalogue, registry, site_url):
    """With the full export's parts (a store), a city file holds the entry the export's part made, not
    one made again: the same bytes as the file made from its dictionary."""
    made: list[str] = []

    def parts(city, make):  # what publish/reuse.py gives: the entry made once (here, made now)
        made.append(city.slug)
        return make()

    for city in registry.cities.values():
        alone = CityDocument(catalogue, city, REPO, site_url, BUILT)
        spliced = CityDocument(catalogue, city, REPO, site_url, BUILT, parts)
        assert spliced.bytes() == alone.bytes()
        assert made[-1] == city.slug
    assert len(made) == len(registry.cities) == 3
