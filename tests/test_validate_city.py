"""validate/city.py: a city.yaml profile, and the maintainers reader CODEOWNERS shares."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from macros.diagnostics import Report
from macros.validate import read_maintainers, validate_paths

GOOD = Path(__file__).parent / "fixtures" / "assessments" / "good" / "sorvika"
TODAY = dt.date(2026, 11, 22)


def _city(tmp_path: Path, **lines: str) -> Path:
    """A copy of the good city whose city.yaml has these fields replaced (or added)."""
    folder = tmp_path / "sorvika"
    shutil.copytree(GOOD, folder)
    city = folder / "city.yaml"
    kept = [line for line in city.read_text(encoding="utf-8").splitlines() if line.split(":")[0] not in lines]
    city.write_text("\n".join(kept + [f"{k}: {v}" for k, v in lines.items()]) + "\n", encoding="utf-8")
    return city


def test_a_field_reader_s_error_is_counted(catalogue, tmp_path):
    """The defect of issue 11: this error was appended unseen, so the run looked ok."""
    city = _city(tmp_path, website="ftp://sorvika.example.org")
    report = Report()
    validate_paths([city], catalogue, report, display_root=tmp_path, today=TODAY)
    assert [d.format() for d in report.errors] == [
        'sorvika/city.yaml:10:10: error: website: "ftp://sorvika.example.org" is not an allowed link; '
        'use a full "http:" or "https:" address'
    ]
    assert report.error_count == 1 and report.ok is False


def test_the_folder_scan_counts_it_too(catalogue, tmp_path):
    _city(tmp_path, website="ftp://sorvika.example.org")
    report = Report()
    validate_paths([tmp_path / "sorvika"], catalogue, report, display_root=tmp_path, today=TODAY)
    assert report.error_count == len(report.errors) == 1 and not report.ok


def test_maintainers_are_read_with_the_validator_s_rules(tmp_path):
    city = _city(tmp_path, maintainers='[ana-silva, "@bo", "not a user", Ana-Silva, cy]')
    report = Report()
    assert read_maintainers(city, report, display_root=tmp_path) == ["ana-silva", "cy"]
    assert [d.message for d in report.diagnostics] == [
        'maintainers[2]: write the GitHub user name without "@": bo',
        'maintainers[3]: "not a user" is not a GitHub user name (letters, digits and single hyphens, '
        "at most 39 characters)",
        'maintainers[4]: "Ana-Silva" is listed twice (first at line 9)',
    ]
    assert report.error_count == 3


def test_maintainers_missing_or_unreadable(tmp_path):
    report = Report()
    assert read_maintainers(tmp_path / "gone" / "city.yaml", report, display_root=tmp_path) == []
    city = _city(tmp_path, maintainers="[]")
    assert read_maintainers(city, report, display_root=tmp_path) == []
    assert [d.format() for d in report.diagnostics] == [
        "gone/city.yaml:1:1: error: no city.yaml: every city folder needs its profile",
        "sorvika/city.yaml:9:14: error: maintainers: not filled in yet: list the GitHub user names of the "
        "people who may update this city's files, e.g. [octocat]",
    ]


def test_the_good_city_has_its_maintainers(tmp_path):
    report = Report()
    assert read_maintainers(GOOD / "city.yaml", report, display_root=GOOD.parent) == ["sorvika-kommune"]
    assert report.diagnostics == []
