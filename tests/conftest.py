"""Shared fixtures: the real repository, and small fixture projects built as real MkDocs sites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def catalogue(repo: Path):
    """The repository's catalogue, checked (tests that need another one define their own)."""
    from macros.diagnostics import Report
    from macros.validate import load_catalogue

    report = Report()
    loaded = load_catalogue(repo / "criteria", report, display_root=repo)
    assert loaded is not None, report.format()
    return loaded


def make_project(dest: Path, assessments: Path | None = None, criteria: Path | None = None) -> Path:
    """A project folder like the repository's, with its own data: code and docs are linked, data copied.

    ``assessments`` defaults to an empty folder; ``criteria`` to the real catalogue."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "macros").symlink_to(REPO / "macros")
    (dest / "overrides").symlink_to(REPO / "overrides")  # the theme overrides (mkdocs.yml custom_dir)
    shutil.copytree(REPO / "docs", dest / "docs")
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(criteria or REPO / "criteria", dest / "criteria")
    if assessments is not None:
        shutil.copytree(assessments, dest / "assessments")
    else:
        (dest / "assessments").mkdir()
    return dest


def build_site(project: Path, *, strict: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a real ``mkdocs build`` of a project into ``project/site``."""
    args = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(project / "site")]
    if strict:
        args.append("--strict")
    return subprocess.run(args, cwd=project, capture_output=True, text=True, env={**os.environ, **(env or {})})


@pytest.fixture(scope="session")
def built_repo_site(tmp_path_factory) -> Path:
    """The repository's own data, built once per test session (strict)."""
    project = make_project(tmp_path_factory.mktemp("repo-site"), REPO / "assessments")
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project / "site"
