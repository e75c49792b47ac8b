"""Bytes kept on disk by content address: what lets a warm build skip work whose inputs did not change.

Two layers keep results here, each in its own folder under the plugin's ``cache_dir``
(``.cache/mmssc/`` beside ``mkdocs.yml``, ignored by git, kept between CI runs):

* ``validate/stored.py``: checked city folders, addressed by the bytes of their files, the
  catalogue, the validator's code and the day;
* ``publish/reuse.py``: drawn city pages and city files, addressed by the folder's address,
  the drawing code, the site's settings, the language and the output's path; linked into the
  built site from here (:meth:`ContentStore.link`).

An address is a SHA-256 of everything the stored value depends on, so a hit is always the
value the work would produce again; a damaged or unreadable entry is a miss, never a failure.
After a full build, each layer prunes the entries it did not use: the store holds one
generation of the data.

Anyone can compute an address, so an entry is not trusted for being at one: each entry's
SHA-256 is recorded when it is written (in the folder's ``digests`` journal, appended to by every
process that writes), and an entry whose bytes do not match its record, or that has none (a file
put there by hand, a page edited through its link in ``site/``), is a miss: it is made again and
replaced. Nothing in the store is executed: checked folders are JSON (``validate/stored_format.py``).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# The libraries whose output the stored results carry (the reader's YAML, Babel's numbers and plural
# rules, pycountry's country and language names): another version of one is other code.
LIBRARIES = ("PyYAML", "Babel", "pycountry")


def address(*parts: str | bytes) -> str:
    """The SHA-256 of ``parts``, each length-prefixed (so no two part lists give one address)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(f"{len(data)}:".encode())
        digest.update(data)
    return digest.hexdigest()


@functools.cache
def code_version(names: tuple[str, ...]) -> str:
    """A hash of the package's files under ``names`` (modules or folders of ``macros/``), of
    Python's version and of the :data:`LIBRARIES`' versions: results made by other code are never reused."""
    digest = hashlib.sha256(sys.version.encode())
    for library in LIBRARIES:
        digest.update(f"{library}=={metadata.version(library)}\0".encode())
    for name in names:
        path = PACKAGE / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for source in files:
            if "__pycache__" in source.parts or source.suffix in (".pyc", ".mo"):
                continue
            digest.update(source.relative_to(PACKAGE).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


_writes = itertools.count()


def _umask() -> int | None:
    """This process's umask, read without changing it (``os.umask`` sets it: a race with other threads);
    None where the system does not tell (then every new file's mode is set explicitly)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return None


# Entries are readable by all (a linked entry is served as a page) and written by none (an entry linked
# into a built site cannot be changed through it by accident). Where the umask leaves 0o444 as it is,
# files are created with that mode and no chmod follows (a build makes thousands).
READ_ONLY = 0o444
_UMASK = _umask()
_NEEDS_CHMOD = _UMASK is None or _UMASK & READ_ONLY != 0


def create_read_only(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file at ``path`` (none may be there), with the entries' mode."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, READ_ONLY)
    with os.fdopen(fd, "wb") as out:
        if _NEEDS_CHMOD:
            os.fchmod(fd, READ_ONLY)
        out.write(data)


# The digests journal: fixed records of an entry's address and its content's SHA-256 (32 bytes each),
# appended with O_APPEND (one write per record: records from several processes never interleave);
# the latest record of an address counts. A prune rewrites it with the kept entries' records only.
DIGESTS = "digests"
_RECORD = 64


def content_digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


class ContentStore:
    """A folder of entries named by their address (sharded by its first two digits), each checked
    against the digest recorded when it was written."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.digests: dict[bytes, bytes] = {}  # address (raw) -> the SHA-256 recorded for its entry
        self._read_to = 0  # how much of the journal is in ``digests``
        self._journal: int | None = None  # this process's append descriptor (reopened after a fork)
        self._journal_pid = 0
        self.refresh()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    # --- the digests journal ---

    def refresh(self) -> None:
        """Read the records appended since the last read (by worker processes, another build)."""
        try:
            with open(self.folder / DIGESTS, "rb") as journal:
                journal.seek(self._read_to)
                data = journal.read()
        except OSError:
            return
        whole = len(data) - len(data) % _RECORD  # a record being written is read next time
        digests = self.digests
        for start in range(0, whole, _RECORD):
            digests[data[start : start + 32]] = data[start + 32 : start + _RECORD]
        self._read_to += whole

    def _record(self, key: str, digest: bytes) -> None:
        raw = bytes.fromhex(key)
        self.digests[raw] = digest
        try:
            if self._journal is None or self._journal_pid != os.getpid():
                self.folder.mkdir(parents=True, exist_ok=True)
                self._journal = os.open(self.folder / DIGESTS, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                self._journal_pid = os.getpid()
            os.write(self._journal, raw + digest)
        except OSError:
            pass  # unrecorded, the entry is a miss next time: a warm start lost, never a wrong result

    def _verified(self, key: str, data: bytes) -> bool:
        recorded = self.digests.get(bytes.fromhex(key))
        return recorded is not None and recorded == content_digest(data)

    # --- entries ---

    def get(self, key: str) -> bytes | None:
        try:
            data = self._path(key).read_bytes()
        except (OSError, ValueError):
            return None
        return data if self._verified(key, data) else None

    def put(self, key: str, data: bytes) -> None:
        folder = self.folder / key[:2]
        # a name no other writer uses (processes by their id, threads of one by a count), so
        # that entries are made with one open, one write and one rename
        temporary = folder / f".tmp-{os.getpid()}-{next(_writes)}-{key}"
        try:
            try:
                create_read_only(temporary, data)
            except FileNotFoundError:
                folder.mkdir(parents=True, exist_ok=True)
                create_read_only(temporary, data)
            os.replace(temporary, folder / key)  # atomic: a reader sees the whole entry or none
        except OSError:
            temporary.unlink(missing_ok=True)
            return  # a read-only or full disk only costs the next build its warm start
        self._record(key, content_digest(data))

    def adopt(self, key: str, finished: Path, data: bytes) -> None:
        """Make the finished, read-only file ``finished`` (:func:`create_read_only`, holding ``data``)
        the entry ``key``, by a hard link: a build writes each drawn output once, into the site, and
        the store gets a name for it (atomic too: the entry appears whole or not at all). A copy where
        links cannot be made. An entry already there is replaced: it failed its check (or it would
        have been linked instead), and the same address is the same bytes."""
        entry = self._path(key)
        for _attempt in range(3):
            try:
                os.link(finished, entry)
                break
            except FileExistsError:
                temporary = entry.with_name(f".tmp-{os.getpid()}-{next(_writes)}-{key}")
                try:
                    os.link(finished, temporary)
                    os.replace(temporary, entry)
                    break
                except OSError:
                    temporary.unlink(missing_ok=True)
                    return
            except FileNotFoundError:
                entry.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                self.put(key, data)
                return
        else:
            return
        self._record(key, content_digest(data))

    def link(self, key: str, target: Path) -> bool:
        """Put the entry at ``target`` (whose folder exists), if it matches its recorded digest: a hard
        link, so no copy and no new file; a copy where links cannot be made (another file system).
        False if there is no such entry."""
        entry = self._path(key)
        try:
            data = entry.read_bytes()
        except OSError:
            return False
        if not self._verified(key, data):
            return False
        for _attempt in range(2):
            try:
                os.link(entry, target)
                return True
            except FileExistsError:  # left by an earlier build into the same folder: replaced
                target.unlink(missing_ok=True)
            except FileNotFoundError:
                return False
            except OSError:
                try:
                    create_read_only(target, data)  # the bytes checked, not the file again
                    return True
                except OSError:
                    return False
        return False

    def prune(self, keep: Iterable[str]) -> None:
        """Delete every entry but those in ``keep`` (and any write left half-done), and every record
        but theirs."""
        kept = set(keep)
        if not self.folder.is_dir():
            return
        for shard in self.folder.iterdir():
            if shard.is_dir():
                for entry in shard.iterdir():
                    if entry.name not in kept:
                        entry.unlink(missing_ok=True)
        self.refresh()
        self.digests = {raw: digest for raw, digest in self.digests.items() if raw.hex() in kept}
        records = b"".join(raw + digest for raw, digest in self.digests.items())
        temporary = self.folder / f".{DIGESTS}-{os.getpid()}-{next(_writes)}"
        try:
            temporary.write_bytes(records)
            os.replace(temporary, self.folder / DIGESTS)
        except OSError:
            temporary.unlink(missing_ok=True)
            return
        if self._journal is not None and self._journal_pid == os.getpid():
            os.close(self._journal)
        self._journal = None
        self._read_to = len(records)
