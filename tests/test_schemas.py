"""The JSON Schemas in docs/schemas/ and the form's rules are generated from the validator's rules
(scripts/schemas, macros/commands/schemas.py): the committed files must be what it writes today."""

from __future__ import annotations

import json
import subprocess

import jsonschema

from macros.commands import schemas


def test_committed_files_are_up_to_date(repo, catalogue):
    stale = [path.as_posix() for path, _current, _text in schemas.stale(repo, catalogue)]
    assert stale == [], f"out of date: {stale}; run scripts/schemas and commit the files it writes"


def test_check_command_fails_on_an_edited_file(repo, tmp_path):
    (tmp_path / "docs" / "schemas").mkdir(parents=True)
    (tmp_path / "docs" / "assets").mkdir(parents=True)
    (tmp_path / "criteria").symlink_to(repo / "criteria")
    bulk = "docs/schemas/assessments-export.schema.json"  # hand-written: the source of the city files' schemas
    (tmp_path / bulk).write_bytes((repo / bulk).read_bytes())
    assert schemas.main([], root=tmp_path) == 0  # writes them
    assert schemas.main(["--check"], root=tmp_path) == 0
    path = tmp_path / "docs" / "schemas" / "city.schema.json"
    path.write_text(path.read_text("utf-8").replace('"maxLength": 200', '"maxLength": 300', 1), "utf-8")
    assert schemas.main(["--check"], root=tmp_path) == 1


def test_the_schemas_are_valid_draft_2020_12(repo):
    for name in ("city", "assessment", "city-export", "city-index"):
        document = json.loads((repo / "docs" / "schemas" / f"{name}.schema.json").read_text("utf-8"))
        jsonschema.Draft202012Validator.check_schema(document)


def test_the_form_reads_the_same_schemas(repo):
    """docs/assets/assess-rules.js carries the very schemas of docs/schemas/ (one generator, one content)."""
    text = (repo / "docs" / "assets" / "assess-rules.js").read_text("utf-8")
    bundle = json.loads(text.split("export default ", 1)[1].rstrip().rstrip(";"))
    for name in ("city", "assessment"):
        committed = json.loads((repo / "docs" / "schemas" / f"{name}.schema.json").read_text("utf-8"))
        assert bundle["schemas"][name] == committed


def test_the_script_runs(repo):
    result = subprocess.run([str(repo / "scripts" / "schemas"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
