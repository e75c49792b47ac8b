"""Each class of catalogue error is reported as path:line:col with the field named, all in one run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from macros.diagnostics import Report
from macros.validate import load_catalogue


@pytest.fixture
def criteria(repo, tmp_path) -> Path:
    dest = tmp_path / "criteria"
    shutil.copytree(repo / "criteria", dest)
    return dest


def _errors(criteria: Path) -> list[str]:
    report = Report()
    result = load_catalogue(criteria, report, display_root=criteria.parent)
    lines = [d.format() for d in report.errors]
    assert (result is None) == bool(lines)
    return lines


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_real_catalogue_is_valid(repo):
    assert _errors(repo / "criteria") == []


def test_missing_level(criteria):
    path = criteria / "characteristics" / "1.1.1.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  4: "), text.index("  5: ")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    line = _line_of(path, "levels:")
    assert _errors(criteria) == [
        f"criteria/characteristics/1.1.1.yaml:{line + 1}:3: error: levels: missing level 4; "
        "every characteristic needs all five levels (1-5)"
    ]


def test_duplicate_id(criteria):
    path = criteria / "characteristics" / "1.1.2.yaml"
    _edit(path, 'id: "1.1.2"', 'id: "1.1.1"')
    errors = _errors(criteria)
    assert any(
        e.startswith('criteria/characteristics/1.1.2.yaml:3:5: error: field "id"') or "file name must match" in e
        for e in errors
    ), errors
    assert any(
        "1.1.2.yaml" in e and 'duplicate characteristic ID "1.1.1"' in e or "must match the ID" in e for e in errors
    )


def test_malformed_id(criteria):
    path = criteria / "characteristics" / "1.2.1.yaml"
    _edit(path, 'id: "1.2.1"', 'id: "1.2.x"')
    errors = _errors(criteria)
    assert (
        'criteria/characteristics/1.2.1.yaml:3:5: error: field "id": "1.2.x" is not a valid ID; '
        'expected the form "1.1.1" (or "4.1" for a purpose)' in errors
    )


def test_characteristic_not_under_its_subdimension(criteria):
    path = criteria / "characteristics" / "1.3.1.yaml"
    _edit(path, 'subdimension: "1.3"', 'subdimension: "1.4"')
    line = _line_of(path, "subdimension:")
    errors = _errors(criteria)
    assert any(
        e.startswith(
            f'criteria/characteristics/1.3.1.yaml:{line}:15: error: characteristic "1.3.1" '
            'does not sit under sub-dimension "1.4"'
        )
        for e in errors
    ), errors


def test_unknown_family_with_suggestion(criteria):
    path = criteria / "characteristics" / "2.2.1.yaml"
    _edit(path, "family: open", "family: opne")
    line = _line_of(path, "family:")
    assert _errors(criteria) == [
        f'criteria/characteristics/2.2.1.yaml:{line}:9: error: field "family": "opne" is not allowed '
        '(did you mean "open"?); allowed: "integrated", "open" or "purposes"'
    ]


def test_every_error_reported_in_one_run(criteria):
    _edit(criteria / "characteristics" / "2.2.1.yaml", "family: open", "family: opne")
    _edit(criteria / "characteristics" / "1.2.1.yaml", 'id: "1.2.1"', 'id: "1.2.x"')
    _edit(criteria / "annex-b.yaml", "standards: [ISO 37106]", "standards: [ISO 37601]")
    errors = _errors(criteria)
    files = {e.split(":")[0] for e in errors}
    assert files == {
        "criteria/characteristics/2.2.1.yaml",
        "criteria/characteristics/1.2.1.yaml",
        "criteria/annex-b.yaml",
    }


def test_validate_command_exit_status(repo, tmp_path):
    ok = subprocess.run([str(repo / "scripts" / "validate")], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "0 error(s)" in ok.stderr
