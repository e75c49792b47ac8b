"""``python -m tools.bench.readers DIR``: milliseconds of CPU per YAML file for our reader and its alternatives.

Issue 14 asked for a reader on a faster parser. This measures, over every ``*.yaml`` under DIR (e.g. cities
written by ``python -m tools.sample_data``), in one process, the best of ``--repeat`` passes:

* **our reader**: :func:`macros.load.yaml_nodes.parse_yaml`, the reader every build uses (libyaml events
  composed into :class:`~macros.load.nodes.Node` objects in Python, every check included);
* **libyaml events only**: the same parser's events pulled and dropped, the floor of that design;
* **PyYAML CSafeLoader**: plain Python objects, no positions, no checks;
* with rapidyaml (``pip install rapidyaml==0.15.2``; the rows are left out without it): its tree alone
  (``parse_in_place``); the tree walked into Nodes with no position and no check (the least any reader on
  it can cost from Python); and :func:`ryml_nodes`, that walk with every position recovered from the source
  and the checks a fast path needs to vouch for a file (anything else declined, for the strict reader).

``--check`` also compares :func:`ryml_nodes` with our reader on every file it does not decline: same
values, tags, styles and positions. The prototype is here to measure, not to read: it was slower than our
reader (BENCHMARKS.md, "The reader"), so the build does not use rapidyaml.
"""

from __future__ import annotations

import argparse
import importlib
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import yaml

from macros.diagnostics import Report
from macros.load.characters import find_refused
from macros.load.nodes import TAG_STR, Node
from macros.load.scalars import _NOT_TEXT_START, _resolve_core, _resolve_memo
from macros.load.yaml_nodes import MAX_DEPTH, _new_parser, parse_yaml


def _ryml() -> Any:
    try:
        return importlib.import_module("ryml")
    except ImportError:
        return None


_MAP, _SEQ, _CONTAINER, _FLOW = 0x4, 0x8, 0xC, 0x30000
_DECORATED = 0x100 | 0x200 | 0x400 | 0x800 | 0x40 | 0x80  # anchors, tags and references, on key or value
_KEY_QUOTED, _KEY_SQUO, _VAL_QUOTED, _VAL_SQUO, _VAL_BLOCK = 0xAA00000, 0x2000000, 0x15400000, 0x4000000, 0x1400000
# between two tokens: spaces, line ends and comments (a "#" after a space or at a line start)
_GAP = re.compile(r"(?:[ \n]|\r\n|(?:(?<=[ \n])|^)#[^\r\n]*)*")
_DOUBLE = re.compile(r'"[^"\\\n]*"')  # escapes and line folding are declined: libyaml's rules, not ryml's
_SINGLE = re.compile(r"'(?:[^'\n]|'')*'")
_PLAIN_REFUSED_START = frozenset("?:,[]{}#&*!|>'\"%@`")
_NO_KEYS: dict[str, Node] = {}


class Declined(Exception):
    """The fast path does not vouch for this file: the strict reader must read it."""


def ryml_nodes(data: bytes, ryml: Any) -> Node:
    """The Node tree of a clean file from rapidyaml's tree, positions as our reader gives them, or
    :class:`Declined`."""
    text = data.decode("utf-8")
    buf = bytearray(data)  # the tree's scalars are slices of it: it must outlive the walk
    try:
        tree = ryml.parse_in_place(buf)
    except Exception as exc:  # a parse error (rapidyaml also prints it to stderr): the strict reader's business
        raise Declined from exc
    t = tree.this  # the SWIG object itself: a call then costs 40 ns instead of 300
    api = ryml._ryml
    T_type, T_key, T_val, T_first, T_next = (
        api.Tree_type,
        api.Tree_key,
        api.Tree_val,
        api.Tree_first_child,
        api.Tree_next_sibling,
    )
    none = ryml.NONE
    gap = cast(Callable[[str, int], re.Match[str]], _GAP.match)  # the gap may be empty: it always matches
    count, rfind, starts = text.count, text.rfind, text.startswith
    at = [0, 1]  # the last position counted and its line

    def scalar(view: Any, kind: int, quoted: int, single: int, cur: int, is_key: bool) -> tuple[Node, int]:
        if view is None:
            raise Declined  # an empty value: its position is where the ":" or "-" ends (not kept by the prototype)
        value = str(view, "utf-8")
        p = gap(text, cur).end()
        line = at[1] + count("\n", at[0], p)
        at[0], at[1] = p, line
        col = p - rfind("\n", 0, p)
        if kind & quoted:
            if kind & _VAL_BLOCK and not is_key:
                raise Declined
            m = (_SINGLE if kind & single else _DOUBLE).match(text, p)
            written = m.group()[1:-1] if m else None
            if written is None or (written.replace("''", "'") if kind & single else written) != value:
                raise Declined
            return Node("scalar", line, col, value, value, TAG_STR, True, _NO_KEYS), p + len(written) + 2
        if not value or not starts(value, p) or value[0] in _PLAIN_REFUSED_START or ": " in value or " #" in value:
            raise Declined
        if is_key or value[0] not in _NOT_TEXT_START:
            return Node("scalar", line, col, value, value, TAG_STR, False, _NO_KEYS), p + len(value)
        tag, resolved = _resolve_memo(value) if len(value) <= 64 else _resolve_core(value)
        return Node("scalar", line, col, resolved, value, tag, False, _NO_KEYS), p + len(value)

    def container(i: int, cur: int, depth: int) -> tuple[Node, int]:
        kind = T_type(t, i)
        if kind & _DECORATED or depth >= MAX_DEPTH:
            raise Declined
        flow = kind & _FLOW
        line = col = 0
        if flow or kind & _SEQ:  # "[", "{" or the first "-"
            p = gap(text, cur).end()
            line = at[1] + count("\n", at[0], p)
            at[0], at[1] = p, line
            col, cur = p - rfind("\n", 0, p), p + 1
        child, first = T_first(t, i), True
        items: list[Node] = []
        values: dict[str, Node] = {}
        keys: dict[str, Node] = {}
        while child != none:
            ckind = T_type(t, child)
            if ckind & _DECORATED:
                raise Declined
            if not first and (flow or kind & _SEQ):
                p = gap(text, cur).end()
                if text[p] != ("," if flow else "-"):
                    raise Declined
                cur = p + 1
            if kind & _MAP:
                key, cur = scalar(T_key(t, child), ckind, _KEY_QUOTED, _KEY_SQUO, cur, True)
                if first and not flow:
                    line, col = key.line, key.col
                elif not flow and key.col != col:
                    raise Declined
                if text[cur : cur + 1] != ":" or key.raw in values:
                    raise Declined
                cur += 1
            first = False
            if ckind & _CONTAINER:
                node, cur = container(child, cur, depth + 1)
            else:
                node, cur = scalar(T_val(t, child), ckind, _VAL_QUOTED, _VAL_SQUO, cur, False)
            if kind & _MAP:
                values[key.raw], keys[key.raw] = node, key
            else:
                items.append(node)
            child = T_next(t, child)
        if flow:
            p = gap(text, cur).end()
            if text[p : p + 1] != ("}" if kind & _MAP else "]"):
                raise Declined
            cur = p + 1
        if kind & _MAP:
            return Node("map", line, col, values, "", TAG_STR, False, keys), cur
        return Node("seq", line, col, items), cur

    if not T_type(t, 0) & _CONTAINER:
        raise Declined  # a stream of documents, a lone scalar, an empty file
    root, cur = container(0, 0, 0)
    if gap(text, cur).end() != len(text):
        raise Declined
    return root


def _walk_without_positions(data: bytes, ryml: Any) -> Node | None:
    buf = bytearray(data)
    try:
        tree = ryml.parse_in_place(buf)
    except ryml.ExceptionBasic:
        return None
    t, api, none = tree.this, ryml._ryml, ryml.NONE

    def build(i: int) -> Node:
        kind = api.Tree_type(t, i)
        if kind & _CONTAINER:
            child, values, keys, items = api.Tree_first_child(t, i), {}, {}, []
            while child != none:
                if kind & _MAP:
                    key = str(api.Tree_key(t, child), "utf-8")
                    keys[key] = Node("scalar", 0, 0, key, key, TAG_STR, False, _NO_KEYS)
                    values[key] = build(child)
                else:
                    items.append(build(child))
                child = api.Tree_next_sibling(t, child)
            return Node("map", 0, 0, values, "", TAG_STR, False, keys) if kind & _MAP else Node("seq", 0, 0, items)
        view = api.Tree_val(t, i)
        value = "" if view is None else str(view, "utf-8")
        return Node("scalar", 0, 0, value, value, TAG_STR, False, _NO_KEYS)

    return build(0)


def _tree_only(data: bytes, ryml: Any) -> object:
    try:
        return ryml.parse_in_place(bytearray(data))
    except ryml.ExceptionBasic:
        return None


def _events_only(data: bytes) -> None:
    parser = _new_parser(data.decode("utf-8"))
    end = yaml.StreamEndEvent
    while type(parser.get_event()) is not end:
        pass
    parser.dispose()


def readers() -> list[tuple[str, Callable[[bytes], object]]]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    rows: list[tuple[str, Callable[[bytes], object]]] = [
        ("our reader (`parse_yaml`: libyaml events composed in Python, every check)", _our_reader),
        ("libyaml events only (pulled and dropped: the floor of our design)", _events_only),
        ("PyYAML `CSafeLoader` to Python objects (no positions, no checks)", lambda d: yaml.load(d, Loader=loader)),
    ]
    ryml = _ryml()
    if ryml is not None:
        rows += [
            ("rapidyaml `parse_in_place`, tree only", lambda d: _tree_only(d, ryml)),
            ("rapidyaml tree walked into Nodes, no positions, no checks", lambda d: _walk_without_positions(d, ryml)),
            ("rapidyaml tree walked into Nodes with positions and checks (prototype)", lambda d: ryml_nodes(d, ryml)),
        ]
    return rows


def _our_reader(data: bytes) -> object:
    return parse_yaml(data, "bench.yaml", Report())


def _declining(reader: Callable[[bytes], object]) -> Callable[[bytes], object]:
    def read(data: bytes) -> object:
        try:
            return reader(data)
        except (Declined, yaml.YAMLError, UnicodeDecodeError, ValueError):  # hostile or broken: read, to no avail
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


def shape(node: Node | None) -> object:
    """Everything a Node tree says, positions included, as comparable data."""
    if node is None:
        return None
    if node.kind == "map":
        return ("map", node.line, node.col, [(k.line, k.col, k.raw, shape(v)) for k, v in node.items()])
    if node.kind == "seq":
        return ("seq", node.line, node.col, [shape(v) for v in node.value])
    return (node.line, node.col, repr(node.value), node.raw, node.tag, node.quoted)


def check(files: list[bytes]) -> tuple[int, int, int]:
    """(files the prototype read like our reader, files it declined, files it read differently), among the
    files that pass the checks both would share (UTF-8, no refused character: :func:`find_refused`)."""
    ryml = _ryml()
    same = declined = different = 0
    for data in files:
        try:
            if find_refused(data.decode("utf-8")) is not None:
                continue
        except UnicodeDecodeError:
            continue
        try:
            fast = ryml_nodes(data, ryml)
        except Declined:
            declined += 1
            continue
        if shape(fast) == shape(parse_yaml(data, "check.yaml", Report()).root):
            same += 1
        else:
            different += 1
    return same, declined, different


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.bench.readers", description=__doc__.split("\n")[0])
    p.add_argument("folder", type=Path, help="read every *.yaml below it")
    p.add_argument("--repeat", type=int, default=3, help="passes per reader; the best is kept (default 3)")
    p.add_argument("--check", action="store_true", help="compare the rapidyaml prototype with our reader")
    args = p.parse_args(argv)
    paths = sorted(args.folder.rglob("*.yaml"))
    files = [path.read_bytes() for path in paths]
    print(f"{len(files):,} files, {sum(map(len, files)) / 1e6:.1f} MB, best of {args.repeat}\n")
    print("| reader | ms per file |\n|---|---:|")
    for name, ms in measure(files, args.repeat):
        print(f"| {name} | {ms:.3f} |")
    if args.check and _ryml() is not None:
        same, declined, different = check(files)
        print(f"\nprototype against our reader: {same} files the same, {declined} declined, {different} different")
        return 1 if different else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
