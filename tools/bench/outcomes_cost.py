"""``python -m tools.bench.outcomes_cost [--cities N] [--repeat K]``: what outcome indicators add to a cold build.

Issue 24's budget: with six indicators per city, a cold build grows by at most 15% over the same cities
without them. This generates the same N cities twice (seed 37107; ``--indicators 6`` and ``0`` of
``scripts/generate-sample-data``: the same files apart from the indicators), then builds each cold K times,
in pairs whose order alternates (without then with, with then without…) so that the machine's other
work, and its speed drifting over a run, fall on both alike, and prints every run, the growth of the
median wall time and of the median CPU time (the build and its worker processes), and each pair's.

``--side-by-side`` runs each pair's two builds at the same time instead, each in one process
(``MMSSC_WORKERS=1``, one core each on a two-core machine), and compares their CPU time: whatever the
machine is doing then, and however its speed drifts over a run, falls on both builds at once. On this
machine wall times of the same build moved by a third within a run, while side-by-side pairs agree
within a few percent (BENCHMARKS.md, sixth round).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .run import Run, _Aside, _cold_build, _require, make_project, run_build

TARGET = 0.15  # issue 24: at most 15% more than the same cities without indicators
# Pairs of one code spread over six to seven points on a two-core machine: two pairs once read "met" where
# the next three did not (BENCHMARKS.md, eighth round). Fewer pairs give the figures but no verdict.
MIN_PAIRS_TO_JUDGE = 5


def verdict(judged: float, pairs: int) -> str:
    if pairs < MIN_PAIRS_TO_JUDGE:
        return f"{pairs} pair(s) are too few to judge: run --repeat {MIN_PAIRS_TO_JUDGE} or more"
    return "met" if judged <= TARGET else "not met"


def growth(without: list[Run], with_: list[Run]) -> tuple[float, float]:
    """Growth of the median wall time and of the median CPU time."""
    wall = statistics.median(r.seconds for r in with_) / statistics.median(r.seconds for r in without) - 1
    cpu = statistics.median(r.cpu for r in with_) / statistics.median(r.cpu for r in without) - 1
    return wall, cpu


def side_by_side(projects: dict[str, Path], aside: _Aside, number: int) -> dict[str, Run]:
    """Both projects built cold at the same time, each in one process."""
    for project in projects.values():
        aside.put(project / "site")
        aside.put(project / ".cache")
    with ThreadPoolExecutor(len(projects)) as pool:
        started = {kind: pool.submit(run_build, path, env={"MMSSC_WORKERS": "1"}) for kind, path in projects.items()}
        runs = {kind: _require(future.result(), f"{kind}-indicators") for kind, future in started.items()}
    for kind, run in runs.items():
        print(
            f"{kind} indicators, build {number} (side by side, one process): {run.seconds:.2f} s, {run.cpu:.2f} s CPU"
        )
    return runs


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.bench.outcomes_cost", description=__doc__.split("\n\n")[0])
    p.add_argument("--cities", type=int, default=300, help="generated cities (default 300)")
    p.add_argument(
        "--repeat",
        type=int,
        default=MIN_PAIRS_TO_JUDGE,
        help=f"cold builds of each project, alternated (default {MIN_PAIRS_TO_JUDGE}: fewer give no verdict)",
    )
    p.add_argument("--seed", type=int, default=37107)
    p.add_argument(
        "--side-by-side",
        action="store_true",
        help="build each pair at the same time, one process each, and compare CPU times",
    )
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mmssc-outcomes-cost-") as work:
        root = Path(work)
        projects = {"without": root / "without", "with": root / "with"}
        make_project(projects["without"], args.cities, args.seed, indicators=0)
        make_project(projects["with"], args.cities, args.seed, indicators=6)
        aside = _Aside(root / "aside")
        runs: dict[str, list[Run]] = {"without": [], "with": []}
        for number in range(1, args.repeat + 1):
            if args.side_by_side:
                for kind, run in side_by_side(projects, aside, number).items():
                    runs[kind].append(run)
                continue
            order = list(projects.items()) if number % 2 else list(projects.items())[::-1]
            for kind, project in order:
                runs[kind].append(_cold_build(project, aside, args.cities, number, args.repeat))
                print(
                    f"{kind} indicators, build {number}: {runs[kind][-1].seconds:.2f} s, {runs[kind][-1].cpu:.2f} s CPU"
                )
        aside.empty()
    wall, cpu = growth(runs["without"], runs["with"])
    measure = "cpu" if args.side_by_side else "seconds"
    pairs = [f"{getattr(w, measure) / getattr(o, measure) - 1:+.1%}" for o, w in zip(*runs.values(), strict=True)]
    judged = cpu if args.side_by_side else wall
    print(f"each pair's growth, {'CPU' if args.side_by_side else 'wall'}: {', '.join(pairs)}")
    print(
        f"{args.cities} cities, six indicators each against none, median of {args.repeat}"
        f"{' (side by side, one process each)' if args.side_by_side else ''}: wall {wall:+.1%}, CPU {cpu:+.1%} "
        f"(target at most {TARGET:+.0%}: {verdict(judged, args.repeat)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
