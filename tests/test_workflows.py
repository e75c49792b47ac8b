"""The GitHub workflows and .ci/run: actions pinned by commit, the store's cache keyed by what it holds
and never saved by a pull request, and nothing the build makes taken from the checkout."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
# "uses: owner/name[/path]@<40 hex digits> # vX.Y.Z": a tag can be moved to other code, a commit cannot
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
STORE_KEY = (
    "mmssc-store-${{ runner.os }}-${{ hashFiles('assessments/**', 'criteria/**', 'macros/**', 'requirements.txt') }}"
)


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} >= {"pr.yml", "pages.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_by_commit_with_its_version(path) -> None:
    uses = [line for line in path.read_text("utf-8").splitlines() if re.match(r"^\s*(?:- )?uses:", line)]
    assert uses, path.name
    assert [line.strip() for line in uses if not PINNED.match(line)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_the_checkout_is_checked_before_anything_runs(path) -> None:
    text = path.read_text("utf-8")
    for job in re.split(r"\n  [\w-]+:\n    name:", text)[1:]:
        if "actions/checkout@" not in job:
            continue
        check = job.index("python3 tools/tracked_ignored.py")
        assert job.index("actions/checkout@") < check
        for later in ("run: make ", "run: scripts/", "run: bash .ci/run"):
            if later in job:
                assert check < job.index(later), (path.name, later)


def test_the_store_is_keyed_by_its_content_and_starts_empty() -> None:
    pages = (REPO / ".github" / "workflows" / "pages.yml").read_text("utf-8")
    pr = (REPO / ".github" / "workflows" / "pr.yml").read_text("utf-8")
    for text in (pages, pr):
        assert f"key: {STORE_KEY}\n" in text
        assert "restore-keys: mmssc-store-${{ runner.os }}-\n" in text
        assert "github.run_id" not in text, "a key per run saves a new cache every run"
        assert text.index("rm -rf .cache/mmssc") < text.index("path: .cache/mmssc")
    assert "uses: actions/cache@" in pages, "main's runs save the store"
    assert "actions/cache@" not in pr and "uses: actions/cache/restore@" in pr, "pull requests only restore it"


def test_ci_checks_the_checkout_before_make() -> None:
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert ci.index("python3 tools/tracked_ignored.py") < ci.index("make ")
