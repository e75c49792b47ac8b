"""macros/load/yaml_nodes.py: YAML 1.2 core-schema readings, positions an editor shows, files that
are never silently empty, and the loss-free copy."""

from __future__ import annotations

import math

import pytest

from macros.diagnostics import Report
from macros.load import scalars
from macros.load.scalars import resolve_plain
from macros.load.yaml_nodes import parse_yaml


def _read(text: str) -> tuple[object, Report]:
    report = Report()
    return parse_yaml(text.encode("utf-8"), "t.yaml", report).root, report


@pytest.mark.parametrize(
    ("plain", "tag", "value"),
    [
        ("NO", "str", "NO"),  # Norway: YAML 1.1 reads false
        ("no", "str", "no"),
        ("off", "str", "off"),
        ("yes", "str", "yes"),
        ("On", "str", "On"),
        ("y", "str", "y"),
        ("true", "bool", True),
        ("FALSE", "bool", False),
        ("0123456", "int", 123456),  # YAML 1.1: octal 42798
        ("0o17", "int", 15),
        ("0x1F", "int", 31),
        ("-7", "int", -7),
        ("1_000", "str", "1_000"),  # YAML 1.1: 1000
        ("1:20", "str", "1:20"),  # YAML 1.1: sexagesimal 80
        ("2024-03-31", "str", "2024-03-31"),  # dates are read by the validator, not the reader
        ("1.5", "float", 1.5),
        ("1e3", "float", 1000.0),
        (".inf", "float", math.inf),
        ("~", "null", None),
        ("Null", "null", None),
        ("٣", "str", "٣"),  # an Arabic-Indic digit is text
        ("1" * 1001, "str", "1" * 1001),  # too long to be a number (Python refuses 4,300 digits)
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(plain, tag, value):
    got_tag, got = resolve_plain(plain)
    assert got_tag == f"tag:yaml.org,2002:{tag}" and got == value and type(got) is type(value)


def test_the_memo_of_plain_scalars_is_bounded():
    info = scalars._resolve_memo.cache_info()
    assert info.maxsize is not None and info.maxsize <= 10_000
    for i in range(info.maxsize + 100):
        resolve_plain(f"{i}")
    assert scalars._resolve_memo.cache_info().currsize <= info.maxsize


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "\ufeff   \n# a\n\n"])
def test_a_file_with_no_content_is_an_error(text):
    root, report = _read(text)
    assert root is None
    assert [(d.line, d.col) for d in report.errors] == [(1, 1)]
    assert "no content" in report.errors[0].message


@pytest.mark.parametrize(
    ("text", "at", "fragment"),
    [
        ("a: b\nc: x\u009by\n", (2, 5), "control character U+009B"),
        ("a: b\nc: x\u0085y\n", (2, 5), "next line character U+0085"),
        ("a: b\n# \u2028\nc: [\n", (2, 3), "line separator character U+2028"),
        ("a: \u00e9\u00e9 \u2029\n", (1, 7), "paragraph separator character U+2029"),
        ("a: b\n  # \u202e comment\n", (2, 5), "bidirectional control character U+202E"),
        ("a: \u2066x\n", (1, 4), "bidirectional control character U+2066"),
        ("a: b\n\nc: \ufffe\n", (3, 4), "noncharacter U+FFFE"),
        ("a: \U0001f3d9\U0001fffe\n", (1, 5), "noncharacter U+1FFFE"),
        ("a: b\rc: d\n", (1, 5), "carriage return"),
    ],
)
def test_characters_that_read_differently_are_refused_where_an_editor_shows_them(text, at, fragment):
    root, report = _read(text)
    assert [((d.line, d.col), fragment in d.message) for d in report.errors][:1] == [(at, True)]
    # the rest of the file is still read (every error in one run): here only the unclosed list
    assert [d.message for d in report.errors[1:] if "invalid YAML syntax" not in d.message] == []


def test_a_refused_character_does_not_hide_the_rest_of_the_file():
    """Every error in one run: each refused character where an editor shows it (the first of each on a
    line), then what the rest of the file holds, at the positions an editor shows (a raw U+2028 is not a
    line break to an editor, so it must not shift the lines after it)."""
    text = "a: one\u2028two \u2028\u2028\nb: \u202ex\x07\nb: 2\nc: \U0001f3d9\x07 [1\n"
    root, report = _read(text)
    assert sorted((d.line, d.col, d.message.split(" ")[0]) for d in report.errors) == [
        (1, 7, "line"),
        (2, 4, "bidirectional"),
        (2, 6, "control"),
        (3, 1, "duplicate"),
        (4, 5, "control"),
    ]
    assert root is None  # a duplicate key: the tree is not given; without one it is, for the validator
    root, report = _read("a: one\u2028two\nb: [1, 2]\n")
    assert root is not None and root.value["b"].line == 2 and not report.ok


def test_crlf_line_ends_are_fine():
    root, report = _read("a: b\r\nc: d\r\n")
    assert report.ok and root.value["c"].line == 2


def test_a_non_utf8_byte_is_reported_at_its_column_in_characters():
    report = Report()
    parse_yaml("x: 1\nname: São Paulo ".encode() + b"\xe9\n", "t.yaml", report)
    assert [(d.line, d.col) for d in report.errors] == [(2, 17)]


def test_syntax_errors_stay_inside_the_file():
    for text in ("a: [", "a: [\n", "a: 'open", "- a\nb: c"):
        _, report = _read(text)
        lines = text.split("\n")
        for d in report.errors:
            assert 1 <= d.line <= len(lines) and 1 <= d.col <= len(lines[d.line - 1]) + 1, (text, d)


def test_the_loss_free_copy_keeps_numbers_as_they_were_written():
    root, report = _read("a: 3\nb: 0123\nc: 0x1F\nd: 1e3\ne: 1.5\nf: NO\ng: .inf\nh: +5\ni: 2024-03-31\nj: ~\n")
    assert report.ok
    assert root.to_json_data() == {
        "a": 3,
        "b": "0123",
        "c": "0x1F",
        "d": "1e3",
        "e": 1.5,
        "f": "NO",
        "g": ".inf",
        "h": "+5",
        "i": "2024-03-31",
        "j": None,
    }
