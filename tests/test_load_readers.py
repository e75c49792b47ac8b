"""tools/bench/readers.py: the reader comparison of issue 14, and the decision it supports (the build's
reader is libyaml's, composed in Python; rapidyaml is measured, not used)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tools.bench import readers

REPO = Path(__file__).resolve().parents[1]
CORPUS = [REPO / "tests" / "hostile", REPO / "tests" / "fixtures", REPO / "assessments", REPO / "criteria"]


def _files() -> list[bytes]:
    return [p.read_bytes() for folder in CORPUS for p in sorted(folder.rglob("*.yaml"))]


def test_the_reader_does_not_need_rapidyaml():
    for source in (REPO / "macros" / "load").glob("*.py"):
        assert "ryml" not in source.read_text(encoding="utf-8"), source.name


def test_every_reader_is_measured_over_hostile_and_broken_files_too():
    rows = readers.measure(_files()[:40], repeat=1)
    names = [name for name, _ in rows]
    assert names[0].startswith("our reader") and len(rows) >= 3
    assert all(ms > 0 for _, ms in rows)
    assert len(rows) == (6 if importlib.util.find_spec("ryml") else 3)


def test_the_rapidyaml_prototype_reads_like_our_reader_or_declines():
    pytest.importorskip("ryml")
    same, declined, different = readers.check(_files())
    assert different == 0 and same > 100, (same, declined, different)
