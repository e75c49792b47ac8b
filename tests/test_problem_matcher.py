"""The GitHub problem matcher turns the validator's real output into annotations on the right YAML line;
the workflows and the pre-commit configuration that use it are wired as described."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import make_project

from macros.commands import cli
from macros.diagnostics import Diagnostic
from macros.publish.project import DataError, load_project

REPO = Path(__file__).resolve().parent.parent
MATCHER = REPO / ".github" / "mmssc-problem-matcher.json"
WORKFLOWS = REPO / ".github" / "workflows"


def matcher() -> dict:
    data = json.loads(MATCHER.read_text(encoding="utf-8"))
    (only,) = data["problemMatcher"]
    return only


def annotate(line: str) -> dict | None:
    """What GitHub makes of one line of a step's output: the matched fields, or None."""
    (pattern,) = matcher()["pattern"]
    match = re.search(pattern["regexp"], line)
    if match is None:
        return None
    fields = ("file", "line", "column", "severity", "message")
    return {name: match.group(pattern[name]) for name in fields}


def as_annotation(d: Diagnostic) -> dict:
    return {
        "file": d.path,
        "line": str(d.line),
        "column": str(d.col),
        "severity": d.severity.value,
        "message": d.message,
    }


# ---------------------------------------------------------------------------------------------
# The matcher file


def test_matcher_file_is_what_github_expects() -> None:
    m = matcher()
    assert m["owner"] == "mmssc"
    (pattern,) = m["pattern"]
    assert pattern["regexp"] == r"^(.+?):(\d+):(\d+): (error|warning): (.+)$"
    assert (pattern["file"], pattern["line"], pattern["column"], pattern["severity"], pattern["message"]) == (
        1,
        2,
        3,
        4,
        5,
    )
    assert "loop" not in pattern  # one line, one problem


def test_matcher_captures_every_field_of_a_diagnostic_line() -> None:
    line = 'assessments/sao-paulo/2025-03-01.yaml:42:11: error: characteristics."1.1.1".now: must be 1 to 5'
    assert annotate(line) == {
        "file": "assessments/sao-paulo/2025-03-01.yaml",
        "line": "42",
        "column": "11",
        "severity": "error",
        "message": 'characteristics."1.1.1".now: must be 1 to 5',
    }


def test_message_keeps_colons_quotes_and_a_second_severity_word() -> None:
    line = "criteria/levels.yaml:3:1: warning: x: 1:2: error: \"q\" 'r' (see: https://example.org/a:b)"
    assert annotate(line) == {
        "file": "criteria/levels.yaml",
        "line": "3",
        "column": "1",
        "severity": "warning",
        "message": "x: 1:2: error: \"q\" 'r' (see: https://example.org/a:b)",
    }


def test_paths_with_spaces_and_colons_are_kept_whole() -> None:
    assert annotate("assessments/New Town/city.yaml:1:1: error: bad")["file"] == "assessments/New Town/city.yaml"
    assert annotate("assessments/a:b/city.yaml:2:3: error: bad")["file"] == "assessments/a:b/city.yaml"


@pytest.mark.parametrize(
    "line",
    [
        "0 error(s), 2 warning(s)",
        ".venv/bin/python scripts/validate",
        "INFO    -  Building documentation...",
        "WARNING -  Doc file 'index.md' contains a link",
        "criteria/levels.yaml:3: error: no column",
        "criteria/levels.yaml:3:1: note: not a severity we print",
        "criteria/levels.yaml:3:1: error: ",
        "site built in /work/site",
    ],
)
def test_other_lines_are_not_annotations(line: str) -> None:
    assert annotate(line) is None


# ---------------------------------------------------------------------------------------------
# Real validator output from broken copies of the data


def _line_of(path: Path, pattern: str) -> int:
    """1-based number of the first line of ``path`` matching ``pattern``."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.search(pattern, text):
            return number
    raise AssertionError(f"no line matching {pattern!r} in {path}")


def _replace_line(path: Path, number: int, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[number - 1] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture
def broken_assessments(tmp_path: Path) -> tuple[Path, dict]:
    """The example cities, with an error in a city file, an error and a warning in an assessment,
    and a city folder whose name has a space; returns the project and where each problem is."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "assessments", data)
    city_dir = sorted(p for p in data.iterdir() if p.is_dir())[0]
    slug = city_dir.name
    city = city_dir / "city.yaml"
    population = _line_of(city, r"^population:")
    _replace_line(city, population, "population: 1,250,000")

    assessment = sorted(city_dir.glob("????-??-??.yaml"))[-1]
    level = _line_of(assessment, r"^    now: [1-5]\s*$")
    _replace_line(assessment, level, '    now: "three"')
    evidence_date = _line_of(assessment, r"^\s+date: \d{4}-\d{2}-\d{2}\s*$")
    indent = re.match(r"\s*", assessment.read_text(encoding="utf-8").splitlines()[evidence_date - 1]).group()
    _replace_line(assessment, evidence_date, f"{indent}date: 2001-01-01")

    shutil.copytree(city_dir, data / "New Town")
    project = make_project(tmp_path / "project", data)
    where = {
        "city": (f"assessments/{slug}/city.yaml", population, len("population: ") + 1),
        "level": (f"assessments/{slug}/{assessment.name}", level, len("    now: ") + 1),
        "evidence": (f"assessments/{slug}/{assessment.name}", evidence_date, len(indent) + len("date: ") + 1),
        "folder": ("assessments/New Town", 1, 1),
    }
    return project, where


def test_real_assessment_diagnostics_become_annotations_on_their_lines(broken_assessments) -> None:
    project, where = broken_assessments
    with pytest.raises(DataError) as caught:
        load_project(project)
    diagnostics = caught.value.report.sorted()
    output = caught.value.report.format().splitlines()
    assert len(output) == len(diagnostics)
    annotations = [annotate(line) for line in output]
    assert annotations == [as_annotation(d) for d in diagnostics]

    def at(key: str) -> dict:
        path, line, col = where[key]
        found = [a for a in annotations if (a["file"], a["line"], a["column"]) == (path, str(line), str(col))]
        assert len(found) == 1, (key, where[key], output)
        return found[0]

    assert at("city")["severity"] == "error"
    assert at("city")["message"] == (
        'population: must be a whole number written without separators, e.g. 1250000, found "1,250,000"'
    )
    level = at("level")
    assert level["severity"] == "error"
    assert re.fullmatch(
        r'characteristics\."\d+(\.\d+)+"\.now: must be a maturity level, a whole number from 1 to 5, '
        r'found "three" \(text: write the number 3\)',
        level["message"],
    ), level["message"]
    evidence = at("evidence")
    assert evidence["severity"] == "warning"
    assert re.fullmatch(
        r'characteristics\."[\d.]+"\.evidence\[\d+\]\.date: 2001-01-01 is more than 5 years before the '
        r"assessment \(\d{4}-\d\d-\d\d\); is there more recent evidence\?",
        evidence["message"],
    )
    folder = at("folder")
    assert folder["severity"] == "error"
    assert folder["message"].startswith('city folder name "New Town" is not allowed: ')
    assert folder["message"].endswith('(rename it to "new-town")')


def test_real_catalogue_diagnostics_become_annotations_on_their_lines(tmp_path: Path) -> None:
    criteria = tmp_path / "criteria"
    shutil.copytree(REPO / "criteria", criteria)
    target = sorted((criteria / "characteristics").glob("*.yaml"))[0]
    text = target.read_text(encoding="utf-8")
    first_key = re.search(r"^([a-z_]+):", text, re.M).group(1)
    target.write_text(text + f"{first_key}: again\n", encoding="utf-8")  # a duplicate key on the last line
    project = make_project(tmp_path / "project", criteria=criteria)
    with pytest.raises(DataError) as caught:
        load_project(project)
    annotations = [annotate(line) for line in caught.value.report.format().splitlines()]
    assert annotations == [as_annotation(d) for d in caught.value.report.sorted()]
    last_line = len(target.read_text(encoding="utf-8").splitlines())
    assert {
        "file": f"criteria/characteristics/{target.name}",
        "line": str(last_line),
        "column": "1",
        "severity": "error",
        "message": f'duplicate key "{first_key}" (first defined at line {_line_of(target, "^" + first_key + ":")}); '
        "each key may appear only once",
    } in annotations


def test_every_line_validate_prints_is_an_annotation(broken_assessments, capsys) -> None:
    """What `make validate` prints on stdout, line by line, as the workflow step shows it to GitHub."""
    project, where = broken_assessments
    assert cli.validate([], root=project) == 1
    out, err = capsys.readouterr()
    lines = [line for line in out.splitlines() if line]
    annotations = [annotate(line) for line in lines]
    assert lines and None not in annotations, out
    assert {(a["file"], a["line"], a["column"]) for a in annotations} >= {
        (path, str(line), str(col)) for path, line, col in where.values()
    }
    assert all(annotate(line) is None for line in err.splitlines())  # the summary is not an annotation


def test_codeowners_check_failure_is_an_annotation(tmp_path: Path, capsys) -> None:
    from macros.commands import codeowners

    (tmp_path / "assessments" / "a-city").mkdir(parents=True)
    (tmp_path / "assessments" / "a-city" / "city.yaml").write_text("maintainers: [ay]\n", encoding="utf-8")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "CODEOWNERS").write_text("* @someone\n", encoding="utf-8")
    assert codeowners.main(["--check"], root=tmp_path) == 1
    out = capsys.readouterr().out.splitlines()
    assert annotate(out[0])["file"] == ".github/CODEOWNERS"
    assert [line for line in out[1:] if annotate(line)] == []  # the diff itself annotates nothing


# ---------------------------------------------------------------------------------------------
# The workflows and pre-commit configuration that use it


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_pull_requests_validate_with_annotations_then_build_and_test() -> None:
    wf = workflow("pr.yml")
    assert "pull_request" in wf["on"] and "pull_request_target" not in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    assert wf["env"]["CI"] == "true"
    data = runs(wf["jobs"]["data"])
    add = f'echo "::add-matcher::{MATCHER.relative_to(REPO).as_posix()}"'
    remove = f'echo "::remove-matcher owner={matcher()["owner"]}::"'
    assert data.index(add) < data.index("make validate") < data.index("make build") < data.index(remove)
    assert data.index(add) < data.index("scripts/codeowners --check") < data.index(remove)
    test = wf["jobs"]["test"]
    assert test["needs"] == "data"
    # the checkout is checked for tracked build outputs first (tests/test_workflows.py), then CI runs
    assert runs(test) == ["python3 tools/tracked_ignored.py", "bash .ci/run"]
    ci = [line.split("#")[0].strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert ci.index("make lint typecheck") < ci.index("make test")  # the code checks first


def test_main_is_built_and_deployed_to_pages() -> None:
    wf = workflow("pages.yml")
    assert wf["on"]["push"] == {"branches": ["main"]}
    assert wf["concurrency"]["group"] == "pages"
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    # one setting switches the engine (mkdocs, or properdocs: CI checks that both build the same site)
    assert 'make build ENGINE="$SITE_ENGINE"' in runs(build)
    assert wf["env"]["SITE_ENGINE"] in ("mkdocs", "properdocs")
    assert wf["env"]["NO_MKDOCS_2_WARNING"] and wf["env"]["DISABLE_MKDOCS_2_WARNING"] == "true"
    upload = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload and upload[0]["with"]["path"].rstrip("/") == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert wf["permissions"] == {"contents": "read"}
    assert build["permissions"] == {"contents": "read", "pages": "read"}  # the job running our code cannot publish
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"


def test_pre_commit_runs_the_validator_on_changed_data_and_checks_codeowners() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (local,) = config["repos"]
    assert local["repo"] == "local"
    hooks = {hook["id"]: hook for hook in local["hooks"]}
    validate, owners = hooks["mmssc-validate"], hooks["mmssc-codeowners"]
    assert validate["entry"] == "scripts/validate" and validate.get("pass_filenames", True)
    files = re.compile(validate["files"])
    for path in (
        "assessments/sao-paulo/city.yaml",
        "assessments/sao-paulo/2025-03-01.yaml",
        "criteria/levels.yaml",
        "criteria/characteristics/1.1.1.yaml",
    ):
        assert files.search(path), path
    for path in ("docs/index.md", "mkdocs.yml", ".github/workflows/pr.yml", "macros/commands/codeowners.py"):
        assert not files.search(path), path
    assert owners["entry"] == "scripts/codeowners --check"
    assert owners["pass_filenames"] is False and owners["always_run"] is True
    for script in ("validate", "codeowners", "_run"):
        assert (REPO / "scripts" / script).stat().st_mode & 0o111, f"scripts/{script} is not executable"


def test_pre_commit_runs_ruff_from_the_project_venv() -> None:
    (local,) = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    hooks = {hook["id"]: hook for hook in local["hooks"]}
    assert hooks["ruff-check"]["entry"].startswith("scripts/_run ruff check")
    assert hooks["ruff-format"]["entry"].startswith("scripts/_run ruff format")
    assert all(
        hooks[h]["language"] == "system" and "python" in hooks[h]["types_or"] for h in ("ruff-check", "ruff-format")
    )
