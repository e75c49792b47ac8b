"""``python -m tools.bench.validator PROJECT [CACHE_DIR]``: time one :func:`load_project`, in a process of its own.

With ``CACHE_DIR``, with the store of checked folders kept there (as ``make validate`` and builds keep
theirs in ``.cache/mmssc``): the second run reads only the folders whose files changed.

Prints ``[wall seconds, CPU seconds]`` as JSON. The benchmark runs this in a fresh process, like
each build, so nothing the validator remembers (the project's cache, the reader's) carries over
from one size or one repeat to the next.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from pathlib import Path

from macros.publish.project import load_project


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the validator's worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(project: Path, cache_dir: Path | None = None) -> tuple[float, float]:
    gc.collect()
    start, start_cpu = time.perf_counter(), cpu_seconds()
    load_project(project, cache_dir=cache_dir)
    return time.perf_counter() - start, cpu_seconds() - start_cpu


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)))
