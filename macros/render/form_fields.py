"""Form controls for the self-assessment page: each labelled, with its hint and the slot where
the browser puts the problem the rules find (never markup from data: the script sets text)."""

from __future__ import annotations

from .html import Content, Markup, join, tag


def field_id(cid: str) -> str:
    """The id fragment of a characteristic in the form: "1.1.1" → "1-1-1"."""
    return cid.replace(".", "-")


def field_label(for_id: str, text: Content, hint: str | None = None, *, optional: bool = False) -> Markup:
    extra = tag("span", " (optional)", class_="assess-optional") if optional else ""
    parts: list[Content] = [tag("label", text, extra, for_=for_id)]
    if hint:
        parts.append(tag("p", hint, id=f"{for_id}-hint", class_="assess-hint"))
    return join(parts)


def error_slot(for_id: str) -> Markup:
    return tag("p", "", id=f"{for_id}-error", class_="assess-error", hidden=True)


def described(for_id: str, hint: bool) -> str:
    return f"{for_id}-hint {for_id}-error" if hint else f"{for_id}-error"


def input_field(
    for_id: str, label: Content, hint: str | None = None, *, optional: bool = False, **attrs: object
) -> Markup:
    return tag(
        "div",
        field_label(for_id, label, hint, optional=optional),
        tag("input", id=for_id, type="text", aria_describedby=described(for_id, bool(hint)), **attrs),
        error_slot(for_id),
        class_="assess-field",
    )


def textarea(for_id: str, label: Content, hint: str | None = None, *, optional: bool = False, rows: int = 3) -> Markup:
    return tag(
        "div",
        field_label(for_id, label, hint, optional=optional),
        tag("textarea", "", id=for_id, rows=rows, aria_describedby=described(for_id, bool(hint))),
        error_slot(for_id),
        class_="assess-field",
    )


def select(
    for_id: str,
    label: Content,
    options: list[tuple[str, str]],
    hint: str | None = None,
    *,
    empty: str = "Choose…",
    option_tags: list[Markup] | None = None,
) -> Markup:
    if option_tags is None:
        option_tags = [tag("option", empty, value=""), *[tag("option", text, value=value) for value, text in options]]
    return tag(
        "div",
        field_label(for_id, label, hint),
        tag(
            "select",
            option_tags,
            id=for_id,
            aria_describedby=described(for_id, bool(hint)),
        ),
        error_slot(for_id),
        class_="assess-field",
    )
