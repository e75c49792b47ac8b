"""render/html.py: the only way markup is made, so every value is escaped and every link checked."""

from __future__ import annotations

import pytest

from macros.render.html import Markup, esc, join, link, render, safe_href, tag

HOSTILE = "<script>alert('x')</script> & \"quoted\""
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;"


def test_text_children_are_escaped() -> None:
    assert tag("p", HOSTILE) == f"<p>{ESCAPED}</p>"
    assert tag("p", "a", HOSTILE, 3, 1.5, None) == f"<p>a{ESCAPED}31.5</p>"
    assert tag("ul", [tag("li", HOSTILE), [HOSTILE]]) == f"<ul><li>{ESCAPED}</li>{ESCAPED}</ul>"


def test_attribute_values_are_escaped_and_names_spelled_as_html() -> None:
    html = tag("span", "x", class_=HOSTILE, aria_label='say "hi"', data_sort="<b>")
    assert html == f'<span class="{ESCAPED}" aria-label="say &quot;hi&quot;" data-sort="&lt;b&gt;">x</span>'


def test_none_and_false_attributes_are_left_out_true_is_bare() -> None:
    assert tag("details", "x", open=True, hidden=False, title=None) == "<details open>x</details>"
    assert tag("input", type="checkbox", checked=True) == '<input type="checkbox" checked>'


def test_the_same_opening_with_different_values_is_never_mixed_up() -> None:
    """Openings are memoised: a cached one must not leak into a tag with other attributes."""
    assert tag("td", "1", class_="a") == '<td class="a">1</td>'
    assert tag("td", "1", class_="b") == '<td class="b">1</td>'
    assert tag("td", "1", colspan=1) == '<td colspan="1">1</td>'
    assert tag("td", "1", colspan=True) == "<td colspan>1</td>"  # True == 1, yet not the same tag


def test_markup_passes_through_and_stays_markup_when_text_is_added() -> None:
    made = tag("b", "bold")
    assert tag("p", made) == "<p><b>bold</b></p>"
    joined = made + HOSTILE
    assert type(joined) is Markup and joined == f"<b>bold</b>{ESCAPED}"
    assert HOSTILE + made == f"{ESCAPED}<b>bold</b>"
    assert esc(made) is made and esc(HOSTILE) == ESCAPED


def test_a_str_subclass_that_is_not_markup_is_escaped() -> None:
    class Sneaky(str):
        pass

    assert render(Sneaky("<i>")) == "&lt;i&gt;"
    assert tag("p", Sneaky("<i>")) == "<p>&lt;i&gt;</p>"


def test_join_escapes_parts_and_separator() -> None:
    assert join(["<a>", tag("b", "x")], " & ") == "&lt;a&gt; &amp; <b>x</b>"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "//evil.example/",
        '../x" onmouseover="alert(1)',
        "x y",
    ],
)
def test_unsafe_links_are_refused(href: str) -> None:
    with pytest.raises(ValueError, match="refusing unsafe link"):
        safe_href(href)
    with pytest.raises(ValueError):
        tag("a", "x", href=href)


@pytest.mark.parametrize(
    "href",
    [
        "https://example.org/a?b=c&d=e",
        "http://example.org",
        "mailto:city@example.org",
        "../criteria/1-1-1/",
        "#level-3",
        "./",
    ],
)
def test_safe_links_are_kept_and_escaped(href: str) -> None:
    assert safe_href(href) == href
    assert tag("a", "x", href=href) == f'<a href="{esc(href)}">x</a>'


@pytest.mark.parametrize(
    "href, written",
    [
        ("https://example.org/review?<script>", "https://example.org/review?%3Cscript%3E"),
        (
            'mailto:a"onmouseover=alert(1)&x=<b>@example.org',
            "mailto:a%22onmouseover=alert(1)&amp;x=%3Cb%3E@example.org",
        ),
        ("https://example.org/a\\b{c}|d^e`", "https://example.org/a%5Cb%7Bc%7D%7Cd%5Ee%60"),
        ("https://example.org/Ελλάδα?q=1%202#top", "https://example.org/Ελλάδα?q=1%202#top"),  # kept as written
    ],
)
def test_characters_no_url_holds_are_percent_encoded(href: str, written: str) -> None:
    """From the data (a review's report, a city's feedback address): valid markup for the Nu checker."""
    assert tag("a", "x", href=href) == f'<a href="{written}">x</a>'


def test_external_links_get_rel() -> None:
    assert (
        link("https://example.org/", "x") == '<a href="https://example.org/" rel="noopener noreferrer nofollow">x</a>'
    )
    assert link("../", "x") == '<a href="../">x</a>'


def test_void_elements_have_no_closing_tag() -> None:
    assert tag("br") == "<br>"
    assert (
        tag("img", src="https://example.org/a.png", alt="<x>")
        == '<img src="https://example.org/a.png" alt="&lt;x&gt;">'
    )


def test_links_with_upper_case_schemes_are_external_too():
    """The validator and safe_href accept ``HTTPS://``; link() marks it as it marks ``https://``."""
    from macros.render.html import link

    for href in ("https://example.org/", "HTTPS://example.org/", "HtTp://example.org/", " http://example.org/"):
        assert 'rel="noopener noreferrer nofollow"' in link(href.strip(), "x"), href
    assert "rel=" not in link("../cities/", "x")
    assert "rel=" not in link("MAILTO:a@example.org", "x")
