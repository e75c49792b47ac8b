"""The pages' Content-Security-Policy: a ``<meta>`` that allows only what the site uses.

Every script, style sheet, image, font, worker and fetch of the site is its own (no CDN: the theme's
fonts are off, the JavaScript is vendored); the only inline scripts are the theme's two small ones
in each page's head (its storage scope, which differs with the page's depth, and the anchor-target
fix), each allowed by its SHA-256. So a script that reached a page any other way, inline or from
another site, is not run: a second wall behind the escaping of every value (render/html.py).

Images may be ``data:`` (the theme's icons are SVG data URLs in its style sheet). Styles are ours
and the theme's files: no page has a ``style`` attribute or element (the scripts set styles through
the DOM, which a policy does not govern). ``frame-ancestors`` cannot be set from a ``<meta>``: the
form refuses to act in a frame itself (docs/assets/assess.js).
"""

from __future__ import annotations

import base64
import hashlib
import re

# Executable inline scripts: no src, and a type that a browser runs (none, JavaScript or module).
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
_DATA_TYPE = re.compile(r'\btype="(?!(?:text/javascript|module)")')
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)

POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def inline_hashes(html: str) -> list[str]:
    """The CSP sources of the page's executable inline scripts, in order, each once."""
    found: list[str] = []
    for attributes, body in _INLINE_SCRIPT.findall(html):
        if _DATA_TYPE.search(attributes):
            continue  # a data block (application/json): never run, not the policy's business
        source = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
        if source not in found:
            found.append(source)
    return found


def policy(html: str) -> str:
    return POLICY.format(hashes="".join(" " + h for h in inline_hashes(html)))


def with_policy(html: str) -> str:
    """``html`` with its policy's ``<meta>`` right after the charset, before any script it governs
    (a policy from a ``<meta>`` applies only to what follows it). Anything but a page with a charset
    declaration is returned as it is."""
    charset = _CHARSET.search(html)
    if charset is None or 'http-equiv="Content-Security-Policy"' in html[: charset.end() + 200]:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[: charset.end()] + meta + html[charset.end() :]
