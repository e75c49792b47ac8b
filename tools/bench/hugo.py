"""The peer a user could pick instead: Hugo building minimal city pages from the very same YAML.

``hugo-site/`` (from ``../shared/bench/hugo-anchor/``) is a minimal Hugo site that reads a project's
``assessments/`` and the YAML of its ``criteria/`` as Hugo data files and builds one page per city: profile,
the 32-row table with change since the previous assessment, medians by dimension, history; no validation,
no languages, no charts, feeds or data files (about 11 KB a page). The benchmark times it beside our
English-only build of the same generated cities, in the same run, the two alternated (:func:`measure`).
Needs Debian's ``hugo`` (0.111.3 in Debian 12; ``.ci/run`` installs it when missing).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .run import Run, _Aside, _log, _require, run_build

SITE = Path(__file__).resolve().parent / "hugo-site"


def hugo() -> str | None:
    """The ``hugo`` command, or None when it is not installed."""
    return shutil.which("hugo")


def prepare(project: Path, work: Path) -> Path:
    """A Hugo project in ``work`` over ``project``'s criteria and assessments (as run.sh lays it out)."""
    shutil.copytree(SITE, work)
    (work / "data" / "criteria").mkdir(parents=True)
    (work / "content" / "cities").mkdir(parents=True, exist_ok=True)
    criteria = project / "criteria"
    for path in criteria.rglob("*.yaml"):  # Hugo reads every file under data/: only the catalogue's YAML
        target = work / "data" / "criteria" / path.relative_to(criteria)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    # each city's profile and assessments, linked (its indicators.yaml and CSV series are not Hugo's to read:
    # a file and a folder of one name are one key to Hugo, and it refuses to merge them)
    for folder in sorted((project / "assessments").iterdir()):
        if folder.is_dir():
            data = work / "data" / "assessments" / folder.name
            data.mkdir(parents=True)
            for path in sorted(folder.glob("*.yaml")):
                if path.name == "city.yaml" or path.name[:1].isdigit():
                    (data / path.name).symlink_to(path.resolve())
            (work / "content" / "cities" / f"{folder.name}.md").write_text(
                f'---\ncity: "{folder.name}"\n---\n', encoding="utf-8"
            )
    return work


def hugo_build(work: Path) -> Run:
    """One cold ``hugo --quiet`` in ``work``: wall time, CPU time and peak memory of the process."""
    command = hugo()
    if command is None:
        raise SystemExit("bench: hugo is not installed (Debian: apt-get install hugo)")
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen([command, "--quiet"], cwd=work, stdout=log, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, load, code, output)


def english_only(project: Path, dest: Path) -> Path:
    """A copy of ``project`` (its assessments copied, the rest linked or copied) that builds English only, cold."""
    dest.mkdir(parents=True)
    for name in ("macros", "overrides"):
        (dest / name).symlink_to((project / name).resolve())
    for name in ("docs", "criteria", "assessments"):
        shutil.copytree(project / name, dest / name)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text, count = re.subn(r"languages: \[[^\]]*\]", "languages: [en]", text)
    if count != 1:
        raise SystemExit("bench: mkdocs.yml has no 'languages: [...]' line of the mmssc plugin to set")
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    return dest


@dataclass
class HugoResult:
    english: float  # our English-only cold build, best wall seconds
    english_cpu: float
    english_peak_mb: float
    hugo: float  # Hugo's cold build of the same cities, best wall seconds
    hugo_cpu: float
    hugo_peak_mb: float
    hugo_pages: int

    @property
    def ratio(self) -> float:
        return self.english / self.hugo


def measure(project: Path, workdir: Path, cities: int, repeat: int) -> HugoResult:
    """Our English-only build and Hugo's on ``project``'s cities, alternated ``repeat`` times, each cold."""
    ours_dir = english_only(project, workdir / f"english-{cities}")
    hugo_dir = prepare(ours_dir, workdir / f"hugo-{cities}")
    aside = _Aside(workdir / "aside-hugo")
    ours: list[Run] = []
    peers: list[Run] = []
    for i in range(repeat):
        aside.put(ours_dir / "site")
        aside.put(ours_dir / ".cache")
        ours.append(_require(run_build(ours_dir), f"{cities}-city English-only"))
        aside.put(hugo_dir / "public")
        aside.put(hugo_dir / "resources")
        peers.append(_require(hugo_build(hugo_dir), f"{cities}-city Hugo"))
        _log(
            f"[{cities} cities] English only {i + 1}/{repeat}: {ours[-1].seconds:.1f} s ({ours[-1].cpu:.1f} s CPU, "
            f"{ours[-1].peak_mb:.0f} MB); Hugo: {peers[-1].seconds:.1f} s ({peers[-1].cpu:.1f} s CPU, "
            f"{peers[-1].peak_mb:.0f} MB), load {peers[-1].load:.1f}"
        )
    pages = sum(1 for _ in (hugo_dir / "public").rglob("index.html"))
    shutil.rmtree(hugo_dir)
    shutil.rmtree(ours_dir)
    aside.empty()
    return HugoResult(
        english=min(r.seconds for r in ours),
        english_cpu=min(r.cpu for r in ours),
        english_peak_mb=max(r.peak_mb for r in ours),
        hugo=min(r.seconds for r in peers),
        hugo_cpu=min(r.cpu for r in peers),
        hugo_peak_mb=max(r.peak_mb for r in peers),
        hugo_pages=pages,
    )


def table(rows: list[tuple[int, HugoResult]]) -> str:
    """Markdown: our English-only build against Hugo on the same cities."""
    lines = [
        "| cities | ours, English only (s) | CPU (s) | peak (MB) | Hugo (s) | Hugo CPU (s) | Hugo peak (MB) "
        "| Hugo pages | ratio (ours / Hugo) | CPU ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for cities, r in rows:
        lines.append(
            f"| {cities:,} | {r.english:.1f} | {r.english_cpu:.1f} | {r.english_peak_mb:,.0f} | {r.hugo:.1f} | "
            f"{r.hugo_cpu:.1f} | {r.hugo_peak_mb:,.0f} | {r.hugo_pages:,} | {r.ratio:.2f} | "
            f"{r.english_cpu / r.hugo_cpu:.2f} |"
        )
    return "\n".join(lines)
