"""``scripts/bench``: how the build scales with the number of cities, against plain MkDocs + Material.

For each size it generates that many synthetic cities (:mod:`macros.sample_data`), builds the
site in a temporary project folder laid out like the repository (``macros/`` linked; ``docs/``,
``mkdocs.yml`` and ``criteria/`` copied) with ``python -m mkdocs build --strict``, exactly as
production does, and measures:

* the wall time of the build (a fresh process: interpreter start and imports included);
* its peak memory (``ru_maxrss`` of that child process, from ``os.wait4``);
* the output (all files under ``site/``), a typical (median) and the largest city page's
  ``index.html``, and the home page (``site/index.html``, which must not grow with cities);
* the validator alone: :func:`macros.publish.project.load_project` on that project, in-process.

In the same run, on the same machine, the **baseline**: plain mkdocs-material (``plugins: []``,
same theme options, ``theme.font: false``) building the same number of pages, each a heading, a
paragraph and a 32-row table of static Markdown, with no navigation entries but the home page.

A build with no city at all is always measured first: its time is the fixed cost (catalogue
pages, theme assets, interpreter start), so that "marginal ms per city" shows the cost a city
adds, which is what must stay constant for the build to be linear.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import pstats
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

from . import sample_data, workers

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (100, 300, 1000, 3000)
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1"}
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
    "YAML parse alone, CPU (s)",
    "load",
)


# ---------------------------------------------------------------------------------------------
# Running a build.


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
            command, cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **BUILD_ENV, **(env or {})}
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


def make_project(dest: Path, cities: int, seed: int) -> list[str]:
    """A project like the repository (as tests/conftest.py make_project), with generated cities."""
    dest.mkdir(parents=True)
    (dest / "macros").symlink_to(ROOT / "macros")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "criteria", dest / "criteria")
    (dest / "assessments").mkdir()
    return sample_data.generate(cities, dest / "assessments", seed=seed) if cities else []


BASELINE_CONFIG = """\
# Baseline of scripts/bench: plain mkdocs-material, no plugins, no navigation but the home page.
site_name: Baseline
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  font: false
  language: en
  features:
    - navigation.tabs
    - navigation.indexes
    - navigation.top
    - search.suggest
  palette:
    scheme: default
    primary: indigo
    accent: indigo
plugins: []
nav:
  - Home: index.md
"""


def _baseline_page(title: str, number: int, characteristics: list[tuple[str, str]]) -> str:
    rows = "\n".join(
        f"| {cid} | {name} | {1 + (number + i) % 5} | {1 + (number + i + 1) % 5} | "
        f"The approach is agreed and applied to most new projects; review {number}-{i}. |"
        for i, (cid, name) in enumerate(characteristics)
    )
    return (
        f"# {title}\n\n"
        f"{title} assessed itself against the maturity model on several occasions. This paragraph stands for "
        "the profile of a city: its country, region, population, type of community, and the method of its "
        "latest assessment, with a short summary of the findings.\n\n"
        "| ID | Characteristic | Now | In two years | Justification |\n|---|---|---|---|---|\n"
        f"{rows}\n"
    )


def make_baseline(dest: Path, pages: int, city_names: list[str], characteristics: list[tuple[str, str]]) -> None:
    """``pages`` pages in all: the home page, one per city, and as many others as the real site has."""
    docs = dest / "docs"
    docs.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Baseline\n\nPlain mkdocs-material, for comparison.\n", encoding="utf-8")
    for i, name in enumerate(city_names, start=1):
        (docs / "cities" / f"city-{i:05d}").mkdir(parents=True)
        (docs / "cities" / f"city-{i:05d}" / "index.md").write_text(
            _baseline_page(name, i, characteristics), encoding="utf-8"
        )
    for i in range(1, max(0, pages - 1 - len(city_names)) + 1):
        (docs / "pages" / f"page-{i:05d}").mkdir(parents=True)
        (docs / "pages" / f"page-{i:05d}" / "index.md").write_text(
            _baseline_page(f"Page {i}", i, characteristics), encoding="utf-8"
        )


def _city_name(city_yaml: Path) -> str:
    for line in city_yaml.read_text("utf-8").splitlines():
        if line.startswith("name: "):
            value = line[len("name: ") :]
            return value[1:-1] if value.startswith('"') else value
    return city_yaml.parent.name


def code_fingerprint() -> str:
    """A hash of what the build runs (macros/, docs/, mkdocs.yml, criteria/): it must not change during a run."""
    import hashlib

    digest = hashlib.sha256()
    for folder in ("macros", "docs", "criteria"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update((ROOT / "mkdocs.yml").read_bytes())
    return digest.hexdigest()[:12]


def _pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def _tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


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


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the validator's worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


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


def _validator_seconds(project: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one :func:`load_project` (catalogue and every assessment, read and checked)."""
    from .publish import project as project_module

    gc.collect()
    start, start_cpu = time.perf_counter(), _cpu_seconds()
    project_module.load_project(project)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - start_cpu
    project_module._memory.clear()  # keep memory flat between sizes
    return seconds, cpu


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
            f"{self.yaml_floor:,.2f}",
            f"{self.load:.1f}",
        ]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure(
    cities: int, *, seed: int, workdir: Path, repeat: int, characteristics: list[tuple[str, str]], warm_up: bool = False
) -> SizeResult:
    project = workdir / f"ours-{cities}"
    code_before = code_fingerprint()
    _log(f"[{cities} cities] generating data…")
    slugs = make_project(project, cities, seed)
    assessments = sum(1 for slug in slugs for p in (project / "assessments" / slug).iterdir() if p.name != "city.yaml")
    validator, validator_cpu = min(_validator_seconds(project) for _ in range(repeat))
    _log(
        f"[{cities} cities] validator: {validator:.2f} s ({validator_cpu:.2f} s CPU) for {assessments + len(slugs):,} files"
    )
    yaml_floor = _yaml_floor_seconds(project)
    _log(f"[{cities} cities] PyYAML's C loader alone: {yaml_floor:.2f} s CPU")
    if warm_up:  # the first build of a run pays for cold file caches: not counted
        _require(run_build(project), f"{cities}-city warm-up")
    ours_runs = []
    for i in range(repeat):
        ours_runs.append(_require(run_build(project), f"{cities}-city"))
        _log(
            f"[{cities} cities] our build {i + 1}/{repeat}: {ours_runs[-1].seconds:.1f} s ({ours_runs[-1].cpu:.1f} s CPU), "
            f"{ours_runs[-1].peak_mb:.0f} MB, load {ours_runs[-1].load:.1f}"
        )
    site = project / "site"
    pages = _pages(site)
    sizes = sorted((site / "cities" / slug / "index.html").stat().st_size for slug in slugs)
    largest = max(slugs, key=lambda s: (site / "cities" / s / "index.html").stat().st_size) if slugs else None
    output_parts = _output_parts(site)
    output_bytes = sum(output_parts.values())
    home = (site / "index.html").stat().st_size
    shutil.rmtree(site)

    baseline = workdir / f"baseline-{cities}"
    make_baseline(
        baseline, pages, [_city_name(project / "assessments" / s / "city.yaml") for s in slugs], characteristics
    )
    base_runs = []
    for i in range(repeat):
        base_runs.append(_require(run_build(baseline), f"{cities}-page baseline"))
        _log(
            f"[{cities} cities] baseline build {i + 1}/{repeat}: {base_runs[-1].seconds:.1f} s ({base_runs[-1].cpu:.1f} s CPU), "
            f"{base_runs[-1].peak_mb:.0f} MB, load {base_runs[-1].load:.1f}"
        )
    baseline_pages = _pages(baseline / "site")
    shutil.rmtree(baseline)
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
        yaml_floor=yaml_floor,
        code=code_before if code_fingerprint() == code_before else "changed",
    )


# ---------------------------------------------------------------------------------------------
# Live reload: `mkdocs serve`, edit one assessment, wait for the page to show it.


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str, timeout: float = 60) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


@dataclass
class LiveReload:
    cities: int
    first_build: float
    edits: list[float] = field(default_factory=list)


def live_reload(cities: int, *, seed: int, workdir: Path, edits: int = 3, timeout: float = 120) -> LiveReload:
    """Seconds from saving an edited assessment to the served city page showing the edit."""
    project = workdir / f"serve-{cities}"
    slugs = make_project(project, cities, seed)
    slug = slugs[len(slugs) // 2]
    latest = sorted(p for p in (project / "assessments" / slug).iterdir() if p.name != "city.yaml")[-1]
    port = _free_port()
    url = f"http://127.0.0.1:{port}/cities/{slug}/"
    log = open(workdir / "serve.log", "wb")
    start = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, **BUILD_ENV},
    )
    try:
        while _fetch(url, timeout=5) is None:
            if server.poll() is not None or time.perf_counter() - start > timeout:
                raise SystemExit(f"bench: mkdocs serve did not come up; see {workdir / 'serve.log'}")
            time.sleep(0.2)
        result = LiveReload(cities, time.perf_counter() - start)
        _log(f"[live reload, {cities} cities] first build served after {result.first_build:.1f} s")
        for n in range(1, edits + 1):
            time.sleep(1.5)  # let the watcher settle
            marker = f"Live reload check {n} {time.time_ns()}."
            lines = latest.read_text("utf-8").splitlines()
            at = next((i for i, line in enumerate(lines) if line.startswith("summary:")), None)
            if at is None:
                at = next(i for i, line in enumerate(lines) if line.startswith("characteristics:"))
                lines.insert(at, "")
            lines[at] = f"summary: {marker}"
            latest.write_text("\n".join(lines) + "\n", encoding="utf-8")
            saved = time.perf_counter()
            while True:
                page = _fetch(url)
                if page is not None and marker in page:
                    break
                if server.poll() is not None or time.perf_counter() - saved > timeout:
                    raise SystemExit(f"bench: the edit never showed; see {workdir / 'serve.log'}")
                time.sleep(0.05)
            result.edits.append(time.perf_counter() - saved)
            _log(f"[live reload, {cities} cities] edit {n}: shown after {result.edits[-1]:.2f} s")
        return result
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        shutil.rmtree(project, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Profile.

AREAS = (  # (label, test on the profiled file name), first match wins
    ("our code (macros/)", lambda f: "/macros/" in f and "site-packages" not in f),
    ("Material search plugin", lambda f: "/material/plugins/search/" in f),
    ("other Material plugins", lambda f: "/material/plugins/" in f),
    (
        "theme templates (Jinja, compiled)",
        lambda f: f.endswith((".html", ".xml", ".js")) or "/material/templates/" in f,
    ),
    ("MkDocs search plugin", lambda f: "/mkdocs/contrib/search/" in f),
    ("MkDocs", lambda f: "/mkdocs/" in f),
    ("Material (Python)", lambda f: "/material/" in f),
    ("mkdocs-macros", lambda f: "/mkdocs_macros/" in f),
    ("Markdown + extensions", lambda f: "/markdown/" in f or "/pymdownx/" in f),
    ("Jinja2", lambda f: "/jinja2/" in f),
    ("MarkupSafe", lambda f: "/markupsafe/" in f),
    ("PyYAML", lambda f: "/yaml/" in f),
    ("Babel", lambda f: "/babel/" in f),
    ("pycountry", lambda f: "/pycountry/" in f),
    ("other packages", lambda f: "site-packages" in f),
    ("C functions and builtins (re, str, I/O…)", lambda f: f == "~"),
)

# Where the time goes, by phase: cumulative time of these functions (file suffix, function name).
PHASES = (
    ("our hook on_config: load and validate the data, plan the pages", "macros/mkdocs_hooks.py", "on_config"),
    (
        "load_project (the validator), in whichever of define_env and on_config runs first",
        "macros/publish/project.py",
        "load_project",
    ),
    ("our hook on_files: virtual pages and generated files", "macros/mkdocs_hooks.py", "on_files"),
    ("our hook on_page_content: generated pages' HTML", "macros/mkdocs_hooks.py", "on_page_content"),
    ("our hook on_page_context: generated pages' HTML", "macros/mkdocs_hooks.py", "on_page_context"),
    (
        "our hook on_post_build: city pages (shared shell) and data files (exports, feeds, badges)",
        "macros/mkdocs_hooks.py",
        "on_post_build",
    ),
    ("mkdocs-macros on_config (define_env)", "mkdocs_macros/plugin.py", "on_config"),
    ("mkdocs-macros on_page_markdown", "mkdocs_macros/plugin.py", "on_page_markdown"),
    ("navigation (get_navigation)", "mkdocs/structure/nav.py", "get_navigation"),
    ("every page: _build_page (Markdown, hooks, search, template)", "mkdocs/commands/build.py", "_build_page"),
    ("  Markdown to HTML (Page.render)", "mkdocs/structure/pages.py", "render"),
    (
        "  search index entries (Material search on_page_context)",
        "material/plugins/search/plugin.py",
        "on_page_context",
    ),
    ("  theme template (Template.render)", "jinja2/environment.py", "render"),
    ("search index written (on_post_build)", "material/plugins/search/plugin.py", "on_post_build"),
    ("sitemap.xml and 404 (_build_theme_template)", "mkdocs/commands/build.py", "_build_theme_template"),
    ("copy theme and static files (copy_static_files)", "mkdocs/structure/files.py", "copy_static_files"),
)
# Frames that only wrap the whole run (interpreter, click): left out of the top functions.
_WRAPPERS = ("<frozen runpy>", "/click/", "<string>", "mkdocs/__main__.py")


def _short(filename: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/", "/lib/python3"):
        if marker in filename:
            return (
                filename.split(marker, 1)[1]
                if marker != "/lib/python3"
                else "stdlib/" + filename.split(marker, 1)[1].split("/", 1)[-1]
            )
    return filename


@dataclass
class Profile:
    cities: int
    total: float  # the profiled build's wall time (profiling slows it down)
    top: list[tuple[str, int, float, float]]  # function, calls, own time, cumulative time
    areas: list[tuple[str, float]]
    phases: list[tuple[str, float]]
    profiled_total: float  # total own time recorded by the profiler


def profile(cities: int, *, seed: int, workdir: Path, top: int = 25) -> Profile:
    project = workdir / f"profile-{cities}"
    make_project(project, cities, seed)
    out = workdir / f"profile-{cities}.prof"
    _log(f"[profile, {cities} cities] building under cProfile, in one process…")
    run = _require(run_build(project, profile_to=out, env={workers.ENV_VAR: "1"}), f"{cities}-city profiled")
    stats = pstats.Stats(str(out))
    raw = stats.stats  # type: ignore[attr-defined]
    entries = []
    for (filename, line, name), (_cc, calls, own, cumulative, _callers) in raw.items():
        label = f"{name}" if filename == "~" else f"{_short(filename)}:{line}({name})"
        entries.append((label, calls, own, cumulative, filename, name))
    entries.sort(key=lambda e: e[3], reverse=True)
    shown = [e for e in entries if not any(w in e[4] for w in _WRAPPERS) and e[5] != "<built-in method builtins.exec>"]
    areas: dict[str, float] = {}
    for _label, _calls, own, _cum, filename, _name in entries:
        area = next((label for label, test in AREAS if test(filename)), "Python standard library and other")
        if filename.startswith("<frozen "):  # posixpath, os, codecs… are frozen into the interpreter
            area = f"stdlib: {filename[len('<frozen ') :].rstrip('>')}"
        elif area == "Python standard library and other" and "/lib/python3" in filename:
            module = (
                filename.split("/lib/python3", 1)[1].split("/", 1)[-1].removesuffix(".py").removesuffix("/__init__")
            )
            area = f"stdlib: {module.replace('/', '.')}"
        areas[area] = areas.get(area, 0.0) + own
    phases = []
    for label, suffix, name in PHASES:
        cumulative = max(
            (e[3] for e in entries if e[4].endswith(suffix) and (e[5] == name or e[5].endswith("." + name))),
            default=None,
        )
        if cumulative is not None:
            phases.append((label, cumulative))
    shutil.rmtree(project)
    return Profile(
        cities,
        run.seconds,
        [(e[0], e[1], e[2], e[3]) for e in shown[:top]],
        sorted(areas.items(), key=lambda kv: kv[1], reverse=True),
        phases,
        sum(areas.values()),
    )


def format_profile(p: Profile) -> str:
    lines = [
        f"Profile of one build with {p.cities:,} cities: {p.total:.1f} s under cProfile "
        f"({p.profiled_total:.1f} s of profiled time).",
        "",
        f"Top {len(p.top)} functions by cumulative time:",
        "",
        "| cumulative (s) | own (s) | calls | function |",
        "|---:|---:|---:|---|",
    ]
    lines += [f"| {cum:.2f} | {own:.2f} | {calls:,} | `{label}` |" for label, calls, own, cum in p.top]
    lines += [
        "",
        "Own time by area (where the CPU actually goes):",
        "",
        "| area | own time (s) | share |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| {area} | {own:.2f} | {own / p.profiled_total:.0%} |"
        for area, own in p.areas
        if own >= 0.005 * p.profiled_total
    ]
    lines += [
        "",
        "Phases (cumulative time of the function named; phases overlap):",
        "",
        "| phase | cumulative (s) |",
        "|---|---:|",
    ]
    lines += [f"| {label} | {cum:.2f} |" for label, cum in p.phases]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The report.


def machine() -> dict[str, str]:
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
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
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
    info["commit"] = _STARTED_ON
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


_STARTED_ON = "unknown"  # git_describe() when the run started (set by main)


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
    if 300 in by_size and big and big > 300 and by_size[300].marginal_ms_per_city and by_size[big].marginal_ms_per_city:
        m300, mbig = by_size[300].marginal_ms_per_city, by_size[big].marginal_ms_per_city
        growth = mbig / m300 - 1
        figures = (
            f"marginal {mbig:.1f} ms per city at {big:,} vs {m300:.1f} ms at 300 ({growth:+.0%}); "
            f"per city page overall {by_size[big].ms_per_city:.1f} vs {by_size[300].ms_per_city:.1f} ms"
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
    elif by_size:
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

    pages = [r for r in results if r.city_largest is not None]
    if pages:
        worst = max(pages, key=lambda r: r.city_largest)
        ok = worst.city_largest < TARGET_CITY_PAGE_KB * 1024
        figures = (
            f"largest {worst.city_largest / 1024:,.0f} KB (`cities/{worst.largest_city}/`), typical "
            f"{statistics.median(r.city_typical for r in pages) / 1024:,.0f} KB"
        )
    else:
        figures, ok = "no city built", None
    rows.append((f"A city page's HTML under {TARGET_CITY_PAGE_KB} KB", figures, _mark(ok)))

    homes = [r.home for r in results]
    if len(homes) >= 2:
        grows = max(homes) - min(homes)
        ok = grows <= 0.01 * min(homes)
        figures = f"{min(homes) / 1024:,.1f} KB to {max(homes) / 1024:,.1f} KB from {results[0].cities:,} to {results[-1].cities:,} cities"
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


def report(results: list[SizeResult], live: LiveReload | None, prof: Profile | None, command: str, seed: int) -> str:
    info = machine()
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "# Benchmarks",
        "",
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
        "(best of the repeats); **ratio** = ours / baseline; **CPU ratio**: the same with the user + system "
        "CPU time of the build processes (ours: with its worker processes), less sensitive to other work on the machine. "
        "Our build spreads the per-city work over the worker processes (`macros/workers.py`); MkDocs itself, and so "
        "the baseline, uses one core.",
        "- **ms per city page** = ours / cities; **marginal ms per city** = (ours − ours with no city) / cities.",
        "- **peak memory**: maximum resident set size (`ru_maxrss`) of the build process or of any one of its "
        "worker processes, whichever is larger (forked workers share most of their memory with the build process).",
        "- **output**: all files under `site/`; **city page**: `cities/<slug>/index.html` (median and largest); "
        "**home page**: `site/index.html`.",
        "- **validator**: `load_project` (catalogue and all assessments read and checked) alone, in-process, on "
        "the worker processes as in a build; its CPU time includes the workers'.",
        "- **YAML parse alone**: CPU time of PyYAML's C loader (`yaml.load` with `CSafeLoader`) reading the same "
        "files and checking nothing, in one process: the least any build that reads this YAML with PyYAML spends.",
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


# ---------------------------------------------------------------------------------------------
# Command line.


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give sizes as numbers separated by commas, e.g. 100,1000,3000")
    if not sizes or any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError("sizes are numbers of cities, at least 1")
    return sorted(set(sizes))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="scripts/bench",
        description=__doc__.split("\n\n")[0],
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
    p.add_argument("--seed", type=int, default=sample_data.DEFAULT_SEED, help="seed of the synthetic data")
    p.add_argument("--workdir", type=Path, help="where the temporary projects go (default: a new temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the work folder")
    return p


def main(argv: list[str]) -> int:
    global _STARTED_ON
    args = parser().parse_args(argv)
    _STARTED_ON = git_describe()
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
    live = prof = None
    try:
        if run_sizes:
            fixed = measure(
                0, seed=args.seed, workdir=workdir, repeat=args.repeat, characteristics=characteristics, warm_up=True
            )
            results.append(fixed)
            for n in sizes:
                result = measure(
                    n, seed=args.seed, workdir=workdir, repeat=args.repeat, characteristics=characteristics
                )
                result.fixed, result.fixed_cpu = fixed.ours, fixed.ours_cpu
                results.append(result)
                if n != sizes[-1]:
                    _log(table(results))
            print(table(results), flush=True)
            print("\nOutput by part (MB):\n" + output_table(results), flush=True)
        if live_size:
            live = live_reload(live_size, seed=args.seed, workdir=workdir)
        if args.profile is not None:
            prof = profile(args.profile, seed=args.seed, workdir=workdir, top=args.top)
            print(format_profile(prof), flush=True)
        if run_sizes:
            print("\nTargets:")
            for target, figure, mark in targets(results, live):
                print(f"- {target}: {figure}: {mark.strip('*')}")
        if args.write:
            command = "scripts/bench " + " ".join(argv)
            args.write.write_text(report(results, live, prof, command.strip(), args.seed), encoding="utf-8")
            _log(f"wrote {args.write}")
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0
