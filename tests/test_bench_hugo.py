"""The bench's peer: Hugo builds the same generated cities beside our English-only build (tools/bench/hugo.py)."""

from __future__ import annotations

import os

import pytest

from tools import sample_data
from tools.bench import hugo
from tools.bench.run import make_project

pytestmark = pytest.mark.skipif(
    hugo.hugo() is None and os.environ.get("CI") != "true", reason="hugo is not installed (.ci/run installs it)"
)


@pytest.mark.slow
def test_hugo_and_our_english_build_run_on_the_same_cities(tmp_path):
    project = tmp_path / "project"
    slugs = make_project(project, 3, sample_data.DEFAULT_SEED)
    result = hugo.measure(project, tmp_path / "work", 3, repeat=1)
    assert result.hugo_pages == len(slugs) + 2  # a page per city, the cities list and the home page
    assert result.english > 0 and result.hugo > 0 and result.english_cpu > 0 and result.hugo_cpu > 0
    assert result.ratio == result.english / result.hugo
    rows = hugo.table([(3, result)]).splitlines()
    assert rows[0].startswith("| cities | ours, English only (s)") and rows[2].startswith("| 3 | ")
    assert not (tmp_path / "work" / "hugo-3").exists() and not (tmp_path / "work" / "english-3").exists()


def test_the_hugo_site_reads_every_city_of_a_project(tmp_path):
    project = tmp_path / "project"
    slugs = make_project(project, 2, sample_data.DEFAULT_SEED)
    work = hugo.prepare(project, tmp_path / "hugo")
    run = hugo.hugo_build(work)
    assert run.returncode == 0, run.output
    for slug in slugs:
        page = (work / "public" / "cities" / slug / "index.html").read_text(encoding="utf-8")
        assert "1.1.1" in page
