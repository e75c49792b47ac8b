"""``python -m tools.bench.languages [CITIES]``: what each site language adds to a build.

One generated project (default 1,000 cities) is built with one, two and three languages (``[en]``,
``[en, fr]``, ``[en, fr, el]``), each build cold (a fresh process, no store of checked folders), best of
``--repeat``; the data is read, checked and computed once per build whatever the number of languages,
so each extra language should add only its pages' drawing. Prints a Markdown table for BENCHMARKS.md
with each build's time, peak memory, pages, and the extra time per language as a share of the
English-only build (issue 15's target: at most 0.5).
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from pathlib import Path

from tools import sample_data

from .run import Run, make_project, run_build

EDITIONS = (["en"], ["en", "fr"], ["en", "fr", "el"])


def _set_languages(project: Path, languages: list[str]) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, count = re.subn(r"languages: \[[^\]]*\]", f"languages: [{', '.join(languages)}]", text)
    if count != 1:
        raise SystemExit("bench: mkdocs.yml has no 'languages: [...]' line of the mmssc plugin to set")
    # every build cold: no store of checked folders from the previous one
    text = re.sub(r"(\n      languages: )", r"\n      cache_dir: ''\1", text, count=1)
    config.write_text(text, encoding="utf-8")


def _best(project: Path, repeat: int) -> tuple[Run, int]:
    runs = []
    for _ in range(repeat):
        run = run_build(project, env={"NO_MKDOCS_2_WARNING": "1"})
        if run.returncode != 0:
            raise SystemExit("bench: build failed:\n" + "\n".join(run.output.splitlines()[-30:]))
        runs.append(run)
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    return min(runs, key=lambda r: r.seconds), pages


def measure(cities: int, *, seed: int, workdir: Path, repeat: int) -> list[tuple[list[str], Run, int]]:
    project = workdir / f"languages-{cities}"
    make_project(project, cities, seed)
    out = []
    for languages in EDITIONS:
        _set_languages(project, languages)
        run, pages = _best(project, repeat)
        out.append((languages, run, pages))
        print(f"  {', '.join(languages)}: {run.seconds:.1f} s, {run.peak_mb:.0f} MB, {pages} pages", flush=True)
    return out


def table(cities: int, results: list[tuple[list[str], Run, int]]) -> str:
    english = results[0][1].seconds
    lines = [
        f"Languages at {cities:,} generated cities (cold builds, best run each):",
        "",
        "| languages | build (s) | CPU (s) | peak memory (MB) | pages | added per extra language (× English-only) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for languages, run, pages in results:
        extra = len(languages) - 1
        added = f"{(run.seconds - english) / english / extra:.2f}" if extra else "—"
        lines.append(
            f"| {', '.join(languages)} | {run.seconds:.1f} | {run.cpu:.1f} | {run.peak_mb:.0f} | {pages:,} | {added} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.bench.languages", description=__doc__.split("\n")[0])
    p.add_argument("cities", type=int, nargs="?", default=1000, help="generated cities (default 1000)")
    p.add_argument("--repeat", type=int, default=1, help="builds per edition; the best is kept (default 1)")
    p.add_argument("--seed", type=int, default=sample_data.DEFAULT_SEED, help="seed of the synthetic data")
    args = p.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="mmssc-bench-languages-"))
    try:
        results = measure(args.cities, seed=args.seed, workdir=workdir, repeat=args.repeat)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(table(args.cities, results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
