"""A tiny HTML builder that escapes by default.

Data never reaches a page except through :func:`esc` or :func:`tag`; only :class:`Markup`
(HTML we built ourselves) passes through unescaped. Links are checked the same way:
``href`` values are either our own relative URLs or absolute http(s)/mailto addresses.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable

from ..model.text import Untranslated


class Markup(str):
    """A string that is already safe HTML.

    ``Markup + text`` stays Markup, with the text escaped (as in MarkupSafe): with plain ``str``
    addition the result would be a ``str``, escaped again wherever it is used."""

    __slots__ = ()

    def __add__(self, other: object) -> Markup:
        if isinstance(other, str):
            return Markup(str.__add__(self, esc(other)))
        return NotImplemented

    def __radd__(self, other: object) -> Markup:
        if isinstance(other, str):
            return Markup(str.__add__(esc(other), self))
        return NotImplemented


_VOID = frozenset(("br", "img", "meta", "link", "col", "input"))


Content = str | int | float | Markup | None | Iterable["Content"]

_SAFE_SCHEMES = ("http:", "https:", "mailto:")
_RELATIVE = re.compile(r"^(?:\.\./|\./)*[A-Za-z0-9._~/%#?=&-]*$")


_escape = html.escape

UNTRANSLATED_CLASS = "mmssc-untranslated"  # render_page looks for it to add the page's note
_UNTRANSLATED_OPEN = f'<span lang="en" class="{UNTRANSLATED_CLASS}">'


def _untranslated(text: str) -> str:
    """English catalogue text on a page in another language: marked for screen readers (``lang``)
    and visibly (the stylesheet's "EN" tag), never passing as a translation."""
    return mark_untranslated(_escape(text, quote=True))


def mark_untranslated(markup: str) -> Markup:
    """Already escaped HTML of untranslated text (rich text with footnote marks), marked the same way."""
    return Markup(f"{_UNTRANSLATED_OPEN}{markup}</span>")


def esc(value: object) -> Markup:
    if type(value) is Markup:
        return value
    return Markup(_escape(str(value), quote=True))


def _render(content: Content) -> str:
    """Escaped HTML of any content (type checks ordered by frequency: this runs millions of times)."""
    kind = type(content)
    if kind is Markup:
        return content  # type: ignore[return-value]
    if kind is str:
        return _escape(content, quote=True)  # type: ignore[arg-type]
    if content is None:
        return ""
    if kind is int or kind is float:
        return str(content)
    if kind is Untranslated:
        return _untranslated(content)  # type: ignore[arg-type]
    if isinstance(content, str):  # other str subclasses
        return _escape(str(content), quote=True)
    return "".join([_render(c) for c in content])  # type: ignore[union-attr]


def render(content: Content) -> Markup:
    return Markup(_render(content))


# ASCII characters a URL never holds as they are (RFC 3986; the Nu checker refuses them in href): a link
# from the data keeps them percent-encoded, as a browser would send them.
_NOT_IN_URLS = str.maketrans({c: f"%{ord(c):02X}" for c in '"<>\\^`{|}'})


def safe_href(href: str) -> str:
    """Allow our relative URLs and absolute http(s)/mailto links; anything else is refused."""
    lowered = href.strip().lower()
    if lowered.startswith(_SAFE_SCHEMES):
        return href.translate(_NOT_IN_URLS)
    # ours: relative paths and fragments; "//host/…" would leave the site without a scheme
    if ":" not in href.split("/")[0] and not href.startswith("//") and _RELATIVE.match(href):
        return href
    raise ValueError(f"refusing unsafe link {href!r}")


def _opening(name: str, attrs: dict[str, object]) -> str:
    parts = [name]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        if key in ("href", "src", "xlink-href"):
            value = safe_href(str(value))
        parts.append(key if value is True else f'{key}="{esc(value)}"')
    return "<" + " ".join(parts) + ">"


# Pages repeat the same few hundred opening tags (classes, scopes, the same relative links)
# thousands of times: each is built once. Bounded, as links to evidence are mostly unique.
@functools.lru_cache(maxsize=200_000)
def _cached_opening(name: str, items: tuple[tuple[str, object], ...]) -> str:
    return _opening(name, dict(items))


def tag(name: str, *children: Content, **attrs: object) -> Markup:
    """``tag("a", "text", href="x", class_="y")``; attribute values are escaped, ``None``/``False`` omitted."""
    values = attrs.values()
    if True in values or False in values:  # True == 1 and False == 0 as keys: never cached
        opening = _opening(name, attrs)
    else:
        opening = _cached_opening(name, tuple(attrs.items()))
    if name in _VOID:
        return Markup(opening)
    if len(children) == 1:
        child = children[0]
        kind = type(child)
        if kind is str:
            inner = _escape(child, quote=True)  # type: ignore[arg-type]
        elif kind is Markup:
            inner = child  # type: ignore[assignment]
        else:
            inner = _render(child)
    else:
        inner = "".join([_render(c) for c in children])
    return Markup(f"{opening}{inner}</{name}>")


def is_external(href: str) -> bool:
    """An absolute web address, whatever the case of its scheme (``HTTPS://`` is valid, and accepted)."""
    return href.lstrip()[:6].lower().startswith(("http:", "https:"))


def link(href: str, text: Content, **attrs: object) -> Markup:
    if is_external(href):
        attrs.setdefault("rel", "noopener noreferrer nofollow")
    return tag("a", text, href=href, **attrs)


def join(parts: Iterable[Content], sep: Content = "") -> Markup:
    return Markup(_render(sep).join([_render(p) for p in parts]))
