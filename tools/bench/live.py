"""Live reload: ``mkdocs serve``, edit one assessment, wait for the page to show it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from macros import layout

from .run import _log, make_project

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


def latest_assessment(folder: Path) -> Path:
    """The city's latest assessment file (not city.yaml, indicators.yaml nor the indicators' folder)."""
    return max(p for p in folder.iterdir() if layout.ASSESSMENT_FILE.fullmatch(p.name))


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
    latest = latest_assessment(project / "assessments" / slug)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/cities/{slug}/"
    log = open(workdir / "serve.log", "wb")
    start = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
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
