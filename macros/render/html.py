"""A tiny HTML builder that escapes by default.

Data never reaches a page except through :func:`esc` or :func:`tag`; only :class:`Markup`
(HTML we built ourselves) passes through unescaped. Links are checked the same way:
``href`` values are either our own relative URLs or absolute http(s)/mailto addresses.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, Union


class Markup(str):
    """A string that is already safe HTML."""


Content = Union[str, int, float, Markup, None, Iterable["Content"]]

_SAFE_SCHEMES = ("http:", "https:", "mailto:")
_RELATIVE = re.compile(r"^(?:\.\./|\./)*[A-Za-z0-9._~/%#?=&-]*$")


def esc(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


def render(content: Content) -> Markup:
    if content is None:
        return Markup("")
    if isinstance(content, Markup):
        return content
    if isinstance(content, (str, int, float)):
        return esc(content)
    return Markup("".join(render(c) for c in content))


def safe_href(href: str) -> str:
    """Allow our relative URLs and absolute http(s)/mailto links; anything else is refused."""
    lowered = href.strip().lower()
    if lowered.startswith(_SAFE_SCHEMES) or (":" not in href.split("/")[0] and _RELATIVE.match(href)):
        return href
    raise ValueError(f"refusing unsafe link {href!r}")


def tag(name: str, *children: Content, **attrs: object) -> Markup:
    """``tag("a", "text", href="x", class_="y")``; attribute values are escaped, ``None``/``False`` omitted."""
    parts = [name]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        if key in ("href", "src", "xlink-href"):
            value = safe_href(str(value))
        parts.append(key if value is True else f'{key}="{esc(value)}"')
    opening = "<" + " ".join(parts) + ">"
    if name in ("br", "img", "meta", "link", "col"):
        return Markup(opening)
    return Markup(opening + render(list(children)) + f"</{name}>")


def link(href: str, text: Content, **attrs: object) -> Markup:
    external = href.startswith(("http:", "https:"))
    if external:
        attrs.setdefault("rel", "noopener noreferrer nofollow")
    return tag("a", text, href=href, **attrs)


def join(parts: Iterable[Content], sep: Content = "") -> Markup:
    sep_html = render(sep)
    return Markup(sep_html.join(render(p) for p in parts))
