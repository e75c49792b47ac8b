"""publish/prose_macros.py, through define_env (macros/__init__.py): the hand-written pages' macros
show the catalogue's figures and its levels, each page in its own language."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO

from macros.compute.localise import localise
from macros.publish.project import load_project
from macros.publish.prose_macros import counts, level_list


def test_the_home_pages_show_the_catalogue_in_their_language(built_repo_site: Path) -> None:
    project = load_project(REPO)
    english = project.catalogue
    lists = {}
    for prefix, catalogue in (
        ("", english),
        ("fr/", localise(english, project.translations.get("fr"))),
        ("el/", localise(english, project.translations.get("el"))),
    ):
        page = (built_repo_site / prefix / "index.html").read_text(encoding="utf-8")
        lists[prefix] = str(level_list(catalogue))
        assert lists[prefix] in page, prefix  # docs/**/index.md: {{ level_names() }}
        assert "{{" not in page and "mmssc_counts" not in page, prefix
    # each language's own list, not the default's (its names, or English ones marked as untranslated)
    assert lists["fr/"] != lists[""] and lists["el/"] != lists[""], lists
    figures = counts(english)
    assert figures["characteristics"] == len(english.characteristics) > 0
    home = (built_repo_site / "index.html").read_text(encoding="utf-8")
    assert f"{figures['dimensions']} dimensions" in home
    assert f"{figures['criteria']} achievement criteria" in home
