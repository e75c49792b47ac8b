"""One set of rules: the fast reading (yaml-rs, no positions) and the strict reader agree on every file.

Over every example, fixture and hostile file, and over fuzz mutants (tests/test_fuzz.py's mutator):

* wherever the fast reader gives a tree, the strict reader reads the same file without a word and
  gives the same tree: the same kinds, keys in the same order, and scalars with the same value,
  text as written and type; the lines and columns of the ratings' keys (the only positions a valid
  file gives the model) are the strict reader's;
* checking a city folder with the fast reading first gives the very same result as checking it with
  the strict reader alone: the same city, assessments and snapshots, and the same diagnostics
  (messages, positions, order).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import HealthCheck, given, seed, settings
from test_fuzz import SHORT_SEED, TODAY, _install, mutants

import macros.validate.fast as fast_check
from macros.diagnostics import Report
from macros.load.fast_yaml import read_fast
from macros.load.nodes import Node
from macros.load.yaml_nodes import MAX_DEPTH, MAX_FILE_BYTES, parse_yaml
from macros.validate import check_city_folder, load_catalogue

AGREEMENT_EXAMPLES = 300  # fuzz mutants checked both ways (each city folder twice: about 20 s)
EXAMPLE_TODAY = dt.date(2026, 11, 22)


def _yaml_files() -> list[Path]:
    found = []
    for top in ("assessments", "tests/fixtures", "tests/hostile", "criteria"):
        found += sorted((REPO / top).rglob("*.yaml")) + sorted((REPO / top).rglob("*.yml"))
    return found


def _city_folders() -> list[Path]:
    folders = sorted(p for p in (REPO / "assessments").iterdir() if p.is_dir())
    for kind in ("inert", "reject"):
        folders += sorted(p for p in (REPO / "tests/hostile" / kind).iterdir() if p.is_dir())
    folders += sorted(p.parent.parent for p in (REPO / "tests/fixtures").rglob("city.yaml") if p.parent.parent.name)
    return [f for f in dict.fromkeys(folders) if not f.is_symlink()]


@pytest.fixture(scope="module")
def catalogue():
    report = Report()
    result = load_catalogue(REPO / "criteria", report, display_root=REPO)
    assert result is not None, report.format()
    return result


def _same_tree(fast: Node, strict: Node, where: str, positions_of: str | None = "characteristics") -> None:
    assert fast.kind == strict.kind, where
    if fast.kind == "scalar":
        assert (fast.tag, fast.raw) == (strict.tag, strict.raw), where
        assert type(fast.value) is type(strict.value) and fast.value == strict.value, where
        return
    if fast.kind == "seq":
        assert len(fast.value) == len(strict.value), where
        for i, (a, b) in enumerate(zip(fast.value, strict.value, strict=True)):
            _same_tree(a, b, f"{where}[{i}]", None)
        return
    assert list(fast.value) == list(strict.value), where
    for key in strict.value:
        fast_key, strict_key = fast.keys[key], strict.keys[key]
        assert (fast_key.tag, fast_key.raw) == (strict_key.tag, strict_key.raw), f"{where}.{key}"
        _same_tree(fast.value[key], strict.value[key], f"{where}.{key}", None)
    if positions_of is not None and positions_of in strict.value and strict.value[positions_of].kind == "map":
        section_fast, section_strict = fast.value[positions_of], strict.value[positions_of]
        for key in section_strict.value:
            a, b = section_fast.keys[key], section_strict.keys[key]
            assert (a.line, a.col) == (b.line, b.col), f"{where}.{positions_of}.{key}: line and column"


def assert_readers_agree(data: bytes, where: str) -> bool:
    """The two readers agree on ``data``; True when the fast reader gave a tree."""
    fast = read_fast(data, max_bytes=MAX_FILE_BYTES, max_depth=MAX_DEPTH, lines_of="characteristics")
    if fast is None:
        return False
    report = Report()
    strict = parse_yaml(data, where, report).root
    assert report.diagnostics == [], f"{where}: the fast reader read what the strict one refuses: {report.format()}"
    assert strict is not None, where
    _same_tree(fast, strict, where)
    return True


def test_every_file_reads_the_same_both_ways():
    files = _yaml_files()
    read_fast_count = sum(assert_readers_agree(path.read_bytes(), str(path.relative_to(REPO))) for path in files)
    assert len(files) > 150
    assert read_fast_count > 10  # the example cities' assessments, at least, take the fast way


@pytest.mark.parametrize(
    "value, fast",
    [
        ("38.1", True),
        ("0.5", True),
        ("-12.25", True),
        ("2019.0", True),
        ("38.10", False),  # written otherwise than Python writes 38.1: the text as written is kept
        ("38.", False),
        (".5", False),
        ("1e3", False),
        ("1.5E+3", False),
        ("12345678901234567890.5", False),  # Python writes it with an exponent
        (".inf", False),
    ],
)
def test_a_decimal_number_is_read_the_fast_way_only_when_written_as_python_writes_it(value: str, fast: bool):
    """Indicators' baselines and targets are decimals: read the fast way when the text is the value's own,
    else by the strict reader, which keeps the text as written (in messages and the loss-free snapshot)."""
    entry = f"  - id: a\n    target: {{year: 2030, value: {value}}}\n    note: since 2019 {value}\n"
    data = f"indicators:\n{entry}".encode()
    assert assert_readers_agree(data, value) is fast
    assert assert_readers_agree(f"a: 1\nb: [{value}]\n".encode(), value) is fast


def _both_ways(folder: Path, catalogue, display_root: Path, today: dt.date, monkeypatch):
    fast = check_city_folder(folder, catalogue, display_root=display_root, today=today)
    with monkeypatch.context() as patch:
        patch.setattr(fast_check, "read_fast", lambda *args, **kwargs: None)
        strict = check_city_folder(folder, catalogue, display_root=display_root, today=today)
    return fast, strict


def _assert_same_result(fast, strict, where: str) -> None:
    assert [d.format() for d in fast.diagnostics] == [d.format() for d in strict.diagnostics], where
    assert fast.name_at == strict.name_at, where
    assert fast.city == strict.city, where
    if strict.city is not None:
        for a, b in zip(fast.city.assessments, strict.city.assessments, strict=True):
            assert a.source == b.source, f"{where}: {a.date}: source and snapshot"
            assert {cid: r.line for cid, r in a.ratings.items()} == {cid: r.line for cid, r in b.ratings.items()}


def test_every_city_folder_checks_the_same_both_ways(catalogue, monkeypatch):
    folders = _city_folders()
    assert len(folders) > 50
    for folder in folders:
        fast, strict = _both_ways(folder, catalogue, REPO, EXAMPLE_TODAY, monkeypatch)
        _assert_same_result(fast, strict, str(folder.relative_to(REPO)))


@seed(SHORT_SEED)
@settings(
    max_examples=AGREEMENT_EXAMPLES,
    deadline=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(mutant=mutants())
def test_fuzz_mutants_check_the_same_both_ways(catalogue, monkeypatch, mutant):
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "assessments"
        folder = _install(mutant, root)
        for name, data in mutant.files.items():
            assert_readers_agree(data, f"{mutant.folder}/{name}")
        fast, strict = _both_ways(folder, catalogue, root, TODAY, monkeypatch)
        _assert_same_result(fast, strict, repr(mutant.edits))
