"""Load and validate everything a build needs, once, and remember it until the data changes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import collector
from ..compute.crossrefs import CrossReferences, build_crossrefs
from ..diagnostics import Report
from ..layout import ASSESSMENTS_DIR, CRITERIA_DIR
from ..model.assessments import Registry
from ..model.catalogue import Catalogue
from ..model.translations import CatalogueTranslation
from ..site.settings import build_date
from ..validate import (
    FolderCache,
    FolderResult,
    StoredFolders,
    load_catalogue,
    load_registry,
    load_translations,
    tree_digest,
)


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
    # the catalogue's translations by language (criteria/translations/); the English catalogue is ``catalogue``
    translations: dict[str, CatalogueTranslation] = field(default_factory=dict)


def _signature(root: Path, folders: tuple[str, ...] = ("criteria", "assessments")) -> tuple:
    """Names, sizes and modification times of every data file: cheap to compute, changes on any edit."""
    entries: list[tuple] = []
    pending = [str(root / folder) for folder in folders]
    while pending:
        folder = pending.pop()
        try:
            listing = os.scandir(folder)
        except OSError:
            continue
        with listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    stat = entry.stat(follow_symlinks=False)
                    entries.append((entry.path, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


class ProjectCache:
    """What a long-running process (``mkdocs serve``) keeps between builds of one project root.

    The plugin owns one (it lives as long as the plugin object, which MkDocs keeps across the
    rebuilds of ``mkdocs serve``); a one-off build or a command-line check uses a fresh one."""

    def __init__(self) -> None:
        self.signature: tuple | None = None
        self.project: Project | None = None
        self.criteria_signature: tuple | None = None
        self.catalogue: tuple[Catalogue, CrossReferences, Report] | None = None
        self.translations: dict[str, CatalogueTranslation] = {}  # read with the catalogue
        self.folders = FolderCache()


def _load_catalogue(root: Path, memory: ProjectCache) -> tuple[Catalogue, CrossReferences, Report]:
    """The catalogue into ``memory``, read again only when ``criteria/`` changed."""
    criteria_signature = _signature(root, ("criteria",))
    if memory.catalogue is None or memory.criteria_signature != criteria_signature:
        memory.catalogue = None
        catalogue_report = Report()
        catalogue = load_catalogue(root / "criteria", catalogue_report, display_root=root)
        if catalogue is None or not catalogue_report.ok:
            raise DataError(catalogue_report)  # assessments cannot be checked against a broken catalogue
        # its translations, checked against it: an error fails the build, a stale text is a warning
        translations = load_translations(root / "criteria", catalogue, catalogue_report, display_root=root)
        if not catalogue_report.ok:
            raise DataError(catalogue_report)
        memory.translations = translations
        memory.catalogue = (catalogue, build_crossrefs(catalogue), catalogue_report)
        memory.criteria_signature = criteria_signature
    return memory.catalogue


def load_project(root: Path, cache: ProjectCache | None = None, *, cache_dir: Path | None = None) -> Project:
    """Validate and load the catalogue and all assessments; raise :class:`DataError` on any error.

    Unchanged data is not read twice in one process: the whole project while nothing changed,
    else the catalogue while ``criteria/`` is unchanged and each city folder while its files are.
    With ``cache_dir`` (a folder), checked city folders are also kept on disk by content (in its
    ``folders/``), so that the next process (a rebuild, a CI run) checks only the folders whose
    files changed."""
    root = root.resolve()
    today = build_date()
    memory = cache or ProjectCache()
    signature = (_signature(root), today)
    if memory.project is not None and memory.signature == signature:
        return memory.project
    catalogue, crossrefs, catalogue_report = _load_catalogue(root, memory)
    report = Report()
    report.extend(catalogue_report)
    stored: StoredFolders[FolderResult] | None = None
    if cache_dir is not None:
        digest = tree_digest(root / CRITERIA_DIR)
        stored = StoredFolders(
            cache_dir / "folders", kind=FolderResult, catalogue_digest=digest, today=today, display_root=root
        )
    with collector.loading():
        registry = load_registry(
            root / ASSESSMENTS_DIR,
            catalogue,
            report,
            display_root=root,
            today=today,
            cache=memory.folders,
            stored=stored,
        )
    if not report.ok:
        raise DataError(report)
    memory.project = Project(root, catalogue, crossrefs, registry, report, memory.translations)
    memory.signature = signature
    return memory.project
