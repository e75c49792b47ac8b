"""Command-line entry points: ``scripts/*`` and the console scripts of ``pyproject.toml``.

* :mod:`.cli`: ``mmssc-validate``, ``mmssc-build``, ``mmssc-serve`` (``make validate``, ``build``, ``serve``);
* :mod:`.scaffold`: ``mmssc-new-assessment`` (``scripts/new-assessment``);
* :mod:`.codeowners`: ``mmssc-codeowners`` (``scripts/codeowners``).

Each works on one project folder (criteria/, assessments/, mkdocs.yml): :func:`project_root`.
"""

from __future__ import annotations

import os
from pathlib import Path

# Set by scripts/_run to the checkout the script belongs to.
ROOT_ENV_VAR = "MMSSC_ROOT"


def project_root() -> Path:
    """The project the commands work on: ``$MMSSC_ROOT`` if set, else the checkout this package is installed from."""
    configured = os.environ.get(ROOT_ENV_VAR)
    return Path(configured).resolve() if configured else Path(__file__).resolve().parents[2]
