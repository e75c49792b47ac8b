"""validate/assessment.py and ratings.py: an assessment's header and ratings, read from a document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.diagnostics import Report
from macros.load.yaml_nodes import read_yaml
from macros.model.catalogue import Catalogue
from macros.validate.assessment import read_assessment
from macros.validate.fields import PathContext

GOOD = Path(__file__).parent / "fixtures" / "assessments" / "good" / "sorvika" / "2024-02-01.yaml"
TODAY = dt.date(2026, 11, 22)


def _read(text: str, catalogue: Catalogue, tmp_path: Path):
    path = tmp_path / "2024-02-01.yaml"
    path.write_text(text, encoding="utf-8")
    report = Report()
    ctx = PathContext("sorvika/2024-02-01.yaml", report, today=TODAY)
    return read_assessment(ctx, read_yaml(path, ctx.path, report).root, "sorvika", catalogue), ctx, report


def test_the_good_assessment_reads_whole(catalogue, tmp_path):
    assessment, ctx, report = _read(GOOD.read_text(encoding="utf-8"), catalogue, tmp_path)
    assert assessment is not None and report.diagnostics == [] and ctx.errors == 0
    assert list(assessment.ratings) == [cid for cid in catalogue.characteristics if cid in assessment.ratings]


def test_an_unquoted_date_is_the_same_date(catalogue, tmp_path):
    text = GOOD.read_text(encoding="utf-8").replace('date: "2024-02-01"', "date: 2024-02-01", 1)
    assert "date: 2024-02-01" in text
    assessment, _, report = _read(text, catalogue, tmp_path)
    assert report.errors == [] and assessment is not None and assessment.date == dt.date(2024, 2, 1)


def test_a_rating_error_names_its_path_and_fails_the_file(catalogue, tmp_path):
    text = GOOD.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.strip().startswith("now:"))
    assessment, ctx, report = _read(text.replace(first, first.split(":")[0] + ": six", 1), catalogue, tmp_path)
    assert assessment is None and ctx.errors == report.error_count == 1
    (error,) = report.errors
    assert error.message.startswith('characteristics."') and ".now: must be a maturity level" in error.message
