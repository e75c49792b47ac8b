"""Command-line entry points: ``scripts/*`` and the console scripts of ``pyproject.toml``.

* :mod:`.cli`: ``mmssc-validate``, ``mmssc-build``, ``mmssc-serve`` (``make validate``, ``build``, ``serve``);
* :mod:`.scaffold`: ``mmssc-new-assessment`` (``scripts/new-assessment``);
* :mod:`.codeowners`: ``mmssc-codeowners`` (``scripts/codeowners``).

Each works on one project folder (criteria/, assessments/, mkdocs.yml): :func:`project_root`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..diagnostics import Report
from ..layout import CRITERIA_DIR
from ..model.catalogue import Catalogue
from ..validate import load_catalogue

# Set by scripts/_run to the checkout the script belongs to.
ROOT_ENV_VAR = "MMSSC_ROOT"


def project_root() -> Path:
    """The project the commands work on: ``$MMSSC_ROOT`` if set, else the checkout this package is installed from."""
    configured = os.environ.get(ROOT_ENV_VAR)
    return Path(configured).resolve() if configured else Path(__file__).resolve().parents[2]


def catalogue_or_report(root: Path) -> Catalogue | None:
    """The project's checked catalogue; None after printing its errors (a command then exits 1)."""
    report = Report()
    catalogue = load_catalogue(root / CRITERIA_DIR, report, display_root=root)
    if catalogue is None:
        print(report.format(), file=sys.stderr)
        print("the catalogue in criteria/ has errors: fix them first", file=sys.stderr)
    return catalogue
