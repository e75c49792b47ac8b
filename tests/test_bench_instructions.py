"""tools/bench/instructions.py: instructions counted under callgrind, forked processes included."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tools.bench import instructions

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed (.ci/run installs it)"),
]

LOOP = "sum(range(10**6))"
FORKED_LOOP = f"import os\nif os.fork() == 0:\n    {LOOP}\n    os._exit(0)\nos.wait()\n"


def test_a_forked_process_is_counted_and_a_count_repeats(tmp_path: Path) -> None:
    env = {"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"}

    def run(name: str, code: str) -> int:
        return instructions.count([sys.executable, "-c", code], cwd=tmp_path, out=tmp_path / name, env=env)

    bare, loop, again, forked = run("bare", "pass"), run("loop", LOOP), run("again", LOOP), run("forked", FORKED_LOOP)
    assert abs(again - loop) < 0.001 * loop, (loop, again)
    assert len(list((tmp_path / "forked").iterdir())) == 2, "one profile per process"
    # the loop ran only in the child: counted with it, the total has the loop's share
    assert forked - bare > 0.9 * (loop - bare) > 0, (bare, loop, forked)
