"""``scripts/correct FILE --reason "…" [--base REF] [--date YYYY-MM-DD]``: record a published file's changes.

Writes the ``corrections:`` entry for every difference between the working file and its version
at ``HEAD`` (or ``--base``) that no entry records yet, so nobody types ``previous:`` by hand. The
entry's text is added to the file as it is (its comments and layout stay): at the end of an
existing ``corrections:`` list, or as a new list at the end of the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from ..diagnostics import Report
from ..load.nodes import Node
from ..load.yaml_nodes import parse_yaml
from ..validate.fields import PathContext
from ..validate.published import CORRECTIONS, Difference, check_published, path_text, unrecorded, value_text
from . import history, project_options, project_root


def _key(key: str) -> str:
    return key if key.isidentifier() else json.dumps(key, ensure_ascii=False)


def _nested(diffs: list[Difference]) -> dict[str, Any]:
    """The earlier values under their keys. A field that was a mapping and is now one value (or the other
    way round) has no such form: ValueError (no valid file has one; the validator names the field)."""
    tree: dict[str, Any] = {}
    for diff in diffs:
        node = tree
        for depth, key in enumerate(diff.path[:-1], start=1):
            node = node.setdefault(key, {})
            if not isinstance(node, dict):
                raise ValueError(_reshaped(diff.path[:depth]))
        if diff.path[-1] in node:
            raise ValueError(_reshaped(diff.path))
        node[diff.path[-1]] = diff.old
    return tree


def _reshaped(path: tuple[str, ...]) -> str:
    return (
        f"{path_text(path)}: a group of fields became a single value, or the other way round; a correction "
        "records earlier values field by field: fix the file's layout first (scripts/validate names the field)"
    )


def _lines(tree: dict[str, Any], indent: int) -> list[str]:
    out = []
    for key, value in tree.items():
        if isinstance(value, dict) and value:
            out.append(f"{' ' * indent}{_key(key)}:")
            out += _lines(value, indent + 2)
        else:
            out.append(f"{' ' * indent}{_key(key)}: {value_text(value)}")
    return out


def entry_text(diffs: list[Difference], day: dt.date, reason: str, indent: int) -> list[str]:
    """The entry as YAML lines, its ``-`` at ``indent``."""
    pad = " " * (indent + 2)
    return [
        f"{' ' * indent}- date: {day.isoformat()}",
        f"{pad}reason: {json.dumps(reason, ensure_ascii=False)}",
        f"{pad}previous:",
        *_lines(_nested(diffs), indent + 4),
    ]


def with_entry(text: str, root: Node, diffs: list[Difference], day: dt.date, reason: str) -> str:
    """``text`` with the new entry added to its ``corrections`` (created at the end when absent)."""
    # Lines as the reader numbers them (split at "\n" alone, not at the other breaks splitlines knows), and
    # the file's own line ending kept: a CRLF file stays CRLF, so the pull request shows the entry only.
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines[-1] == "":
        lines.pop()
    node = root.value.get(CORRECTIONS)
    if node is None:
        while lines and not lines[-1].strip():
            lines.pop()
        return newline.join([*lines, f"{CORRECTIONS}:", *entry_text(diffs, day, reason, 2)]) + newline
    if node.kind != "seq" or not node.value or node.line == root.keys[CORRECTIONS].line:
        raise ValueError(f'{CORRECTIONS}: write it as a list of entries, one "- date: …" block each, to add one')
    indent = node.value[0].col - 3  # the item's content starts two columns after its "- "
    key_line = root.keys[CORRECTIONS].line
    # the list ends where the next top-level field begins (or with the file)
    later = [k.line for k in root.keys.values() if k.line > key_line]
    end = (min(later) - 1) if later else len(lines)
    while end > key_line and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    new = [*lines[:end], *entry_text(diffs, day, reason, max(indent, 0)), *lines[end:]]
    return newline.join(new) + newline


def correct(file: Path, reason: str, base: str, day: dt.date, root: Path) -> tuple[int, str]:
    """Add the entry; (exit code, message)."""
    try:
        commit = history.commit_of(root, base)
    except (history.GitUnavailable, history.UnknownRef) as exc:
        return 1, f"scripts/correct: {exc}"
    try:
        shown = file.resolve().relative_to(root).as_posix()
    except ValueError:
        return 1, f"scripts/correct: {file} is not inside the project {root}"
    before = history.blob(root, commit, shown)
    if before is None:
        return 0, f"{shown} is not published at {base}: a new file needs no correction"
    try:
        text = file.read_bytes().decode("utf-8")  # as it is: read_text would turn CRLF line ends into LF
    except (OSError, UnicodeDecodeError) as exc:
        return 1, f"scripts/correct: cannot read {shown}: {exc}"
    report = Report()
    base_doc, now_doc = parse_yaml(before, shown, report), parse_yaml(text.encode("utf-8"), shown, report)
    if base_doc.root is None or now_doc.root is None or now_doc.root.kind != "map":
        print(report.format(), file=sys.stderr)
        return 1, f"scripts/correct: {shown} cannot be read as YAML: fix it first"
    diffs = unrecorded(base_doc.root, now_doc.root)
    if not diffs:
        return 0, f"{shown}: every change since {base} is recorded already; nothing to add"
    try:
        new_text = with_entry(text, now_doc.root, diffs, day, reason)
    except ValueError as exc:
        return 1, f"{shown}: {exc}"
    check = Report()
    new_root = parse_yaml(new_text.encode("utf-8"), shown, check).root
    check_published(PathContext(shown, check), base_doc.root, new_root, base)
    if check.errors:  # never write a file the check would still refuse
        return 1, check.format() + f"\nscripts/correct: could not record the changes in {shown}: edit it by hand"
    file.write_bytes(new_text.encode("utf-8"))
    fields = ", ".join(path_text(d.path) for d in diffs)
    return 0, f"{shown}: added a correction dated {day.isoformat()} recording {len(diffs)} change(s): {fields}"


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(
        parents=[project_options()],
        prog="scripts/correct",
        description="Write the corrections: entry for the changes made to a published assessment file.",
    )
    parser.add_argument("file", type=Path, help="the assessment file you changed")
    parser.add_argument("--reason", required=True, help="why the values were corrected (shown on the city page)")
    parser.add_argument("--base", default="HEAD", help="the published version to compare with (default: HEAD)")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=None, help="the correction's date (today)")
    args = parser.parse_args(argv)
    if not args.reason.strip():
        parser.error("--reason: say why the values were corrected")
    today = args.date or dt.date.today()
    code, message = correct(args.file, args.reason.strip(), args.base, today, root or project_root(args))
    print(message, file=sys.stderr if code else sys.stdout)
    return code
