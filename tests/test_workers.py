"""Work spread over processes (macros.workers) and the per-folder validation cache: the same
results as one process, in the same order, and only changed folders read again."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from macros import workers
from macros.diagnostics import Report
from macros.validate import folders as va
from tools import sample_data

TODAY = dt.date(2026, 11, 22)


def _pid_of(_item: int) -> int:
    return os.getpid()


def _fail_on_seven(item: int) -> int:
    if item == 7:
        raise ValueError("seven")
    return item


def test_results_come_back_in_order_from_other_processes(repo):
    # in a fresh process: this one may run threads (test servers), where forking is refused
    code = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(repo)!r})
        os.environ["MMSSC_WORKERS"] = "2"
        from macros import workers
        assert workers.can_fork()
        items = list(range(400))
        assert list(workers.fork_map(lambda i: i * i, items, chunk=7)) == [i * i for i in items]
        import time
        pids = set(workers.fork_map(lambda _: (time.sleep(0.002), os.getpid())[1], items, chunk=7))
        assert os.getpid() not in pids and len(pids) == 2, pids
        print("two workers, results in order")
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "two workers, results in order" in result.stdout


def test_no_forking_while_other_threads_run(monkeypatch):
    monkeypatch.setenv(workers.ENV_VAR, "2")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not workers.can_fork()
        assert set(workers.fork_map(_pid_of, list(range(300)))) == {os.getpid()}
    finally:
        stop.set()
        thread.join()


def test_an_exception_in_a_worker_reaches_the_caller(monkeypatch):
    monkeypatch.setenv(workers.ENV_VAR, "2")
    with pytest.raises(ValueError, match="seven"):
        list(workers.fork_map(_fail_on_seven, list(range(200))))


def test_one_worker_or_few_items_stay_in_this_process(monkeypatch):
    monkeypatch.setenv(workers.ENV_VAR, "1")
    assert set(workers.fork_map(_pid_of, list(range(300)))) == {os.getpid()}
    monkeypatch.setenv(workers.ENV_VAR, "4")
    assert set(workers.fork_map(_pid_of, list(range(workers.MIN_ITEMS_PER_WORKER)))) == {os.getpid()}


def test_a_bad_worker_count_is_explained(monkeypatch):
    monkeypatch.setenv(workers.ENV_VAR, "many")
    with pytest.raises(SystemExit, match="MMSSC_WORKERS='many'"):
        workers.worker_count()


@pytest.fixture(scope="module")
def catalogue():
    return sample_data.load_catalogue_or_fail()


@pytest.fixture(scope="module")
def cities(tmp_path_factory, catalogue) -> Path:
    root = tmp_path_factory.mktemp("cities")
    sample_data.generate(120, root / "assessments", seed=5, catalogue=catalogue)
    return root


def _load(root: Path, catalogue, cache=None) -> tuple[Report, dict]:
    report = Report()
    registry = va.load_registry(root / "assessments", catalogue, report, display_root=root, today=TODAY, cache=cache)
    return report, registry.cities


def _same(a: dict, b: dict) -> bool:
    return list(a) == list(b) and all(a[k] == b[k] for k in a)


def test_parallel_checking_gives_the_same_registry_and_diagnostics(cities, catalogue, monkeypatch):
    monkeypatch.setenv(workers.ENV_VAR, "1")
    one_report, one = _load(cities, catalogue)
    monkeypatch.setenv(workers.ENV_VAR, "2")
    two_report, two = _load(cities, catalogue)
    assert len(one) == 120 and _same(one, two)
    assert one_report.sorted() == two_report.sorted()


def test_the_cache_reads_only_the_edited_folder_again(cities, catalogue, monkeypatch, tmp_path):
    import shutil

    root = tmp_path / "project"
    shutil.copytree(cities / "assessments", root / "assessments")
    cache = va.FolderCache()
    checked: list[str] = []
    real = va.check_city_folder

    def counting(folder, *args, **kwargs):
        checked.append(folder.name)
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(va, "check_city_folder", counting)
    monkeypatch.setenv(workers.ENV_VAR, "1")  # the count above is kept in this process
    first_report, first = _load(root, catalogue, cache)
    assert len(checked) == 120 and first_report.error_count == 0
    checked.clear()
    again_report, again = _load(root, catalogue, cache)
    assert checked == [] and _same(first, again)

    victim = sorted((root / "assessments").iterdir())[3]
    latest = sorted(victim.glob("2*.yaml"))[-1]
    latest.write_text(latest.read_text(encoding="utf-8").replace("now:", "now: 9\n    nope:", 1), encoding="utf-8")
    broken_report, _ = _load(root, catalogue, cache)
    assert checked == [victim.name]
    assert broken_report.error_count > 0
    assert all(d.path.startswith(f"assessments/{victim.name}/") for d in broken_report.errors)

    checked.clear()
    shutil.rmtree(victim)
    gone_report, gone = _load(root, catalogue, cache)
    assert checked == [] and gone_report.error_count == 0 and victim.name not in gone and len(gone) == 119


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers, and forking allowed although the test runner has threads of its own (the worker
    only runs the test's function and exits)."""
    monkeypatch.setenv("MMSSC_WORKERS", "2")
    monkeypatch.setattr(workers, "can_fork", lambda: True)


@pytest.mark.usefixtures("forking")
def test_background_work_runs_beside_this_process_and_is_waited_for(tmp_path: Path) -> None:
    out = tmp_path / "pid"
    work = workers.in_background(lambda: out.write_text(str(os.getpid())))
    work.wait()
    assert int(out.read_text()) != os.getpid(), "in a worker of its own"
    work.wait()  # waiting again is harmless


@pytest.mark.usefixtures("forking")
def test_a_failure_in_the_background_is_raised_with_its_traceback() -> None:
    def broken() -> None:
        raise OSError("disk full")

    work = workers.in_background(broken)
    with pytest.raises(workers.BackgroundError, match=r"(?s)Traceback.*OSError: disk full"):
        work.wait()


@pytest.mark.usefixtures("forking")
def test_background_work_can_be_cancelled(tmp_path: Path) -> None:
    import time

    done = tmp_path / "done"
    work = workers.in_background(lambda: (time.sleep(30), done.write_text("late")))
    start = time.monotonic()
    work.cancel()
    assert time.monotonic() - start < 10 and not done.exists()
    work.wait()  # nothing left to wait for


def test_with_one_worker_background_work_runs_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MMSSC_WORKERS", "1")
    out = tmp_path / "pid"
    workers.in_background(lambda: out.write_text(str(os.getpid())))
    assert int(out.read_text()) == os.getpid()
