"""The engine's sitemap: the pages written outside the engine (shared-shell city pages), and each
page's alternates in the other languages."""

from __future__ import annotations

import gzip
import html
import re
from collections.abc import Callable
from pathlib import Path


class SitemapError(Exception):
    """The engine's sitemap does not list the page the others are modelled on."""


def add_to_sitemap(site_dir: Path, known: str, others: list[str]) -> None:
    """Add ``others`` beside ``known``, each entry in the shape of the one the engine wrote (one the
    engine listed elsewhere, another folder's placeholder page, moves into this order)."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    # the few the engine listed (its placeholder pages), found at once: a search of the whole sitemap
    # for each of thousands of pages made this quadratic in the number of cities
    present = set(_LOC.findall(text))
    for url in (url for url in others if html.escape(url) in present):
        listed = text.find(f"<loc>{html.escape(url)}</loc>")
        if listed >= 0:
            start, end = text.rfind("<url>", 0, listed), text.find("</url>", listed) + len("</url>")
            start = len(text[:start].rstrip())  # with the whitespace before it
            text = text[:start] + text[end:]
    loc = f"<loc>{html.escape(known)}</loc>"
    at = text.find(loc)
    if at < 0:
        raise SitemapError(f"sitemap.xml does not list {known}: cannot add the other city pages")
    start, end = text.rfind("<url>", 0, at), text.find("</url>", at) + len("</url>")
    entry = text[start:end]
    following = text.find("<url>", end)
    between = text[end:following] if following > 0 else "\n    "
    added = "".join(between + entry.replace(loc, f"<loc>{html.escape(url)}</loc>") for url in others)
    _write(site_dir, text[:end] + added + text[end:])


_XHTML = "http://www.w3.org/1999/xhtml"
_LOC = re.compile(r"<loc>([^<]*)</loc>")


def add_language_alternates(
    site_dir: Path, site_url: str, prefixes: list[tuple[str, str]], exists: Callable[[str], bool]
) -> None:
    """Give every page of the sitemap its ``hreflang`` alternates: the same page in each language.

    ``prefixes`` maps language codes to their prefixes ("" for the default, "fr/"…), in order. In the
    sitemap rather than in each page's head: the theme fetches a sitemap beside every alternate link
    it finds in a page, which would be one failing request per language on every page view. Only the
    languages that have the page (``exists`` of its address) are listed."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    root = site_url if site_url.endswith("/") else site_url + "/"
    others = sorted((p for _, p in prefixes if p), key=len, reverse=True)

    def alternates(match: re.Match[str]) -> str:
        url = html.unescape(match.group(1))
        path = url[len(root) :] if url.startswith(root) else url
        for prefix in others:
            if path.startswith(prefix):
                path = path[len(prefix) :]
                break
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{html.escape(root + prefix + path)}"/>'
            for code, prefix in prefixes
            if exists(prefix + path)
        )
        return match.group(0) + links

    text = _LOC.sub(alternates, text)
    text = text.replace(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="{_XHTML}">',
        1,
    )
    _write(site_dir, text)


def _write(site_dir: Path, text: str) -> None:
    """The sitemap and its packed copy (if the engine wrote one), as the engine writes them."""
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    packed_path = site_dir / "sitemap.xml.gz"
    if packed_path.exists():
        with open(packed_path, "rb") as old:
            mtime = int.from_bytes(old.read(8)[4:8], "little")  # keep the engine's timestamp (reproducible builds)
        with (
            open(packed_path, "wb") as out,
            gzip.GzipFile(fileobj=out, filename=str(packed_path), mode="wb", mtime=mtime) as packed,
        ):
            packed.write(text.encode("utf-8"))
