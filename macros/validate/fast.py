"""Checking a file on the fast reading first, and on the strict one whenever anything is to be said.

:func:`check_file` runs a file's checks on the native reader's tree (:mod:`macros.load.fast_yaml`,
no positions) into a scratch report. A file with no diagnostic at all is done: nothing it gives the
model depends on positions but its ratings' lines, which that reader finds. Any other file (the fast
reader declined it, or a check has an error or a warning to report) is read by the strict reader and
checked again, so every diagnostic, its message and its position are the strict reader's. One set of
checks runs either way; ``tests/test_reader_agreement.py`` compares the two readings over every file
the project has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from ..diagnostics import Report
from ..load.fast_yaml import read_fast
from ..load.nodes import Node
from ..load.yaml_nodes import MAX_DEPTH, MAX_FILE_BYTES, parse_yaml, read_yaml
from .fields import PathContext

T = TypeVar("T")


def check_file(
    path: Path, ctx: PathContext, check: Callable[[PathContext, Node | None], T], *, lines_of: str | None = None
) -> tuple[T, Node | None]:
    """``check`` on the file's tree: the fast reading's when it passes without a word, else the strict one's.

    ``check`` reports through the context it is given and must depend on nothing else that it changes."""
    try:
        data = path.read_bytes()
    except OSError:
        root = read_yaml(path, ctx.path, ctx.report).root  # reports why, as it always has
        return check(ctx, root), root
    fast = read_fast(data, max_bytes=MAX_FILE_BYTES, max_depth=MAX_DEPTH, lines_of=lines_of)
    if fast is not None:
        trial = replace(ctx, report=Report(), errors=0)
        result = check(trial, fast)
        if not trial.report.diagnostics:
            return result, fast
    root = parse_yaml(data, ctx.path, ctx.report).root
    return check(ctx, root), root


def strict_tree(path: Path) -> Node | None:
    """The file's tree from the strict reader, its diagnostics dropped: for the position of a value that a
    check across files (or of a file against its folder) reports, when the file was read the fast way."""
    return read_yaml(path, str(path), Report()).root


def positioned(path: Path, node: Node, key: str) -> Node:
    """``node`` (the value of the top-level ``key``) with its position (a node of the fast reading has
    none: line 0)."""
    if node.line:
        return node
    root = strict_tree(path)
    found = root.value.get(key) if root is not None and root.kind == "map" else None
    return found if found is not None else node
