"""One build measured in a fresh process, the project folders, and one size of the benchmark."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tools import sample_data

from .baseline import make_baseline

# The checkout this bench belongs to: its code (macros/, symlinked into each generated project), criteria,
# prose and configuration are what is measured, wherever the command runs.
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SIZES = (100, 300, 1000, 3000)

# ---------------------------------------------------------------------------------------------
# Running a build (each in a fresh process, which inherits this one's environment).


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu: float  # user + system CPU time of the build process
    load: float  # the machine's 1-minute load average when the build started (other work skews wall times)
    returncode: int
    output: str


def run_build(project: Path, *, profile_to: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """``python -m mkdocs build --strict --clean`` in ``project``: wall time and peak memory."""
    command = [sys.executable]
    if profile_to is not None:
        command += ["-m", "cProfile", "-o", str(profile_to)]
    command += ["-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(project / "site")]
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, load, process.returncode, output)


def _require(run: Run, what: str) -> Run:
    if run.returncode != 0:
        tail = "\n".join(run.output.splitlines()[-40:])
        raise SystemExit(f"bench: the {what} build failed (exit {run.returncode}):\n{tail}")
    return run


# ---------------------------------------------------------------------------------------------
# Project folders.


def make_project(dest: Path, cities: int, seed: int, indicators: int = 6) -> list[str]:
    """A project like the repository (as tests/conftest.py make_project), with generated cities."""
    dest.mkdir(parents=True)
    (dest / "macros").symlink_to(ROOT / "macros")
    (dest / "overrides").symlink_to(ROOT / "overrides")  # the theme overrides (mkdocs.yml custom_dir)
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "criteria", dest / "criteria")
    (dest / "assessments").mkdir()
    if not cities:
        return []
    return sample_data.generate(cities, dest / "assessments", seed=seed, indicators=indicators)


def _city_name(city_yaml: Path) -> str:
    for line in city_yaml.read_text("utf-8").splitlines():
        if line.startswith("name: "):
            value = line[len("name: ") :]
            return value[1:-1] if value.startswith('"') else value
    return city_yaml.parent.name


def code_fingerprint() -> str:
    """A hash of what the build runs (macros/, docs/, mkdocs.yml, criteria/): it must not change during a run."""
    digest = hashlib.sha256()
    for folder in ("macros", "docs", "criteria", "overrides"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update((ROOT / "mkdocs.yml").read_bytes())
    return digest.hexdigest()[:12]


def _pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


OUTPUT_PARTS = (
    "city pages",
    "city feeds and badges",
    "country pages",
    "search index",
    "open data (data/)",
    "everything else",
)


def _output_parts(site: Path) -> dict[str, int]:
    """Where the output's bytes are: what grows with the number of cities."""
    parts = dict.fromkeys(OUTPUT_PARTS, 0)
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site).parts
        if len(rel) > 1 and (site / rel[0] / "search").is_dir():  # a language's edition (fr/): the same parts
            rel = rel[1:]
        if rel[0] == "cities" and len(rel) >= 3 and rel[1] == "country":
            part = "country pages"
        elif rel[0] == "cities" and len(rel) == 3:
            part = "city pages" if rel[2] == "index.html" else "city feeds and badges"
        elif rel[0] == "search":
            part = "search index"
        elif rel[0] == "data":
            part = "open data (data/)"
        else:
            part = "everything else"
        parts[part] += path.stat().st_size
    return parts


def _search_entry_cost(project: Path, site: Path, slugs: list[str]) -> tuple[float, float]:
    """Per city: the bytes its search entry adds to the index, and the ms to make and add the entries."""
    from macros.plugin.editions import SEARCH_INDEX as INDEX
    from macros.plugin.editions import Editions
    from macros.plugin.search import city_search_entries
    from macros.publish.project import ProjectCache, load_project
    from macros.site.languages import ENGLISH

    if not slugs:
        return 0.0, 0.0
    index = json.loads((site / INDEX).read_text(encoding="utf-8"))
    cities = {f"cities/{slug}/" for slug in slugs}
    without = [d for d in index["docs"] if d["location"] not in cities]
    copy = project / "search-cost"
    (copy / INDEX).parent.mkdir(parents=True)
    (copy / INDEX).write_text(json.dumps({**index, "docs": without}, separators=(",", ":")), encoding="utf-8")
    loaded = load_project(project, ProjectCache())
    start = time.perf_counter()
    entries = city_search_entries(loaded.catalogue, loaded.registry.cities.values())
    Editions([ENGLISH]).split_search_index(copy, {"en": entries})
    seconds = time.perf_counter() - start
    shutil.rmtree(copy)
    # the entries' own bytes as written (UTF-8, compact), each with its comma in the list
    added = sum(len(json.dumps(e, separators=(",", ":"), ensure_ascii=False).encode("utf-8")) + 1 for e in entries)
    return added / len(slugs), seconds * 1000 / len(slugs)


def _yaml_floor_seconds(project: Path) -> float:
    """CPU seconds to parse every data file with PyYAML's C loader (``yaml.load``, ``CSafeLoader``),
    checking nothing: the least any build that reads this YAML with PyYAML must spend."""
    paths = sorted((project / "assessments").rglob("*.yaml"))
    texts = [p.read_bytes() for p in paths]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start = time.process_time()
    for text in texts:
        yaml.load(text, Loader=loader)
    return time.process_time() - start


def _reader_ms_per_file(project: Path) -> float:
    """Milliseconds per data file of our position-keeping YAML reader alone (read_yaml), in one process."""
    from macros.diagnostics import Report
    from macros.load.yaml_nodes import read_yaml

    paths = sorted((project / "assessments").rglob("*.yaml"))
    start = time.process_time()
    for path in paths:
        read_yaml(path, path.name, Report())
    return (time.process_time() - start) / max(len(paths), 1) * 1000


def _edit_one_assessment(project: Path) -> Path:
    """Change one assessment file (a comment line: new bytes, same data), as a contributor's edit would."""
    first = sorted(p for p in (project / "assessments").rglob("*.yaml") if p.name != "city.yaml")[0]
    first.write_text(first.read_text(encoding="utf-8") + "# edited for the warm rebuild\n", encoding="utf-8")
    return first


def _validator_seconds(project: Path, cache_dir: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one ``load_project`` (catalogue and every assessment, read and checked),
    in a fresh process (:mod:`tools.bench.validator`), with the store of checked folders in ``cache_dir``."""
    store = [str(cache_dir)] if cache_dir is not None else []
    result = subprocess.run(
        [sys.executable, "-m", "tools.bench.validator", str(project), *store], capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"bench: the validator failed (exit {result.returncode}):\n{result.stderr[-4000:]}")
    seconds, cpu = json.loads(result.stdout.splitlines()[-1])
    return seconds, cpu


class _Aside:
    """Outputs of earlier builds, moved out of the way rather than deleted while builds are timed.

    Deleting hundreds of megabytes makes creating files slower for a while on some file systems (on this
    machine's ext4, mounted with ``discard``): the build after a deletion would pay for it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def put(self, path: Path) -> None:
        if path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            self.count += 1
            path.rename(self.folder / f"{self.count}-{path.name}")

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _cold_build(project: Path, aside: _Aside, cities: int, number: int, repeat: int) -> Run:
    """Our build with neither a site nor a store from an earlier build (both set aside)."""
    aside.put(project / "site")
    aside.put(project / ".cache")
    run = _require(run_build(project), f"{cities}-city")
    _log(
        f"[{cities} cities] our build {number}/{repeat}: {run.seconds:.1f} s ({run.cpu:.1f} s CPU), "
        f"{run.peak_mb:.0f} MB, load {run.load:.1f}"
    )
    return run


# ---------------------------------------------------------------------------------------------
# One size.


@dataclass
class SizeResult:
    cities: int
    assessments: int
    pages: int
    baseline_pages: int
    ours: float
    baseline: float
    peak_mb: float
    baseline_peak_mb: float
    ours_cpu: float
    baseline_cpu: float
    load: float  # highest 1-minute load average seen at the start of this size's builds
    output_bytes: int
    output_parts: dict[str, int]
    city_typical: int | None
    city_largest: int | None
    largest_city: str | None
    home: int
    validator: float
    validator_cpu: float
    yaml_floor: float  # CPU seconds of PyYAML's C loader alone over the same files
    fixed: float | None = None  # our time with no city, for the marginal cost
    fixed_cpu: float | None = None  # the same in CPU time
    code: str = ""  # code_fingerprint() before and after this size's builds
    # the search entry of each city (macros/plugin/search.py): its bytes in search/search_index.json, and the
    # time to make the entries and add them to the index, measured in process on this size's built site
    search_entry_bytes: float | None = None
    search_entry_ms: float | None = None
    # a rebuild after one assessment file changed, with the store of checked folders from the cold build
    warm: float | None = None
    warm_cpu: float | None = None
    reader_ms: float | None = None  # our YAML reader (macros.load.yaml_nodes.read_yaml), ms per file
    validator_warm: float | None = None  # the validator again after one file changed, with its store
    hugo: Any = None  # tools.bench.hugo.HugoResult: our English-only build beside Hugo's, same cities

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline

    @property
    def cpu_ratio(self) -> float:
        return self.ours_cpu / self.baseline_cpu

    @property
    def ms_per_city(self) -> float | None:
        return self.ours / self.cities * 1000 if self.cities else None

    @property
    def marginal_ms_per_city(self) -> float | None:
        if not self.cities or self.fixed is None:
            return None
        return (self.ours - self.fixed) / self.cities * 1000

    @property
    def marginal_cpu_ms_per_city(self) -> float | None:
        if not self.cities or self.fixed_cpu is None:
            return None
        return (self.ours_cpu - self.fixed_cpu) / self.cities * 1000

    def row(self) -> list[str]:
        kb = lambda n: "—" if n is None else f"{n / 1024:,.1f}"  # noqa: E731
        ms = lambda v: "—" if v is None else f"{v:,.1f}"  # noqa: E731
        return [
            f"{self.cities:,}",
            f"{self.assessments:,}",
            f"{self.pages:,}",
            f"{self.ours:,.1f}",
            f"{self.baseline:,.1f}",
            f"{self.ratio:.2f}",
            f"{self.cpu_ratio:.2f}",
            ms(self.ms_per_city),
            ms(self.marginal_ms_per_city),
            f"{self.peak_mb:,.0f}",
            f"{self.baseline_peak_mb:,.0f}",
            f"{self.output_bytes / 1024 / 1024:,.1f}",
            kb(self.city_typical),
            kb(self.city_largest),
            kb(self.home),
            f"{self.validator:,.2f}",
            f"{self.validator_cpu:,.2f}",
            "—" if self.validator_warm is None else f"{self.validator_warm:,.2f}",
            f"{self.yaml_floor:,.2f}",
            ms(self.warm),
            "—" if self.warm is None else f"{self.warm / self.ours:.2f}",
            "—" if self.reader_ms is None else f"{self.reader_ms:.2f}",
            f"{self.load:.1f}",
        ]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure(
    cities: int,
    *,
    seed: int,
    workdir: Path,
    repeat: int,
    characteristics: list[tuple[str, str]],
    warm_up: bool = False,
    peer: Callable[[Path, Path, int, int], Any] | None = None,
) -> SizeResult:
    """One size measured. ``peer`` (``tools.bench.hugo.measure``) times a peer on the same cities before
    the project is deleted."""
    project = workdir / f"ours-{cities}"
    code_before = code_fingerprint()
    _log(f"[{cities} cities] generating data…")
    slugs = make_project(project, cities, seed)
    assessments = sum(1 for slug in slugs for p in (project / "assessments" / slug).iterdir() if p.name != "city.yaml")
    validator, validator_cpu = min(_validator_seconds(project) for _ in range(repeat))
    _log(
        f"[{cities} cities] validator: {validator:.2f} s ({validator_cpu:.2f} s CPU) "
        f"for {assessments + len(slugs):,} files"
    )
    validator_warm = None
    if cities:  # make validate on a pull request that changed one file: the store has the rest
        store_dir = workdir / f"validate-store-{cities}"
        _validator_seconds(project, store_dir)
        edited = _edit_one_assessment(project)
        validator_warm = min(_validator_seconds(project, store_dir)[0] for _ in range(repeat))
        shutil.rmtree(store_dir)
        _log(f"[{cities} cities] validator with the store, after editing {edited.name}: {validator_warm:.2f} s")
    yaml_floor = _yaml_floor_seconds(project)
    _log(f"[{cities} cities] PyYAML's C loader alone: {yaml_floor:.2f} s CPU")
    reader_ms = _reader_ms_per_file(project)
    _log(f"[{cities} cities] our YAML reader alone: {reader_ms:.2f} ms per file")
    aside = _Aside(workdir / "aside")
    if warm_up:  # the first build of a run pays for cold file caches: not counted
        _require(run_build(project), f"{cities}-city warm-up")
    ours_runs = [_cold_build(project, aside, cities, 1, repeat)]
    site = project / "site"
    pages = _pages(site)
    sizes = sorted((site / "cities" / slug / "index.html").stat().st_size for slug in slugs)
    largest = max(slugs, key=lambda s: (site / "cities" / s / "index.html").stat().st_size) if slugs else None
    output_parts = _output_parts(site)
    search_bytes, search_ms = _search_entry_cost(project, site, slugs)
    _log(f"[{cities} cities] search entries: {search_bytes:,.0f} bytes and {search_ms:.3f} ms per city")
    output_bytes = sum(output_parts.values())
    home = (site / "index.html").stat().st_size

    baseline = workdir / f"baseline-{cities}"
    make_baseline(
        baseline, pages, [_city_name(project / "assessments" / s / "city.yaml") for s in slugs], characteristics
    )
    # The two kinds of build alternate (ours, baseline, ours, …), so that a slow spell of the machine
    # falls on both; each starts from a folder without output, as in a fresh clone.
    base_runs: list[Run] = []
    for i in range(repeat):
        aside.put(baseline / "site")
        base_runs.append(_require(run_build(baseline), f"{cities}-page baseline"))
        _log(
            f"[{cities} cities] baseline build {i + 1}/{repeat}: {base_runs[-1].seconds:.1f} s "
            f"({base_runs[-1].cpu:.1f} s CPU), {base_runs[-1].peak_mb:.0f} MB, load {base_runs[-1].load:.1f}"
        )
        if i + 1 < repeat:
            ours_runs.append(_cold_build(project, aside, cities, i + 2, repeat))
    baseline_pages = _pages(baseline / "site")
    warm = None
    if cities:  # the store and site of our last cold build are still in place
        edited = _edit_one_assessment(project)
        warm = _require(run_build(project), f"{cities}-city warm rebuild")
        _log(
            f"[{cities} cities] warm rebuild after editing {edited.relative_to(project)}: {warm.seconds:.1f} s "
            f"({warm.cpu:.1f} s CPU)"
        )
    shutil.rmtree(baseline)
    aside.empty()
    peer_result = peer(project, workdir, cities, repeat) if peer is not None and cities else None
    shutil.rmtree(project)
    return SizeResult(
        cities=cities,
        assessments=assessments,
        pages=pages,
        baseline_pages=baseline_pages,
        ours=min(r.seconds for r in ours_runs),
        baseline=min(r.seconds for r in base_runs),
        peak_mb=max(r.peak_mb for r in ours_runs),
        baseline_peak_mb=max(r.peak_mb for r in base_runs),
        ours_cpu=min(r.cpu for r in ours_runs),
        baseline_cpu=min(r.cpu for r in base_runs),
        load=max(r.load for r in ours_runs + base_runs),
        output_bytes=output_bytes,
        output_parts=output_parts,
        city_typical=int(statistics.median(sizes)) if sizes else None,
        city_largest=sizes[-1] if sizes else None,
        largest_city=largest,
        home=home,
        validator=validator,
        validator_cpu=validator_cpu,
        validator_warm=validator_warm,
        yaml_floor=yaml_floor,
        code=code_before if code_fingerprint() == code_before else "changed",
        search_entry_bytes=search_bytes,
        search_entry_ms=search_ms,
        warm=warm.seconds if warm else None,
        warm_cpu=warm.cpu if warm else None,
        reader_ms=reader_ms,
        hugo=peer_result,
    )
