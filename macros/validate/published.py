"""Published means append-only: an assessment file against its version at a base commit.

The pure part of ``scripts/validate --base REF`` and ``scripts/correct``: both documents are read
node trees (the caller reads the base's blob from Git; nothing is run from the repository). Every
field is compared by its path from the top of the file (mappings are followed key by key; a list
or a scalar is one value). A difference must be recorded in a ``corrections`` entry added since the
base, whose ``previous`` holds the base's value under the same keys; entries the base already had
stay exactly as they were; ``withdrawn`` and ``review`` may be added without a correction.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..load.nodes import TAG_NULL, Node
from .fields import PathContext

CORRECTIONS = "corrections"
# May be added to a published file without a correction (each is dated, and shown as what it is).
ADDABLE = ("withdrawn", "review")
HOW_TO_FIX = 'scripts/correct FILE --reason "…" writes it'

Path = tuple[str, ...]


def plain(node: Node) -> Any:
    """A value as compared and recorded: plain data as written (dates as text); an empty value is None."""
    if node.kind == "scalar" and node.tag == TAG_NULL:
        return None
    return node.to_json_data()


def leaves(node: Node | None, prefix: Path = ()) -> Iterator[tuple[Path, Node]]:
    """Every field under ``node`` by path: a mapping is followed key by key, anything else is one value."""
    if node is None:
        return
    if node.kind == "map" and (node.value or not prefix):
        for key, value in node.value.items():
            yield from leaves(value, (*prefix, key))
    else:
        yield prefix, node


def tracked(root: Node | None) -> dict[Path, Node]:
    """The fields a correction must account for: all but the corrections themselves."""
    return {path: node for path, node in leaves(root) if path and path[0] != CORRECTIONS}


def path_text(path: Path) -> str:
    """A path as messages name fields: ``characteristics."1.1.1".now``."""
    return ".".join(key if key.isidentifier() else json.dumps(key, ensure_ascii=False) for key in path)


# What a file may not hold as it is (the reader refuses controls, bidirectional and other format
# characters, line separators and noncharacters typed raw) and the no-break space, which looks like a
# space: written as YAML escapes, so that scripts/correct's entry reads back as the value it records.
# The form writes the same (docs/assets/assess-check.js valueText, assess-write.js scalar).
_ESCAPED_CATEGORIES = frozenset(("Cc", "Cf", "Zl", "Zp"))


def _escaped(char: str) -> str:
    code = ord(char)
    if (
        unicodedata.category(char) not in _ESCAPED_CATEGORIES
        and code != 0xA0
        and not 0xFDD0 <= code <= 0xFDEF
        and code not in (0xFFFE, 0xFFFF)
    ):
        return char
    return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"  # \u takes exactly four digits


def value_text(value: Any) -> str:
    """A value as YAML would have it on one line (JSON's form is valid YAML), read back as the same value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = json.dumps(value, ensure_ascii=False)
    return text if text.isascii() else "".join(map(_escaped, text))


@dataclass(frozen=True)
class Difference:
    path: Path
    old: Any  # at the base (None: absent)
    new: Any  # now (None: absent)
    node: Node  # where to point: the field now, or the nearest mapping that still holds it


def _corrections(root: Node | None) -> list[Node]:
    node = root.value.get(CORRECTIONS) if root is not None and root.kind == "map" else None
    return list(node.value) if node is not None and node.kind == "seq" else []


def _nearest(root: Node, path: Path) -> Node:
    node = root
    for key in path:
        if node.kind != "map" or key not in node.value:
            break
        node = node.value[key]
    return node


def differences(base: Node | None, now: Node | None) -> list[Difference]:
    """What changed since the base, in the order of the file, leaving out what may be added freely."""
    if base is None or now is None:
        return []
    before, after = tracked(base), tracked(now)
    base_top = base.value if base.kind == "map" else {}
    found = []
    for path in [*after, *(p for p in before if p not in after)]:
        if path[0] in ADDABLE and path[0] not in base_top:
            continue
        old = plain(before[path]) if path in before else None
        new = plain(after[path]) if path in after else None
        if old != new:
            found.append(Difference(path, old, new, after.get(path) or _nearest(now, path)))
    return found


def recorded(entries: list[Node]) -> dict[Path, tuple[Any, Node]]:
    """The earliest ``previous`` value of each path in ``entries`` (the value before the first of them)."""
    out: dict[Path, tuple[Any, Node]] = {}
    for entry in entries:
        previous = entry.value.get("previous") if entry.kind == "map" else None
        if previous is None or previous.kind != "map":
            continue
        for path, node in leaves(previous):
            if path:
                out.setdefault(path, (plain(node), node))
    return out


def unrecorded(base: Node | None, now: Node | None) -> list[Difference]:
    """The differences no correction added since the base records (what ``scripts/correct`` writes)."""
    added = recorded(_corrections(now)[len(_corrections(base)) :])
    return [d for d in differences(base, now) if d.path not in added]


def check_published(ctx: PathContext, base: Node | None, now: Node | None, ref: str) -> None:
    """Report every change since ``ref`` that the file does not record as a correction."""
    if base is None or now is None or now.kind != "map":
        return
    published = f"the published version ({ref})"
    old_entries, new_entries = _corrections(base), _corrections(now)
    for i, entry in enumerate(old_entries, start=1):
        current = new_entries[i - 1] if i <= len(new_entries) else None
        if current is None or plain(current) != plain(entry):
            ctx.error(
                current if current is not None else now.value.get(CORRECTIONS, now),
                f"corrections[{i}]: this entry of {published} was {'changed' if current is not None else 'removed'}; "
                f"published corrections stay as they are: restore it as it was (git show {ref}:{ctx.path}) and add "
                "a new entry after it for a further change",
            )
    added = recorded(new_entries[len(old_entries) :])
    changed = differences(base, now)
    for diff in changed:
        field = path_text(diff.path)
        if diff.path not in added:
            wanted = f"previous: {field}: {value_text(diff.old)}"
            ctx.error(
                diff.node,
                f"{field}: changed since {published} from {value_text(diff.old)} to {value_text(diff.new)} without "
                f'a correction: add to "corrections:" an entry with the date, the reason and {wanted} '
                f"({HOW_TO_FIX.replace('FILE', ctx.path)})",
            )
            continue
        value, node = added[diff.path]
        if value != diff.old:
            ctx.error(
                node,
                f"{field}: the correction's previous value is {value_text(value)}, but {published} has "
                f"{value_text(diff.old)}: write {value_text(diff.old)}",
            )
    changed_paths = {d.path for d in changed}
    for path, (_value, node) in added.items():
        if path not in changed_paths:
            ctx.error(
                node,
                f"{path_text(path)}: a correction records a change, but the field is the same as in {published}: "
                "remove it from previous",
            )
