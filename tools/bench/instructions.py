"""``python -m tools.bench.instructions [--cities N]``: instructions per city of a cold build, under callgrind.

Wall and CPU times on this machine change by 20-40% from one run to the next (BENCHMARKS.md), so two
versions of the code cannot be told apart by timing them an hour apart. valgrind's callgrind counts the
instructions a program executes instead: the same code, data and environment give the same count to
within 0.1% (0.04% seen), whatever else the machine is doing. This builds a project with no city and
one with ``--cities`` generated cities (seed 37107), each cold, in one process (``MMSSC_WORKERS=1``; a
process it forks would be counted too), and prints the instructions of each and per city.

Run it on two commits to compare them; the two builds run side by side (counts do not depend on load).
Needs ``valgrind`` (Debian's package); a build under it takes about 50 times as long as without.
"""

from __future__ import annotations

import argparse
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

_TOTAL = re.compile(r"^(?:summary|totals):\s*(\d+)", re.MULTILINE)


def count(command: list[str], *, cwd: Path, out: Path, env: dict[str, str] | None = None) -> int:
    """Instructions executed by ``command`` and every process it forks, under callgrind (profiles in ``out``)."""
    out.mkdir()
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--trace-children=yes", f"--callgrind-out-file={out}/callgrind.%p", *command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"bench: {command[-1]} under callgrind failed:\n{result.stderr[-4000:]}")
    total = 0
    for profile in out.iterdir():  # one per process
        found = _TOTAL.search(profile.read_text(encoding="utf-8", errors="replace"))
        if found is None:
            raise SystemExit(f"bench: no instruction total in {profile}")
        total += int(found.group(1))
    return total


def instructions(project: Path) -> int:
    """Instructions of a cold ``mkdocs build`` of ``project``, its work all in one process."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(project / "site")]
    env = {**os.environ, "MMSSC_WORKERS": "1", "PYTHONHASHSEED": "0"}  # one string hashing: the same count
    return count(command, cwd=project, out=project / "callgrind", env=env)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.bench.instructions", description=__doc__.split("\n")[0])
    p.add_argument("--cities", type=int, default=10, help="generated cities in the second build (default 10)")
    p.add_argument("--seed", type=int, default=sample_data.DEFAULT_SEED, help="seed of the synthetic data")
    p.add_argument(
        "--indicators",
        action="store_true",
        help="issue 24: also build the same cities without their outcome indicators, and print the growth",
    )
    p.add_argument(
        "--marginal",
        type=int,
        metavar="FROM",
        help="with --indicators: also build FROM cities (both ways) and print what one more city adds, "
        "(count at --cities - count at FROM) / (--cities - FROM): the once-per-site work left out, as at scale",
    )
    args = p.parse_args(argv)
    if args.marginal is not None and (not args.indicators or not 0 < args.marginal < args.cities):
        p.error("--marginal FROM needs --indicators and 0 < FROM < --cities")
    if shutil.which("valgrind") is None:
        raise SystemExit("bench: valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="mmssc-instructions-") as work:
        projects = [Path(work) / "none", Path(work) / f"cities-{args.cities}"]
        make_project(projects[0], 0, args.seed)
        make_project(projects[1], args.cities, args.seed)
        if args.indicators:
            projects.append(Path(work) / f"cities-{args.cities}-without-indicators")
            make_project(projects[2], args.cities, args.seed, indicators=0)
        if args.marginal is not None:
            projects += [Path(work) / f"cities-{args.marginal}", Path(work) / f"cities-{args.marginal}-without"]
            make_project(projects[3], args.marginal, args.seed)
            make_project(projects[4], args.marginal, args.seed, indicators=0)
        with ThreadPoolExecutor(2) as pool:
            counted = list(pool.map(instructions, projects))
        fixed, full = counted[0], counted[1]
    per_city = (full - fixed) / max(args.cities, 1)
    print(f"no city: {fixed / 1e9:,.3f} G instructions")
    print(f"{args.cities} cities: {full / 1e9:,.3f} G instructions")
    print(f"per city: {per_city / 1e6:,.1f} M instructions")
    if args.indicators:
        bare = counted[2]
        print(f"{args.cities} cities without indicators: {bare / 1e9:,.3f} G instructions")
        print(f"per city without indicators: {(bare - fixed) / max(args.cities, 1) / 1e6:,.1f} M instructions")
        print(f"growth with six indicators per city: {(full - bare) / bare:+.1%} of the build")
        # what a large site approaches, where the fixed part (the catalogue's pages, the theme) is spread thin
        print(f"growth of the per-city part: {(full - bare) / (bare - fixed):+.1%}")
    if args.marginal is not None:
        span = args.cities - args.marginal
        with_ = (full - counted[3]) / span
        without = (counted[2] - counted[4]) / span
        print(
            f"one more city ({args.marginal} to {args.cities} cities): {with_ / 1e6:,.1f} M instructions with "
            f"indicators, {without / 1e6:,.1f} M without: indicators add {(with_ - without) / 1e6:,.1f} M, "
            f"{with_ / without - 1:+.1%}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
