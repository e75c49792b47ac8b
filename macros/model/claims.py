"""Claims beside outcomes: which claimed levels require indicators that the city does not publish."""

from __future__ import annotations

from .assessments import Assessment
from .indicators import INDICATORS_REQUIRED_FROM, Indicator


def untracked_claims(assessment: Assessment, indicators: list[Indicator]) -> list[tuple[str, int, int]]:
    """(characteristic, level claimed now, level from which indicators are required) for every claim
    that requires indicators none of which is published; in catalogue order."""
    tracked = {cid for indicator in indicators for cid in indicator.tracks}
    found = []
    for cid, required in INDICATORS_REQUIRED_FROM.items():
        rating = assessment.ratings.get(cid)
        if rating is None or not rating.assessed or rating.now is None:
            continue
        if rating.now >= required and cid not in tracked:
            found.append((cid, rating.now, required))
    return found
