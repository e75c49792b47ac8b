"""validate/fields.py: one message form, ``<field's name>: <problem>``, and every error counted."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.diagnostics import Report
from macros.load.nodes import Node
from macros.load.yaml_nodes import parse_yaml
from macros.validate import fields
from macros.validate.fields import Fields, FileContext, PathContext

TODAY = dt.date(2026, 11, 22)


def _root(text: str) -> Node:
    report = Report()
    root = parse_yaml(text.encode(), "t.yaml", report).root
    assert root is not None, report.format()
    return root


def _messages(report: Report) -> list[str]:
    return [d.message for d in report.diagnostics]


def test_the_catalogue_names_a_field_by_its_key_and_a_person_s_file_by_its_path():
    node = _root("x: [1]").value["x"]
    quoted, by_path = FileContext("c.yaml", Report()), PathContext("a.yaml", Report())
    fields.text(quoted, node, "name")
    fields.text(by_path, node, 'characteristics."1.1.1".justification')
    assert _messages(quoted.report) == ['field "name": must be text, found a list']
    assert _messages(by_path.report) == ['characteristics."1.1.1".justification: must be text, found a list']


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-31", dt.date(2024, 3, 31)),
        ('"2024-3-5"', dt.date(2024, 3, 5)),  # quoted, and without leading zeros: still a date
        ('"2024-02-30"', 'd: "2024-02-30" is not a real calendar date; write it as YYYY-MM-DD'),
        ("2027-01-01", "d: 2027-01-01 is in the future (today is 2026-11-22)"),
        ("March 2024", 'd: must be a date written YYYY-MM-DD (e.g. 2024-03-31), found "March 2024"'),
    ],
)
def test_one_date_reader_for_quoted_and_unquoted_dates(value, expected):
    ctx = PathContext("a.yaml", Report())
    result = fields.date(ctx, _root(f"d: {value}").value["d"], "d", today=TODAY)
    if isinstance(expected, dt.date):
        assert result == expected and ctx.report.diagnostics == []
    else:
        assert result is None and _messages(ctx.report) == [expected]


def test_a_hint_marks_a_field_filled_in_from_the_template():
    ctx = PathContext("a.yaml", Report())
    f = Fields(
        ctx, _root("now: TODO\nwhy:\n"), 'characteristics."1.1"', ("now", "why", "when"), path='characteristics."1.1"'
    )
    assert f.get("now", hint="choose a level") is None
    assert f.get("why", required=False, hint="say why") is None
    assert f.get("when", hint="a date") is None
    assert _messages(ctx.report) == [
        'characteristics."1.1".now: not filled in yet: choose a level',
        'characteristics."1.1".why: not filled in yet: say why (or delete the "why" line: it is optional)',
        'characteristics."1.1": missing required field "when": a date',
    ]


def test_without_a_hint_an_empty_value_is_reported_as_empty():
    ctx = FileContext("c.yaml", Report())
    f = Fields(ctx, _root("name:\n"), "model.yaml", ("name",))
    assert f.get("name") is None
    assert _messages(ctx.report) == ['model.yaml: field "name" is empty; it needs a value']


def test_every_error_of_a_reader_is_counted_in_the_file_and_the_report():
    report = Report()
    ctx = PathContext("city.yaml", report)
    root = _root("website: ftp://example.org\nfictional: maybe\n")
    f = Fields(ctx, root, "city.yaml", ("website", "fictional"))
    assert f.read(fields.url, "website") is None
    assert f.read(fields.boolean, "fictional") is None
    assert ctx.errors == 2 and report.error_count == 2 and not report.ok
    assert (
        _messages(report)[0]
        == 'website: "ftp://example.org" is not an allowed link; use a full "http:" or "https:" address'
    )


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ('"\\u200B\\u2060"', "has no visible character, only invisible ones (U+200B, U+2060)"),
        ('"\\u3164 \\u2800"', "has no visible character"),  # Hangul filler, braille blank
        ('"a\\u2067b"', "never closed by U+2069"),
        ('"a\\u2069"', "closes nothing"),
        ('"\\x9b"', "contains the control character U+009B"),
        ('"x\\uFDD0"', "contains the noncharacter U+FDD0"),
    ],
)
def test_text_that_shows_nothing_or_disguises_what_follows_is_refused(value, problem):
    ctx = PathContext("a.yaml", Report())
    assert fields.text(ctx, _root(f"t: {value}").value["t"], "t", required=False) is None
    assert len(ctx.report.errors) == 1 and problem in ctx.report.errors[0].message


@pytest.mark.parametrize("value", ['"\\u2067שלום\\u2069 x"', '"\\u200B\\u200B zero-width at the start"', '"Ａ"'])
def test_balanced_isolates_and_visible_text_are_fine(value):
    ctx = PathContext("a.yaml", Report())
    assert fields.text(ctx, _root(f"t: {value}").value["t"], "t") is not None and ctx.report.ok


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("123456", 123456),
        ("0123456", 'n: must be a whole number from 1 to 1000000, found "0123456" has a leading zero'),
        ("0x1F", 'n: must be a whole number from 1 to 1000000, found "0x1F" is not written in decimal digits'),
        ("0o17", 'n: must be a whole number from 1 to 1000000, found "0o17" is not written in decimal digits'),
    ],
)
def test_whole_numbers_are_written_in_plain_decimal_digits(value, expected):
    ctx = PathContext("a.yaml", Report())
    result = fields.integer(ctx, _root(f"n: {value}").value["n"], "n", 1, 1_000_000)
    if isinstance(expected, int):
        assert result == expected and ctx.report.ok
    else:
        assert result is None and _messages(ctx.report)[0].startswith(expected)


@pytest.mark.parametrize("value", ["yes", "No", "off", "ON", "y"])
def test_yaml_1_1_yes_no_words_are_not_booleans(value):
    ctx = PathContext("a.yaml", Report())
    assert fields.boolean(ctx, _root(f"b: {value}").value["b"], "b") is None
    assert _messages(ctx.report) == [
        f'b: must be true or false, found "{value}" (text: data files are read as YAML 1.2, where only true and '
        "false are yes/no values)"
    ]


def test_dates_are_written_in_ascii_digits():
    ctx = PathContext("a.yaml", Report())
    assert fields.date(ctx, _root('d: "٢٠٢٤-٠٣-٣١"').value["d"], "d") is None
    assert "must be a date written YYYY-MM-DD" in _messages(ctx.report)[0]
