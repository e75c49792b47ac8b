"""validate/folders.py: the folder scan, its cache and how diagnostics name files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from macros.diagnostics import Report, shown_path
from macros.validate import FolderCache, check_city_folder, load_registry

FIXTURES = Path(__file__).parent / "fixtures" / "assessments"
TODAY = dt.date(2026, 11, 22)


def test_every_diagnostic_of_the_bad_corpus_is_counted(catalogue):
    """One path into the report: the running count always equals the errors it holds."""
    report = Report()
    load_registry(FIXTURES / "bad", catalogue, report, display_root=FIXTURES, today=TODAY)
    assert report.error_count == len(report.errors) > 50


def test_a_folder_is_checked_on_its_own(catalogue):
    result = check_city_folder(FIXTURES / "good" / "sorvika", catalogue, display_root=FIXTURES, today=TODAY)
    assert result.city is not None and result.diagnostics == []
    assert [a.date.isoformat() for a in result.city.assessments] == ["2023-01-10", "2024-02-01"]


def test_the_cache_keeps_a_folder_until_a_file_changes(catalogue, tmp_path):
    shutil.copytree(FIXTURES / "good", tmp_path / "assessments")
    cache = FolderCache()
    first = load_registry(
        tmp_path / "assessments", catalogue, Report(), display_root=tmp_path, today=TODAY, cache=cache
    )
    folder = tmp_path / "assessments" / "sorvika"
    kept = cache.entries[folder][1]
    load_registry(tmp_path / "assessments", catalogue, Report(), display_root=tmp_path, today=TODAY, cache=cache)
    assert cache.entries[folder][1] is kept  # not read again
    (folder / "city.yaml").write_text((folder / "city.yaml").read_text() + "region: Nord\n", encoding="utf-8")
    again = load_registry(
        tmp_path / "assessments", catalogue, Report(), display_root=tmp_path, today=TODAY, cache=cache
    )
    assert cache.entries[folder][1] is not kept and again.cities["sorvika"].region == "Nord"
    assert first.cities["sorvika"].region is None


def test_a_different_day_empties_the_cache(catalogue, tmp_path):
    cache = FolderCache()
    cache.use_for(catalogue, TODAY)
    cache.entries[tmp_path] = ((), None)  # type: ignore[assignment]
    cache.use_for(catalogue, TODAY + dt.timedelta(days=1))
    assert cache.entries == {}


def test_files_are_shown_relative_to_the_display_root_on_one_line(tmp_path):
    assert shown_path(tmp_path / "assessments" / "x" / "city.yaml", tmp_path) == "assessments/x/city.yaml"
    assert shown_path(Path("/elsewhere/a.yaml"), tmp_path) == "/elsewhere/a.yaml"
    assert shown_path(tmp_path / "a\nb", tmp_path) == "a\\u000ab"
