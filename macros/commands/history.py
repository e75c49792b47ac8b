"""The published versions of the assessment files, read from Git: for ``scripts/validate --base`` and
``scripts/correct``.

Only Git's plumbing reads the repository (``rev-parse``, ``ls-tree``, ``cat-file``): blobs come back
as bytes and are parsed by our own YAML reader; nothing from the repository is checked out or run.
Repository settings that could start a program (an fsmonitor hook) are switched off for each call.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from ..diagnostics import Report
from ..layout import ASSESSMENT_FILE, ASSESSMENTS_DIR
from ..load.yaml_nodes import parse_yaml
from ..validate.fields import PathContext
from ..validate.published import check_published

_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "--no-pager")


class GitUnavailable(Exception):
    """No Git, or not a Git checkout: the check is skipped, with this message."""


class UnknownRef(Exception):
    pass


def _git(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", *_SAFE, *args], cwd=root, capture_output=True, check=False)
    if result.returncode != 0:
        raise subprocess.CalledProcessError(result.returncode, args, result.stdout, result.stderr)
    return result.stdout


def commit_of(root: Path, ref: str) -> str:
    """The commit ``ref`` names; GitUnavailable without Git or a checkout, UnknownRef if it names none."""
    if shutil.which("git") is None:
        raise GitUnavailable("git is not installed")
    try:
        _git(root, "rev-parse", "--is-inside-work-tree")
    except subprocess.CalledProcessError as exc:
        raise GitUnavailable(f"{root} is not a Git checkout") from exc
    if ref.startswith("-"):
        raise UnknownRef(f'"{ref}" is not a Git revision')
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").decode().strip()
    except subprocess.CalledProcessError as exc:
        raise UnknownRef(
            f'"{ref}" names no commit in this repository (in a shallow clone, fetch it first: git fetch origin {ref})'
        ) from exc


def published_files(root: Path, commit: str) -> dict[str, str]:
    """The assessment files at ``commit`` (relative to the project folder), each with its blob's ID."""
    # ls-tree names paths relative to its working folder, the project's
    listing = _git(root, "ls-tree", "-r", "-z", commit, "--", f"{ASSESSMENTS_DIR}/")
    out = {}
    for entry in listing.decode("utf-8", "surrogateescape").split("\0"):
        meta, _, name = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob" and ASSESSMENT_FILE.fullmatch(name.rsplit("/", 1)[-1]):
            if name.count("/") == 2:
                out[name] = parts[2]
    return out


def blob_id(data: bytes) -> str:
    """Git's ID of a blob with these bytes (SHA-1 repositories): unchanged files need no Git call."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def blob(root: Path, commit: str, path: str) -> bytes | None:
    """The bytes of ``path`` (relative to the project) at ``commit``; None if it did not exist there."""
    try:
        return _git(root, "cat-file", "blob", f"{commit}:./{path}")
    except subprocess.CalledProcessError:
        return None


def check_against_base(root: Path, ref: str, report: Report, only: list[Path] | None = None) -> str:
    """Every assessment file against its version at ``ref`` (diagnostics into ``report``); what was checked.

    Raises GitUnavailable (the caller prints that the check was skipped) or UnknownRef (an error)."""
    commit = commit_of(root, ref)
    files = published_files(root, commit)
    checked = 0
    for path, published_id in files.items():
        here = root / path
        if only and not any(here == p or p in here.parents for p in only):
            continue
        checked += 1
        if not here.exists():
            report.error(
                path,
                1,
                1,
                f"this assessment was published ({ref}) and may not be deleted: restore it (git checkout {ref} -- "
                f'{path}) and add "withdrawn:" with the date and the reason, so the page lists it as withdrawn',
            )
            continue
        after = here.read_bytes() if here.is_file() and not here.is_symlink() else None
        if after is None or blob_id(after) == published_id:
            continue
        before = blob(root, commit, path)
        if before is None or before == after:
            continue
        quiet = Report()  # problems of either version's YAML are the ordinary validator's to report
        base_doc, now_doc = parse_yaml(before, path, quiet), parse_yaml(after, path, quiet)
        check_published(PathContext(path, report), base_doc.root, now_doc.root, ref)
    return f"{checked} published assessment file(s) compared with {ref} ({commit[:12]})"
