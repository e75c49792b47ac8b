"""The baseline: plain mkdocs-material building as many pages of static Markdown as our site."""

from __future__ import annotations

from pathlib import Path

BASELINE_CONFIG = """\
# Baseline of scripts/bench: plain mkdocs-material, no plugins, no navigation but the home page.
site_name: Baseline
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  font: false
  language: en
  features:
    - navigation.tabs
    - navigation.indexes
    - navigation.top
    - search.suggest
  palette:
    scheme: default
    primary: indigo
    accent: indigo
plugins: []
nav:
  - Home: index.md
"""


def _baseline_page(title: str, number: int, characteristics: list[tuple[str, str]]) -> str:
    rows = "\n".join(
        f"| {cid} | {name} | {1 + (number + i) % 5} | {1 + (number + i + 1) % 5} | "
        f"The approach is agreed and applied to most new projects; review {number}-{i}. |"
        for i, (cid, name) in enumerate(characteristics)
    )
    return (
        f"# {title}\n\n"
        f"{title} assessed itself against the maturity model on several occasions. This paragraph stands for "
        "the profile of a city: its country, region, population, type of community, and the method of its "
        "latest assessment, with a short summary of the findings.\n\n"
        "| ID | Characteristic | Now | In two years | Justification |\n|---|---|---|---|---|\n"
        f"{rows}\n"
    )


def make_baseline(dest: Path, pages: int, city_names: list[str], characteristics: list[tuple[str, str]]) -> None:
    """``pages`` pages in all: the home page, one per city, and as many others as the real site has."""
    docs = dest / "docs"
    docs.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Baseline\n\nPlain mkdocs-material, for comparison.\n", encoding="utf-8")
    for i, name in enumerate(city_names, start=1):
        (docs / "cities" / f"city-{i:05d}").mkdir(parents=True)
        (docs / "cities" / f"city-{i:05d}" / "index.md").write_text(
            _baseline_page(name, i, characteristics), encoding="utf-8"
        )
    for i in range(1, max(0, pages - 1 - len(city_names)) + 1):
        (docs / "pages" / f"page-{i:05d}").mkdir(parents=True)
        (docs / "pages" / f"page-{i:05d}" / "index.md").write_text(
            _baseline_page(f"Page {i}", i, characteristics), encoding="utf-8"
        )
