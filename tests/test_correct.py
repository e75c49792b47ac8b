"""scripts/correct's entry, written into the file's text (macros/commands/correct.py): the file's own line
ends and comments kept, and a field whose shape changed refused with a message instead of a traceback
(found by tests/test_fuzz.py's published check). The command in a Git clone: tests/test_published.py."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from macros.commands.correct import with_entry
from macros.diagnostics import Report
from macros.load.yaml_nodes import parse_yaml
from macros.validate.fields import PathContext
from macros.validate.published import check_published, unrecorded

DAY = dt.date(2025, 1, 15)
BASE = (
    "# a comment that stays\n"
    "date: 2024-01-01\n"
    "characteristics:\n"
    '  "1.1.1": {now: 2, in_two_years: 3}\n'
    '  "1.1.2":\n'
    "    groups:\n"
    "      residents: {now: 2, in_two_years: 3}\n"
    "corrections:\n"
    "  - date: 2024-02-01\n"
    "    reason: A typo.\n"
    "    previous:\n"
    "      summary: null\n"
    "# the review follows\n"
    "review:\n"
    "  by: A peer city\n"
)


def _root(text: str):
    report = Report()
    root = parse_yaml(text.encode("utf-8"), "f.yaml", report).root
    assert not report.errors, report.format()
    return root


def _corrected(base: str, now: str) -> str:
    root = _root(now)
    return with_entry(now, root, unrecorded(_root(base), root), DAY, "Mistyped.")


def _accepted(base: str, written: str) -> None:
    report = Report()
    check_published(PathContext("f.yaml", report), _root(base), _root(written), "base")
    assert not report.diagnostics, report.format()


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_entry_goes_after_the_last_one_in_the_file_s_own_line_ends(newline):
    base = BASE.replace("\n", newline)
    written = _corrected(base, base.replace('"1.1.1": {now: 2', '"1.1.1": {now: 3'))
    _accepted(base, written)
    assert written.count(newline) == written.count("\n"), "one kind of line end, the file's"
    lines = written.split(newline)
    assert lines[0] == "# a comment that stays" and lines[-1] == "" and lines[-3] == "review:"
    assert lines[lines.index("  - date: 2025-01-15") - 1] == "      summary: null", "after the older entry"
    assert yaml.safe_load(written)["corrections"][1]["previous"] == {"characteristics": {"1.1.1": {"now": 2}}}


def test_a_file_without_corrections_gets_the_list_at_its_end():
    base = BASE[: BASE.index("corrections:")]
    written = _corrected(base, base.replace('in_two_years: 3}\n  "1.1.2', 'in_two_years: 4}\n  "1.1.2'))
    _accepted(base, written)
    assert written.startswith(base.replace('in_two_years: 3}\n  "1', 'in_two_years: 4}\n  "1'))
    assert written.endswith('      characteristics:\n        "1.1.1":\n          in_two_years: 3\n')


def test_a_group_of_fields_become_one_value_is_refused_with_a_message():
    now = BASE.replace("residents: {now: 2, in_two_years: 3}", "residents: unknown")
    with pytest.raises(ValueError, match=r'characteristics\."1\.1\.2"\.groups\.residents: a group of fields became'):
        _corrected(BASE, now)
    with pytest.raises(ValueError, match="a group of fields became a single value"):
        _corrected(now, BASE)  # and the other way round


def test_an_earlier_value_with_bidirectional_marks_is_written_as_escapes():
    """Isolates are legitimate in right-to-left text, but the reader refuses them typed raw: the entry
    records them as YAML escapes (found by the long fuzz run on the hostile unicode-tricks case)."""
    said = "Right-to-left isolate \\u2067PDF mark\\u2069 and mark \\u200F"
    base = BASE.replace(
        '"1.1.1": {now: 2, in_two_years: 3}', f'"1.1.1": {{now: 2, in_two_years: 3, justification: "{said}"}}'
    )
    now = base.replace(said, "Corrected.")
    written = _corrected(base, now)
    _accepted(base, written)
    assert '          justification: "Right-to-left isolate \\u2067PDF mark\\u2069 and mark \\u200f"\n' in written
