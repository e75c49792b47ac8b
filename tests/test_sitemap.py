"""plugin/sitemap.py: pages written outside the engine are added to its sitemap in its own shape."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from macros.plugin.sitemap import SitemapError, add_to_sitemap

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
         <loc>https://example.org/</loc>
         <lastmod>2026-01-01</lastmod>
    </url>
    <url>
         <loc>https://example.org/cities/a/</loc>
         <lastmod>2026-01-01</lastmod>
    </url>
</urlset>"""


def test_entries_are_copied_from_the_known_page(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text(SITEMAP, encoding="utf-8")
    with gzip.GzipFile(tmp_path / "sitemap.xml.gz", "wb", mtime=123) as packed:
        packed.write(SITEMAP.encode())
    add_to_sitemap(tmp_path, "https://example.org/cities/a/", ["https://example.org/cities/b&c/"])
    text = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert text.count("<url>") == 3
    assert "<loc>https://example.org/cities/b&amp;c/</loc>\n         <lastmod>2026-01-01</lastmod>" in text
    packed_bytes = (tmp_path / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(packed_bytes[4:8], "little") == 123  # the engine's timestamp is kept
    assert gzip.decompress(packed_bytes).decode() == text


def test_a_sitemap_without_the_known_page_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text(SITEMAP, encoding="utf-8")
    with pytest.raises(SitemapError, match="does not list"):
        add_to_sitemap(tmp_path, "https://example.org/cities/zz/", ["https://example.org/x/"])


def test_no_sitemap_nothing_to_do(tmp_path: Path) -> None:
    add_to_sitemap(tmp_path, "https://example.org/", ["https://example.org/x/"])
    assert not (tmp_path / "sitemap.xml").exists()
