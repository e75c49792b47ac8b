"""Load and validate everything a build needs, once, and remember it until the data changes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..compute.crossrefs import CrossReferences, build_crossrefs
from ..diagnostics import Report
from ..model.catalogue import Catalogue
from ..validate.catalogue import load_catalogue


class DataError(Exception):
    """The data has errors; ``report`` holds every one of them."""

    def __init__(self, report: Report):
        super().__init__(f"{len(report.errors)} error(s) in the data")
        self.report = report


@dataclass
class Project:
    root: Path
    catalogue: Catalogue
    crossrefs: CrossReferences
    report: Report  # warnings (errors make loading fail)
    extras: dict = field(default_factory=dict)


def _signature(root: Path) -> tuple:
    """Names, sizes and modification times of every data file: cheap to compute, changes on any edit."""
    entries = []
    for folder in ("criteria", "assessments"):
        for dirpath, _dirnames, filenames in os.walk(root / folder):
            for name in filenames:
                stat = os.stat(os.path.join(dirpath, name))
                entries.append((dirpath, name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


_cache: dict[Path, tuple[tuple, Project]] = {}


def load_project(root: Path) -> Project:
    """Validate and load the catalogue (and, later, assessments); raise :class:`DataError` on any error."""
    root = root.resolve()
    signature = _signature(root)
    cached = _cache.get(root)
    if cached and cached[0] == signature:
        return cached[1]
    report = Report()
    catalogue = load_catalogue(root / "criteria", report, display_root=root)
    if catalogue is None or not report.ok:
        raise DataError(report)
    project = Project(root, catalogue, build_crossrefs(catalogue), report)
    _cache[root] = (signature, project)
    return project
