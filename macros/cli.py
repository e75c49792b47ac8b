"""Command-line entry points (``scripts/`` are one-line wrappers around these)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .diagnostics import Report
from .publish.project import DataError, load_project

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def validate(argv: list[str]) -> int:
    """``scripts/validate``: check all data; print every problem; exit 1 on any error."""
    report = Report()
    try:
        project = load_project(ROOT)
        report.extend(project.report)
    except DataError as exc:
        report = exc.report
    if report.diagnostics:
        print(report.format())
    errors, warnings = len(report.errors), len(report.warnings)
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def build(argv: list[str]) -> int:
    """``scripts/build [SITE_DIR]``: build into a temporary folder, then swap it in.

    A failed validation or build leaves the previously built site untouched."""
    target = Path(argv[0]) if argv else ROOT / "site"
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(staging)],
            cwd=ROOT,
        )
        if result.returncode != 0:
            print(f"build failed: {target} was left as it was", file=sys.stderr)
            return result.returncode
        old = target.with_name(target.name + ".old")
        if target.exists():
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        print(f"site built in {target}", file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def serve(argv: list[str]) -> int:
    """``scripts/serve``: live site on localhost:8000, reloaded when data or code changes."""
    address = argv[0] if argv else "localhost:8000"
    return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address], cwd=ROOT)
