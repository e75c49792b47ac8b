"""publish/project.py: the data is loaded once per change; a cache reads again only what changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import REPO, make_project

from macros.publish.project import DataError, ProjectCache, load_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", REPO / "assessments")


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a visible change of time


def test_unchanged_data_is_not_read_again(project: Path) -> None:
    cache = ProjectCache()
    first = load_project(project, cache)
    assert load_project(project, cache) is first
    assert load_project(project) is not first  # no cache: a fresh load


def test_an_edited_city_reloads_the_cities_but_keeps_the_catalogue(project: Path) -> None:
    cache = ProjectCache()
    first = load_project(project, cache)
    city = project / "assessments" / "harrowmere" / "city.yaml"
    _touch(city, city.read_text(encoding="utf-8").replace("name: Harrowmere", "name: Harrowmere Town"))
    second = load_project(project, cache)
    assert second is not first and second.catalogue is first.catalogue
    assert second.registry.cities["harrowmere"].name == "Harrowmere Town"


def test_an_edited_catalogue_is_read_again(project: Path) -> None:
    cache = ProjectCache()
    first = load_project(project, cache)
    levels = project / "criteria" / "levels.yaml"
    _touch(levels, levels.read_text(encoding="utf-8") + "\n# a comment\n")
    assert load_project(project, cache).catalogue is not first.catalogue


def test_errors_raise_with_every_one_of_them(project: Path) -> None:
    city = project / "assessments" / "harrowmere" / "city.yaml"
    text = city.read_text(encoding="utf-8").replace("website: https://", "website: ftp://")
    _touch(city, text + "foo: 1\n")
    with pytest.raises(DataError) as raised:
        load_project(project, ProjectCache())
    assert raised.value.report.error_count == len(raised.value.report.errors) == 2
