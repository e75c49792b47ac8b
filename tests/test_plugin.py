"""The mmssc MkDocs plugin (macros/plugin/): its options are checked by MkDocs, its data errors
stop the build before anything is written, and a real build uses the options it was given."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from conftest import REPO, make_project
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

EXAMPLE = "lumenport"


def _with_options(project: Path, options: str) -> Path:
    """The project's mkdocs.yml with the mmssc plugin's options replaced by ``options``."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, count = re.subn(r"  - mmssc:\n(?:      .*\n)+", "  - mmssc:\n" + options, text)
    assert count == 1, "mkdocs.yml lists the mmssc plugin with options"
    config.write_text(text, encoding="utf-8")
    return config


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", REPO / "assessments")


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ("      stale_after_months: soon\n", "stale_after_months"),
        ("      stale_after_months: 0\n", "stale_after_months"),
        ("      stale_after_months: true\n", "stale_after_months"),
        ("      repository_url: ftp://example.org/repo\n", "repository_url"),
        ("      repository_url: not a url\n", "repository_url"),
        ("      branch: [main]\n", "branch"),
    ],
)
def test_a_bad_option_is_a_configuration_error_naming_it(
    project: Path, options: str, named: str, caplog: pytest.LogCaptureFixture
) -> None:
    config = _with_options(project, options)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        load_config(str(config))
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("mmssc" in e and named in e for e in errors), errors


def test_an_unknown_option_fails_the_strict_build(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = _with_options(project, "      stale_after_month: 12\n")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match="strict"):
        load_config(str(config))
    assert any("stale_after_month" in r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)


def test_the_options_reach_the_pages(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    config = _with_options(
        project,
        "      stale_after_months: 3\n      repository_url: https://github.com/example/mmssc/\n      branch: pages\n",
    )
    site = tmp_path / "site"
    build(load_config(str(config), site_dir=str(site)))
    page = (site / "cities" / EXAMPLE / "index.html").read_text(encoding="utf-8")
    assert f'href="https://github.com/example/mmssc/blob/pages/assessments/{EXAMPLE}/city.yaml"' in page
    methodology = (site / "methodology" / "index.html").read_text(encoding="utf-8")
    assert "more than 3 months old" in methodology


def test_data_errors_stop_the_build_before_anything_is_written(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    city = project / "assessments" / EXAMPLE / "city.yaml"
    city.write_text(city.read_text(encoding="utf-8") + "website: ftp://example.org/\n", encoding="utf-8")
    site = tmp_path / "site"
    with caplog.at_level(logging.INFO), pytest.raises(Abort):
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("error(s) in the data: nothing was built" in m for m in messages), messages
    logged = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.mmssc" and r.levelno == logging.ERROR]
    assert any(re.match(rf"assessments/{EXAMPLE}/city\.yaml:\d+:\d+: error: ", m) for m in logged), logged
    assert not site.exists()


def test_the_plugin_keeps_its_data_between_builds_of_one_server(project: Path, tmp_path: Path) -> None:
    """MkDocs keeps a plugin with on_startup across `mkdocs serve` rebuilds: the second build of
    unchanged data reuses the loaded project instead of reading every file again."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["mmssc"]
    build(config)
    first = plugin.cache.project
    again = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    assert again.plugins["mmssc"] is plugin  # MkDocs keeps a plugin that has on_startup
    build(again)
    assert first is not None and plugin.cache.project is first


def test_every_option_of_the_plugin_has_a_docstring() -> None:
    """Each option of ``MmsscConfig`` is documented where it is declared (an attribute docstring, as
    mkdocstrings reads them): a new option without one fails here."""
    import ast
    import inspect

    from macros.plugin.config import MmsscConfig

    tree = ast.parse(inspect.getsource(MmsscConfig))
    (cls,) = tree.body
    assert isinstance(cls, ast.ClassDef)
    documented = set()
    for node, following in zip(cls.body, cls.body[1:], strict=False):
        if isinstance(node, ast.Assign) and isinstance(following, ast.Expr):
            if isinstance(following.value, ast.Constant) and isinstance(following.value.value, str):
                documented.update(t.id for t in node.targets if isinstance(t, ast.Name))
    options = {name for name, _ in MmsscConfig._schema}
    assert {"stale_after_months", "languages"} <= options  # the schema was read
    assert options <= documented, sorted(options - documented)
