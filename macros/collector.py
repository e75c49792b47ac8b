"""The garbage collector's policy during a build, in one place.

A build makes millions of long-lived objects (the model, the plan, the engine's pages) and little
cyclic garbage: each of the collector's full runs walks all of them again and again. So:

* :func:`loading`: no collection while the data is read and checked;
* :func:`keep`: what exists now lives for the whole build (the model, then the plan): out of
  the collector's sight;
* :func:`writing`: no collection while the city pages and data files are drawn and written
  (after one last collection of what the engine's own pages left).

Figures: BENCHMARKS.md ("Figures that were in the code's comments").
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """No collection inside the block; the collector is on again after it if it was before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def keep() -> None:
    """Move every object alive now out of the collector's sight (they live as long as the build)."""
    gc.freeze()


_writing: list[bool] = []  # one entry per open writing() block: whether the collector was on


@contextlib.contextmanager
def writing() -> Iterator[None]:
    """No collection inside the block, after one collection; inner blocks change nothing."""
    if not _writing:
        gc.collect()
        gc.freeze()
    _writing.append(gc.isenabled())
    gc.disable()
    try:
        yield
    finally:
        if _writing.pop():
            gc.enable()
