"""``python -m tools.bench.readers DIR``: milliseconds of CPU per YAML file for our reader and its floors.

Over every ``*.yaml`` under DIR (e.g. cities written by ``python -m tools.sample_data``), in one process, the
best of ``--repeat`` passes:

* **the fast reading**: :func:`macros.load.fast_yaml.read_fast` (yaml-rs, a YAML 1.2 parser in Rust, to plain
  values, wrapped into the same nodes without positions; a file it declines counts at the strict reader's cost,
  as the build then reads it strictly);
* **our strict reader**: :func:`macros.load.yaml_nodes.parse_yaml`, the reader of every file with something to
  report (libyaml events composed into :class:`~macros.load.nodes.Node` objects in Python, every check included);
* **libyaml events only**: the same parser's events pulled and dropped, the floor of any reader on PyYAML;
* **yaml-rs alone**: plain Python objects in native code, no nodes, no checks;
* **PyYAML CSafeLoader**: plain Python objects, no positions, no checks.

Issue 14 measured rapidyaml (0.15.2) and yaml-rs (0.1.6) and kept neither, for want of positions; issue 23
settled it: positions are only needed for a diagnostic, so a file that passes every check is read the fast way
and any other file again by the strict reader (``macros/validate/fast.py``, ``tests/test_reader_agreement.py``).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from macros.diagnostics import Report
from macros.load.fast_yaml import read_fast
from macros.load.yaml_nodes import MAX_DEPTH, MAX_FILE_BYTES, _new_parser, parse_yaml

try:
    import yaml_rs as native
except ImportError:  # pragma: no cover - a pinned requirement
    native = None  # type: ignore[assignment]


def _events_only(data: bytes) -> None:
    parser = _new_parser(data.decode("utf-8"))
    end = yaml.StreamEndEvent
    while type(parser.get_event()) is not end:
        pass
    parser.dispose()


def readers() -> list[tuple[str, Callable[[bytes], object]]]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    rows: list[tuple[str, Callable[[bytes], object]]] = [
        ("the fast reading (`read_fast`: yaml-rs, nodes without positions; declined files read strictly)", _fast),
        ("our strict reader (`parse_yaml`: libyaml events composed in Python, every check)", _our_reader),
        ("libyaml events only (pulled and dropped: the floor of any reader on PyYAML)", _events_only),
        ("PyYAML `CSafeLoader` to Python objects (no positions, no checks)", lambda d: yaml.load(d, Loader=loader)),
    ]
    if native is not None:
        rows.insert(3, ("yaml-rs alone, to Python objects (no nodes, no checks)", lambda d: native.loads(d.decode())))
    return rows


def _fast(data: bytes) -> object:
    root = read_fast(data, max_bytes=MAX_FILE_BYTES, max_depth=MAX_DEPTH, lines_of="characteristics")
    return root if root is not None else parse_yaml(data, "bench.yaml", Report())


def _our_reader(data: bytes) -> object:
    return parse_yaml(data, "bench.yaml", Report())


def _declining(reader: Callable[[bytes], object]) -> Callable[[bytes], object]:
    def read(data: bytes) -> object:
        try:
            return reader(data)
        except (yaml.YAMLError, UnicodeDecodeError, ValueError):  # hostile or broken: read, to no avail
            return None

    return read


def measure(files: list[bytes], repeat: int = 3) -> list[tuple[str, float]]:
    """(reader, best CPU milliseconds per file) for each reader."""
    results = []
    for name, reader in readers():
        read, best = _declining(reader), float("inf")
        for _ in range(repeat):
            start = time.process_time()
            for data in files:
                read(data)
            best = min(best, time.process_time() - start)
        results.append((name, best / max(len(files), 1) * 1000))
    return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.bench.readers", description=__doc__.split("\n")[0])
    p.add_argument("folder", type=Path, help="read every *.yaml below it")
    p.add_argument("--repeat", type=int, default=3, help="passes per reader; the best is kept (default 3)")
    args = p.parse_args(argv)
    paths = sorted(args.folder.rglob("*.yaml"))
    files = [path.read_bytes() for path in paths]
    print(f"{len(files):,} files, {sum(map(len, files)) / 1e6:.1f} MB, best of {args.repeat}\n")
    print("| reader | ms per file |\n|---|---:|")
    for name, ms in measure(files, args.repeat):
        print(f"| {name} | {ms:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
