"""``make validate``, ``make build`` and ``make serve`` (console scripts ``mmssc-validate``, ``-build``, ``-serve``)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..diagnostics import Report
from ..layout import ASSESSMENTS_DIR, CACHE_DIR
from ..publish.project import DataError, load_project
from ..site.settings import build_date
from ..validate import load_catalogue, validate_paths
from . import CONFIG_FILE, ProjectLocation, find_project, history, project_options, project_root


def validate(argv: list[str], root: Path | None = None) -> int:
    """``scripts/validate [--base REF] [PATH…]``: check all data, or only the given files or folders.

    Prints every problem as path:line:col and exits 1 on any error. All data is checked with the
    build's store of checked folders (``.cache/mmssc/folders``): only folders whose files changed
    since the last check or build are read again. With ``--base REF``, every assessment file
    published at REF must still be there, and any change to it recorded as a correction."""
    parser = argparse.ArgumentParser(
        parents=[project_options()], prog="scripts/validate", description="Check the data files."
    )
    parser.add_argument("--base", metavar="REF", help="the published version (a Git commit or branch) to compare with")
    parser.add_argument("paths", nargs="*", help="files or folders to check (default: all data)")
    args = parser.parse_args(argv)
    root = root or project_root(args)
    report = Report()
    paths = [Path(a).resolve() for a in args.paths]
    criteria = root / "criteria"
    if paths and all(not _inside(p, criteria) for p in paths):
        catalogue = load_catalogue(criteria, report, display_root=root)
        if catalogue is not None:
            validate_paths(paths, catalogue, report, display_root=root, today=build_date())
    else:  # everything (a catalogue file was given, or nothing: the catalogue affects every assessment)
        try:
            project = load_project(root, cache_dir=root / CACHE_DIR)
            report.extend(project.report)
        except DataError as exc:
            report = exc.report
    _published(root, args.base, report, paths)
    if report.diagnostics:
        print(report.format())
    errors, warnings = len(report.errors), len(report.warnings)
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def _published(root: Path, base: str | None, report: Report, paths: list[Path]) -> None:
    """The published-history check (``--base``), or one line saying why it was skipped."""
    if base is None:
        print("published-history check skipped: no --base REF given", file=sys.stderr)
        return
    try:
        print(history.check_against_base(root, base, report, paths), file=sys.stderr)
    except history.GitUnavailable as exc:
        print(f"published-history check skipped: {exc}", file=sys.stderr)
    except history.UnknownRef as exc:
        report.error(ASSESSMENTS_DIR, 1, 1, f"--base {exc}")


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def build(argv: list[str], root: Path | None = None) -> int:
    """``scripts/build [SITE_DIR]``: build into a temporary folder, then swap it in.

    A failed validation or build leaves the previously built site untouched."""
    parser = argparse.ArgumentParser(
        parents=[project_options()], prog="scripts/build", description="Build the site (checking all data first)."
    )
    parser.add_argument(
        "site_dir", metavar="SITE_DIR", nargs="?", type=Path, help="where (default: site/ in the project)"
    )
    args = parser.parse_args(argv)
    project = find_project(args) if root is None else ProjectLocation(root, root / CONFIG_FILE)
    target = (args.site_dir or project.root / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    try:
        result = subprocess.run(
            [*_mkdocs("build", project), "--strict", "--clean", "--site-dir", str(staging)],
            cwd=project.root,
        )
        if result.returncode != 0:
            print(f"build failed: {target} was left as it was", file=sys.stderr)
            return result.returncode
        old = target.with_name(target.name + ".old")
        if target.exists():
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        print(f"site built in {target}", file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def serve(argv: list[str], root: Path | None = None) -> int:
    """``scripts/serve [ADDRESS]``: live site on localhost:8000, reloaded when data or code changes."""
    parser = argparse.ArgumentParser(
        parents=[project_options()], prog="scripts/serve", description="Serve the site, rebuilt on every change."
    )
    parser.add_argument(
        "address", metavar="ADDRESS", nargs="?", default="localhost:8000", help="(default: %(default)s)"
    )
    args = parser.parse_args(argv)
    project = find_project(args) if root is None else ProjectLocation(root, root / CONFIG_FILE)
    return subprocess.call([*_mkdocs("serve", project), "--dev-addr", args.address], cwd=project.root)


def _mkdocs(command: str, project: ProjectLocation) -> list[str]:
    """The engine's command on the project's configuration file."""
    return [sys.executable, "-m", "mkdocs", command, "--config-file", str(project.config_file)]


# Console scripts (pyproject.toml [project.scripts]): the arguments from sys.argv, the exit code returned.


def validate_main() -> int:
    return validate(sys.argv[1:])


def build_main() -> int:
    return build(sys.argv[1:])


def serve_main() -> int:
    return serve(sys.argv[1:])
