"""tools/bench/inside.py: the instructions of a build spent inside one function."""

from __future__ import annotations

import functools
import shutil
import types
from pathlib import Path

import pytest

from tools.bench import inside
from tools.bench.run import make_project


def test_a_wrapped_function_runs_inside_reduce_and_keeps_its_result(monkeypatch) -> None:
    module = types.ModuleType("mmssc_inside_probe")

    class Page:
        def draw(self, n: int) -> int:
            return n * 2

    module.Page = Page  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "mmssc_inside_probe", module)
    calls: list[object] = []
    real = functools.reduce

    def reduce(*args: object) -> object:
        calls.append(args[1])
        return real(*args)  # type: ignore[call-overload]

    monkeypatch.setattr(functools, "reduce", reduce)
    inside.wrap_inside_reduce("mmssc_inside_probe:Page.draw")
    assert Page().draw(21) == 42 and len(calls) == 1
    with pytest.raises(SystemExit, match="module:qualname"):
        inside.wrap_inside_reduce("mmssc_inside_probe")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed (.ci/run installs it)")
def test_the_shelled_pages_of_a_build_are_counted(tmp_path: Path) -> None:
    project = tmp_path / "site"
    make_project(project, 2, 37107)
    counted = inside.count_inside(project, "macros.plugin.shell_pages:ShellPages._page_bytes")
    assert counted > 10_000_000, "two cities' pages in three languages, drawn and filled"
