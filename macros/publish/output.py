"""Write generated files into the built site, on all cores (:mod:`macros.workers`).

A file with a ``key`` (a city's page, feed or badge: ``publish/reuse.py``) is linked from the
store of drawn outputs when the store has it, else made, written into the site read-only and
linked into the store (one new file either way: creating files is much of a cold build's
system time). Every file replaces what is at its path rather than writing into it: a file
linked by an earlier build into the same folder is the store's entry, never to be written through.
The garbage collector is paused meanwhile (``collector.writing``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .. import collector
from ..site.pages import GeneratedFile
from ..store import ContentStore, create_read_only
from ..workers import fork_map


def write_files(files: Sequence[GeneratedFile], site_dir: Path, store: ContentStore | None = None) -> None:
    """Write every file (each streamed by its own writer, or linked from ``store``)."""
    # small chunks: a few files (the full exports) take far longer than the rest
    write_groups([(file,) for file in files], site_dir, store, chunk=4)


def write_groups(
    groups: Sequence[Sequence[GeneratedFile]], site_dir: Path, store: ContentStore | None = None, *, chunk: int = 1
) -> None:
    """Write every file, each group's one after the other in one process (a city's pages in each
    language: what they share is drawn once, ``render/indicator_section.py``)."""
    made: set[Path] = set()  # folders this process made: a city's five files share one
    if store is not None:
        store.refresh()  # the digests recorded since the store was opened (a rebuild of `mkdocs serve`)

    def write(generated: GeneratedFile) -> None:
        target = site_dir / generated.path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if generated.key is not None and store is not None:
            if store.link(generated.key, target):
                return
            data = generated.data()
            target.unlink(missing_ok=True)
            create_read_only(target, data)
            store.adopt(generated.key, target, data)
            return
        target.unlink(missing_ok=True)
        with open(target, "wb") as out:
            generated.write(out)

    def write_group(group: Sequence[GeneratedFile]) -> None:
        for generated in group:
            write(generated)

    with collector.writing():
        for _ in fork_map(write_group, groups, chunk=chunk):
            pass


def detach_from_store(path: Path) -> None:
    """Remove a hard link to the store of drawn outputs before the engine writes at ``path`` in place."""
    try:
        if path.stat().st_nlink > 1:
            path.unlink()
    except FileNotFoundError:
        pass
