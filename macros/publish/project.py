"""Load and validate everything a build needs, once, and remember it until the data changes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..compute.crossrefs import CrossReferences, build_crossrefs
from ..diagnostics import Report
from ..model.assessments import Registry
from ..model.catalogue import Catalogue
from ..validate.assessments import load_registry
from ..validate.catalogue import load_catalogue
from .settings import build_date


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
    registry: Registry
    report: Report  # warnings (errors make loading fail)


def _signature(root: Path) -> tuple:
    """Names, sizes and modification times of every data file: cheap to compute, changes on any edit."""
    entries = []
    for folder in ("criteria", "assessments"):
        for dirpath, _dirnames, filenames in os.walk(root / folder):
            for name in filenames:
                stat = os.stat(os.path.join(dirpath, name))
                entries.append((dirpath, name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


_cache: dict[Path, tuple[object, Project]] = {}


def load_project(root: Path) -> Project:
    """Validate and load the catalogue and all assessments; raise :class:`DataError` on any error."""
    root = root.resolve()
    today = build_date()
    signature = (_signature(root), today)
    cached = _cache.get(root)
    if cached and cached[0] == signature:
        return cached[1]
    report = Report()
    catalogue = load_catalogue(root / "criteria", report, display_root=root)
    if catalogue is None or not report.ok:
        raise DataError(report)  # assessments cannot be checked against a broken catalogue
    registry = load_registry(root / "assessments", catalogue, report, display_root=root, today=today)
    if not report.ok:
        raise DataError(report)
    project = Project(root, catalogue, build_crossrefs(catalogue), registry, report)
    _cache[root] = (signature, project)
    return project
