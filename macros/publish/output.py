"""Write generated files into the built site, on all cores (:mod:`macros.workers`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..site.pages import GeneratedFile
from ..workers import fork_map


def write_files(files: Sequence[GeneratedFile], site_dir: Path) -> int:
    """Write every file (each streamed by its own writer); returns the bytes written."""
    made: set[Path] = set()  # folders this process made: a city's five files share one

    def write(generated: GeneratedFile) -> int:
        target = site_dir / generated.path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        with open(target, "wb") as out:
            generated.write(out)
            return out.tell()

    # small chunks: a few files (the full exports) take far longer than the rest
    return sum(fork_map(write, files, chunk=4))
