"""What a built site costs its host and its readers: bytes and files in all, per city and per kind of
page or file, the largest file and the largest city page, and the byte budgets the tests keep.

``python -m tools.bench.site_size SITE [--cities N]`` prints the figures of a built site; the bench
(``scripts/bench --site-size``) records them for generated cities, and ``tests/test_budgets.py`` fails
when a kind grows past its budget (bytes are deterministic: a budget is a test, not a timing).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from macros import layout

KB = 1000
MIB = 1024 * 1024

# --- budgets: the largest file of each kind, in bytes (the targets of issue 23 where there is one) ---
CITY_PAGE_EN = 70 * KB  # target: the largest city page in English (issue 23)
CITY_PAGE_ANY = 95 * KB  # target: the largest city page in any language (Greek takes two bytes a letter)
# a city's ratings, characteristic by characteristic: the rows that kept the city page over its target
# moved here (a generated city with six assessments: 60 KB in English, 83 KB in Greek)
CITY_RATINGS_PAGE = 95 * KB
CITY_OUTCOMES_PAGE = 80 * KB  # a city's outcome indicators (only cities that publish some)
CITY_FEED = 20 * KB  # a generated city with six assessments in Greek: 16 KB
CITY_BADGE_SVG = 3 * KB
CITY_SHIELDS_JSON = 1 * KB
CITY_BADGE_JSON = 4 * KB
CITY_DATA = 400 * KB  # data/cities/<slug>.json: the example cities hold 27-36 KB
CITY_INDEX_PER_CITY = 80  # data/cities/index.json, bytes per city (slug, name, country)
ASSESS_PAGE = 400 * KB  # the form: the same size whatever the number of cities
ANY_FILE = 25 * MIB  # Cloudflare Pages refuses larger files
# files per city and language (page, ratings page, feed, badge image, shields.io file; and an outcomes
# page for a city that publishes indicators) and per city (its data file, its badge.json once)
FILES_PER_CITY_PER_LANGUAGE = 5
FILES_PER_CITY = 2

# Every budget of a kind of file: (pattern of its path in the site, budget in bytes, what it is).
KINDS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("city page (en)", re.compile(r"^cities/(?!compare/|country/)[^/]+/index\.html$"), CITY_PAGE_EN),
    (
        "city page (other languages)",
        re.compile(r"^[a-z]{2,3}/cities/(?!compare/|country/)[^/]+/index\.html$"),
        CITY_PAGE_ANY,
    ),
    ("city ratings page", re.compile(r"^(?:[a-z]{2,3}/)?ratings/[^/]+/index\.html$"), CITY_RATINGS_PAGE),
    ("city outcomes page", re.compile(r"^(?:[a-z]{2,3}/)?outcomes/[^/]+/index\.html$"), CITY_OUTCOMES_PAGE),
    ("city feed", re.compile(r"^(?:[a-z]{2,3}/)?cities/[^/]+/feed\.xml$"), CITY_FEED),
    ("city badge image", re.compile(r"^(?:[a-z]{2,3}/)?cities/[^/]+/badge\.svg$"), CITY_BADGE_SVG),
    ("city shields.io file", re.compile(r"^(?:[a-z]{2,3}/)?cities/[^/]+/shields\.json$"), CITY_SHIELDS_JSON),
    ("city badge.json", re.compile(r"^cities/[^/]+/badge\.json$"), CITY_BADGE_JSON),
    ("city data file", re.compile(r"^data/cities/(?!index\.json)[^/]+\.json$"), CITY_DATA),
    ("self-assessment form", re.compile(r"^(?:[a-z]{2,3}/)?assess/index\.html$"), ASSESS_PAGE),
    ("any file", re.compile(r".*"), ANY_FILE),
)


@dataclass
class Largest:
    path: str = ""
    size: int = 0

    def add(self, path: str, size: int) -> None:
        if size > self.size or (size == self.size and path < self.path):
            self.path, self.size = path, size


@dataclass
class SiteSize:
    files: int = 0
    bytes: int = 0
    largest: Largest = field(default_factory=Largest)
    city_pages: dict[str, Largest] = field(default_factory=dict)  # by language code ("en" at the root)
    kinds: dict[str, Largest] = field(default_factory=dict)
    kind_files: Counter[str] = field(default_factory=Counter)
    kind_bytes: Counter[str] = field(default_factory=Counter)

    def per_city(self, cities: int) -> tuple[float, float]:
        """Bytes and files per city of what grows with the cities (everything but a site with none)."""
        return self.bytes / max(1, cities), self.files / max(1, cities)

    def over_budget(self) -> list[str]:
        return [
            f"{kind}: {self.kinds[kind].path} is {self.kinds[kind].size:,} bytes, over its budget of {budget:,}"
            for kind, _pattern, budget in KINDS
            if kind in self.kinds and self.kinds[kind].size > budget
        ]


_CITY_PAGE = re.compile(r"^(?:([a-z]{2,3})/)?cities/(?!compare/|country/)[^/]+/index\.html$")


def measure(site: Path) -> SiteSize:
    """Every file under ``site`` (hard links count once per path, as a host stores them)."""
    out = SiteSize()
    for folder, _dirs, names in os.walk(site):
        for name in names:
            full = os.path.join(folder, name)
            path = os.path.relpath(full, site).replace(os.sep, "/")
            size = os.stat(full).st_size
            out.files += 1
            out.bytes += size
            out.largest.add(path, size)
            page = _CITY_PAGE.match(path)
            if page:
                out.city_pages.setdefault(page.group(1) or "en", Largest()).add(path, size)
            for kind, pattern, _budget in KINDS:
                if pattern.match(path):
                    out.kinds.setdefault(kind, Largest()).add(path, size)
                    out.kind_files[kind] += 1
                    out.kind_bytes[kind] += size
    return out


def report(size: SiteSize, cities: int | None = None) -> dict:
    """The figures as plain data (what the bench records)."""
    data: dict = {
        "files": size.files,
        "bytes": size.bytes,
        "largest_file": {"path": size.largest.path, "bytes": size.largest.size},
        "largest_city_page": {code: {"path": p.path, "bytes": p.size} for code, p in sorted(size.city_pages.items())},
        "kinds": {
            kind: {"files": size.kind_files[kind], "bytes": size.kind_bytes[kind], "largest": size.kinds[kind].size}
            for kind in size.kinds
        },
    }
    if cities:
        per_bytes, per_files = size.per_city(cities)
        data["per_city"] = {"bytes": round(per_bytes), "files": round(per_files, 2)}
    return data


def digests(site: Path) -> dict[str, str]:
    """Each file's SHA-256 by path: what ``rclone sync --checksum`` compares to decide what to upload."""
    out = {}
    for folder, _dirs, names in os.walk(site):
        for name in names:
            full = os.path.join(folder, name)
            with open(full, "rb") as f:
                out[os.path.relpath(full, site).replace(os.sep, "/")] = hashlib.file_digest(f, "sha256").hexdigest()
    return out


def changed(before: dict[str, str], after: dict[str, str]) -> tuple[list[str], list[str]]:
    """What a checksum sync uploads (new or changed files) and deletes, from one build to the next."""
    upload = sorted(path for path, digest in after.items() if before.get(path) != digest)
    delete = sorted(set(before) - set(after))
    return upload, delete


@dataclass
class SizeRow:
    cities: int
    languages: int
    size: SiteSize
    empty: SiteSize  # the same site with no city: what does not grow with them
    upload_after_edit: list[str] = field(default_factory=list)  # files a sync sends after one edit

    @property
    def bytes_per_city(self) -> float:
        return (self.size.bytes - self.empty.bytes) / self.cities

    @property
    def files_per_city(self) -> float:
        return (self.size.files - self.empty.files) / self.cities


def bench(
    sizes: list[int], *, seed: int = 37107, edit: bool = True, indicators: int = 6, keep: Path | None = None
) -> list[SizeRow]:
    """Build generated sites of ``sizes`` cities in the repository's languages (cold, one process each)
    and measure them; with ``edit``, change one assessment, build again (warm) and count what a
    checksum sync would upload. ``indicators``: outcome indicators per generated city; ``keep``: where
    the largest size's site is moved (to measure it further, e.g. with ``tools.bench.form_transfer``)."""
    from .run import make_project, run_build

    env = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1796083200"}  # after every generated date
    rows = []
    with tempfile.TemporaryDirectory(prefix="mmssc-site-size-") as tmp:
        empty_project = Path(tmp) / "empty"
        make_project(empty_project, 0, seed)
        _checked(run_build(empty_project, env=env), "empty")
        empty = measure(empty_project / "site")
        for n in sizes:
            project = Path(tmp) / f"cities-{n}"
            make_project(project, n, seed, indicators=indicators)
            _checked(run_build(project, env=env), f"{n}-city")
            size = measure(project / "site")
            row = SizeRow(n, len(size.city_pages), size, empty)
            if edit:
                before = digests(project / "site")
                _edit_one_justification(project)
                _checked(run_build(project, env=env), f"{n}-city warm")
                row.upload_after_edit, _ = changed(before, digests(project / "site"))
            rows.append(row)
            print(table(rows), file=sys.stderr, flush=True)  # so far: a long run shows each size as it ends
            if keep is not None and n == max(sizes):
                shutil.rmtree(keep, ignore_errors=True)
                shutil.move(project / "site", keep)
            shutil.rmtree(project)
    return rows


def _edit_one_justification(project: Path) -> None:
    """A contributor's edit that changes the data (a comment alone changes no published byte)."""
    first = sorted(p for p in (project / "assessments").rglob("*.yaml") if layout.ASSESSMENT_FILE.fullmatch(p.name))[-1]
    text = first.read_text(encoding="utf-8")
    edited = re.sub(r"(justification: [^\"'>|\s].*)", r"\1 Edited.", text, count=1)  # a plain scalar
    if edited == text:
        raise SystemExit(f"site size: {first} has no justification to edit")
    first.write_text(edited, encoding="utf-8")


def _checked(run, what: str):
    if run.returncode != 0:
        raise SystemExit(f"site size: the {what} build failed:\n" + "\n".join(run.output.splitlines()[-30:]))
    return run


def _mb(n: float) -> str:
    return f"{n / 1_000_000:,.1f} MB"


def table(rows: list[SizeRow]) -> str:
    head = (
        "| cities | languages | site | files | per city | files per city | largest file | largest city page "
        "(en / any) | a sync after one edit uploads |\n|---:|---:|---:|---:|---:|---:|---|---|---:|\n"
    )
    lines = []
    for row in rows:
        pages = row.size.city_pages
        en = pages.get("en", Largest()).size
        worst = max(pages.values(), key=lambda p: p.size) if pages else Largest()
        lines.append(
            f"| {row.cities:,} | {row.languages} | {_mb(row.size.bytes)} | {row.size.files:,} "
            f"| {row.bytes_per_city / 1000:,.0f} KB | {row.files_per_city:.2f} "
            f"| {row.size.largest.path} ({_mb(row.size.largest.size)}) "
            f"| {en / 1000:,.1f} KB / {worst.size / 1000:,.1f} KB ({worst.path}) "
            f"| {len(row.upload_after_edit)} files |"
        )
    return head + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.site_size", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, nargs="?", help="a built site folder to measure")
    parser.add_argument("--cities", type=int, help="the number of cities, for the figures per city")
    parser.add_argument("--sizes", help="instead: build generated sites of these sizes (e.g. 300,1000,3000)")
    parser.add_argument("--indicators", type=int, default=6, help="outcome indicators per generated city (default 6)")
    parser.add_argument("--keep", type=Path, help="move the largest generated site here")
    args = parser.parse_args(argv)
    if args.sizes:
        rows = bench([int(n) for n in args.sizes.split(",")], indicators=args.indicators, keep=args.keep)
        print(table(rows))
        for row in rows:
            print(f"{row.cities} cities, uploaded after one edit: {', '.join(row.upload_after_edit)}", file=sys.stderr)
        return 0
    if args.site is None:
        parser.error("give a built site, or --sizes")
    size = measure(args.site)
    print(json.dumps(report(size, args.cities), indent=1))
    for problem in size.over_budget():
        print(f"over budget: {problem}", file=sys.stderr)
    return 1 if size.over_budget() else 0


if __name__ == "__main__":
    sys.exit(main())
