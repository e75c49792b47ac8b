"""The folder scan: every city folder of ``assessments/`` (or the paths given), into a :class:`Registry`.

Everything here arrives in pull requests from city staff and strangers, so every byte is
checked and every problem is reported (never only the first) as ``path:line:col``. Folders
are independent: they are checked on all cores, and a folder's result is kept while its
files are unchanged (:class:`FolderCache`, for ``mkdocs serve``).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..diagnostics import Diagnostic, Report, printable, shown_path
from ..layout import ASSESSMENT_FILE, CITY_FILE, INDICATORS_DIR, INDICATORS_FILE, slug_problem, slugify
from ..load.nodes import Node, snapshot
from ..load.yaml_nodes import read_yaml
from ..model.assessments import Assessment, City, Registry
from ..model.catalogue import Catalogue, SourceRef
from ..model.claims import untracked_claims
from ..workers import fork_map
from .assessment import read_assessment
from .city import read_city
from .entries import entry_problem, misnamed_file
from .fast import check_file, positioned, strict_tree
from .fields import PathContext, node_date
from .indicators import read_indicators
from .outcome_claims import ClaimKeys, claim_keys, warn_untracked_claims
from .stored import StoredFolders
from .text_rules import without_invisible


@dataclass
class _Scan:
    """One run over some of ``assessments/``: where diagnostics go and what they are checked against."""

    catalogue: Catalogue
    report: Report
    display_root: Path
    today: dt.date
    name_at: tuple[int, int] = (1, 1)  # where the last city.yaml read gives its name (for cross-folder checks)

    def shown(self, path: Path) -> str:
        return shown_path(path, self.display_root)

    def error(self, path: Path, message: str) -> None:
        self.report.error(self.shown(path), 1, 1, message)

    def context(self, path: Path) -> PathContext:
        return PathContext(self.shown(path), self.report, today=self.today)

    def folder_ok(self, folder: Path) -> bool:
        """A city folder's name is a safe slug (it becomes part of the site's URLs)."""
        problem = slug_problem(folder.name)
        if problem is None:
            return True
        better = slugify(folder.name)
        hint = f' (rename it to "{better}")' if better and slug_problem(better) is None else ""
        self.error(folder, f'city folder name "{printable(folder.name)}" is not allowed: {problem}{hint}')
        return False

    def city(self, path: Path) -> City | None:
        ctx = self.context(path)
        errors_before = self.report.error_count
        document = read_yaml(path, ctx.path, self.report)
        root = document.root
        city = read_city(ctx, root, path.parent.name)
        if city is not None and root is not None:
            city.source = SourceRef(ctx.path, 1, snapshot(root))
            name = root.value.get("name")
            self.name_at = (name.line, name.col) if name is not None else (1, 1)
        elif self.report.error_count == errors_before:
            self.vanished(path, "the city")
        return city

    def vanished(self, path: Path, what: str) -> None:
        """A file is never left out of the site without a word: if reading it gave nothing and no
        diagnostic says why, that is a defect of the validator, reported as an error."""
        self.error(
            path, f"{what} in this file could not be read, and no check said why (a validator defect: please report it)"
        )

    def assessment(
        self, path: Path, claims: dict[dt.date, ClaimKeys] | None = None
    ) -> tuple[Assessment | None, PathContext, Node | None, dt.date | None]:
        """Read one assessment file and check that its name is its date, also when its content has errors.

        Returns the assessment (None on any error), and the date node and value when readable."""
        ctx = self.context(path)
        match = ASSESSMENT_FILE.fullmatch(path.name)
        file_date = None
        if match:
            try:
                file_date = dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                self.error(
                    path,
                    f'file name "{path.name}" is not a real calendar date; name the file by the '
                    "assessment's date, YYYY-MM-DD.yaml",
                )
        errors_before = self.report.error_count

        def check(ctx: PathContext, root: Node | None) -> tuple[Assessment | None, Node | None, dt.date | None]:
            result = read_assessment(ctx, root, path.parent.name, self.catalogue)
            date_node = root.value.get("date") if root is not None and root.kind == "map" else None
            day = node_date(date_node)
            if date_node is not None and day is not None and file_date is not None and day != file_date:
                ctx.error(
                    date_node,
                    f"date: {day.isoformat()} does not match the file name {path.name}; rename the "
                    f"file to {day.isoformat()}.yaml, or correct the date",
                )
                result = None
            return result, date_node, day

        (result, date_node, day), root = check_file(path, ctx, check, lines_of="characteristics")
        if result is None and self.report.error_count == errors_before:
            self.vanished(path, "the assessment")
        if result is not None and root is not None:
            result.source = SourceRef(ctx.path, 1, snapshot(root))
            if claims is not None:
                claims[result.date] = claim_keys(ctx.path, root)
        return result, ctx, date_node, day

    def city_folder(self, folder: Path) -> City | None:
        name_ok = self.folder_ok(folder)
        city_path = folder / CITY_FILE
        city = None
        problem = entry_problem(city_path)
        if problem:
            self.error(city_path, problem)
        elif city_path.is_file():
            city = self.city(city_path)
        else:
            self.error(
                city_path,
                f'city folder "{printable(folder.name)}" has no {CITY_FILE}: every city folder needs '
                "its profile (see docs/contribute.md, or run scripts/new-assessment)",
            )
        assessments: list[Assessment] = []
        dates: dict[dt.date, str] = {}
        claims: dict[dt.date, ClaimKeys] = {}
        files: dict[dt.date, Path] = {}  # each assessment's file (its name may not be its date)
        for path in sorted(folder.iterdir()):
            if path.name in (CITY_FILE, INDICATORS_FILE, INDICATORS_DIR):
                continue  # the indicators are read below, after the assessments
            problem = entry_problem(path)
            if problem:
                self.error(path, problem)
            elif path.is_dir():
                self.error(
                    path,
                    f"folders are not allowed inside a city folder; only {CITY_FILE}, one "
                    f"YYYY-MM-DD.yaml file per assessment, {INDICATORS_FILE} and its {INDICATORS_DIR}/ folder",
                )
            elif not ASSESSMENT_FILE.fullmatch(path.name):
                self.error(path, misnamed_file(path.name))
            else:
                assessment, ctx, date_node, day = self.assessment(path, claims)
                if assessment is not None:
                    files[assessment.date] = path
                if date_node is not None and day is not None and day in dates:
                    ctx.error(
                        positioned(path, date_node, "date"),
                        f"date: {day.isoformat()} is also the date of {dates[day]}; a city has "
                        "one assessment per date (correct the date, or merge the two files)",
                    )
                elif day is not None:
                    dates[day] = ctx.path
                if assessment is not None and ctx.errors == 0:
                    assessments.append(assessment)
        found = read_indicators(
            folder, self.catalogue, self.report, display_root=self.display_root, today_year=self.today.year
        )
        if city is None or not name_ok:
            return None
        ordered = sorted(assessments, key=lambda a: a.date)
        # a withdrawn assessment stays listed, with its reason, but no figure uses it
        city.assessments = [a for a in ordered if a.withdrawn is None]
        city.withdrawn = [a for a in ordered if a.withdrawn is not None]
        if found is not None:
            city.indicators, city.indicators_source = found
        if city.assessments:
            latest = city.assessments[-1]
            keys = claims.get(latest.date)
            if keys is not None and (0, 0) in keys.at.values() and untracked_claims(latest, city.indicators):
                # read the fast way (no positions): the strict reader gives the warning its line and column
                root = strict_tree(files[latest.date])
                keys = claim_keys(keys.path, root) if root is not None else keys
            warn_untracked_claims(self.report, latest, keys, city.indicators)
        return city


def _sort_key(city: City) -> tuple[str, str]:
    """Cities by name, accents ignored ("Évora" among the E's), any script."""
    folded = unicodedata.normalize("NFKD", city.name.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)), city.slug


@dataclass
class FolderCache:
    """Results of checking city folders, reused while a folder's files are unchanged.

    ``mkdocs serve`` rebuilds the whole site after every edit: with this cache only the edited
    city is read again. A folder's key is its entries' names, sizes and modification times
    (as ``make`` does); a different catalogue or day empties the cache."""

    # folder -> (key, result, content address if the store computed one)
    entries: dict[Path, tuple[tuple, FolderResult, str | None]] = field(default_factory=dict)
    checked_against: tuple[Catalogue, dt.date] | None = None

    def use_for(self, catalogue: Catalogue, today: dt.date) -> None:
        current = self.checked_against
        if current is None or current[0] is not catalogue or current[1] != today:
            self.entries.clear()
            self.checked_against = (catalogue, today)

    @staticmethod
    def key(folder: Path) -> tuple | None:
        try:
            with os.scandir(folder) as listing:
                found = []
                for entry in listing:
                    stat = entry.stat(follow_symlinks=False)
                    is_dir = entry.is_dir(follow_symlinks=False)
                    found.append((entry.name, entry.is_symlink(), is_dir, stat.st_size, stat.st_mtime_ns))
                    if is_dir:  # indicators/: its series are part of the folder's result
                        with os.scandir(entry.path) as inner:
                            for item in inner:
                                inner_stat = item.stat(follow_symlinks=False)
                                found.append(
                                    (
                                        f"{entry.name}/{item.name}",
                                        item.is_symlink(),
                                        item.is_dir(follow_symlinks=False),
                                        inner_stat.st_size,
                                        inner_stat.st_mtime_ns,
                                    )
                                )
        except OSError:
            return None
        return tuple(sorted(found))


@dataclass
class FolderResult:
    city: City | None  # None when the folder has errors
    diagnostics: list[Diagnostic]
    name_at: tuple[int, int] = (1, 1)  # line and column of the name in city.yaml


def check_city_folder(folder: Path, catalogue: Catalogue, *, display_root: Path, today: dt.date) -> FolderResult:
    """One city folder on its own: its city.yaml and every assessment (independent of other folders)."""
    report = Report()
    scan = _Scan(catalogue, report, display_root, today)
    city = scan.city_folder(folder)
    return FolderResult(city, report.diagnostics, scan.name_at)


def _check_and_store(
    folder: Path,
    *,
    check: Callable[[Path], FolderResult],
    stored: StoredFolders[FolderResult],
    addresses: dict[Path, str],
) -> bytes:
    """Check one folder, keep its result in ``stored`` at its address (if it has one), and give it
    pickled for its way back to the build's process (a pipe, never the disk)."""
    result = check(folder)
    if folder in addresses:
        stored.put(addresses[folder], result)
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def load_registry(
    assessments_dir: Path,
    catalogue: Catalogue,
    report: Report,
    *,
    display_root: Path,
    today: dt.date,
    cache: FolderCache | None = None,
    stored: StoredFolders[FolderResult] | None = None,
) -> Registry:
    """Check every city folder in ``assessments_dir``; every problem goes to ``report``.

    Folders are independent, so they are checked on all cores (:mod:`macros.workers`), and
    unchanged ones come from ``cache`` (in memory, by file times) or ``stored`` (on disk, by
    content) when given; a full scan with ``stored`` prunes what it did not use. The registry holds the cities and
    assessments that passed (cities by name, assessments oldest first, ratings in catalogue
    order); callers stop on ``report.errors``."""
    scan = _Scan(catalogue, report, display_root, today)
    if not assessments_dir.is_dir():
        return Registry({})
    folders: list[Path] = []
    for path in sorted(assessments_dir.iterdir()):
        problem = entry_problem(path)
        if problem:
            scan.error(path, problem)
        elif not path.is_dir():
            scan.error(
                path,
                f"only city folders belong in {assessments_dir.name}/ (e.g. {assessments_dir.name}/"
                f"my-city/{CITY_FILE}); move or remove this file",
            )
        else:
            folders.append(path)
    if cache is not None:
        cache.use_for(catalogue, today)
    keys = [cache.key(folder) if cache is not None else None for folder in folders]
    results: dict[Path, FolderResult] = {}
    to_check = []
    # each folder's content address, where the store computed it: it also addresses what is drawn
    # from the city (publish/reuse.py)
    addresses: dict[Path, str] = {}
    addressed_all = True
    for folder, key in zip(folders, keys, strict=True):
        hit = cache.entries.get(folder) if cache is not None and key is not None else None
        if hit is not None and hit[0] == key:
            results[folder] = hit[1]
            if hit[2] is not None:
                addresses[folder] = hit[2]
                if stored is not None:
                    stored.used.add(hit[2])  # kept by the next prune
            else:
                addressed_all = False
            continue
        address = stored.key(folder) if stored is not None else None
        if address is not None:
            addresses[folder] = address
        found = stored.get(address) if stored is not None and address is not None else None
        if found is not None:
            results[folder] = found
        else:
            to_check.append(folder)
    check = partial(check_city_folder, catalogue=catalogue, display_root=display_root, today=today)
    if stored is None:
        results.update(zip(to_check, fork_map(check, to_check), strict=True))
    else:
        # each worker writes its folder's entry itself, and sends the result back pickled
        keep = partial(_check_and_store, check=check, stored=stored, addresses=addresses)
        for folder, data in zip(to_check, fork_map(keep, to_check), strict=True):
            results[folder] = pickle.loads(data)
            if folder in addresses:
                stored.used.add(addresses[folder])
    if stored is not None and addressed_all:
        stored.prune()
    cities: list[tuple[City, tuple[int, int]]] = []
    city_addresses: dict[str, str] = {}
    for folder, key in zip(folders, keys, strict=True):
        result = results[folder]
        if cache is not None and key is not None:
            cache.entries[folder] = (key, result, addresses.get(folder))
        report.add(result.diagnostics)
        if result.city is not None:
            cities.append((result.city, result.name_at))
            if folder in addresses:
                city_addresses[result.city.slug] = addresses[folder]
    if cache is not None:  # forget folders that are gone
        for gone in set(cache.entries) - set(folders):
            del cache.entries[gone]
    _check_twins(scan, cities)
    return Registry({city.slug: city for city in sorted((city for city, _ in cities), key=_sort_key)}, city_addresses)


def _looks(text: str) -> str:
    """A text as it looks: compatibility-folded (full-width or ligature look-alikes count as the
    letters they look like), case-folded, without the characters that show nothing."""
    return without_invisible(unicodedata.normalize("NFKC", text)).casefold()


def _check_twins(scan: _Scan, cities: list[tuple[City, tuple[int, int]]]) -> None:
    """One place, one folder: the same name, country and region twice is a copied folder
    (reported at the second one's name)."""
    seen: dict[tuple, City] = {}
    for city, (line, col) in cities:
        key = (_looks(city.name), city.country, _looks(city.region or ""))
        if key in seen:
            scan.report.error(
                city.source.path,
                line,
                col,
                f'name: "{city.name}" ({city.country}) is already the city in '
                f"{seen[key].source.path}; use one folder per city",
            )
        else:
            seen[key] = city


def validate_paths(
    paths: list[Path], catalogue: Catalogue, report: Report, *, display_root: Path, today: dt.date
) -> None:
    """``scripts/validate PATH…``: check the given city.yaml or assessment files (or city folders).

    An assessment's city folder must be a safe slug and hold a city.yaml (not itself re-checked)."""
    scan = _Scan(catalogue, report, display_root, today)
    done: set[Path] = set()
    folders: dict[Path, bool] = {}  # each folder's name is checked (and reported) once

    def folder_ok(folder: Path) -> bool:
        if folder not in folders:
            folders[folder] = scan.folder_ok(folder)
        return folders[folder]

    for path in paths:
        resolved = path.resolve()
        if resolved in done:
            continue
        done.add(resolved)
        problem = entry_problem(path)
        if problem:
            scan.error(path, problem)
        elif path.is_dir():
            if (path / CITY_FILE).exists() or any(ASSESSMENT_FILE.fullmatch(p.name) for p in path.iterdir()):
                scan.city_folder(path)
            else:
                load_registry(path, catalogue, report, display_root=display_root, today=today)
        elif not path.is_file():
            scan.error(path, "no such file")
        elif path.name == CITY_FILE:
            folder_ok(path.parent)
            scan.city(path)
        elif path.name == INDICATORS_FILE or (path.parent.name == INDICATORS_DIR and path.suffix == ".csv"):
            # indicators are checked against each other, their series and the claims: the whole folder
            folder = path.parent if path.name == INDICATORS_FILE else path.parent.parent
            if folder.resolve() not in done:
                done.add(folder.resolve())
                scan.city_folder(folder)
        elif ASSESSMENT_FILE.fullmatch(path.name):
            if folder_ok(path.parent) and not (path.parent / CITY_FILE).is_file():
                scan.error(
                    path,
                    f'city "{path.parent.name}" has no {CITY_FILE}; create {scan.shown(path.parent / CITY_FILE)} '
                    "(see docs/contribute.md)",
                )
            scan.assessment(path)
        else:
            scan.error(path, misnamed_file(path.name))
