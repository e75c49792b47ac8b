"""``scripts/bench``: the command line."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from tools import sample_data

from . import hugo
from .hugo import table as hugo_table
from .live import live_reload
from .profile import format_profile, profile
from .report import git_describe, output_table, report, table, targets, write_report
from .run import DEFAULT_SIZES, SizeResult, _log, measure

# ---------------------------------------------------------------------------------------------
# Command line.


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give sizes as numbers separated by commas, e.g. 100,1000,3000"
        ) from None
    if not sizes or any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError("sizes are numbers of cities, at least 1")
    return sorted(set(sizes))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="scripts/bench",
        description="How the build scales with the number of cities, against plain MkDocs + Material.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example: scripts/bench --sizes 100,300,1000,3000 --profile 1000 --write BENCHMARKS.md",
    )
    p.add_argument(
        "--sizes",
        type=_sizes,
        default=None,
        help=f"numbers of cities, comma-separated (default {','.join(map(str, DEFAULT_SIZES))}); "
        "a build with no city is always added",
    )
    p.add_argument("--repeat", type=int, default=1, help="builds per size and kind; the best time is kept (default 1)")
    p.add_argument(
        "--write", type=Path, metavar="FILE", help="write the figures, machine and targets to FILE (e.g. BENCHMARKS.md)"
    )
    p.add_argument(
        "--profile",
        type=int,
        metavar="SIZE",
        help="build SIZE cities once under cProfile and print the top functions (alone unless --sizes is given)",
    )
    p.add_argument("--top", type=int, default=25, help="functions shown by --profile (default 25)")
    p.add_argument(
        "--live-reload",
        type=int,
        metavar="SIZE",
        default=None,
        help="time `mkdocs serve` rebuilding after an edit, with SIZE cities (default 100 with the sizes; 0: skip)",
    )
    p.add_argument(
        "--no-hugo", action="store_true", help="skip the comparison with Hugo (tools/bench/hugo.py) at each size"
    )
    p.add_argument(
        "--site-size",
        type=_sizes,
        metavar="SIZES",
        help="also: what the site costs its host at these sizes in three languages (tools/bench/site_size.py)",
    )
    p.add_argument("--seed", type=int, default=sample_data.DEFAULT_SEED, help="seed of the synthetic data")
    p.add_argument("--workdir", type=Path, help="where the temporary projects go (default: a new temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the work folder")
    return p


def main(argv: list[str] | None = None) -> int:
    """``scripts/bench [options]`` (``argv`` defaults to ``sys.argv[1:]``)."""
    argv = sys.argv[1:] if argv is None else argv
    args = parser().parse_args(argv)
    commit = git_describe()  # before anything runs: the code measured
    run_sizes = args.sizes is not None or args.profile is None
    sizes = args.sizes or list(DEFAULT_SIZES)
    live_size = args.live_reload if args.live_reload is not None else (100 if run_sizes else 0)
    if args.repeat < 1:
        parser().error("--repeat must be at least 1")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="mmssc-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    workdir = workdir.resolve()
    catalogue = sample_data.load_catalogue_or_fail()
    characteristics = [(cid, ch.name) for cid, ch in catalogue.characteristics.items()]
    results: list[SizeResult] = []
    peer = None  # our English-only build beside Hugo's on the same cities, at each size
    if not args.no_hugo and hugo.hugo() is not None:
        peer = hugo.measure
    elif not args.no_hugo:
        _log("hugo is not installed: no comparison with Hugo (Debian: apt-get install hugo; or --no-hugo)")
    live = prof = None
    try:
        if run_sizes:
            fixed = measure(
                0, seed=args.seed, workdir=workdir, repeat=args.repeat, characteristics=characteristics, warm_up=True
            )
            results.append(fixed)
            for n in sizes:
                result = measure(
                    n,
                    seed=args.seed,
                    workdir=workdir,
                    repeat=args.repeat,
                    characteristics=characteristics,
                    peer=peer,
                )
                result.fixed, result.fixed_cpu = fixed.ours, fixed.ours_cpu
                results.append(result)
                if n != sizes[-1]:
                    _log(table(results))
            print(table(results), flush=True)
            print("\nOutput by part (MB):\n" + output_table(results), flush=True)
            if peers := [(r.cities, r.hugo) for r in results if r.hugo is not None]:
                print("\nOur English-only build beside Hugo:\n" + hugo_table(peers), flush=True)
        if live_size:
            live = live_reload(live_size, seed=args.seed, workdir=workdir)
        if args.profile is not None:
            prof = profile(args.profile, seed=args.seed, workdir=workdir, top=args.top)
            print(format_profile(prof), flush=True)
        if run_sizes:
            print("\nTargets:")
            for target, figure, mark in targets(results, live):
                print(f"- {target}: {figure}: {mark.strip('*')}")
        if args.site_size:
            from . import site_size  # here: ``python -m tools.bench.site_size`` runs it as a script too

            print("\nSite size, three languages:\n" + site_size.table(site_size.bench(args.site_size)), flush=True)
        if args.write:
            command = "scripts/bench " + " ".join(argv)
            write_report(args.write, report(results, live, prof, command.strip(), args.seed, commit))
            _log(f"wrote {args.write}")
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0
