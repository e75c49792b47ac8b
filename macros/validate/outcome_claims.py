"""Claims beside outcomes: a level whose criteria require tracked indicators, and none published.

1.5.2 Benefit tracking at level 3 asks for defined key performance indicators; each purpose
4.1-4.6 at level 4 for "actively tracking performance against key indicators". When the city's
latest assessment claims such a level and no indicator of ``indicators.yaml`` tracks that
characteristic, the validator warns (not an error: the claim may be true and the data not yet
published), at the claimed level in the assessment file."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Report
from ..layout import INDICATORS_FILE
from ..load.nodes import Node
from ..model.assessments import Assessment
from ..model.claims import untracked_claims
from ..model.indicators import INDICATORS_REQUIRED_FROM, Indicator


@dataclass(frozen=True, slots=True)
class ClaimKeys:
    """Where an assessment file gives the level of each characteristic that requires indicators."""

    path: str
    at: dict[str, tuple[int, int]]


def claim_keys(path: str, root: Node) -> ClaimKeys:
    at: dict[str, tuple[int, int]] = {}
    ratings = root.value.get("characteristics") if root.kind == "map" else None
    if ratings is not None and ratings.kind == "map":
        for key, value in ratings.items():
            cid = key.raw.strip()
            if cid in INDICATORS_REQUIRED_FROM:
                now = value.value.get("now") if value.kind == "map" else None
                where = now if now is not None else key
                at[cid] = (where.line, where.col)
    return ClaimKeys(path, at)


def warn_untracked_claims(
    report: Report, assessment: Assessment, keys: ClaimKeys | None, indicators: list[Indicator]
) -> None:
    for cid, level, required in untracked_claims(assessment, indicators):
        line, col = keys.at.get(cid, (1, 1)) if keys is not None else (1, 1)
        path = keys.path if keys is not None else assessment.source.path
        what = (
            "defined key performance indicators"
            if required == 3
            else "actively tracking performance against key indicators"
        )
        report.warning(
            path,
            line,
            col,
            f'characteristics."{cid}".now: level {level} requires {what} (from level {required}); no indicator '
            f'tracks "{cid}": add one to {INDICATORS_FILE} with tracks: ["{cid}"] (scripts/new-indicator), '
            "or review the level",
        )
