"""validate/stored.py: checked city folders kept on disk by content. A warm build is the cold
build byte for byte, and a changed file, catalogue, validator or day checks again what it must."""

from __future__ import annotations

import datetime as dt
import re
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
        root / ".cache" / "folders",
        kind=folder_scan.FolderResult,
        catalogue_digest=tree_digest(root / "criteria"),
        today=today,
        display_root=root,
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


# --- what is on disk is not trusted for being there (issue 27) ----------------------------------------


class _Canary:
    """Pickled, a call to ``open(path, "w")``: unpickling it would create the canary file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def _entries(root: Path) -> list[Path]:
    return sorted((root / ".cache" / "folders").glob("*/*"))


def _record(root: Path, entry: Path, data: bytes) -> None:
    """What a planter who knows the format would add: a digest record that matches the planted bytes."""
    import hashlib

    with open(root / ".cache" / "folders" / "digests", "ab") as journal:
        journal.write(bytes.fromhex(entry.name) + hashlib.sha256(data).digest())


def _replace(entry: Path, data: bytes) -> None:
    entry.unlink()
    entry.write_bytes(data)


def test_a_planted_pickle_is_never_run_even_with_a_matching_digest(
    project: Path, counted: list[str], tmp_path: Path
) -> None:
    import pickle

    cold_report, cold = _scan(project)
    canary = tmp_path / "canary"
    planted = pickle.dumps(_Canary(canary), protocol=pickle.HIGHEST_PROTOCOL)
    for entry in _entries(project):
        _replace(entry, planted)
        _record(project, entry, planted)  # the digest matches: only the format keeps it from running
    counted.clear()
    report, registry = _scan(project)
    assert not canary.exists(), "a stored entry was unpickled"
    assert sorted(counted) == ["harrowmere", "lumenport", "nea-kymothoi"], "each planted entry is a miss"
    assert registry == cold and report.diagnostics == cold_report.diagnostics
    assert all(entry.read_bytes().startswith(b'{"@":"FolderResult"') for entry in _entries(project)), "rewritten"


def test_a_tampered_entry_is_checked_again(project: Path, counted: list[str]) -> None:
    """An entry whose bytes differ from the digest recorded when it was written is a miss, even when it
    decodes (here a city renamed inside a well-formed entry). The new names are as long as the old ones:
    a length-prefixed format such as pickle then still loads, so only the digest can catch the change."""
    _scan(project)
    for entry in _entries(project):
        data = entry.read_bytes()
        _replace(entry, data.replace(b"Lumenport", b"Evilxport").replace(b"Harrowmere", b"Evilxxmere"))
    counted.clear()
    _, registry = _scan(project)
    assert sorted(counted) == ["harrowmere", "lumenport"], "the two changed entries, and only they"
    assert {c.name for c in registry.cities.values()} >= {"Lumenport", "Harrowmere"}


def test_an_entry_with_no_recorded_digest_is_a_miss(project: Path, counted: list[str]) -> None:
    _scan(project)
    (project / ".cache" / "folders" / "digests").unlink()  # entries put there by hand have no record
    counted.clear()
    _scan(project)
    assert len(counted) == 3
    counted.clear()
    _scan(project)
    assert counted == [], "recorded again when written again"


def test_a_well_formed_entry_of_another_shape_is_a_miss(project: Path, counted: list[str]) -> None:
    """The strict decoding: a class outside the model, a field of the wrong kind or count, a bad date."""
    from macros.validate import stored_format

    _scan(project)
    good = next(e.read_bytes() for e in _entries(project) if b'"Assessment"' in e.read_bytes())
    assert re.search(
        rb'"Assessment","f":\["[a-z-]+","\d{4}-13',
        re.sub(rb'("Assessment","f":\["[a-z-]+","\d{4}-)\d\d', rb"\g<1>13", good, count=1),
    )
    for bad in (
        good.replace(b'{"@":"FolderResult"', b'{"@":"Popen"', 1),
        good.replace(b'{"@":"City","f":["', b'{"@":"City","f":[7,"', 1),
        re.sub(rb'("Assessment","f":\["[a-z-]+","\d{4}-)\d\d', rb"\g<1>13", good, count=1),
        b"[]",
        b'{"@":"FolderResult","f":[null,[],[1,1]],"x":1}',
    ):
        with pytest.raises(stored_format.Undecodable):
            stored_format.decode(bad, folder_scan.FolderResult)
    assert stored_format.decode(good, folder_scan.FolderResult).city is not None


def test_every_folder_of_the_examples_and_fixtures_is_held_exactly_by_the_format() -> None:
    """A field of a kind the format cannot give back is never stored (the folder is checked again every
    time): a new field of the model must be one it holds, or warm builds quietly stop being warm."""
    from macros.validate import stored_format

    report = Report()
    catalogue = load_catalogue(REPO / "criteria", report, display_root=REPO)
    assert catalogue is not None
    stored_format.allow(folder_scan.FolderResult)
    folders = [p for p in (REPO / "assessments").iterdir() if p.is_dir()]
    folders += [p for p in (REPO / "tests" / "fixtures" / "assessments").glob("*/*") if p.is_dir()]
    assert len(folders) > 10
    for folder in folders:
        result = folder_scan.check_city_folder(folder, catalogue, display_root=REPO, today=TODAY)
        assert stored_format.decode(stored_format.encode(result), folder_scan.FolderResult) == result, folder


def test_every_model_class_the_records_use_round_trips() -> None:
    """A class whose fields the format cannot hold is never stored, silently: its folder is checked on
    every build. The record's classes (a correction's values as written, a review's pairs) are held."""
    from macros.model.assessments import Correction, FieldChange, Review
    from macros.validate import stored_format

    change = FieldChange.of(("characteristics", "1.1.1", "now"), 2, {"a": [1, "x", None]})
    # a value from a file that looks like a stored object stays the data it was
    planted = FieldChange.of(("summary",), {"@": "Evidence", "f": ["t", "https://x.example", None]}, "new")
    correction = Correction(dt.date(2025, 1, 2), "typo", (change, planted))
    review = Review("Peer", "peer_city", dt.date(2025, 3, 4), "confirmed", None, (("1.1.1", 3), ("4.6", 2)))
    for value in (correction, review):
        assert stored_format.decode(stored_format.encode(value), type(value)) == value
    back = stored_format.decode(stored_format.encode(correction), Correction)
    assert back.changes[1].old == {"@": "Evidence", "f": ["t", "https://x.example", None]}
    assert back.changes[0].new == {"a": [1, "x", None]}
    bad = stored_format.encode(review).replace(b'["1.1.1",3]', b'["1.1.1","3"]')
    with pytest.raises(stored_format.Undecodable):
        stored_format.decode(bad, Review)


def test_the_format_holds_every_class_a_checked_folder_holds() -> None:
    """A field the format cannot hold would make every folder with such a value a silent miss: every
    dataclass reachable from a folder's result, through its fields' annotations, must be held."""
    import dataclasses
    import typing

    from macros.validate import stored_format

    seen: set[type] = set()

    def visit(annotation: object) -> None:
        if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
            if annotation in seen:
                return
            seen.add(annotation)
            if annotation is not folder_scan.FolderResult:  # encoded by the store as its fields
                stored_format._fields(annotation.__name__)  # TypeError names the annotation it cannot hold
            for hint in typing.get_type_hints(annotation).values():
                visit(hint)
        for arg in typing.get_args(annotation):
            visit(arg)

    visit(folder_scan.FolderResult)
    assert len(seen) > 10, sorted(c.__name__ for c in seen)


def test_an_object_is_written_as_its_class_name_and_fields_in_order() -> None:
    from macros.model.indicators import Observation, YearValue
    from macros.validate import stored_format

    observation = Observation(2020, 1.5, ("north", ""), None)
    assert stored_format.encode(observation) == b'{"@":"Observation","f":[2020,1.5,["north",""],null]}'
    assert stored_format.encode([YearValue(2019, 3.0), observation]).startswith(b'[{"@":"YearValue","f":[2019,3.0]}')
    assert stored_format.decode(stored_format.encode(observation), Observation) == observation
