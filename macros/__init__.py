"""MMSSC catalogue and city assessments: the domain package behind the site.

Pipeline, one subpackage per stage: ``load`` (YAML → positioned nodes) → ``validate``
(nodes → ``model`` objects, with ``path:line:col`` diagnostics) → ``compute`` (derived
figures) → ``render`` (escaped HTML) → ``publish`` (pages, files and navigation, engine-neutral).
``mkdocs_hooks.py`` and :func:`define_env` are the only MkDocs-specific code.
"""

from __future__ import annotations


def define_env(env) -> None:
    """mkdocs-macros entry point: variables and macros for the hand-written pages in ``docs/``.

    Macros return HTML built from escaped values; only pages that opt in with
    ``render_macros: true`` are rendered by Jinja, and generated pages never are.
    """
    from pathlib import Path

    from .publish.macros_env import register

    register(env, Path(env.project_dir))
