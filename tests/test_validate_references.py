"""validate/references.py: broken cross-references are reported with file, line and a suggestion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.diagnostics import Report
from macros.validate.catalogue import load_catalogue


@pytest.fixture
def criteria(repo, tmp_path) -> Path:
    shutil.copytree(repo / "criteria", tmp_path / "criteria")
    return tmp_path / "criteria"


def test_broken_reference_reported_with_file_line_and_suggestion(criteria):
    path = criteria / "annex-b.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("standards: [ISO 37106]")
    path.write_text(text[:first] + text[first:].replace("ISO 37106", "ISO37106", 1), encoding="utf-8")
    line = text[:first].count("\n") + 1
    report = Report()
    assert load_catalogue(criteria, report, display_root=criteria.parent) is None
    messages = [d.format() for d in report.errors]
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"criteria/annex-b.yaml:{line}:")
    assert 'unknown standard "ISO37106" (did you mean "ISO 37106"?)' in messages[0]


def test_unknown_subdimension_in_mapping(criteria):
    path = criteria / "annex-b.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('applies_to: "1.3"', 'applies_to: "1.7"', 1), encoding="utf-8")
    report = Report()
    load_catalogue(criteria, report, display_root=criteria.parent)
    assert any('applies_to: unknown sub-dimension or purpose "1.7"' in d.message for d in report.errors), (
        report.format()
    )


def test_unreferenced_standard_is_a_warning(criteria):
    path = criteria / "standards.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text
        + "\n  - id: ISO 9999\n    title: Nothing\n    title_source: published\n"
        + "    description: Unused.\n    description_source: test\n",
        encoding="utf-8",
    )
    report = Report()
    assert load_catalogue(criteria, report, display_root=criteria.parent) is not None
    assert [d.message for d in report.warnings] == [
        'standard "ISO 9999" is not referenced by Annex B, Table 4 or any footnote '
        '(list the clauses that cite it under "cited_in")'
    ]
