"""tools/bench/readers.py: the readers' cost per file against their floors, and the decision it records
(issue 23): a native parser (yaml-rs) reads files the fast way in one module, the strict reader stays
libyaml's, composed in Python, for every file with something to report."""

from __future__ import annotations

from pathlib import Path

from tools.bench import readers

REPO = Path(__file__).resolve().parents[1]
CORPUS = [REPO / "tests" / "hostile", REPO / "tests" / "fixtures", REPO / "assessments", REPO / "criteria"]


def _files() -> list[bytes]:
    return [p.read_bytes() for folder in CORPUS for p in sorted(folder.rglob("*.yaml"))]


def test_the_native_parser_stays_in_the_fast_reading():
    for source in (REPO / "macros").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "ryml" not in text, source.name
        assert "import yaml_rs" not in text or source.name == "fast_yaml.py", source.name


def test_every_reader_is_measured_over_hostile_and_broken_files_too():
    rows = readers.measure(_files()[:40], repeat=1)
    names = [name for name, _ in rows]
    assert names[0].startswith("the fast reading") and names[1].startswith("our strict reader") and len(rows) == 5
    assert all(ms > 0 for _, ms in rows)


def test_the_command_prints_a_row_per_reader(tmp_path, capsys):
    for i, data in enumerate(_files()[:5]):
        (tmp_path / f"{i}.yaml").write_bytes(data)
    assert readers.main([str(tmp_path), "--repeat", "1"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("5 files")
    assert sum(line.startswith("| ") and line.endswith(" |") for line in printed.splitlines()) == 1 + 5
