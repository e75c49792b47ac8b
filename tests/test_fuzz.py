"""Property-based fuzzing of the validator (Hypothesis): the example cities, mutated.

Each mutant is a city folder (``city.yaml`` and one assessment) made from the repository's example
cities and an accepted hostile case by a few edits: bytes flipped, inserted or cut; characters of
the classes of issue 16 inserted (controls, noncharacters, line separators, invisible and
bidirectional characters, non-ASCII digits); YAML-level edits of keys, values, indentation and
documents; odd folder and file names. For every mutant:

* the validator never raises;
* every diagnostic is one printable line, and a diagnostic about a file names a position inside it
  (lines counted by ``\\n`` alone, as editors and GitHub do; a column at most one past the line's end);
* a mutant it accepts renders (the city's page, the cities index, comparison and country pages,
  feeds, badges and the loss-free export, in-process through publish and render) without an
  exception and without active markup from the data; a sample of them is built by a real, strict
  ``mkdocs build`` that must succeed with no traceback.

``make test`` runs a fixed, seeded budget (``SHORT_EXAMPLES``, about half a minute); ``make fuzz``
runs the long, sharded run (``MMSSC_FUZZ_EXAMPLES`` per shard, ``MMSSC_FUZZ_SEED``).
"""

from __future__ import annotations

import datetime as dt
import html.parser
import json
import os
import re
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import REPO, build_site, make_project
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from macros.commands.correct import with_entry
from macros.compute.crossrefs import build_crossrefs
from macros.diagnostics import Report, Severity
from macros.load.yaml_nodes import parse_yaml
from macros.model.assessments import Registry
from macros.publish.plan import plan_site
from macros.publish.project import Project
from macros.site import urls
from macros.site.settings import SiteSettings
from macros.validate import check_city_folder, load_catalogue
from macros.validate.fields import PathContext
from macros.validate.folders import _looks
from macros.validate.published import check_published, unrecorded

TODAY = dt.date(2026, 11, 22)
BUILD_EPOCH = "1795000000"  # 2026-11-18, as the hostile site's build (tests/browser_support.py)
SHORT_EXAMPLES = 1500
SHORT_SEED = 20261122
LONG_EXAMPLES = int(os.environ.get("MMSSC_FUZZ_EXAMPLES", "5000"))
LONG_SEED = int(os.environ.get("MMSSC_FUZZ_SEED", "37107"))
BUILT_SAMPLE = 6  # accepted mutants built by a real mkdocs build (short run; the long run builds more)

# --- the seeds --------------------------------------------------------------------------------


def _seed_folders() -> list[tuple[str, bytes, str, bytes]]:
    """(city.yaml, one assessment's name and bytes) from every example city and one accepted case."""
    found = []
    extra = [REPO / "tests/hostile/inert/unicode-tricks", REPO / "tests/hostile/inert/record-fields"]
    for folder in [*sorted((REPO / "assessments").iterdir()), *extra]:
        city = (folder / "city.yaml").read_bytes()
        for assessment in sorted(folder.glob("[0-9]*.yaml")):
            found.append((folder.name, city, assessment.name, assessment.read_bytes()))
    return found


SEEDS = _seed_folders()


def _indicator_seeds() -> dict[str, dict[str, bytes]]:
    """Each example city's indicators.yaml and series CSVs (issue 24), by folder, added to its mutants."""
    found: dict[str, dict[str, bytes]] = {}
    for folder in sorted((REPO / "assessments").iterdir()):
        if (folder / "indicators.yaml").is_file():
            files = {"indicators.yaml": (folder / "indicators.yaml").read_bytes()}
            for path in sorted((folder / "indicators").glob("*.csv")):
                files[f"indicators/{path.name}"] = path.read_bytes()
            found[folder.name] = files
    return found


INDICATOR_SEEDS = _indicator_seeds()

# Characters of the classes of issue 16, and YAML's own punctuation.
CHARACTERS = [
    *"\x00\x07\x1b\x7f\x85\x9b\x9f\r\t\n",
    *"\ufffe\uffff\ufdd0\U0001fffe\U0010ffff",
    *"\u2028\u2029\u200b\u200c\u200d\u2060\ufeff\u00ad\u3164\u2800",
    *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f",
    *"٣۳३３",
    *"é\u0301ЅОο🏙",
    *" #:-'\"{}[],&*!|>%@`?\\",
]
SCALARS = [
    "NO", "no", "yes", "off", "On", "y", "true", "false", "~", "null", "", "0", "-1", "7", "3.5", "1e3",
    ".inf", ".nan", "0123456", "0x1F", "0o17", "1_000", "1:20", "+3", "99999999999999999999",
    "1" * 5000, "2024-02-30", "2024-3-5", "0003-01-01", "9999-12-31", "2025-03-01 12:00:00",
    '"٢٠٢٤-٠١-٠١"', "[]", "{}", "[1, 2]", "{a: 1}", "'quoted'", '"\\u200b\\u2060"', '"\\x9b[31m"',
    '"\\u2067open"', '"\\u2069"', '"\\uFFFE"', '"\\e[2J"', '"\\0"', '"\\L"', "<script>alert(1)</script>",
    '"<img src=x onerror=alert(1)>"', "{{ 7*7 }}", "'{% include \"mkdocs.yml\" %}'", "javascript:alert(1)",
    "https://example.org/", "mailto:a@example.org", "//evil.example/x", "&a x", "*a", "!!python/object:os.system x",
    "!include x", "|\n  block text", ">-\n  folded", "TODO", "x" * 3000, "- a\n- b", "compare", "nul",
]  # fmt: skip
KEYS = [
    "name", "country", "region", "population", "community_type", "website", "contact", "maintainers",
    "fictional", "description", "date", "updated", "model_version", "method", "participants", "consolidation",
    "assessors", "summary", "characteristics", "now", "in_two_years", "justification", "evidence", "groups",
    "not_assessed", "title", "url", "corrections", "previous", "reason", "withdrawn", "review", "by", "kind",
    "outcome", "levels", "feedback", "<<", "? x", '"1.1.1"', "4.1", "1.1.1", "!!str name", "&k name", "",
]  # fmt: skip
FOLDERS = ["fuzz-city", "fuzz-city", "fuzz-city", "compare", "country", "nul", "com1", "Fuzz", "a", "x" * 61]
FILES = ["{date}", "{date}", "{date}", "2025-13-01.yaml", "٢٠٢٥-٠٣-٠١.yaml", "{date}.yml", "notes.txt"]


@dataclass
class Mutant:
    folder: str
    files: dict[str, bytes]
    edits: list[str] = field(default_factory=list)
    published: tuple[str, bytes] | None = None  # the assessment's name now, and the seed it was made from

    def __repr__(self) -> str:  # what Hypothesis prints for a failing example
        shown = {name: data.decode("utf-8", "replace")[:4000] for name, data in self.files.items()}
        return f"Mutant(folder={self.folder!r}, edits={self.edits!r}, files={shown!r})"


# --- mutations ----------------------------------------------------------------------------------


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


@st.composite
def _edit(draw: st.DrawFn, data: bytes) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["byte", "char", "char", "line", "value", "value", "value", "key", "document"]))
    text = _text(data)
    lines = text.split("\n")
    if kind == "byte" and data:
        at = draw(st.integers(0, len(data) - 1))
        how = draw(st.sampled_from(["flip", "insert", "cut"]))
        if how == "flip":
            return f"flip byte {at}", data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        if how == "insert":
            return f"insert byte at {at}", data[:at] + bytes([draw(st.integers(0, 255))]) + data[at:]
        end = min(len(data), at + draw(st.integers(1, 40)))
        return f"cut bytes {at}-{end}", data[:at] + data[end:]
    if kind == "char":
        at = draw(st.integers(0, len(text)))
        char = draw(st.sampled_from(CHARACTERS))
        return f"insert {char!r} at {at}", _bytes(text[:at] + char + text[at:])
    index = draw(st.integers(0, max(0, len(lines) - 1)))
    line = lines[index]
    if kind == "line":
        how = draw(st.sampled_from(["duplicate", "delete", "indent", "dedent", "swap", "tab"]))
        if how == "duplicate":
            lines.insert(index, line)
        elif how == "delete":
            del lines[index]
        elif how == "indent":
            lines[index] = " " * draw(st.integers(1, 4)) + line
        elif how == "dedent":
            lines[index] = line[draw(st.integers(1, 4)) :] if line.startswith(" ") else line
        elif how == "tab":
            lines[index] = "\t" + line
        else:
            other = draw(st.integers(0, max(0, len(lines) - 1)))
            lines[index], lines[other] = lines[other], line
        return f"{how} line {index + 1}", _bytes("\n".join(lines))
    if kind == "value":
        key, sep, _ = line.partition(": ")
        scalar = draw(st.sampled_from(SCALARS))
        lines[index] = f"{key}: {scalar}" if sep else f"{line}: {scalar}"
        return f"value of line {index + 1} = {scalar[:40]!r}", _bytes("\n".join(lines))
    if kind == "key":
        indent = len(line) - len(line.lstrip(" -"))
        _, sep, rest = line.partition(":")
        new_key = draw(st.sampled_from(KEYS))
        lines[index] = f"{line[:indent]}{new_key}:{rest}" if sep else f"{line[:indent]}{new_key}: x"
        return f"key of line {index + 1} = {new_key!r}", _bytes("\n".join(lines))
    marker = draw(st.sampled_from(["---", "...", "--- |", "%YAML 1.2", "%TAG ! tag:x,2000:", "# comment", ""]))
    lines.insert(index, marker)
    return f"insert {marker!r} before line {index + 1}", _bytes("\n".join(lines))


@st.composite
def mutants(draw: st.DrawFn) -> Mutant:
    seed_folder, city, name, assessment = draw(st.sampled_from(SEEDS))
    files = {"city.yaml": city, name: assessment, **INDICATOR_SEEDS.get(seed_folder, {})}
    edits: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        target = draw(st.sampled_from(sorted(files)))
        what, files[target] = draw(_edit(files[target]))
        edits.append(f"{target}: {what}")
    folder = draw(st.sampled_from(FOLDERS))
    new_name = draw(st.sampled_from(FILES)).format(date=name.removesuffix(".yaml") + ".yaml").replace(".yaml.", ".")
    if new_name != name:
        files[new_name] = files.pop(name)
        edits.append(f"assessment named {new_name!r}")
    if folder != "fuzz-city":
        edits.append(f"folder named {folder!r}")
    return Mutant(folder, files, edits, (new_name, assessment))


# --- the checks ---------------------------------------------------------------------------------


@dataclass
class Findings:
    checked: int = 0
    accepted: list[tuple[Mutant, tuple]] = field(default_factory=list)  # with the city's identity
    messages: set[str] = field(default_factory=set)  # distinct diagnostics, without quoted values


@pytest.fixture(scope="module")
def catalogue():
    report = Report()
    result = load_catalogue(REPO / "criteria", report, display_root=REPO)
    assert result is not None, report.format()
    return result


def _install(mutant: Mutant, assessments: Path) -> Path:
    folder = assessments / mutant.folder
    folder.mkdir(parents=True)
    for name, data in mutant.files.items():
        (folder / name).parent.mkdir(exist_ok=True)  # indicators/<id>.csv
        (folder / name).write_bytes(data)
    return folder


def _assert_inside(diagnostic, files: dict[str, bytes], folder: str) -> None:
    line = diagnostic.format()
    assert "\n" not in line and "\r" not in line, line
    name = diagnostic.path.removeprefix(f"{folder}/")
    if name not in files:  # the folder itself
        assert (diagnostic.line, diagnostic.col) == (1, 1), line
        return
    text = files[name].decode("utf-8", "replace").removeprefix("\ufeff")
    lines = text.split("\n")
    assert 1 <= diagnostic.line <= len(lines), f"{line}: the file has {len(lines)} lines"
    width = len(lines[diagnostic.line - 1])
    assert 1 <= diagnostic.col <= width + 1, f"{line}: line {diagnostic.line} has {width} characters"


ACTIVE_TAGS = {"script", "iframe", "object", "embed", "form", "base", "meta", "style", "link", "frame", "foreignobject"}
DANGEROUS_URL = re.compile(r"^\s*(javascript|data|vbscript|file):", re.I)


class _Markup(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.active: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.active.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.active.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "xlink:href") and value and DANGEROUS_URL.match(value):
                self.active.append(f"<{tag} {name}={value[:40]!r}>")


def _no_active_markup(html_text: str, where: str) -> None:
    parser = _Markup()
    parser.feed(html_text)
    parser.close()
    assert parser.active == [], f"{where}: {parser.active[:5]}"


def _render(project_root: Path, catalogue, crossrefs, city) -> None:
    """The city through the publish and render layers, as a build would (without MkDocs)."""
    registry = Registry({city.slug: city})
    project = Project(project_root, catalogue, crossrefs, registry, Report())
    plan = plan_site(project, SiteSettings(today=TODAY))
    wanted = {urls.city(city.slug), urls.CITIES_INDEX, urls.COMPARE, urls.country(city.country)}
    if city.indicators:  # issue 24: the outcomes page and the pages of the standard indicators it reports
        wanted.add(urls.city_outcomes(city.slug))
        wanted.update(urls.INDICATORS_INDEX for i in city.indicators if i.standard)
    pages = [page for page in plan.pages if page.url in wanted]
    assert len(pages) == len(wanted), "a page of the city is missing from the plan"
    assert len({page.url for page in plan.pages}) == len(plan.pages), "two pages share a URL"
    for page in pages:
        _no_active_markup(page.render().html, page.url)
    for file in plan.files:
        if not file.path.startswith(("cities/", "data/assessments", "data/cities", "data/indicator", "feeds/")):
            continue
        data = file.data()
        if file.path.endswith((".xml", ".svg")):
            ET.fromstring(data)  # well-formed
            assert b"<script" not in data and b"javascript:" not in data, file.path
        elif file.path.endswith(".json"):
            json.loads(data)


def _against_the_published_seed(mutant: Mutant) -> None:
    """The mutant as a pull request's change to its seed, published: ``scripts/validate --base`` never
    raises and points inside the file; ``scripts/correct``'s entry for the differences never raises, and
    the file it would write is accepted by the same check."""
    if mutant.published is None:
        return
    name, before = mutant.published
    path = f"{mutant.folder}/{name}"
    quiet, report = Report(), Report()  # either version's own problems are the validator's to report
    base = parse_yaml(before, path, quiet).root
    now = parse_yaml(mutant.files[name], path, quiet).root
    check_published(PathContext(path, report), base, now, "base")
    for diagnostic in report.diagnostics:
        _assert_inside(diagnostic, mutant.files, mutant.folder)
    diffs = unrecorded(base, now)
    if not diffs or now is None or now.kind != "map" or quiet.errors:
        return
    try:
        text = with_entry(mutant.files[name].decode("utf-8"), now, diffs, TODAY, "fuzz")
    except ValueError:  # corrections: not a list of entries, a mapping become one value: the command says so
        return
    check = Report()
    written = parse_yaml(text.encode("utf-8"), path, check).root
    check_published(PathContext(path, check), base, written, "base")
    if all("without a correction" in d.message for d in report.errors):  # else scripts/correct refuses to write
        assert not check.errors, check.format()


def _fuzz(catalogue, examples: int, seed_value: int, findings: Findings) -> None:
    crossrefs = build_crossrefs(catalogue)

    @seed(seed_value)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(mutants())
    def check(mutant: Mutant) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            folder = _install(mutant, root / "assessments")
            result = check_city_folder(folder, catalogue, display_root=root / "assessments", today=TODAY)
            for diagnostic in result.diagnostics:
                _assert_inside(diagnostic, mutant.files, mutant.folder)
                findings.messages.add(re.sub(r'"[^"]*"', '"…"', diagnostic.message)[:90])
            errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
            if not errors:  # (with any error, the build stops before anything is written)
                assert result.city is not None, "a city was left out without an error"
                # a withdrawn assessment is kept apart (listed, in no figure), never dropped
                kept = len(result.city.assessments) + len(result.city.withdrawn)
                assert kept == 1, "an assessment was left out without an error"
                _render(root, catalogue, crossrefs, result.city)
                city = result.city
                findings.accepted.append((mutant, (_looks(city.name), city.country, _looks(city.region or ""))))
            _against_the_published_seed(mutant)
        findings.checked += 1

    check()


def _build(mutants_to_build: list[Mutant], tmp_path: Path) -> None:
    """A real, strict build of accepted mutants (of different cities: twins are refused)."""
    assert mutants_to_build
    project = make_project(tmp_path / "project")
    for index, mutant in enumerate(mutants_to_build):
        _install(Mutant(f"fuzz-{index:03d}", mutant.files), project / "assessments")
    result = build_site(project, env={"SOURCE_DATE_EPOCH": BUILD_EPOCH})
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-4000:]
    scripts = (project / "site/cities/index.html").read_text(encoding="utf-8").count("<script")
    for index in range(len(mutants_to_build)):
        page = project / "site" / "cities" / f"fuzz-{index:03d}" / "index.html"
        text = page.read_text(encoding="utf-8")
        _no_active_markup(_between(text, "<article", "</article>"), str(page))  # the page's content
        # the theme's own page: its scripts only, no handler or script link anywhere
        assert text.count("<script") == scripts, f"{page}: not the theme's scripts"
        assert [a for a in _active(text) if " " in a] == [], f"{page}: {_active(text)}"


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)]


def _active(html_text: str) -> list[str]:
    """The active elements and attributes of some HTML (``<tag>``, ``<tag attribute…>``)."""
    parser = _Markup()
    parser.feed(html_text)
    parser.close()
    return parser.active


def _distinct(accepted: list[tuple[Mutant, tuple]], count: int) -> list[Mutant]:
    """Up to ``count`` accepted mutants of different cities, the most edited first."""
    chosen: dict[tuple, Mutant] = {}
    for mutant, city in sorted(accepted, key=lambda item: -len(item[0].edits)):
        if city not in chosen and mutant.folder == "fuzz-city":
            chosen[city] = mutant
    return list(chosen.values())[:count]


def _report(findings: Findings, seconds: float) -> None:
    rate = findings.checked / seconds * 60 if seconds else 0
    print(
        f"\nfuzz: {findings.checked} mutants in {seconds:.1f} s ({rate:,.0f} a minute), "
        f"{len(findings.accepted)} accepted, {len(findings.messages)} distinct diagnostics"
    )


@pytest.mark.slow
def test_mutated_examples_never_crash_the_validator_or_the_build(catalogue, tmp_path):
    """The fixed, seeded budget of ``make test``."""
    findings = Findings()
    start = time.perf_counter()
    _fuzz(catalogue, SHORT_EXAMPLES, SHORT_SEED, findings)
    _report(findings, time.perf_counter() - start)
    assert findings.checked >= SHORT_EXAMPLES // 2 and findings.accepted, "the mutants are not varied enough"
    _build(_distinct(findings.accepted, BUILT_SAMPLE), tmp_path)


@pytest.mark.skipif(not os.environ.get("MMSSC_FUZZ_LONG"), reason="the long fuzz run: make fuzz")
@pytest.mark.parametrize("shard", range(int(os.environ.get("MMSSC_FUZZ_SHARDS", "4"))))
def test_long_fuzz_run(catalogue, tmp_path, shard):
    """``make fuzz``: a longer run per shard (each with its own seed), and a larger sample built."""
    findings = Findings()
    start = time.perf_counter()
    _fuzz(catalogue, LONG_EXAMPLES, LONG_SEED + shard, findings)
    _report(findings, time.perf_counter() - start)
    _build(_distinct(findings.accepted, 40), tmp_path)
