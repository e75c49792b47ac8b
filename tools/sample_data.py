"""Synthetic cities and assessments for benchmarks and load tests.

Run as ``scripts/generate-sample-data N`` or ``python -m tools.sample_data N [--out DIR]``.

Every file written is valid under the project's validator with no error and no warning:

* names in many scripts (Latin with accents, Greek, Cyrillic, Han, Hangul, Arabic, Hebrew,
  Devanagari, Thai), each with an ASCII romanisation from which the city's folder name (its
  slug) is derived; slugs are unique (a clash gets the country code, then a number);
* real ISO 3166-1 alpha-2 country codes, populations in every size band, every type of
  community;
* six outcome indicators per city (``sample_indicators.py``; ``--indicators 0`` leaves them out);
* 1 to 6 assessments per city (about 4 on average) spread over the ten years before
  :data:`WINDOW_END` (or today, if that is earlier), never two on one date; every method of
  Figure 3, multi-stakeholder ones with groups' views and both consolidation rules; evidence
  links on ``https://example.org/…``; now and then a characteristic "not assessed".

Reproducible: the same seed gives byte-identical files, and the first N cities of a larger
run are the same N cities (each city has its own random stream), so sizes are comparable.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

from macros.commands import project_root
from macros.diagnostics import Report
from macros.layout import CITY_FILE, SLUG_LENGTH, slug_problem
from macros.model.catalogue import Catalogue
from macros.site.settings import build_date
from macros.validate import load_catalogue

from .sample_indicators import sample_indicators
from .sample_names import ascii_slug
from .sample_writer import MARKER, NAME_POOL_RETRIES, CityWriter

DEFAULT_OUT = Path("build-tmp") / "sample-assessments"  # relative to the repository; ignored by git
DEFAULT_SEED = 37107
# The ten-year window of assessment dates ends here (a fixed day, so that files do not change
# from one day to the next), or today if today is earlier.
WINDOW_END = dt.date(2026, 6, 30)


USAGE = f"""\
usage: scripts/generate-sample-data N [--seed S] [--out DIR] [--replace] [--indicators K]

Write N synthetic cities (city.yaml and 1-6 assessments each), valid under the validator,
into DIR (default: {DEFAULT_OUT}/ in the repository, ignored by git).

  --seed S     random seed (default {DEFAULT_SEED}); the same seed writes byte-identical files
  --out DIR    target folder; it must be empty or hold only cities written by this script
  --replace    delete the cities this script wrote earlier in DIR first
  --indicators K  outcome indicators per city, 0 to 6 (default 6; 0: the same cities without them)

The repository's own assessments/ is refused unless --out names it and --replace is absent:
generated cities are then added beside the real ones (and fail if a folder already exists).
"""


# ---------------------------------------------------------------------------------------------
# YAML output: written by hand, so the layout is that of the examples and byte-stable.


# ---------------------------------------------------------------------------------------------
# The whole run.


def window_end(today: dt.date | None = None) -> dt.date:
    today = today or build_date()
    return min(WINDOW_END, today)


def load_catalogue_or_fail(root: Path | None = None) -> Catalogue:
    root = root or project_root()
    report = Report()
    catalogue = load_catalogue(root / "criteria", report, display_root=root)
    if catalogue is None or not report.ok:
        raise SystemExit("the catalogue in criteria/ has errors; run scripts/validate first\n" + report.format())
    return catalogue


def generate(
    count: int,
    out: Path,
    *,
    seed: int = DEFAULT_SEED,
    catalogue: Catalogue | None = None,
    today: dt.date | None = None,
    indicators: int = 6,
) -> list[str]:
    """Write ``count`` cities into ``out`` (created if needed); return their slugs in order.

    Folders that already exist in ``out`` are never overwritten: a slug that would clash gets
    a suffix, as it would with another generated city."""
    catalogue = catalogue or load_catalogue_or_fail()
    end = window_end(today)
    out.mkdir(parents=True, exist_ok=True)
    taken_slugs = {p.name for p in out.iterdir()}
    taken_names: set[tuple[str, str, str]] = set()
    slugs = []
    for index in range(1, count + 1):
        writer = CityWriter(catalogue, seed, index, end)
        info = writer.profile()
        culture = info["culture"]
        region = info["region"][0] if info["region"] else ""
        for _ in range(NAME_POOL_RETRIES):
            name, roman = writer.name(culture)
            if (name.casefold(), info["country"], region.casefold()) not in taken_names:
                break
        else:  # the name pool of this culture is exhausted for this country: a distinguishing number
            name, roman = f"{name} {index}", f"{roman} {index}"
        taken_names.add((name.casefold(), info["country"], region.casefold()))
        base = ascii_slug(roman) or f"city-{index}"
        if len(base) < SLUG_LENGTH[0]:
            base = f"{base}-{info['country'].lower()}"
        slug = base
        if slug in taken_slugs:
            slug = f"{base}-{info['country'].lower()}"
        number = 2
        while slug in taken_slugs:
            slug = f"{base}-{info['country'].lower()}-{number}"
            number += 1
        assert slug_problem(slug) is None, slug
        taken_slugs.add(slug)
        folder = out / slug
        folder.mkdir()
        (folder / CITY_FILE).write_bytes(writer.city_yaml(slug, name, seed, info).encode("utf-8"))
        days = []
        for day, text in writer.assessments(slug, writer.dates()):
            (folder / f"{day.isoformat()}.yaml").write_bytes(text.encode("utf-8"))
            days.append(day)
        if indicators:
            (folder / "indicators").mkdir()
            for name, text in sample_indicators(seed, index, slug, max(days).year, indicators).items():
                (folder / name).write_bytes(text.encode("utf-8"))
        slugs.append(slug)
    return slugs


def _generated(folder: Path) -> bool:
    city = folder / CITY_FILE
    try:
        return folder.is_dir() and not folder.is_symlink() and MARKER in city.read_text("utf-8").split("\n", 2)[1]
    except (OSError, UnicodeDecodeError, IndexError):
        return False


def main(argv: list[str] | None = None) -> int:
    """``scripts/generate-sample-data N [--seed S] [--out DIR] [--replace]`` (``argv`` defaults to ``sys.argv[1:]``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    root = project_root()
    if not args or args[0] in ("-h", "--help"):
        print(USAGE, end="", file=sys.stdout if args else sys.stderr)
        return 0 if args else 2
    seed, out, replace, count, indicators = DEFAULT_SEED, root / DEFAULT_OUT, False, None, 6
    try:
        while args:
            arg = args.pop(0)
            if arg == "--seed":
                seed = int(args.pop(0))
            elif arg.startswith("--seed="):
                seed = int(arg.split("=", 1)[1])
            elif arg == "--out":
                out = Path(args.pop(0))
            elif arg.startswith("--out="):
                out = Path(arg.split("=", 1)[1])
            elif arg == "--replace":
                replace = True
            elif arg == "--indicators" or arg.startswith("--indicators="):
                indicators = int(arg.split("=", 1)[1] if "=" in arg else args.pop(0))
                if not 0 <= indicators <= 6:
                    raise ValueError("--indicators takes 0 to 6")
            elif count is None and arg.isdigit():
                count = int(arg)
            else:
                raise ValueError(f"unexpected argument {arg!r}")
        if count is None:
            raise ValueError("give the number of cities, N")
    except (ValueError, IndexError) as exc:
        print(f"generate-sample-data: {exc or 'missing value'}\n\n{USAGE}", end="", file=sys.stderr)
        return 2
    out = out.resolve()
    repo_assessments = out == (root / "assessments").resolve()
    if out.exists() and not out.is_dir():
        print(f"generate-sample-data: {out} is not a folder", file=sys.stderr)
        return 2
    existing = sorted(out.iterdir()) if out.is_dir() else []
    if repo_assessments and replace:
        print("generate-sample-data: --replace is refused for the repository's own assessments/", file=sys.stderr)
        return 2
    if existing and not repo_assessments:
        foreign = [p.name for p in existing if not _generated(p)]
        if foreign:
            print(
                f"generate-sample-data: {out} holds files this script did not write ({', '.join(foreign[:5])}"
                f"{'…' if len(foreign) > 5 else ''}); choose an empty folder",
                file=sys.stderr,
            )
            return 2
        if not replace:
            print(
                f"generate-sample-data: {out} already holds {len(existing)} generated cities; "
                "pass --replace to write new ones instead",
                file=sys.stderr,
            )
            return 2
        for folder in existing:
            shutil.rmtree(folder)
    slugs = generate(count, out, seed=seed, indicators=indicators)
    files = sum(1 for slug in slugs for _ in (out / slug).rglob("*") if _.is_file())
    print(f"wrote {len(slugs)} cities ({files} files, seed {seed}) into {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
