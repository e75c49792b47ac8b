"""validate/stored.py: checked city folders kept on disk by content. A warm build is the cold
build byte for byte, and a changed file, catalogue, validator or day checks again what it must."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import REPO, build_site, make_project

from macros.diagnostics import Report
from macros.validate import StoredFolders, load_catalogue, load_registry, tree_digest
from macros.validate import folders as folder_scan
from macros.validate import stored as stored_module

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", REPO / "assessments")


def _scan(root: Path, *, today: dt.date = TODAY, checked: list[str] | None = None) -> tuple[Report, object]:
    report = Report()
    catalogue = load_catalogue(root / "criteria", report, display_root=root)
    assert catalogue is not None
    store = StoredFolders(
        root / ".cache" / "folders", catalogue_digest=tree_digest(root / "criteria"), today=today, display_root=root
    )
    registry = load_registry(root / "assessments", catalogue, report, display_root=root, today=today, stored=store)
    return report, registry


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders actually checked (not taken from the store), in this process."""
    seen: list[str] = []
    real = folder_scan.check_city_folder

    def counting(folder, *args, **kwargs):
        seen.append(folder.name)
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(folder_scan, "check_city_folder", counting)
    monkeypatch.setenv("MMSSC_WORKERS", "1")
    return seen


def test_a_warm_scan_checks_nothing_and_gives_the_same_registry(project: Path, counted: list[str]) -> None:
    cold_report, cold = _scan(project)
    assert sorted(counted) == ["harrowmere", "lumenport", "nea-kymothoi"]
    counted.clear()
    warm_report, warm = _scan(project)
    assert counted == []
    assert warm == cold and warm_report.diagnostics == cold_report.diagnostics


def test_an_edited_file_is_checked_again_alone(project: Path, counted: list[str]) -> None:
    _scan(project)
    counted.clear()
    city = project / "assessments" / "lumenport" / "city.yaml"
    city.write_text(city.read_text(encoding="utf-8").replace("Lumenport", "Lumenport Bay", 1), encoding="utf-8")
    _, registry = _scan(project)
    assert counted == ["lumenport"]
    assert registry.cities["lumenport"].name == "Lumenport Bay"


def test_a_changed_catalogue_checks_everything_again(project: Path, counted: list[str]) -> None:
    _scan(project)
    counted.clear()
    levels = project / "criteria" / "levels.yaml"
    levels.write_text(levels.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _scan(project)
    assert len(counted) == 3


def test_a_new_validator_or_another_day_checks_everything_again(
    project: Path, counted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _scan(project)
    counted.clear()
    _scan(project, today=TODAY + dt.timedelta(days=1))
    assert len(counted) == 3
    counted.clear()
    monkeypatch.setattr(stored_module, "validator_version", lambda: "another version")
    _scan(project, today=TODAY + dt.timedelta(days=1))
    assert len(counted) == 3


def test_the_store_keeps_one_generation(project: Path) -> None:
    _scan(project)
    entries = lambda: sorted(p.name for p in (project / ".cache" / "folders").glob("*/*"))  # noqa: E731
    before = entries()
    assert len(before) == 3
    city = project / "assessments" / "harrowmere" / "city.yaml"
    city.write_text(city.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _scan(project)
    after = entries()
    assert len(after) == 3 and len(set(before) & set(after)) == 2


def test_a_damaged_entry_is_a_miss(project: Path, counted: list[str]) -> None:
    _scan(project)
    for entry in (project / ".cache" / "folders").glob("*/*"):
        entry.write_bytes(b"not a pickle")
    counted.clear()
    report, registry = _scan(project)
    assert len(counted) == 3 and report.ok and len(registry.cities) == 3


@pytest.mark.slow
def test_a_warm_build_is_the_cold_build_byte_for_byte(project: Path, tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1795000000", "SITE_URL": "https://example.org/mmssc/"}
    assert build_site(project, env=env).returncode == 0
    assert list((project / ".cache" / "mmssc" / "folders").glob("*/*")), "the build stored its folders"
    cold = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert build_site(project, env=env).returncode == 0
    warm = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert warm == cold


def test_the_validate_command_checks_only_changed_folders(
    project: Path, counted: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from macros.commands import cli

    assert cli.validate([], root=project) == 0
    first = capsys.readouterr()
    assert sorted(counted) == ["harrowmere", "lumenport", "nea-kymothoi"]
    assert (project / ".cache" / "mmssc" / "folders").is_dir(), "the build's store"
    counted.clear()
    assert cli.validate([], root=project) == 0
    assert counted == [] and capsys.readouterr() == first, "the same report, nothing read again"
    city = project / "assessments" / "lumenport" / "city.yaml"
    city.write_text(city.read_text(encoding="utf-8").replace("population:", "population: -", 1), encoding="utf-8")
    assert cli.validate([], root=project) == 1
    assert counted == ["lumenport"]
    assert "assessments/lumenport/city.yaml:" in capsys.readouterr().out
