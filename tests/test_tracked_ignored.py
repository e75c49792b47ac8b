"""tools/tracked_ignored.py, .ci/run, the workflows and the Makefile: nothing the build makes (.cache/,
.venv/, site/ …) is taken from the checkout. A pull request can force-add such a file (git add -f): a
store entry that a build would load, a page it would publish, a .venv/bin/python that make would run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

from tools import tracked_ignored

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="needs git")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A checkout with the project's .gitignore, the Makefile and what it calls."""
    root = tmp_path / "repo"
    (root / "tools").mkdir(parents=True)
    for name in (".gitignore", "Makefile", "requirements.txt", "pyproject.toml", "tools/tracked_ignored.py"):
        shutil.copy(REPO / name, root / name)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    return root


def _plant(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    path.chmod(0o755)
    _git(root, "add", "-f", name)


def test_a_clean_checkout_passes(repo: Path) -> None:
    assert tracked_ignored.tracked_ignored(repo) == []
    assert tracked_ignored.tracked_ignored(REPO) == [], "the project itself tracks nothing it ignores"


def test_every_force_added_file_is_named(repo: Path) -> None:
    _plant(repo, ".cache/mmssc/folders/ab/ab12", "planted entry")
    _plant(repo, ".venv/bin/python", "#!/bin/sh\ntouch canary\n")
    _plant(repo, "site/index.html", "<script>alert(1)</script>")
    _plant(repo, "macros/__pycache__/x.pyc", "")
    assert tracked_ignored.tracked_ignored(repo) == [
        ".cache/mmssc/folders/ab/ab12",
        ".venv/bin/python",
        "macros/__pycache__/x.pyc",
        "site/index.html",
    ]
    assert tracked_ignored.tracked_ignored(repo, [".venv"]) == [".venv/bin/python"]
    result = subprocess.run(
        ["python3", str(repo / "tools" / "tracked_ignored.py")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "4 tracked file(s) that .gitignore covers" in result.stderr and "  .venv/bin/python" in result.stderr


def test_make_never_runs_a_tracked_venv(repo: Path) -> None:
    """Even with a stamp that would skip the install: make refuses before running anything from .venv."""
    stamp = subprocess.run(
        "cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1",
        shell=True,
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    _plant(repo, ".venv/bin/python", "#!/bin/sh\ntouch ran-python\n")
    _plant(repo, ".venv/bin/mmssc-validate", "#!/bin/sh\ntouch ran-validate\n")
    _plant(repo, f".venv/.installed-{stamp}", "")
    result = subprocess.run(["make", "validate"], cwd=repo, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert ".venv/bin/python" in result.stderr
    assert not (repo / "ran-python").exists() and not (repo / "ran-validate").exists()
