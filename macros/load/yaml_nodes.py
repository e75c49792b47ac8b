"""Safe YAML reading that keeps every value's line and column.

Assessment files arrive from strangers in pull requests, so this reader is stricter
than ``yaml.safe_load``:

* duplicate keys are errors (PyYAML silently keeps the last one);
* explicit tags (``!!python/object``, ``!custom``) are errors, never constructed;
* anchors and aliases are errors: data files have no use for them, and refusing
  them makes "billion laughs" alias bombs impossible rather than merely limited;
* files must be UTF-8, below a size limit, and not absurdly deeply nested;
* a file with no content at all (empty, or only comments) is an error, not a file that vanishes;
* characters that make a file read differently in an editor than to the parser are refused
  where they stand: control characters (C0 and C1), noncharacters, bidirectional controls
  ("Trojan Source"), and the line breaks YAML counts but editors do not (U+0085, U+2028,
  U+2029, a lone carriage return), so every position reported is the line and column a
  person sees (lines counted by ``\n`` alone, columns in characters);
* plain scalars are read by the YAML 1.2 core schema, not PyYAML's YAML 1.1 rules: ``NO``,
  ``yes`` and ``off`` stay text, ``0123`` is the decimal 123 (never octal), dates stay text
  until validation reads them, so the loss-free export holds what the person wrote.

It walks libyaml's event stream (C speed, pulled straight from the parser) and builds small
:class:`Node` objects itself, so that validation can report ``path:line:col`` for any value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Report
from .characters import inside, position
from .nodes import TAG_NULL, TAG_STR, Node, YamlDocument
from .scalars import _MAX_NUMBER_LENGTH, _MEMO_MAX_LENGTH, _NOT_TEXT_START, _resolve_core, _resolve_memo
from .text import checked_text

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 32

# The bare parser, pulled event by event: ``yaml.parse`` wraps it in a loader and a generator
# that cost three times the parsing itself.
try:
    from yaml._yaml import CParser as _new_parser
except ImportError:  # PyYAML built without libyaml: the pure-Python parser, same events

    def _new_parser(text: str) -> Any:  # type: ignore[no-redef]  # the same call as CParser(text)
        return yaml.SafeLoader(text)


def _mark(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


_NO_KEYS: dict[str, Node] = {}  # shared by every scalar: only maps have keys
_QUOTED_STYLES = frozenset(("'", '"'))
_BLOCK_STYLES = frozenset(("|", ">"))


def read_yaml(path: Path, display: str, report: Report, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    """Read one YAML file; problems go to ``report`` and give ``root=None``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.error(display, 1, 1, f"cannot read file: {exc.strerror}")
        return YamlDocument(display, None)
    return parse_yaml(data, display, report, max_bytes)


def parse_yaml(data: bytes, display: str, report: Report, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    errors_before = report.error_count
    text = checked_text(
        data,
        display,
        report,
        max_bytes=max_bytes,
        too_big="split it, or shorten long texts",
        not_utf8="save it as UTF-8",
    )
    if text is None:
        return YamlDocument(display, None)
    try:
        root = _compose(text, display, report)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = inside(text, *_mark(mark)) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        report.error(display, line, col, f"invalid YAML syntax: {problem}")
        return YamlDocument(display, None, text)
    except yaml.YAMLError as exc:  # a reader error: its position is a byte offset, so find the character
        character = getattr(exc, "character", None)
        at = text.find(chr(character)) if isinstance(character, int) else -1
        line, col = position(text, at) if at >= 0 else (1, 1)
        report.error(display, line, col, f"invalid YAML syntax: {getattr(exc, 'reason', None) or exc}")
        return YamlDocument(display, None, text)
    if root is None and report.error_count == errors_before:
        report.error(
            display,
            1,
            1,
            "the file has no content (it is empty, or holds only comments): write its fields, or delete the file",
        )
    return YamlDocument(display, root, text)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


class _Refused(Exception):
    pass


def _refuse_decoration(event: Any, display: str, report: Report) -> None:
    """Anchors (the way into alias bombs) and explicit tags (``!!python/object``) are refused."""
    line, col = _mark(event.start_mark)
    if event.anchor is not None:
        report.error(display, line, col, f'YAML anchors ("&{event.anchor}") are not allowed; write values out in full')
    else:
        report.error(
            display, line, col, f'YAML tags ("{_short_tag(event.tag)}") are not allowed in data files; remove the tag'
        )
    raise _Refused


def _compose(text: str, display: str, report: Report) -> Node | None:
    """Build the node tree from libyaml's events (the loop is written for speed: it runs once per value)."""
    # containers still open, each with its pending key (maps) or None
    stack: list[list] = []
    root: Node | None = None
    documents = 0
    errors_before = report.error_count
    ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
    SeqStart, MapStart = yaml.SequenceStartEvent, yaml.MappingStartEvent
    SeqEnd, MapEnd, DocStart = yaml.SequenceEndEvent, yaml.MappingEndEvent, yaml.DocumentStartEvent
    StreamEnd = yaml.StreamEndEvent
    resolve, memo, text_start = _resolve_core, _resolve_memo, _NOT_TEXT_START
    parser = _new_parser(text)
    try:
        while True:
            event: Any = parser.get_event()  # typed by kind below, not by PyYAML's stubs
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    _refuse_decoration(event, display, report)
                mark = event.start_mark
                raw = event.value
                style = event.style
                if style in _QUOTED_STYLES:
                    node = Node("scalar", mark.line + 1, mark.column + 1, raw, raw, TAG_STR, True, _NO_KEYS)
                elif style in _BLOCK_STYLES:
                    node = Node("scalar", mark.line + 1, mark.column + 1, raw, raw, TAG_STR, False, _NO_KEYS)
                elif raw and raw[0] not in text_start:  # plain text: most values (resolve_plain, inlined)
                    node = Node("scalar", mark.line + 1, mark.column + 1, raw, raw, TAG_STR, False, _NO_KEYS)
                else:
                    if not raw:
                        tag, value = TAG_NULL, None
                    elif len(raw) <= _MEMO_MAX_LENGTH:
                        tag, value = memo(raw)
                    else:
                        tag, value = resolve(raw) if len(raw) <= _MAX_NUMBER_LENGTH else (TAG_STR, raw)
                    node = Node("scalar", mark.line + 1, mark.column + 1, value, raw, tag, False, _NO_KEYS)
            elif kind is SeqEnd or kind is MapEnd:
                stack.pop()
                continue
            elif kind is SeqStart or kind is MapStart:
                if event.anchor is not None or event.tag is not None:
                    _refuse_decoration(event, display, report)
                line, col = _mark(event.start_mark)
                if len(stack) >= MAX_DEPTH:
                    report.error(display, line, col, f"data is nested more than {MAX_DEPTH} levels deep")
                    raise _Refused
                node = Node("seq", line, col, []) if kind is SeqStart else Node("map", line, col, {})
            elif kind is AliasEvent:
                line, col = _mark(event.start_mark)
                report.error(
                    display, line, col, f'YAML aliases ("*{event.anchor}") are not allowed; write the value out in full'
                )
                raise _Refused
            elif kind is DocStart:
                documents += 1
                if documents > 1:
                    line, col = _mark(event.start_mark)
                    report.error(
                        display, line, col, "only one YAML document per file is allowed (remove the extra '---')"
                    )
                    raise _Refused
                continue
            elif kind is StreamEnd:
                break
            else:
                continue
            # attach the new node to the open container (or make it the root)
            if not stack:
                root = node
            else:
                top = stack[-1]
                container = top[0]
                if container.kind == "seq":
                    container.value.append(node)
                elif top[1] is None:  # this node is a key
                    if node.kind != "scalar":
                        report.error(display, node.line, node.col, "keys must be plain text, not lists or mappings")
                        raise _Refused
                    top[1] = node
                else:
                    pending = top[1]
                    key = pending.raw
                    if key in container.value:
                        first = container.keys[key]
                        report.error(
                            display,
                            pending.line,
                            pending.col,
                            f'duplicate key "{key}" (first defined at line {first.line}); '
                            "each key may appear only once",
                        )
                    else:
                        container.value[key] = node
                        container.keys[key] = pending
                    top[1] = None
            if kind is SeqStart or kind is MapStart:
                stack.append([node, None])
    except _Refused:
        return None
    finally:
        parser.dispose()
    if report.error_count > errors_before:
        return None
    return root
