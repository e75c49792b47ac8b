"""Command-line entry points: ``scripts/*`` and the console scripts of ``pyproject.toml``.

* :mod:`.cli`: ``mmssc-validate``, ``mmssc-build``, ``mmssc-serve`` (``make validate``, ``build``, ``serve``);
* :mod:`.scaffold`: ``mmssc-new-assessment`` (``scripts/new-assessment``);
* :mod:`.codeowners`: ``mmssc-codeowners`` (``scripts/codeowners``).

Each works on one project folder (criteria/, assessments/, mkdocs.yml), found as MkDocs, git or
pytest find theirs: :func:`find_project`. Never the checkout the package was installed from.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Report
from ..layout import CRITERIA_DIR
from ..model.catalogue import Catalogue
from ..validate import load_catalogue

CONFIG_FILE = "mkdocs.yml"
# A project folder for the commands when no option names one (the tests' fixture projects use it).
ROOT_ENV_VAR = "MMSSC_ROOT"


@dataclass(frozen=True)
class ProjectLocation:
    root: Path  # the folder holding criteria/, assessments/ and the configuration
    config_file: Path  # its mkdocs.yml (or the file given with -f)


class ProjectNotFound(SystemExit):
    """No project there: uncaught, Python prints the message (where the command looked) and exits 1."""


def project_options() -> argparse.ArgumentParser:
    """The options that name a command's project, for ``ArgumentParser(parents=[project_options()])``."""
    parser = argparse.ArgumentParser(add_help=False)
    where = parser.add_argument_group("project").add_mutually_exclusive_group()
    where.add_argument(
        "--project",
        metavar="DIR",
        type=Path,
        help=f"the project folder (default: the nearest folder holding {CONFIG_FILE}, here or above)",
    )
    where.add_argument(
        "-f",
        "--config-file",
        metavar="FILE",
        type=Path,
        help="the project's mkdocs.yml; its folder is the project",
    )
    return parser


def find_project(args: argparse.Namespace | None = None, start: Path | None = None) -> ProjectLocation:
    """The project a command works on: the one named by ``--project DIR`` or ``-f FILE`` (in
    ``args``), else ``$MMSSC_ROOT``, else the nearest folder holding mkdocs.yml at or above
    ``start`` (the current directory). :class:`ProjectNotFound` when there is none."""
    folder: Path | None = getattr(args, "project", None)
    config: Path | None = getattr(args, "config_file", None)
    if config is not None:
        config = config.resolve()
        if not config.is_file():
            raise ProjectNotFound(f"-f {config}: no such file")
        return ProjectLocation(config.parent, config)
    if folder is None and os.environ.get(ROOT_ENV_VAR):
        folder = Path(os.environ[ROOT_ENV_VAR])
    if folder is not None:
        folder = folder.resolve()
        if not folder.is_dir():
            raise ProjectNotFound(f"--project {folder}: no such folder")
        return ProjectLocation(folder, folder / CONFIG_FILE)
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / CONFIG_FILE).is_file():
            return ProjectLocation(candidate, candidate / CONFIG_FILE)
    raise ProjectNotFound(
        f"no {CONFIG_FILE} in {here} or any folder above it: run the command inside a project folder, "
        "or name one with --project DIR or -f mkdocs.yml"
    )


def project_root(args: argparse.Namespace | None = None) -> Path:
    """The folder of :func:`find_project`."""
    return find_project(args).root


def catalogue_or_report(root: Path) -> Catalogue | None:
    """The project's checked catalogue; None after printing its errors (a command then exits 1)."""
    report = Report()
    catalogue = load_catalogue(root / CRITERIA_DIR, report, display_root=root)
    if catalogue is None:
        print(report.format(), file=sys.stderr)
        print("the catalogue in criteria/ has errors: fix them first", file=sys.stderr)
    return catalogue
