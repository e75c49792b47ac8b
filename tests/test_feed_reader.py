"""Every feed the site publishes, read by feedparser (what feed readers and aggregators build on), as a
reader of the repository's site would: well-formed Atom, every entry with an id, a title, a link and a
date, and the record's entries (a correction, a withdrawal) and the outcome data announced."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest


def _feeds(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.xml") if not p.name.startswith("sitemap"))


def test_every_feed_reads_as_atom_with_complete_entries(built_repo_site: Path) -> None:
    feeds = _feeds(built_repo_site)
    assert len(feeds) == 12  # three cities' feeds and the site's, in three languages
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        where = str(path.relative_to(built_repo_site))
        assert not parsed.bozo, f"{where}: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10", where
        assert parsed.feed.title and parsed.feed.updated_parsed, where
        assert parsed.entries, where
        ids = [entry.id for entry in parsed.entries]
        assert len(set(ids)) == len(ids), f"{where}: an id twice"
        for entry in parsed.entries:
            assert entry.title and entry.link and entry.updated_parsed, f"{where}: {entry.id}"


@pytest.mark.parametrize("prefix", ["", "fr/", "el/"])
def test_a_reader_sees_the_correction_the_withdrawal_and_the_newest_outcome_data(built_repo_site: Path, prefix: str):
    def entries(slug: str) -> list:
        return feedparser.parse((built_repo_site / prefix / "cities" / slug / "feed.xml").read_bytes()).entries

    harrowmere = entries("harrowmere")
    (correction,) = [e for e in harrowmere if e.id.endswith("/correction-1")]
    assert correction.link.endswith("cities/harrowmere/#corrections")
    assert "1.4.1" in correction.summary and "3" in correction.summary and "2" in correction.summary
    (withdrawal,) = [e for e in entries("lumenport") if e.id.endswith("/withdrawn")]
    assert "2024-03-18" in withdrawal.title and "2024-04-02" in withdrawal.title
    outcomes = [e for e in harrowmere if any(t.term == "outcomes" for t in e.get("tags", []))]
    assert 1 <= len(outcomes) <= 3
    years = [e.id.rsplit("/", 1)[1] for e in outcomes]
    assert years == sorted(years, reverse=True)
