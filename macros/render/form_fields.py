"""Form controls for the self-assessment page: each labelled, with its hint and the slot where
the browser puts the problem the rules find (never markup from data: the script sets text)."""

from __future__ import annotations

from ..model.text import Untranslated
from .context import PageContext
from .html import Content, Markup, join, tag


def field_id(cid: str) -> str:
    """The id fragment of a characteristic in the form: "1.1.1" → "1-1-1"."""
    return cid.replace(".", "-")


def field_label(
    page: PageContext, for_id: str, text: Content, hint: Content | None = None, *, optional: bool = False
) -> Markup:
    extra = tag("span", " ", page._("(optional)"), class_="assess-optional") if optional else ""
    parts: list[Content] = [tag("label", text, extra, for_=for_id)]
    if hint:
        parts.append(tag("p", hint, id=f"{for_id}-hint", class_="assess-hint"))
    return join(parts)


def error_slot(for_id: str) -> Markup:
    return tag("p", "", id=f"{for_id}-error", class_="assess-error", hidden=True)


def described(for_id: str, hint: bool) -> str:
    return f"{for_id}-hint {for_id}-error" if hint else f"{for_id}-error"


def input_field(
    page: PageContext,
    for_id: str,
    label: Content,
    hint: Content | None = None,
    *,
    optional: bool = False,
    **attrs: object,
) -> Markup:
    return tag(
        "div",
        field_label(page, for_id, label, hint, optional=optional),
        tag("input", id=for_id, type="text", aria_describedby=described(for_id, bool(hint)), **attrs),
        error_slot(for_id),
        class_="assess-field",
    )


def textarea(
    page: PageContext,
    for_id: str,
    label: Content,
    hint: Content | None = None,
    *,
    optional: bool = False,
    rows: int = 3,
) -> Markup:
    return tag(
        "div",
        field_label(page, for_id, label, hint, optional=optional),
        tag("textarea", "", id=for_id, rows=rows, aria_describedby=described(for_id, bool(hint))),
        error_slot(for_id),
        class_="assess-field",
    )


def option(value: str, text: str, **attrs: object) -> Markup:
    """An ``option``: its content is text only, so English catalogue text on a page in another
    language (:class:`Untranslated`) says so on the element itself (``lang="en"``)."""
    if type(text) is Untranslated:
        return tag("option", str(text), value=value, lang="en", **attrs)
    return tag("option", text, value=value, **attrs)


def select(
    page: PageContext,
    for_id: str,
    label: Content,
    options: list[tuple[str, str]],
    hint: Content | None = None,
    *,
    empty: str | None = None,
    option_tags: list[Markup] | None = None,
) -> Markup:
    if option_tags is None:
        option_tags = [
            option("", page._("Choose…") if empty is None else empty),
            *[option(value, text) for value, text in options],
        ]
    return tag(
        "div",
        field_label(page, for_id, label, hint),
        tag(
            "select",
            option_tags,
            id=for_id,
            aria_describedby=described(for_id, bool(hint)),
        ),
        error_slot(for_id),
        class_="assess-field",
    )
