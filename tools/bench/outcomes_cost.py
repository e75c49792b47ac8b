"""``python -m tools.bench.outcomes_cost [--cities N] [--repeat K]``: what outcome indicators add to a cold build.

Issue 24's budget: with six indicators per city, a cold build grows by at most 15% over the same cities
without them. This generates the same N cities twice (seed 37107; ``--indicators 6`` and ``0`` of
``scripts/generate-sample-data``: the same files apart from the indicators), then builds each cold K times,
in pairs whose order alternates (without then with, with then without…) so that the machine's other
work, and its speed drifting over a run, fall on both alike, and prints every run, the growth of the
median wall time and of the median CPU time (the build and its worker processes), and each pair's.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from .run import Run, _Aside, _cold_build, make_project

TARGET = 0.15  # issue 24: at most 15% more than the same cities without indicators


def growth(without: list[Run], with_: list[Run]) -> tuple[float, float]:
    """Growth of the median wall time and of the median CPU time."""
    wall = statistics.median(r.seconds for r in with_) / statistics.median(r.seconds for r in without) - 1
    cpu = statistics.median(r.cpu for r in with_) / statistics.median(r.cpu for r in without) - 1
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.bench.outcomes_cost", description=__doc__.split("\n\n")[0])
    p.add_argument("--cities", type=int, default=300, help="generated cities (default 300)")
    p.add_argument("--repeat", type=int, default=3, help="cold builds of each project, alternated (default 3)")
    p.add_argument("--seed", type=int, default=37107)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mmssc-outcomes-cost-") as work:
        root = Path(work)
        projects = {"without": root / "without", "with": root / "with"}
        make_project(projects["without"], args.cities, args.seed, indicators=0)
        make_project(projects["with"], args.cities, args.seed, indicators=6)
        aside = _Aside(root / "aside")
        runs: dict[str, list[Run]] = {"without": [], "with": []}
        for number in range(1, args.repeat + 1):
            order = list(projects.items()) if number % 2 else list(projects.items())[::-1]
            for kind, project in order:
                runs[kind].append(_cold_build(project, aside, args.cities, number, args.repeat))
                print(
                    f"{kind} indicators, build {number}: {runs[kind][-1].seconds:.2f} s, {runs[kind][-1].cpu:.2f} s CPU"
                )
        aside.empty()
    wall, cpu = growth(runs["without"], runs["with"])
    pairs = [f"{w.seconds / o.seconds - 1:+.1%}" for o, w in zip(runs["without"], runs["with"], strict=True)]
    print(f"each pair's growth, wall: {', '.join(pairs)}")
    print(
        f"{args.cities} cities, six indicators each against none, median of {args.repeat}: "
        f"wall {wall:+.1%}, CPU {cpu:+.1%} (target at most {TARGET:+.0%}: {'met' if wall <= TARGET else 'not met'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
