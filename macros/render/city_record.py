"""The city page's published record: corrections (date, old and new values, reason), withdrawn
assessments (with their reason, in no figure), the independent review, and the feedback channel
("disagree with this level?"). The site sends nothing itself: every channel is a link."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote, urlencode

from ..model.assessments import (
    CORRECTION_RULE,
    REVIEW_CONFIRMING,
    REVIEW_KINDS,
    REVIEW_OUTCOMES,
    REVIEW_RULE,
    Assessment,
    City,
    FieldChange,
    Rating,
)
from ..site import urls
from ..site.languages import Language
from .context import PageContext
from .html import Markup, join, link, tag
from .pieces import city_text

# The repository's issue form for feedback on a published assessment (.github/ISSUE_TEMPLATE/)
FEEDBACK_TEMPLATE = "assessment-feedback.yml"


def _field_name(lang: Language, key: str) -> str:
    # the msgids, written out for the extractor
    names = {
        "now": lang._("level now"),
        "in_two_years": lang._("level in two years"),
        "justification": lang._("justification"),
        "evidence": lang._("evidence"),
        "not_assessed": lang._("reason for not assessing"),
        "groups": lang._("stakeholder groups' views"),
        "summary": lang._("summary"),
        "assessors": lang._("carried out by"),
        "participants": lang._("who took part"),
        "method": lang._("method"),
        "date": lang._("date"),
    }
    return names.get(key, key)


def field_label(lang: Language, change: FieldChange) -> str:
    """A changed field in words: "1.1.1 level now", "summary", "1.1.1 stakeholder groups' views (civil-society now)"."""
    path = change.path
    if change.characteristic_id and len(path) > 2:
        label = f"{path[1]} {_field_name(lang, path[2])}"
        rest = path[3:]
    else:
        label, rest = _field_name(lang, path[0]), path[1:]
    return f"{label} ({' '.join(rest)})" if rest else label


def value_shown(lang: Language, value: Any) -> str:
    if value is None:
        return lang._("(none)")
    if isinstance(value, str | int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _value(page: PageContext, city: City, value: Any, name: str) -> Markup:
    """A value before or after (``del``/``ins``): text in the city's language, a level or "(none)" in the page's."""
    if isinstance(value, str):
        return city_text(page, city, value, name)
    return tag(name, value_shown(page.lang, value))


def _change(page: PageContext, city: City, change: FieldChange) -> Markup:
    return tag(
        "li",
        page._m(
            "{field}: was {old}, now {new}",
            field=field_label(page.lang, change),
            old=_value(page, city, change.old, "del"),
            new=_value(page, city, change.new, "ins"),
        ),
    )


def _record_item(
    page: PageContext, city: City, headline: str, reason: str, *, said: str = "", after: Markup | str = ""
) -> Markup:
    """One entry of the record: its dated headline, the city's reason (in the city's words), what the
    site adds, and the entry's details below."""
    line = tag("p", tag("strong", headline), " ", city_text(page, city, reason, "span"), *((" ", said) if said else ()))
    return tag("li", line, after)


def record_section(page: PageContext, city: City) -> Markup:
    """Corrections and withdrawals, newest first; nothing when the city has neither."""
    corrected = [(k, a) for a in [*city.assessments, *city.withdrawn] for k in a.corrections]
    if not corrected and not city.withdrawn:
        return Markup("")
    items = [
        _record_item(
            page,
            city,
            page._("{date}: correction to the assessment of {assessed}", date=k.date, assessed=a.date),
            k.reason,
            after=tag("ul", [_change(page, city, c) for c in k.changes]),
        )
        for k, a in sorted(corrected, key=lambda item: (item[0].date, item[1].date), reverse=True)
    ]
    for a in sorted(city.withdrawn, key=lambda a: a.date, reverse=True):
        w = a.withdrawn
        assert w is not None
        items.append(
            _record_item(
                page,
                city,
                page._("{date}: the assessment of {assessed} was withdrawn", date=w.date, assessed=a.date),
                w.reason,
                said=page._("It is left out of every figure on this site."),
            )
        )
    # the details sit behind one click; the summary line, always shown, says what is inside
    return join(
        [
            page.heading(2, page._("Corrections and withdrawals"), id="corrections"),
            tag(
                "details",
                tag("summary", _record_notice(page, city, corrected)),
                tag("p", page._(CORRECTION_RULE), class_="mmssc-rule"),
                tag("ul", items, class_="mmssc-corrections"),
                class_="mmssc-record",
            ),
        ]
    )


def _record_notice(page: PageContext, city: City, corrected: list) -> str:
    """One line: how often the record changed, when last, and what the click shows."""
    said = []
    if corrected:
        said.append(
            page.n_("Corrected once since publication", "Corrected {n} times since publication", len(corrected))
        )
    if city.withdrawn:
        said.append(page.n_("{n} assessment withdrawn", "{n} assessments withdrawn", len(city.withdrawn)))
    dates = [k.date for k, _ in corrected] + [a.withdrawn.date for a in city.withdrawn if a.withdrawn]
    return page._("{what}, last on {date}: show what changed", what=page.lang.semicolon.join(said), date=max(dates))


def review_section(page: PageContext, city: City, assessment: Assessment) -> Markup:
    """The latest assessment's independent review: who, what kind, the outcome, where levels differ."""
    review = assessment.review
    if review is None:
        return Markup("")
    outcome = page._(REVIEW_OUTCOMES[review.outcome])
    said = page._m(
        "Reviewed on {date} by {by}, {kind}: {outcome}.",
        date=review.date.isoformat(),
        by=city_text(page, city, review.by, "strong"),
        kind=page._(REVIEW_KINDS[review.kind]),
        outcome=tag("strong", outcome),
    )
    parts = [
        page.heading(2, page._("Independent review"), id="review"),
        tag("p", said, " ", link(review.url, page._("The review's report")) if review.url else ""),
    ]
    if review.levels:
        names = page.catalogue.characteristics
        rows = []
        for cid, level in review.levels:
            rating = assessment.ratings.get(cid)
            own = rating.now if isinstance(rating, Rating) else None
            rows.append(
                tag(
                    "tr",
                    tag("th", page.here.to(urls.characteristic(cid), [cid, " ", names[cid].name]), scope="row"),
                    tag("td", str(own) if own is not None else "—"),
                    tag("td", str(level)),
                )
            )
        table = tag(
            "table",
            tag("caption", page._("Where the reviewer's level now differs from the city's")),
            tag(
                "thead",
                tag(
                    "tr",
                    tag("th", page._("Characteristic"), scope="col"),
                    tag("th", page._("City"), scope="col"),
                    tag("th", page._("Reviewer"), scope="col"),
                ),
            ),
            tag("tbody", rows),
        )
    # the rule itself is on the Methodology page (review_rule): the city page says what matters here
    rule = tag(
        "p",
        page._m(
            "A review changes no figure: the levels shown are the city's. How a review counts: {link}.",
            link=page.here.to(urls.METHODOLOGY + "#review", page._("Methodology")),
        ),
        class_="mmssc-rule",
    )
    if review.levels:
        summary = page.n_(
            "The reviewer's level differs on {n} characteristic: {ids}",
            "The reviewer's level differs on {n} characteristics: {ids}",
            len(review.levels),
            ids=", ".join(cid for cid, _ in review.levels),
        )
        parts.append(tag("details", tag("summary", summary), table, rule, class_="mmssc-data mmssc-review"))
    else:
        parts.append(rule)
    return join(parts)


def review_rule(page: PageContext) -> str:
    """How a review counts (also on the Methodology page), from the model's constants."""
    confirming = ", ".join(page.lang.quoted(page._(REVIEW_OUTCOMES[o])) for o in REVIEW_CONFIRMING)
    return page._(REVIEW_RULE, confirming=confirming)


def feedback_href(page: PageContext, city: City, cid: str | None = None) -> str | None:
    """Where the public can answer the city: its ``feedback`` channel (a mailto: gets a subject naming
    the city and characteristic), else the repository's feedback issue form, prefilled; else None."""
    subject = f"{city.name} {cid}" if cid else city.name
    if city.feedback:
        if city.feedback.lower().startswith("mailto:"):
            # an address may come with its own query (?cc=…): a subject joins it; the city's own subject stays
            _, mark, fields = city.feedback.partition("?")
            if re.search(r"(^|&)subject=", fields, re.IGNORECASE):
                return city.feedback
            return f"{city.feedback}{'&' if mark else '?'}subject={quote(subject)}"
        return city.feedback
    repository = page.settings.repository_url
    if not repository:
        return None
    query = {"template": FEEDBACK_TEMPLATE, "city": city.slug}
    if cid:
        query["characteristic"] = cid
    return f"{repository.rstrip('/')}/issues/new?{urlencode(query)}"


def feedback_line(page: PageContext, city: City) -> Markup:
    """The page's own invitation to answer the assessment (nothing when there is no channel)."""
    href = feedback_href(page, city)
    if href is None:
        return Markup("")
    return tag(
        "p",
        page._m(
            "Disagree with a level, or know something the assessors missed? {link}.",
            link=link(href, page._("Tell the city")),
        ),
        " ",
        # the rows, each with its own link, are on the ratings page (issue 23), not below on this one
        page._m(
            "Each characteristic has its own link on {ratings}; nothing is sent by this site itself.",
            ratings=page.here.to(urls.city_ratings(city.slug), page._("the ratings page")),
        ),
        class_="mmssc-feedback",
        id="feedback",
    )


def row_feedback(page: PageContext, city: City, cid: str, city_page: str) -> Markup | None:
    """A row's "disagree with this level?" link (None without a channel): few bytes, 32 rows a page.

    A web page as the city's channel is the same for every row: the row then points at the page's own
    invitation (``#feedback`` of ``city_page``, the city page's address from this page) rather than
    repeating the address; an e-mail or the issue form is prefilled with the characteristic."""
    href = feedback_href(page, city, cid)
    if href is not None and city.feedback and not city.feedback.lower().startswith("mailto:"):
        href = f"{city_page}#feedback"
    return None if href is None else link(href, page._("Disagree with this level?"))
