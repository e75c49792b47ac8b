"""Checked city folders kept on disk, addressed by their content: warm builds read only what changed.

The folder's address also addresses what is drawn from the city alone (``publish/reuse.py``).

A folder's result (its city, assessments and diagnostics) depends on nothing but the bytes of
its files, the catalogue, the validator's own code and the day of the build (dates in the
future, stale evidence). The key is a SHA-256 of exactly those, so a stored result is reused
only when the check would give the same answer; any change of a file, of ``criteria/``, of
the code under ``load/``, ``validate/`` or ``model/``, or of the date misses and checks again.

The store is a folder of JSON entries (``.cache/mmssc/folders/`` beside ``mkdocs.yml``, ignored by
git) in a :class:`macros.store.ContentStore`, each checked against the digest recorded when it was
written, and decoded strictly into the model's dataclasses (``stored_format.py``): never a pickle,
which would run whatever a planted file names. CI keeps it between runs with the Actions cache,
which GitHub scopes to the branch and the default branch: a pull request can fill only its own
cache, never the one the site is published from. After a full scan, entries the scan did not
use are deleted, so the store holds one generation of the data.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from pathlib import Path
from typing import Generic, TypeVar

import yaml

from ..load.fast_yaml import PARSER_VERSION
from ..store import ContentStore, code_version
from . import stored_format

Result = TypeVar("Result")  # what is stored: the folder scan's FolderResult

# Bump to invalidate every stored result by hand (the code hash below catches code changes).
FORMAT = 2
# The code a folder's result depends on: the reader, the validator, the model it builds.
_CODE = ("layout.py", "diagnostics.py", "load", "validate", "model")


@functools.lru_cache(maxsize=1)
def validator_version() -> str:
    """A hash of the validator's own source, Python's and the YAML parsers' versions."""
    return f"{FORMAT}|{yaml.__version__}|{PARSER_VERSION}|{code_version(_CODE)}"


def tree_digest(folder: Path) -> str:
    """A hash of every file's path and bytes under ``folder`` (the catalogue, for instance)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class StoredFolders(Generic[Result]):
    """The on-disk store of one project: ``key`` a folder, ``get`` and ``put`` its result (a ``kind``)."""

    def __init__(
        self, store: Path, *, kind: type[Result], catalogue_digest: str, today: dt.date, display_root: Path
    ) -> None:
        self.kind = kind
        stored_format.allow(kind)
        self.entries = ContentStore(store)
        self.display_root = display_root
        self.prefix = f"{validator_version()}|{catalogue_digest}|{today.isoformat()}|".encode()
        self.used: set[str] = set()

    def key(self, folder: Path) -> str | None:
        """The folder's content address; None if it cannot be read (it is then checked, and reports why)."""
        digest = hashlib.sha256(self.prefix)
        try:
            digest.update(folder.relative_to(self.display_root).as_posix().encode() + b"\0")
        except ValueError:
            digest.update(folder.as_posix().encode() + b"\0")
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
            for entry in entries:
                kind = "l" if entry.is_symlink() else "d" if entry.is_dir(follow_symlinks=False) else "f"
                digest.update(f"{kind}:{entry.name}\0".encode())
                if kind == "f":
                    with open(entry.path, "rb") as file:
                        digest.update(hashlib.sha256(file.read()).digest())
                elif kind == "d":  # indicators/ (its series are read), or a stray folder (reported by name)
                    with os.scandir(entry.path) as inner:
                        for item in sorted(inner, key=lambda e: e.name):
                            digest.update(f"{entry.name}/{item.name}\0".encode())
                            if item.is_file(follow_symlinks=False):
                                with open(item.path, "rb") as file:
                                    digest.update(hashlib.sha256(file.read()).digest())
        except OSError:
            return None
        return digest.hexdigest()

    def get(self, key: str) -> Result | None:
        data = self.entries.get(key)  # None unless the bytes match their recorded digest
        if data is None:
            return None
        try:
            result: Result = stored_format.decode(data, self.kind)
        except stored_format.Undecodable:  # a damaged or foreign entry is a miss, never a failure
            return None
        self.used.add(key)
        return result

    def put(self, key: str, result: Result) -> None:
        """Keep a result (in the checking worker process, which writes the entry itself; the build's
        own process marks the key as used)."""
        try:
            data = stored_format.encode(result)
        except (TypeError, ValueError):  # a value the format does not hold: not kept, checked again next time
            return
        self.entries.put(key, data)

    def prune(self) -> None:
        """Delete what this full scan did not use (older generations of the data)."""
        self.entries.prune(self.used)
