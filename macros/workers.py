"""Spread independent work (checking city folders, writing city pages) over the machine's cores.

The site engine itself is single-threaded, but the per-city work of a build is independent:
each city's files are checked alone, each city's page and data files are written alone. Forked
worker processes inherit the loaded model for free (copy-on-write), so only the small results
travel back, never the catalogue or the cities.

Forking is used only where it is safe and pays: on systems that have it, from a process with
no other thread running, and for enough items; never in ``mkdocs serve``, whose rebuilds run
beside the server's threads (a fork copies only the calling thread, and any lock another held).
``MMSSC_WORKERS=1`` forces sequential work (e.g. to profile a build).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

ENV_VAR = "MMSSC_WORKERS"
MIN_ITEMS_PER_WORKER = 50  # below this, starting processes costs more than it saves

_job: tuple[Callable, Sequence] | None = None  # what forked workers run: inherited, never pickled
_in_process_only = False


def stay_in_process() -> None:
    """From now on, work in this process only (``mkdocs serve``: its rebuilds run beside the
    server's threads)."""
    global _in_process_only
    _in_process_only = True


def worker_count() -> int:
    """Worker processes to use: ``MMSSC_WORKERS`` if set, else one per available core."""
    value = os.environ.get(ENV_VAR, "").strip()
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            raise SystemExit(
                f"{ENV_VAR}={value!r}: give a whole number of worker processes (1 = no parallel work)"
            ) from None
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    return not _in_process_only and "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _run(bounds: tuple[int, int]) -> list:
    fn, items = _job  # type: ignore[misc]
    return [fn(items[i]) for i in range(*bounds)]


def fork_map(
    fn: Callable[[T], R], items: Sequence[T], *, chunk: int = 16, per_worker: int = MIN_ITEMS_PER_WORKER
) -> Iterator[R]:
    """``map(fn, items)``, in order, over forked workers when that is safe and worth it: at least
    ``per_worker`` items for each (a few big items are worth a worker each), ``chunk`` at a time.

    ``fn`` and ``items`` are inherited by the workers (so ``fn`` may be a closure); the results
    must be picklable. An exception in a worker is raised here."""
    global _job
    workers = min(worker_count(), len(items) // per_worker)
    if workers <= 1 or not can_fork():
        yield from map(fn, items)
        return
    bounds = [(start, min(start + chunk, len(items))) for start in range(0, len(items), chunk)]
    _job = (fn, items)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for results in pool.imap(_run, bounds):
                yield from results
    finally:
        _job = None


class Background:
    """Work started by :func:`in_background`: :meth:`wait` for it before relying on what it made."""

    def __init__(self, pid: int | None = None, errors: int | None = None) -> None:
        self._pid = pid
        self._errors = errors  # the read end of a pipe: the worker's traceback, if it failed

    def wait(self) -> None:
        """Return once the work is done; raise :class:`BackgroundError` (with its traceback) if it failed."""
        if self._pid is None:
            return
        assert self._errors is not None
        with os.fdopen(self._errors, "rb") as pipe:
            report = pipe.read().decode("utf-8", "replace")
        _pid, status = os.waitpid(self._pid, 0)
        self._pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            raise BackgroundError(report.strip() or f"the background worker ended with status {status}")

    def cancel(self) -> None:
        """Stop the work (the build failed before waiting for it)."""
        if self._pid is None:
            return
        try:
            os.kill(self._pid, signal.SIGTERM)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        if self._errors is not None:
            os.close(self._errors)
        self._pid = None


class BackgroundError(Exception):
    """The background worker failed: its traceback."""


def in_background(fn: Callable[[], object]) -> Background:
    """Run ``fn()`` in one forked worker while this process goes on (the site engine drawing its own
    pages on one core while the data files are written on the other); where forking is not safe
    or there is one core, run it now. The worker does its work alone, without workers of its own."""
    if worker_count() < 2 or not can_fork():
        fn()
        return Background()
    errors, report = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns into the engine's code
        status = 0
        try:
            os.close(errors)
            stay_in_process()
            fn()
        except BaseException:
            os.write(report, traceback.format_exc().encode("utf-8", "replace"))
            status = 1
        finally:
            os._exit(status)
    os.close(report)
    return Background(pid, errors)
