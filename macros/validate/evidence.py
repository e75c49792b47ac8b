"""A rating's ``evidence``: titled links to the documents the assessors had, dated if known."""

from __future__ import annotations

import datetime as dt

from ..load.nodes import Node
from ..model.assessments import Evidence
from . import fields
from .fields import Fields, PathContext

EVIDENCE_FIELDS = ("title", "url", "date")
# Evidence dated more than this many years before the assessment is probably out of date.
EVIDENCE_MAX_AGE_YEARS = 5


def read_evidence(ctx: PathContext, node: Node | None, path: str, when: dt.date | None) -> tuple[Evidence, ...]:
    """The valid evidence items under ``path`` (a rating), checked against the assessment's date."""
    found: list[Evidence] = []
    for i, item in enumerate(fields.sequence(ctx, node, f"{path}.evidence"), start=1):
        epath = f"{path}.evidence[{i}]"
        ef = Fields(ctx, item, epath, EVIDENCE_FIELDS, path=epath)
        title = ef.read(fields.text, "title", hint="the document's title", max_len=300)
        link = ef.read(fields.url, "url", hint="a link to it, https://…")
        dnode = ef.get("date", required=False, hint="the document's date, YYYY-MM-DD")
        day = fields.date(ctx, dnode, f"{epath}.date", today=ctx.today)
        ef.finish()
        if dnode is not None and day and when and day > when:
            ctx.warning(
                dnode,
                f"{epath}.date: {day.isoformat()} is after the assessment ({when.isoformat()}); "
                "evidence should be what the assessors had at the time",
            )
        elif dnode is not None and day and when and day < _years_before(when, EVIDENCE_MAX_AGE_YEARS):
            ctx.warning(
                dnode,
                f"{epath}.date: {day.isoformat()} is more than {EVIDENCE_MAX_AGE_YEARS} years before the "
                f"assessment ({when.isoformat()}); is there more recent evidence?",
            )
        if title and link:
            found.append(Evidence(title, link, day))
    return tuple(found)


def _years_before(day: dt.date, years: int) -> dt.date:
    if day.year - years < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
