"""macros/commands/scaffold.py (scripts/new-assessment): a complete file to fill in.

Its placeholders are what the validator reports until they are filled in."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.commands import scaffold
from macros.diagnostics import Report
from macros.validate import load_registry
from macros.validate.catalogue import load_catalogue

GOOD = Path(__file__).parent / "fixtures" / "assessments" / "good"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def project(repo, tmp_path) -> Path:
    """A copy of the repository's criteria, mkdocs.yml and scripts (sharing its .venv), with an empty
    assessments/ folder."""
    shutil.copytree(repo / "criteria", tmp_path / "criteria")
    shutil.copy2(repo / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "scripts").mkdir()
    for name in ("new-assessment", "_run"):
        shutil.copy2(repo / "scripts" / name, tmp_path / "scripts" / name)
    (tmp_path / "tools").mkdir()  # scripts/_run checks that no .venv came with the checkout
    shutil.copy2(repo / "tools" / "tracked_ignored.py", tmp_path / "tools" / "tracked_ignored.py")
    (tmp_path / ".venv").symlink_to(repo / ".venv")
    (tmp_path / "assessments").mkdir()
    return tmp_path


def _validate(project: Path) -> list[str]:
    """What ``make validate`` prints for the assessments (today fixed)."""
    report = Report()
    catalogue = load_catalogue(project / "criteria", report, display_root=project)
    load_registry(project / "assessments", catalogue, report, display_root=project, today=TODAY)
    return [d.format() for d in report.sorted()]


def _line_of(path: Path, needle: str, start: int = 1) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number >= start and needle in line:
            return number
    raise AssertionError(needle)


def _new(project: Path, *args: str) -> int:
    return scaffold.main(list(args), root=project, today=TODAY)


def test_new_city_placeholders_are_errors_until_filled(project, capsys):
    assert _new(project, "--new-city", "riverton", "2026-03-01") == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        "created assessments/riverton/city.yaml",
        "created assessments/riverton/2026-03-01.yaml",
    ]
    city, path = (
        project / "assessments" / "riverton" / "city.yaml",
        project / "assessments" / "riverton" / "2026-03-01.yaml",
    )
    errors = _validate(project)
    shown = "assessments/riverton/2026-03-01.yaml"
    first = _line_of(path, '"1.1.1":')
    assert f"{shown}:{_line_of(path, 'method: null')}:9: error: method: not filled in yet: choose one of" in "\n".join(
        errors
    )
    assert (
        f'{shown}:{first + 1}:10: error: characteristics."1.1.1".now: not filled in yet: choose a level 1-5, '
        "or replace now/in_two_years by not_assessed: reason"
    ) in errors
    assert f'{shown}:{first + 2}:19: error: characteristics."1.1.1".in_two_years: not filled in yet' in "\n".join(
        errors
    )
    assert (
        f'{shown}:{first + 3}:20: error: characteristics."1.1.1".justification: not filled in yet: '
        "say in a sentence or two why these levels were chosen"
    ) in errors
    assert (
        f"assessments/riverton/city.yaml:{_line_of(city, 'country: TODO')}:10: error: country: not filled in yet"
        in "\n".join(errors)
    )
    assert (
        f"assessments/riverton/city.yaml:{_line_of(city, 'language: TODO')}:11: error: language: not filled in yet: "
        "the language the city's own text is written in, as a BCP 47 language tag such as el, fr, en-GB, pt-BR, "
        "zh-Hant or sr-Latn-RS"
    ) in errors
    # every characteristic, every header field and every city field waits for a person
    assert len(errors) == 32 * 3 + 4 + 10
    assert all(": error: " in e and "not filled in yet" in e for e in errors)

    _fill(path, city)
    assert _validate(project) == []


def _fill(assessment: Path, city: Path) -> None:
    """What a person does: choose levels, write justifications, delete unused optional lines."""
    text = assessment.read_text(encoding="utf-8")
    text = text.replace("method: null", "method: single-stakeholder").replace(
        "participants: []", "participants: [local-government]"
    )
    text = re.sub(r"^(assessors|summary): TODO.*\n", "", text, flags=re.M)
    text = text.replace("now: null", "now: 2").replace("in_two_years: null", "in_two_years: 3")
    text = text.replace("justification: TODO", "justification: Plans exist but are not yet city-wide.")
    assessment.write_text(text, encoding="utf-8")
    text = city.read_text(encoding="utf-8")
    for old, new in (
        ("name: TODO", "name: Riverton"),
        ("country: TODO", "country: CA"),
        ("language: TODO", "language: en-CA"),
        ("population: null", "population: 52000"),
        ("community_type: null", "community_type: town"),
        ("maintainers: []", "maintainers: [octocat]"),
    ):
        text = text.replace(old, new)
    city.write_text(re.sub(r"^\w+: TODO.*\n", "", text, flags=re.M), encoding="utf-8")


def test_new_city_with_its_language(project, capsys):
    assert _new(project, "--new-city", "--language", "fr-CA", "riverton", "2026-03-01") == 0
    city = project / "assessments" / "riverton" / "city.yaml"
    lines = city.read_text(encoding="utf-8").splitlines()
    assert "language: fr-CA  # the language this file's text and the assessments' are written in" in lines
    assert not any("language:" in e for e in _validate(project))


def test_a_language_that_is_not_a_tag_is_refused_before_anything_is_written(project, capsys):
    with pytest.raises(SystemExit) as exit_info:
        _new(project, "--new-city", "--language", "gr", "riverton", "2026-03-01")
    assert exit_info.value.code == 2
    assert 'language: "gr" is not an ISO 639 language code (did you mean "el", Greek?)' in capsys.readouterr().err
    assert list((project / "assessments").iterdir()) == []


def test_language_is_only_for_a_new_city_yaml(project, capsys):
    shutil.copytree(GOOD / "sorvika", project / "assessments" / "sorvika")
    assert _new(project, "--language", "nb", "sorvika", "2026-03-01") == 1
    assert (
        "assessments/sorvika/city.yaml already exists and was left unchanged: --language is for a new city.yaml"
        in capsys.readouterr().err
    )
    assert not (project / "assessments" / "sorvika" / "2026-03-01.yaml").exists()


def test_file_carries_the_criteria_as_comments(project, repo):
    assert _new(project, "--new-city", "riverton", "2026-03-01") == 0
    text = (project / "assessments" / "riverton" / "2026-03-01.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../docs/schemas/assessment.schema.json"
    assert "  # 1.1.1 An outcomes-focused city vision and strategy" in lines
    assert "  #   Level 1 (Initial): There is no published vision and strategy for the future of the city" in lines
    assert "  #   Level 4 (Improving): As at level 3. In addition, these objectives are underpinned by clear" in lines
    assert (
        "  #     - using social media and other digitally-enabled means of communication to facilitate" in lines
    )  # bullets
    assert all(len(line) <= scaffold.WIDTH for line in lines if line.lstrip().startswith("#"))
    assert "[^" not in text  # footnote marks stripped
    ids = re.findall(r'^  "([0-9.]+)":$', text, flags=re.M)
    report = Report()
    assert ids == list(load_catalogue(repo / "criteria", report, display_root=repo).characteristics)


def test_never_overwrites(project, capsys):
    assert _new(project, "--new-city", "riverton", "2026-03-01") == 0
    path = project / "assessments" / "riverton" / "2026-03-01.yaml"
    path.write_text("# my work\n", encoding="utf-8")
    capsys.readouterr()
    assert _new(project, "riverton", "2026-03-01") == 1
    assert "assessments/riverton/2026-03-01.yaml already exists and was left unchanged" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "# my work\n"


def test_unknown_city_needs_new_city_and_suggests_a_close_one(project, capsys):
    shutil.copytree(GOOD / "sorvika", project / "assessments" / "sorvika")
    assert _new(project, "sorvik", "2026-03-01") == 1
    err = capsys.readouterr().err
    assert 'there is no city folder assessments/sorvik. Did you mean "sorvika"?' in err
    assert "scripts/new-assessment --new-city sorvik 2026-03-01" in err
    assert not (project / "assessments" / "sorvik").exists()


def test_city_folder_without_profile_gets_a_template(project, capsys):
    (project / "assessments" / "riverton").mkdir()
    assert _new(project, "riverton", "2026-03-01") == 0
    assert (
        (project / "assessments" / "riverton" / "city.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../../docs/schemas/city.schema.json\n")
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--new-city", "São Paulo", "2026-03-01"],
            '"São Paulo" cannot be a city folder name: only lowercase letters '
            'a-z, digits and single hyphens between them are allowed (for example "sao-paulo")',
        ),
        (["--new-city", "riverton", "2026-12-01"], "2026-12-01 is in the future"),
    ],
)
def test_refuses_bad_names_and_future_dates(project, capsys, args, message):
    assert _new(project, *args) == 1
    assert message in capsys.readouterr().err
    assert list((project / "assessments").iterdir()) == []


def test_rejects_a_date_that_is_not_a_date(project, capsys):
    with pytest.raises(SystemExit) as exit_info:
        _new(project, "riverton", "2026-02-30")
    assert exit_info.value.code == 2
    assert '"2026-02-30" is not a real calendar date' in capsys.readouterr().err


def test_shows_the_previous_levels_to_compare(project):
    shutil.copytree(GOOD / "sorvika", project / "assessments" / "sorvika")
    assert _new(project, "sorvika", "2026-03-01") == 0
    path = project / "assessments" / "sorvika" / "2026-03-01.yaml"
    block = path.read_text(encoding="utf-8").split("  # 4.1 Attractiveness\n", 1)[1].split('  "4.1":')[0]
    assert "  #   Last assessment (2024-02-01): now 3, in two years 3\n" in block


def test_script_end_to_end(project):
    """The real entry point, as a person runs it: the date defaults to today, the second run refuses."""
    script = [str(project / "scripts" / "new-assessment")]  # works on the project it runs in
    first = subprocess.run([*script, "--new-city", "riverton"], capture_output=True, text=True, cwd=project)
    assert first.returncode == 0, first.stderr
    today = dt.date.today().isoformat()
    assert f"created assessments/riverton/{today}.yaml" in first.stdout
    assert (project / "assessments" / "riverton" / f"{today}.yaml").is_file()
    second = subprocess.run([*script, "riverton", today], capture_output=True, text=True, cwd=project)
    assert second.returncode == 1 and "already exists" in second.stderr
