"""scripts/bench at a tiny size: the table has its columns and every figure parses (no timing asserted)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools import bench

EXPECTED_COLUMNS = [
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
]
# Columns that have no value for the row without cities.
PER_CITY = {
    "ms per city page",
    "marginal ms per city",
    "city page typical (KB)",
    "city page largest (KB)",
    "warm rebuild (s)",
    "warm / cold",
    "validator warm (s)",
}


def _number(text: str) -> float:
    assert re.fullmatch(r"-?[0-9][0-9,]*(\.[0-9]+)?", text), text  # marginal time: noise can make it negative
    return float(text.replace(",", ""))


def _section(markdown: str, heading: str) -> str:
    return markdown.split(f"{heading}\n", 1)[1].split("\n## ", 1)[0]


def _table(text: str) -> tuple[list[dict[str, str]], list[str]]:
    """The first Markdown table in ``text``: its rows (column → cell) and its header."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    header, rule, *body = lines[start:end]
    columns = [cell.strip() for cell in header.strip("|").split("|")]
    assert set(rule.replace("|", "").strip()) <= set("-: ")
    return [
        dict(zip(columns, (cell.strip() for cell in line.strip("|").split("|")), strict=True)) for line in body
    ], columns


@pytest.mark.slow
def test_bench_writes_the_table(tmp_path, capsys):
    out = tmp_path / "BENCHMARKS.md"
    assert (
        bench.main(["--sizes", "5", "--live-reload", "0", "--workdir", str(tmp_path / "work"), "--write", str(out)])
        == 0
    )
    printed = capsys.readouterr().out
    assert "| " + " | ".join(EXPECTED_COLUMNS) + " |" in printed

    text = out.read_text("utf-8")
    rows, header = _table(_section(text, "## Results"))
    assert header == EXPECTED_COLUMNS
    assert [row["cities"] for row in rows] == ["0", "5"]
    for row in rows:
        for column in EXPECTED_COLUMNS:
            if row["cities"] == "0" and column in PER_CITY:
                assert row[column] == "—"
            else:
                _number(row[column])
    five = rows[1]
    assert _number(five["assessments"]) >= 5
    assert _number(five["pages"]) > _number(rows[0]["pages"]) >= 5  # each city adds a page
    ratio = _number(five["ours (s)"]) / _number(five["baseline (s)"])  # from rounded figures
    assert abs(_number(five["ratio"]) - ratio) <= 0.1 * ratio + 0.05
    assert _number(five["city page largest (KB)"]) >= _number(five["city page typical (KB)"]) > 0

    machine, _ = _table(_section(text, "## Machine"))
    assert {"CPU", "cores", "RAM", "Python", "mkdocs", "mkdocs-material", "mkdocs-macros-plugin"} <= {
        r["item"] for r in machine
    }
    parts, header = _table(_section(text, "### Output by part (MB)"))
    assert header[0] == "cities" and header[-1] == "total" and len(parts) == 2
    for row in parts:
        assert (
            abs(sum(_number(v) for k, v in row.items() if k not in ("cities", "total")) - _number(row["total"])) < 0.5
        )
    targets, _ = _table(_section(text, "## Targets (issue 7)"))
    assert len(targets) == 6
    assert all(r["status"] in ("**met**", "**not met**", "not measured") for r in targets)
    targets, _ = _table(_section(text, "## Targets (issue 14)"))
    assert len(targets) == 4
    assert all(r["status"] in ("**met**", "**not met**", "not measured") for r in targets)


@pytest.mark.slow
def test_live_reload_shows_an_edit_of_the_latest_assessment(tmp_path):
    """``make bench`` measures it: a city folder also holds indicators.yaml and indicators/ now."""
    from tools.bench.live import latest_assessment, live_reload

    result = live_reload(3, seed=37107, workdir=tmp_path, edits=1)
    assert result.first_build > 0 and len(result.edits) == 1 and result.edits[0] > 0
    folder = tmp_path / "city"
    (folder / "indicators").mkdir(parents=True)
    for name in ("city.yaml", "2019-05-01.yaml", "2024-02-03.yaml", "indicators.yaml"):
        (folder / name).write_text("", "utf-8")
    assert latest_assessment(folder).name == "2024-02-03.yaml"


def test_writing_the_report_keeps_the_hand_written_sections(tmp_path):
    from tools.bench.report import write_report

    out = tmp_path / "BENCHMARKS.md"
    write_report(out, "## Results\n\nfirst run")
    assert out.read_text("utf-8").startswith("# Benchmarks\n\n<!-- written by scripts/bench")
    out.write_text(out.read_text("utf-8") + "\n## A finding (by hand)\n\nkept\n", "utf-8")
    write_report(out, "## Results\n\nsecond run")
    text = out.read_text("utf-8")
    assert "second run" in text and "first run" not in text
    assert text.endswith("## A finding (by hand)\n\nkept\n") and text.count("<!-- written by") == 2
    # the repository's own file has the two marks, so `make bench` keeps its findings
    repo = (Path(__file__).parents[1] / "BENCHMARKS.md").read_text("utf-8")
    assert repo.count("<!-- written by scripts/bench --write:") == 2


@pytest.mark.slow
def test_profile_prints_the_top_functions(tmp_path, capsys):
    assert bench.main(["--profile", "3", "--top", "5", "--workdir", str(tmp_path / "work")]) == 0
    printed = capsys.readouterr().out
    assert "Top 5 functions by cumulative time" in printed
    top = printed.split("Top 5 functions", 1)[1].split("Own time by area", 1)[0]
    assert len([line for line in top.splitlines() if line.startswith("| ") and "`" in line]) == 5
    assert "our code (macros/)" in printed
    assert "Markdown to HTML" in printed


@pytest.mark.slow
def test_the_outcomes_cost_compares_the_same_cities_with_and_without_indicators(capsys):
    from tools.bench import outcomes_cost

    assert outcomes_cost.main(["--cities", "2", "--repeat", "1"]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"^without indicators, build 1: [\d.]+ s, [\d.]+ s CPU$", printed, re.MULTILINE)
    assert re.search(r"^with indicators, build 1: [\d.]+ s, [\d.]+ s CPU$", printed, re.MULTILINE)
    assert re.search(
        r"2 cities, six indicators each against none, median of 1: wall [+-][\d.]+%, CPU [+-][\d.]+%", printed
    )


@pytest.mark.slow
def test_the_outcomes_cost_side_by_side_builds_both_at_once_in_one_process_each(capsys):
    from tools.bench import outcomes_cost

    assert outcomes_cost.main(["--cities", "2", "--repeat", "1", "--side-by-side"]) == 0
    printed = capsys.readouterr().out
    for kind in ("without", "with"):
        assert re.search(
            rf"^{kind} indicators, build 1 \(side by side, one process\): [\d.]+ s, [\d.]+ s CPU$",
            printed,
            re.MULTILINE,
        )
    assert re.search(r"^each pair's growth, CPU: [+-][\d.]+%$", printed, re.MULTILINE)
    assert re.search(r"median of 1 \(side by side, one process each\): wall [+-][\d.]+%, CPU [+-][\d.]+%", printed)
    assert "1 pair(s) are too few to judge" in printed and ": met" not in printed


def test_the_outcomes_cost_gives_a_verdict_only_on_enough_pairs():
    from tools.bench.outcomes_cost import MIN_PAIRS_TO_JUDGE, verdict

    assert verdict(0.149, 2).startswith("2 pair(s) are too few to judge")
    assert verdict(0.149, MIN_PAIRS_TO_JUDGE) == "met"
    assert verdict(0.151, MIN_PAIRS_TO_JUDGE + 1) == "not met"
