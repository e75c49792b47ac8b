"""macros/commands/__init__.py: every command works on the project of the folder it runs in (the
nearest folder holding mkdocs.yml, here or above), or the one named with --project DIR or -f FILE;
never on the checkout the package was installed from."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.commands import ROOT_ENV_VAR, ProjectNotFound, find_project, project_options

REPO = Path(__file__).resolve().parent.parent
# what a copy of the checkout leaves out: the environment (shared), what builds and tests write
_TOP_NOT_COPIED = {".git", ".venv", "site", ".cache", "test-artifacts"}
_NOT_COPIED_ANYWHERE = shutil.ignore_patterns("node_modules", "__pycache__", ".*_cache", ".site-*", "site.old")


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(parents=[project_options()])
    return parser.parse_args(list(argv))


@pytest.fixture
def no_root_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ROOT_ENV_VAR, raising=False)


def test_the_project_is_the_nearest_folder_with_mkdocs_yml(tmp_path: Path, no_root_variable: None) -> None:
    outer, inner = tmp_path / "outer", tmp_path / "outer" / "sites" / "inner"
    (inner / "assessments" / "x").mkdir(parents=True)
    (outer / "mkdocs.yml").write_text("site_name: outer\n", encoding="utf-8")
    (inner / "mkdocs.yml").write_text("site_name: inner\n", encoding="utf-8")
    assert find_project(start=inner / "assessments" / "x").root == inner.resolve()
    assert find_project(start=outer / "sites").root == outer.resolve()
    assert find_project(start=inner).config_file == (inner / "mkdocs.yml").resolve()


def test_options_name_another_project(tmp_path: Path, no_root_variable: None, monkeypatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "site.yml").write_text("site_name: b\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "a")
    assert find_project(_args("--project", str(tmp_path / "b"))).root == (tmp_path / "b").resolve()
    found = find_project(_args("-f", str(tmp_path / "b" / "site.yml")))
    assert found.root == (tmp_path / "b").resolve() and found.config_file.name == "site.yml"
    assert find_project(_args("--config-file", "../b/site.yml")).root == (tmp_path / "b").resolve()
    with pytest.raises(SystemExit):  # one or the other
        _args("--project", "x", "-f", "y")


def test_no_project_is_an_error_that_says_where_it_looked(tmp_path: Path, no_root_variable: None) -> None:
    with pytest.raises(ProjectNotFound, match=re.escape(f"no mkdocs.yml in {tmp_path.resolve()} or any folder above")):
        find_project(start=tmp_path)
    with pytest.raises(ProjectNotFound, match="no such file"):
        find_project(_args("-f", str(tmp_path / "missing.yml")))
    with pytest.raises(ProjectNotFound, match="no such folder"):
        find_project(_args("--project", str(tmp_path / "missing")))


def test_the_variable_names_a_project_when_no_option_does(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(ROOT_ENV_VAR, str(tmp_path))
    assert find_project(start=REPO).root == tmp_path.resolve()
    assert find_project(_args("--project", str(REPO)), start=REPO).root == REPO
    monkeypatch.setenv(ROOT_ENV_VAR, "")  # empty: unset
    assert find_project(start=REPO).root == REPO


def _not_copied(folder: str, names: list[str]) -> set[str]:
    skipped = set(_NOT_COPIED_ANYWHERE(folder, names))
    return skipped | (_TOP_NOT_COPIED & set(names) if Path(folder) == REPO else set())


def _copy_of_the_checkout(dest: Path) -> Path:
    """The checkout copied as a person would (without its environment), sharing the same .venv.

    The copy's ``make`` must find the environment installed (its stamp): else it would install this
    package from the copy into the shared .venv, which every other test uses."""
    stamp = subprocess.run("cat requirements.txt pyproject.toml | cksum", shell=True, cwd=REPO, capture_output=True)
    if not (REPO / ".venv" / f".installed-{stamp.stdout.split()[0].decode()}").exists():
        pytest.fail("the .venv is older than requirements.txt or pyproject.toml: run make install first")
    shutil.copytree(REPO, dest, ignore=_not_copied, symlinks=True)
    (dest / ".venv").symlink_to(REPO / ".venv")
    return dest


def _make(target: str, folder: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in (ROOT_ENV_VAR, "MAKEFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "--no-print-directory", target], cwd=folder, capture_output=True, text=True, env=env)


@pytest.mark.slow
def test_make_validate_and_build_work_on_the_copy_they_run_in(tmp_path: Path) -> None:
    copy = _copy_of_the_checkout(tmp_path / "copy")
    city = copy / "assessments" / "harrowmere" / "city.yaml"
    text = city.read_text(encoding="utf-8")
    # a copy's own data, visible on its pages: a renamed city and a marked prose page
    city.write_text(text.replace("name: Harrowmere\n", "name: Harrowmere-in-the-copy\n", 1), encoding="utf-8")
    home = copy / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nWritten-in-the-copy.\n", encoding="utf-8")

    checked = _make("validate", copy)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = _make("build", copy)
    assert built.returncode == 0, built.stdout + built.stderr
    assert f"site built in {(copy / 'site').resolve()}" in built.stderr
    assert "Written-in-the-copy." in (copy / "site" / "index.html").read_text(encoding="utf-8")
    assert "Harrowmere-in-the-copy" in (copy / "site" / "cities" / "harrowmere" / "index.html").read_text("utf-8")

    # a mutated file in the copy fails there, with its path, while the checkout it came from is valid
    (copy / "site").rename(copy / "site-before")
    city.write_text(text.replace("country: GB\n", "country: XX\n", 1), encoding="utf-8")
    refused = _make("validate", copy)
    assert refused.returncode != 0
    assert re.search(r"assessments/harrowmere/city\.yaml:\d+:\d+: error: .*country", refused.stdout), refused.stdout
    refused_build = _make("build", copy)
    assert refused_build.returncode != 0 and not (copy / "site").exists()
    assert (
        subprocess.run(
            [str(REPO / ".venv" / "bin" / "mmssc-validate"), "--project", str(REPO), "assessments/harrowmere"],
            cwd=REPO,
            capture_output=True,
            env={k: v for k, v in os.environ.items() if k != ROOT_ENV_VAR},
        ).returncode
        == 0
    )


@pytest.mark.slow
def test_scripts_work_on_the_folder_they_run_in_not_their_own_checkout(tmp_path: Path) -> None:
    """The copy's scripts/ and the checkout's both check the project of the current directory."""
    copy = _copy_of_the_checkout(tmp_path / "copy")
    city = copy / "assessments" / "harrowmere" / "city.yaml"
    city.write_text(city.read_text(encoding="utf-8").replace("country: GB\n", "country: XX\n", 1), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != ROOT_ENV_VAR}
    for script in (copy / "scripts" / "validate", REPO / "scripts" / "validate"):
        run = subprocess.run(
            [str(script), "harrowmere"], cwd=copy / "assessments", capture_output=True, text=True, env=env
        )
        assert run.returncode == 1 and "city.yaml" in run.stdout, (script, run.stdout, run.stderr)
    nowhere = subprocess.run(
        [str(REPO / "scripts" / "validate")], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert nowhere.returncode == 1 and "no mkdocs.yml in" in nowhere.stderr


@pytest.mark.parametrize(
    "entry",
    [
        "macros.commands.cli:validate",
        "macros.commands.cli:build",
        "macros.commands.cli:serve",
        "macros.commands.correct:main",
        "macros.commands.scaffold:main",
        "macros.commands.new_indicator:main",
        "macros.commands.codeowners:main",
        "macros.commands.schemas:main",
        "macros.commands.i18n:main",
    ],
)
def test_every_command_takes_the_project_options(entry: str, capsys) -> None:
    import importlib

    module, name = entry.split(":")
    command = getattr(importlib.import_module(module), name)
    with pytest.raises(SystemExit) as exit:
        command(["--help"])
    assert exit.value.code == 0
    shown = capsys.readouterr().out
    assert "--project DIR" in shown and "--config-file FILE" in shown, shown
