"""The figures as tables, the targets met or not, and ``BENCHMARKS.md``."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import subprocess
from importlib import metadata
from pathlib import Path

from macros import workers

from .hugo import table as hugo_table
from .live import LiveReload
from .profile import Profile, format_profile
from .run import OUTPUT_PARTS, ROOT, SizeResult

PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Markdown", "pymdown-extensions", "PyYAML", "Jinja2")

# Targets of issue 7.
TARGET_RATIO = 1.0
TARGET_LINEAR = 0.10  # marginal time per city at the largest size within 10% of that at 300
TARGET_10K_SECONDS = 180
TARGET_10K_MEMORY_MB = 2048
TARGET_CITY_PAGE_KB = 150
TARGET_LIVE_RELOAD_SECONDS = 3.0

COLUMNS = (
    "cities",
    "assessments",
    "pages",
    "ours (s)",
    "baseline (s)",
    "ratio",
    "CPU ratio",
    "ms per city page",
    "marginal ms per city",
    "peak memory (MB)",
    "baseline peak (MB)",
    "output (MB)",
    "city page typical (KB)",
    "city page largest (KB)",
    "home page (KB)",
    "validator (s)",
    "validator CPU (s)",
    "validator warm (s)",
    "YAML parse alone, CPU (s)",
    "warm rebuild (s)",
    "warm / cold",
    "our reader (ms per file)",
    "load",
)


def machine(commit: str) -> dict[str, str]:
    """The machine, the versions of the packages and the commit measured (``commit``)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        lines = Path("/proc/meminfo").read_text().splitlines()
        kb = int(next(line for line in lines if line.startswith("MemTotal")).split()[1])
        ram = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    info = {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "worker processes (MMSSC_WORKERS)": str(workers.worker_count()),
        "RAM": ram,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
    }
    for package in PACKAGES:
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = "not installed"
    info["commit"] = commit
    return info


def git_describe() -> str:
    """The commit the code was on (``-dirty`` with uncommitted changes), or "unknown"."""
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return commit.stdout.strip() if commit.returncode == 0 else "unknown"


def table(results: list[SizeResult]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---:" for _ in COLUMNS) + "|"]
    lines += ["| " + " | ".join(r.row()) + " |" for r in results]
    return "\n".join(lines)


def output_table(results: list[SizeResult]) -> str:
    lines = [
        "| cities | " + " | ".join(OUTPUT_PARTS) + " | total |",
        "|" + "|".join("---:" for _ in range(len(OUTPUT_PARTS) + 2)) + "|",
    ]
    for r in results:
        cells = [f"{r.output_parts[part] / 1024 / 1024:,.1f}" for part in OUTPUT_PARTS]
        lines.append(f"| {r.cities:,} | " + " | ".join(cells) + f" | {r.output_bytes / 1024 / 1024:,.1f} |")
    costs = [r for r in results if r.search_entry_bytes is not None and r.cities]
    if costs:
        lines.append("")
        lines.append(
            "Cities in the search index (one small entry per city, macros/plugin/search.py): "
            + "; ".join(
                f"{r.cities:,} cities: {r.search_entry_bytes:,.0f} bytes and {r.search_entry_ms or 0:.3f} ms per city"
                for r in costs
            )
            + "."
        )
    return "\n".join(lines)


def _mark(ok: bool | None) -> str:
    return {True: "**met**", False: "**not met**", None: "not measured"}[ok]


def targets(results: list[SizeResult], live: LiveReload | None) -> list[tuple[str, str, str]]:
    by_size = {r.cities: r for r in results if r.cities}
    rows = []
    ratio_sizes = [n for n in (1000, 3000) if n in by_size]
    if ratio_sizes:
        figures = ", ".join(
            f"{by_size[n].ratio:.2f} at {n:,} (CPU time: {by_size[n].cpu_ratio:.2f})" for n in ratio_sizes
        )
        ok = (
            all(by_size[n].ratio <= TARGET_RATIO for n in ratio_sizes)
            if len(ratio_sizes) == 2
            else (False if any(by_size[n].ratio > TARGET_RATIO for n in ratio_sizes) else None)
        )
    else:
        figures, ok = "needs sizes 1,000 and 3,000", None
    rows.append((f"Ratio to the baseline at 1,000 and 3,000 cities at most {TARGET_RATIO:.1f}", figures, _mark(ok)))

    big = 3000 if 3000 in by_size else max(by_size) if by_size else None
    m300 = by_size[300].marginal_ms_per_city if 300 in by_size else None
    mbig = by_size[big].marginal_ms_per_city if big else None
    if big and big > 300 and m300 and mbig:
        growth = mbig / m300 - 1
        figures = (
            f"marginal {mbig:.1f} ms per city at {big:,} vs {m300:.1f} ms at 300 ({growth:+.0%}); "
            f"per city page overall {by_size[big].ms_per_city or 0.0:.1f} vs {by_size[300].ms_per_city or 0.0:.1f} ms"
        )
        c300, cbig = by_size[300].marginal_cpu_ms_per_city, by_size[big].marginal_cpu_ms_per_city
        if c300 and cbig:
            figures += f"; in CPU time, marginal {cbig:.1f} vs {c300:.1f} ms ({cbig / c300 - 1:+.0%})"
        ok = growth <= TARGET_LINEAR if big >= 3000 else None
        if big < 3000:
            figures += f" (largest size {big:,}, not 3,000)"
    else:
        figures, ok = "needs sizes 300 and 3,000", None
    rows.append((f"Linear: time per city page at 3,000 within {TARGET_LINEAR:.0%} of that at 300", figures, _mark(ok)))

    if 10000 in by_size:
        r = by_size[10000]
        ok = r.ours < TARGET_10K_SECONDS and r.peak_mb < TARGET_10K_MEMORY_MB
        figures = f"{r.ours:,.0f} s, {r.peak_mb:,.0f} MB ({r.assessments / r.cities:.1f} assessments per city)"
    elif by_size and big is not None:
        r = by_size[big]
        zero = next((z for z in results if z.cities == 0), None)
        per_city = r.marginal_ms_per_city or r.ms_per_city or 0.0
        estimate = (r.fixed or 0.0) + per_city * 10000 / 1000
        figures = f"not run; a linear extrapolation from {big:,} cities gives about {estimate:,.0f} s"
        if r.marginal_cpu_ms_per_city:
            figures += f" ({(r.fixed_cpu or 0.0) + r.marginal_cpu_ms_per_city * 10:,.0f} s of CPU time)"
        if zero:
            memory = zero.peak_mb + (r.peak_mb - zero.peak_mb) / r.cities * 10000
            figures += f" and {memory:,.0f} MB of peak memory"
        figures += " (run `scripts/bench --sizes 10000` to measure)"
        ok = None
    else:
        figures, ok = "not run", None
    rows.append(
        (
            f"10,000 cities (about 4 assessments each) build in under {TARGET_10K_SECONDS // 60} minutes "
            f"with peak memory under {TARGET_10K_MEMORY_MB // 1024} GB",
            figures,
            _mark(ok),
        )
    )

    pages = [(r.city_largest, r.city_typical or 0, r.largest_city) for r in results if r.city_largest is not None]
    if pages:
        largest, _typical, where = max(pages, key=lambda page: page[0])
        ok = largest < TARGET_CITY_PAGE_KB * 1024
        figures = (
            f"largest {largest / 1024:,.0f} KB (`cities/{where}/`), typical "
            f"{statistics.median(typical for _, typical, _ in pages) / 1024:,.0f} KB"
        )
    else:
        figures, ok = "no city built", None
    rows.append((f"A city page's HTML under {TARGET_CITY_PAGE_KB} KB", figures, _mark(ok)))

    homes = [r.home for r in results]
    if len(homes) >= 2:
        grows = max(homes) - min(homes)
        ok = grows <= 0.01 * min(homes)
        figures = (
            f"{min(homes) / 1024:,.1f} KB to {max(homes) / 1024:,.1f} KB "
            f"from {results[0].cities:,} to {results[-1].cities:,} cities"
        )
    else:
        figures, ok = "needs two sizes", None
    rows.append(("The home page does not grow with the number of cities", figures, _mark(ok)))

    if live and live.edits:
        ok = max(live.edits) <= TARGET_LIVE_RELOAD_SECONDS
        figures = (
            f"{statistics.median(live.edits):.1f} s (median of {len(live.edits)} edits; slowest "
            f"{max(live.edits):.1f} s) with {live.cities:,} cities"
        )
    else:
        figures, ok = "not run", None
    rows.append(
        (
            f"`make serve`: an edited assessment shows within {TARGET_LIVE_RELOAD_SECONDS:.0f} s (100 cities)",
            figures,
            _mark(ok),
        )
    )
    return rows


# Targets of issue 14 (faster reading, warm builds).
TARGET_14_RATIO = 1.0
TARGET_14_10K_SECONDS = 90
TARGET_14_10K_MEMORY_MB = 1536
TARGET_14_VALIDATE_10K_SECONDS = 10.0
TARGET_14_WARM = 0.25


def targets_issue_14(results: list[SizeResult]) -> list[tuple[str, str, str]]:
    by_size = {r.cities: r for r in results if r.cities}
    rows = []
    sizes = [n for n in (1000, 3000) if n in by_size]
    if sizes:
        figures = ", ".join(f"{by_size[n].ratio:.2f} at {n:,} (CPU time: {by_size[n].cpu_ratio:.2f})" for n in sizes)
        over = any(by_size[n].ratio > TARGET_14_RATIO for n in sizes)
        ok: bool | None = False if over else (True if len(sizes) == 2 else None)
    else:
        figures, ok = "needs sizes 1,000 and 3,000", None
    rows.append(
        (f"Cold build at 1,000 and 3,000 cities at most {TARGET_14_RATIO:.1f} times the baseline", figures, _mark(ok))
    )

    if 10000 in by_size:
        r = by_size[10000]
        ok = r.ours < TARGET_14_10K_SECONDS and r.peak_mb < TARGET_14_10K_MEMORY_MB
        figures = f"{r.ours:,.0f} s, {r.peak_mb:,.0f} MB ({r.assessments / r.cities:.1f} assessments per city)"
    else:
        figures, ok = "not run (`scripts/bench --sizes 10000`)", None
    rows.append(
        (
            f"10,000 cities build in under {TARGET_14_10K_SECONDS} s with peak memory under "
            f"{TARGET_14_10K_MEMORY_MB / 1024:.1f} GB",
            figures,
            _mark(ok),
        )
    )

    if 10000 in by_size:
        r = by_size[10000]
        ok = r.validator < TARGET_14_VALIDATE_10K_SECONDS
        figures = f"cold {r.validator:,.1f} s ({r.validator_cpu:,.1f} s CPU)"
        if r.validator_warm is not None:
            figures += f"; with the store, after one edit, {r.validator_warm:,.1f} s"
    else:
        figures, ok = "not run (`scripts/bench --sizes 10000`)", None
    rows.append(
        (f"`make validate` over 10,000 cities under {TARGET_14_VALIDATE_10K_SECONDS:.0f} s", figures, _mark(ok))
    )

    if 3000 in by_size and by_size[3000].warm is not None:
        r = by_size[3000]
        assert r.warm is not None
        ok = r.warm / r.ours <= TARGET_14_WARM
        figures = f"{r.warm:,.1f} s against {r.ours:,.1f} s cold: {r.warm / r.ours:.2f}"
    else:
        figures, ok = "needs size 3,000", None
    rows.append(
        (
            f"Warm rebuild after editing one assessment at 3,000 cities under {TARGET_14_WARM:.0%} of the cold build",
            figures,
            _mark(ok),
        )
    )
    return rows


BEGIN = "<!-- written by scripts/bench --write: begin (what lies outside the two marks is kept) -->"
END = "<!-- written by scripts/bench --write: end -->"


def write_report(path: Path, text: str) -> None:
    """Put ``text`` between the two marks of ``path``, keeping the hand-written sections around them
    (a new file, or one without the marks, gets them after its title)."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{BEGIN}\n\n{text.strip()}\n\n{END}"
    if BEGIN in old and END in old:
        before, rest = old.split(BEGIN, 1)
        new = before + block + rest.split(END, 1)[1]
    else:
        title, _, rest = old.partition("\n")
        new = f"{title}\n\n{block}\n{rest}"
    path.write_text(new, encoding="utf-8")


def report(
    results: list[SizeResult], live: LiveReload | None, prof: Profile | None, command: str, seed: int, commit: str
) -> str:
    """The generated part of ``BENCHMARKS.md``: ``commit`` is :func:`git_describe` when the run started."""
    info = machine(commit)
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        f"Written by `{command}` on {when}. Run the same command to reproduce "
        f"(synthetic cities from `scripts/generate-sample-data`, seed {seed}).",
        "",
        "## Machine",
        "",
        "| item | value |",
        "|---|---|",
    ]
    out += [f"| {key} | {value} |" for key, value in info.items()]
    out += [
        "",
        "## Results",
        "",
        table(results),
        "",
        "- **cities**: synthetic cities (row 0: no city, the fixed cost); **assessments**: their assessment files.",
        "- **pages**: HTML pages built (`index.html` files), our site and the baseline alike.",
        "- **ours**, **baseline**: wall time of `python -m mkdocs build --strict --clean` in a fresh process "
        "(best of the repeats, the two kinds alternated, each from a folder without output: earlier outputs are "
        "moved aside, not deleted, while builds are timed); **ratio** = ours / baseline; **CPU ratio**: the same "
        "with the user + system "
        "CPU time of the build processes (ours: with its worker processes), less sensitive to other work on the "
        "machine. "
        "Our build spreads the per-city work over the worker processes (`macros/workers.py`); MkDocs itself, and so "
        "the baseline, uses one core.",
        "- **ms per city page** = ours / cities; **marginal ms per city** = (ours − ours with no city) / cities.",
        "- **peak memory**: maximum resident set size (`ru_maxrss`) of the build process or of any one of its "
        "worker processes, whichever is larger (forked workers share most of their memory with the build process).",
        "- **output**: all files under `site/`; **city page**: `cities/<slug>/index.html` (median and largest); "
        "**home page**: `site/index.html`.",
        "- **validator**: `load_project` (catalogue and all assessments read and checked) alone, in-process, on "
        "the worker processes as in a build; its CPU time includes the workers'. **validator warm**: the same "
        "with the store of checked folders (as `make validate` and builds keep it), after one assessment file "
        "changed: a pull request's check.",
        "- **YAML parse alone**: CPU time of PyYAML's C loader (`yaml.load` with `CSafeLoader`) reading the same "
        "files and checking nothing, in one process: the least any build that reads this YAML with PyYAML spends.",
        "- **warm rebuild**: the build again after one assessment file changed, with the store of checked city "
        "folders the cold build left (`.cache/mmssc`, plugin option `cache_dir`); cold builds start without it. "
        "**our reader**: `read_yaml` alone over the same files, milliseconds of CPU per file.",
        "- **load**: the highest 1-minute load average when this size's builds started: above the number of "
        "cores, other processes were competing for the CPU and wall times are inflated.",
        "- **baseline**: plain mkdocs-material, `plugins: []`, `theme.font: false`, the same theme options, "
        "`nav` with the home page only; the same number of pages, each a heading, a paragraph and a "
        "32-row table of static Markdown.",
        "",
        "### Output by part (MB)",
        "",
        output_table(results),
        "",
    ]
    if peers := [(r.cities, r.hugo) for r in results if r.hugo is not None]:
        out += [
            "### Our English-only build beside Hugo",
            "",
            hugo_table(peers),
            "",
            "Hugo (Debian's `hugo`) builds `tools/bench/hugo-site/` over the same generated YAML: one page per city "
            "(profile, the 32-row table with change, medians by dimension, history; about 11 KB a page, no "
            "validation, no languages, charts, feeds or data files). Ours: the same project with `languages: [en]`, "
            "cold (no site, no store). The two alternate, best of the repeats each; **ratio** = ours / Hugo.",
            "",
        ]
    out += [
        "## Targets (issue 14)",
        "",
        "| target | figure | status |",
        "|---|---|---|",
    ]
    out += [f"| {target} | {figure} | {mark} |" for target, figure, mark in targets_issue_14(results)]
    out += [
        "",
        "## Targets (issue 7)",
        "",
        "| target | figure | status |",
        "|---|---|---|",
    ]
    out += [f"| {target} | {figure} | {mark} |" for target, figure, mark in targets(results, live)]
    codes = {r.code for r in results}
    if len(codes) > 1:
        out += [
            "",
            "**Caution:** the code (macros/, docs/, criteria/ or mkdocs.yml) changed during this run, so the "
            "rows were not all measured on the same code: rerun for a consistent table.",
        ]
    cores = os.cpu_count() or 1
    busy = [r for r in results if r.load > cores]
    if busy:
        out += [
            "",
            f"**Caution:** the machine was busy with other work during this run (1-minute load average up to "
            f"{max(r.load for r in busy):.1f} on {cores} cores, at {', '.join(f'{r.cities:,}' for r in busy)} cities): "
            "wall times, the ratio and the validator's time are inflated where the load was high. CPU times "
            "(the CPU ratio, the CPU-time figures above) are much less affected; rerun on a quiet machine "
            "for wall times.",
        ]
    if live:
        out += [
            "",
            "## Live reload",
            "",
            f"`mkdocs serve` on a project of {live.cities:,} cities: the first build was served after "
            f"{live.first_build:.1f} s; then the summary of one city's latest assessment was edited "
            f"{len(live.edits)} times, and the city page was polled over HTTP until it showed the new text: "
            + ", ".join(f"{s:.2f} s" for s in live.edits)
            + " from saving the file to the changed page "
            "(the watcher, a full rebuild, and serving the page).",
        ]
    if prof:
        out += [
            "",
            "## Profile",
            "",
            f"`scripts/bench --profile {prof.cities}`, built in one process (`MMSSC_WORKERS=1`) "
            "so that the profiler sees all the work. cProfile measures wall time and adds a "
            "cost to every Python call, so code made of many small calls (the YAML composer, the HTML builder) "
            "looks heavier than it is; the proportions, not the seconds, are the point.",
            "",
            format_profile(prof),
        ]
    return "\n".join(out) + "\n"
