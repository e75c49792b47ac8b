"""``python -m tools.bench.inside FUNCTION... [--cities N]``: instructions spent inside functions of a cold
build, with and without the cities' outcome indicators (issue 24: where what indicators add goes).

``instructions.py`` counts whole builds; this counts what one function costs in them, with its callees.
Each FUNCTION (``macros.plugin.shell_pages:ShellPages._page_bytes``, ``macros.render.city_outcomes:
outcomes_page``, or ``BUILD`` for the whole build) is wrapped so that every call runs inside
``functools.reduce``, and the build runs under callgrind collecting only inside that C function
(``--toggle-collect=functools_reduce``): one cold build per function and project, the same count each
time (see instructions.py). The few other calls of it in a build (Jinja's template lexer, unions in
``typing``) reduce small lists: they add or take away a few thousand instructions. A function that calls itself would be
counted once per outermost call, which is what is wanted. Names imported elsewhere before the build
starts are not rebound: wrap the function where its callers look it up (a class's method, a module
attribute read at call time).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tools import sample_data

from .run import make_project

_COLLECTED = re.compile(r"Collected : (\d+)")
WHOLE_BUILD = "BUILD"


def wrap_inside_reduce(spec: str) -> None:
    """Replace ``module:qualname`` by a wrapper running each call inside ``functools.reduce``."""
    module_name, _, qualname = spec.partition(":")
    if not qualname:
        raise SystemExit(f"bench: {spec!r}: give a function as module:qualname")
    owner: object = importlib.import_module(module_name)
    *path, name = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)
    function = getattr(owner, name)

    @functools.wraps(function)
    def inside(*args: object, **kwargs: object) -> object:
        return functools.reduce(lambda _, __: function(*args, **kwargs), [None], None)

    setattr(owner, name, inside)


def build(spec: str) -> None:
    """A cold ``mkdocs build`` of the current folder, ``spec`` wrapped (the program callgrind runs)."""
    from mkdocs.__main__ import cli

    sys.argv = ["mkdocs", "build", "--quiet", "--strict", "--clean", "--site-dir", "site"]
    try:
        if spec == WHOLE_BUILD:
            functools.reduce(lambda _, __: cli(), [None], None)
        else:
            wrap_inside_reduce(spec)
            cli()
    except SystemExit as exc:
        if exc.code:
            raise


def count_inside(project: Path, spec: str) -> int:
    """Instructions executed inside ``spec`` during a cold build of ``project``, in one process."""
    for made in ("site", ".cache"):
        shutil.rmtree(project / made, ignore_errors=True)
    env = {**os.environ, "MMSSC_WORKERS": "1", "PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--collect-atstart=no",
            "--toggle-collect=functools_reduce",
            f"--callgrind-out-file={project}/inside.callgrind",
            sys.executable,
            "-m",
            "tools.bench.inside",
            "--run",
            spec,
        ],
        cwd=project,
        env={**env, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        capture_output=True,
        text=True,
    )
    found = _COLLECTED.search(result.stderr)
    if result.returncode != 0 or found is None:
        raise SystemExit(f"bench: the build of {project.name} with {spec} failed:\n{result.stderr[-4000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.bench.inside", description=__doc__.split("\n")[0])
    p.add_argument("functions", nargs="*", metavar="FUNCTION", help=f"module:qualname, or {WHOLE_BUILD}")
    p.add_argument("--cities", type=int, default=30, help="generated cities (default 30)")
    p.add_argument("--seed", type=int, default=sample_data.DEFAULT_SEED)
    p.add_argument("--run", metavar="FUNCTION", help=argparse.SUPPRESS)  # inside callgrind: build once
    args = p.parse_args(argv)
    if args.run:
        build(args.run)
        return 0
    if not args.functions:
        p.error("name at least one FUNCTION")
    if shutil.which("valgrind") is None:
        raise SystemExit("bench: valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="mmssc-inside-") as work:
        jobs = []
        for number, spec in enumerate(args.functions):
            for indicators in (0, 6):
                project = Path(work) / f"{number}-{indicators}"
                make_project(project, args.cities, args.seed, indicators=indicators)
                jobs.append((project, spec))
        with ThreadPoolExecutor(2) as pool:
            counts = list(pool.map(lambda job: count_inside(*job), jobs))
    print(f"{args.cities} cities, instructions inside each function: without indicators, with six a city")
    for number, spec in enumerate(args.functions):
        without, with_ = counts[2 * number], counts[2 * number + 1]
        print(
            f"{spec}: {without / 1e6:,.1f} M, {with_ / 1e6:,.1f} M: "
            f"indicators add {(with_ - without) / max(args.cities, 1) / 1e6:,.2f} M a city"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
