"""List the pages written outside the engine (shared-shell city pages) in its sitemap."""

from __future__ import annotations

import gzip
import html
from pathlib import Path


class SitemapError(Exception):
    """The engine's sitemap does not list the page the others are modelled on."""


def add_to_sitemap(site_dir: Path, known: str, others: list[str]) -> None:
    """Add ``others`` beside ``known``, each entry in the shape of the one the engine wrote."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    loc = f"<loc>{html.escape(known)}</loc>"
    at = text.find(loc)
    if at < 0:
        raise SitemapError(f"sitemap.xml does not list {known}: cannot add the other city pages")
    start, end = text.rfind("<url>", 0, at), text.find("</url>", at) + len("</url>")
    entry = text[start:end]
    following = text.find("<url>", end)
    between = text[end:following] if following > 0 else "\n    "
    added = "".join(between + entry.replace(loc, f"<loc>{html.escape(url)}</loc>") for url in others)
    text = text[:end] + added + text[end:]
    sitemap.write_text(text, encoding="utf-8")
    packed_path = site_dir / "sitemap.xml.gz"
    if packed_path.exists():
        with open(packed_path, "rb") as old:
            mtime = int.from_bytes(old.read(8)[4:8], "little")  # keep the engine's timestamp (reproducible builds)
        with (
            open(packed_path, "wb") as out,
            gzip.GzipFile(fileobj=out, filename=str(packed_path), mode="wb", mtime=mtime) as packed,
        ):
            packed.write(text.encode("utf-8"))
