"""The form's checks and scripts/validate agree: the same verdict, field by field, in the same words.

The corpus is every example under assessments/, every fixture under tests/fixtures/assessments/
(good and bad) and tests/fixtures/reporting/, and every file of the hostile corpus (tests/hostile/).
Each file is checked by the Python validator (what scripts/validate runs) and, in Chromium, by the
form's checks (docs/assets/assess-check.js over assess-yaml.js, the rules from assess-rules.js).

Left out of the comparison are what the form cannot hold, because it belongs to the folder and not
to the file: file and folder names, a missing city.yaml, two cities with one name. YAML syntax errors
are compared by verdict (both refuse the file as "invalid YAML syntax"): libyaml and the browser's
parser word them differently. Everything else must match exactly: line, column, severity, message."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import browser_support as bs
import pytest
from browser_support import close_browser_at_the_end  # noqa: F401  (shared fixture)
from conftest import REPO

from macros.diagnostics import Report
from macros.validate import load_catalogue, validate_paths

pytestmark = pytest.mark.browser

FOLDERS = [
    REPO / "assessments",
    REPO / "tests" / "fixtures" / "assessments",
    REPO / "tests" / "fixtures" / "reporting",
    REPO / "tests" / "hostile",
]
NAMED = re.compile(r"(city|\d{4}-\d{2}-\d{2})\.yaml")
CORPUS = sorted(
    p
    for folder in FOLDERS
    for p in folder.rglob("*")
    if p.is_file() and not p.is_symlink() and NAMED.fullmatch(p.name) and p.parent.name != "drafts"
)
# Problems of the folder, not of the file: the form names its file by its date and has no folder.
FOLDER_LEVEL = re.compile(
    r"does not match the file name|is neither city\.yaml|has no city\.yaml|city folder|file name \"|"
    r"is already the city in|folders are not allowed|symbolic links|already has an assessment dated"
)


def _shown(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


@pytest.fixture(scope="module")
def python_verdicts() -> dict[str, set[tuple]]:
    report = Report()
    catalogue = load_catalogue(REPO / "criteria", report, display_root=REPO)
    assert catalogue is not None, report.format()
    out: dict[str, set[tuple]] = {_shown(p): set() for p in CORPUS}
    for path in CORPUS:  # one file at a time: a refused file never hides another's diagnostics
        file_report = Report()
        validate_paths([path], catalogue, file_report, display_root=REPO, today=dt.date.today())
        for d in file_report.diagnostics:
            if d.path in out and not FOLDER_LEVEL.search(d.message):
                out[d.path].add(_key(d.line, d.col, d.severity.value, d.message))
    return out


def _key(line: int, col: int, severity: str, message: str) -> tuple:
    if message.startswith("invalid YAML syntax:"):
        return ("syntax", severity, "invalid YAML syntax")
    return (line, col, severity, message)


@pytest.fixture(scope="module")
def form_verdicts(tmp_path_factory) -> dict[str, set[tuple]]:
    site = bs.hostile_site(tmp_path_factory)
    base = bs.serve(site)
    context = bs.new_context()
    watch = bs.Watch()
    page = bs.open_page(context, watch)
    try:
        page.goto(base + "assess/", wait_until="load")
        page.wait_for_function("window.MMSSCAssess !== undefined")
        out: dict[str, set[tuple]] = {}
        for path in CORPUS:
            found = page.evaluate(
                "([bytes, name]) => MMSSCAssess.check(new Uint8Array(bytes), name)",
                [list(path.read_bytes()), path.name],
            )
            out[_shown(path)] = {
                _key(d["line"], d["col"], d["severity"], d["message"])
                for d in found
                if not FOLDER_LEVEL.search(d["message"])
            }
        assert watch.problems() == []
        return out
    finally:
        context.close()


def test_the_corpus_is_the_whole_corpus():
    names = {_shown(p).split("/")[0] for p in CORPUS}
    assert names == {"assessments", "tests"}
    assert len(CORPUS) > 200


@pytest.mark.parametrize("path", [_shown(p) for p in CORPUS])
def test_the_form_and_the_validator_agree(python_verdicts, form_verdicts, path):
    python, form = python_verdicts[path], form_verdicts[path]
    assert sorted(form, key=str) == sorted(python, key=str), (
        f"{path}\n  only scripts/validate: {sorted(python - form, key=str)}"
        f"\n  only the form: {sorted(form - python, key=str)}"
    )


def test_valid_files_have_no_error_in_the_form(python_verdicts, form_verdicts):
    valid = [p for p in python_verdicts if not any(k[-2] == "error" for k in python_verdicts[p])]
    assert len(valid) >= 30
    assert [p for p in valid if any(k[-2] == "error" for k in form_verdicts[p])] == []


# --- the language rule, case by case (validate/language_tags.py and its port in assess-check.js) ---------

CITY = "name: Sørvika\ncountry: NO\n{language}population: 3200\ncommunity_type: island\nmaintainers: [sorvika]\n"
LANGUAGES = [
    # accepted
    "el",
    "fr",
    "en-GB",
    "pt-BR",
    "zh-Hant",
    "zh-Hans-CN",
    "sr-Latn-RS",
    "es-419",
    "gsw",
    "no",
    '"nb-NO"',
    # every kind of refusal, with and without a suggestion
    "gr",
    "jp",
    "xx",
    "english",
    "Modern Greek",
    "ell",
    "gre",
    "und",
    "EN",
    "en-gb",
    "sr-cyrl-rs",
    "pt_BR",
    "pt BR",
    "en--GB",
    "sr-Latx",
    "sr-Latin",
    "en-GB-Latn",
    "en-UK",
    "el-EL",
    "en-XY",
    "fr-250",
    "es-999",
    "en-GBR",
    "en-gbr",
    "sr-Latn-SRB",
    "en-GB-US",
    "zh-yue",
    "de-CH-1996",
    "en-u-ca-gregory",
    "en-x-foo",
    "x-klingon",
    "i-klingon",
    "constructor",
    "en-constructor",
    "toString",
    "a" * 120,
    "TODO",
    "null",
    "[el]",
    '"ελληνικά"',
    '"zh-Hant-TW-x"',
    "e",
    "12",
]
LANGUAGE_CASES = {f"language {i}: {v[:30]}": CITY.format(language=f"language: {v}\n") for i, v in enumerate(LANGUAGES)}
LANGUAGE_CASES["no language line (a warning)"] = CITY.format(language="")


HARNESS = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>language rule</title>
<script type="module">
import bundle from "./assets/assess-rules.js";
import { readYaml } from "./assets/assess-yaml.js";
import { Rules, checkDocument } from "./assets/assess-check.js";
const R = new Rules(bundle);
window.checkCityFile = (text) => {
  const bytes = new TextEncoder().encode(text);
  const { root, errors } = readYaml(bytes, { maxBytes: R.rules.max_file_bytes, maxDepth: R.rules.max_depth });
  const found = root ? checkDocument(R, root, "city.yaml", "2026-01-01") : [];
  return [...errors.map((e) => ({ severity: "error", ...e })), ...found];
};
</script></head><body></body></html>
"""


@pytest.fixture(scope="module")
def language_verdicts(tmp_path_factory) -> tuple[dict[str, set[tuple]], dict[str, set[tuple]]]:
    """The Python validator's and the form's diagnostics for each city.yaml of LANGUAGE_CASES."""
    folder = tmp_path_factory.mktemp("languages")
    report = Report()
    catalogue = load_catalogue(REPO / "criteria", report, display_root=REPO)
    assert catalogue is not None, report.format()
    python: dict[str, set[tuple]] = {}
    for i, (case, text) in enumerate(LANGUAGE_CASES.items()):
        path = folder / f"city-{i}" / "city.yaml"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        file_report = Report()
        validate_paths([path], catalogue, file_report, display_root=folder, today=dt.date.today())
        python[case] = {
            _key(d.line, d.col, d.severity.value, d.message)
            for d in file_report.diagnostics
            if not FOLDER_LEVEL.search(d.message)
        }
    # the form's checking modules on a page of their own (no site build: the rule alone is compared)
    harness = tmp_path_factory.mktemp("harness")
    (harness / "assets").symlink_to(REPO / "docs" / "assets")
    (harness / "index.html").write_text(HARNESS, encoding="utf-8")
    context = bs.new_context()
    watch = bs.Watch()
    page = bs.open_page(context, watch)
    try:
        page.goto(bs.serve(harness), wait_until="load")
        page.wait_for_function("window.checkCityFile !== undefined")
        form: dict[str, set[tuple]] = {}
        for case, text in LANGUAGE_CASES.items():
            found = page.evaluate("(text) => checkCityFile(text)", text)
            form[case] = {_key(d["line"], d["col"], d["severity"], d["message"]) for d in found}
        assert watch.problems() == []
    finally:
        context.close()
    return python, form


@pytest.mark.parametrize("case", list(LANGUAGE_CASES))
def test_the_form_and_the_validator_agree_on_each_language(language_verdicts, case):
    python, form = language_verdicts[0][case], language_verdicts[1][case]
    assert sorted(form, key=str) == sorted(python, key=str), (
        f"{case}\n  only scripts/validate: {sorted(python - form, key=str)}"
        f"\n  only the form: {sorted(form - python, key=str)}"
    )


def test_the_language_cases_cover_each_verdict(language_verdicts):
    python = language_verdicts[0]
    verdicts = {case: {k[-2] for k in found} for case, found in python.items()}
    assert sum(not v for v in verdicts.values()) == 11  # the accepted tags
    assert verdicts["no language line (a warning)"] == {"warning"}
    assert sum(v == {"error"} for v in verdicts.values()) == len(LANGUAGES) - 11


# --- the correction the form writes (issue 25): what scripts/correct and validate --base agree with ------

PUBLISHED = REPO / "assessments" / "harrowmere" / "2024-10-02.yaml"


def test_the_form_records_a_change_to_a_published_file_as_scripts_correct_would(tmp_path_factory):
    """Open a published assessment, change a level: the form asks for the reason (an error until it is
    given), then writes a corrections entry that ``scripts/validate --base`` accepts against the file as it
    was, with the same ``previous`` that ``scripts/correct`` computes, keeping the review and older entries."""
    import yaml

    from macros.commands.correct import _nested
    from macros.load.yaml_nodes import parse_yaml
    from macros.validate.fields import PathContext
    from macros.validate.published import check_published, unrecorded

    base = bs.serve(bs.hostile_site(tmp_path_factory))
    context = bs.new_context()
    watch = bs.Watch()
    page = bs.open_page(context, watch)
    try:
        page.goto(base + "assess/", wait_until="load")
        page.wait_for_function("window.MMSSCAssess !== undefined")
        page.click("#assess-discard")
        page.select_option("#f-city", "harrowmere")
        page.set_input_files("#assess-open", str(PUBLISHED))
        page.wait_for_function("document.getElementById('assess-file-status').textContent.startsWith('Opened')")
        assert page.is_visible("#assess-correction"), "the form asks about the correction"
        unchanged = page.evaluate("MMSSCAssess.files()[0][1]")
        page.select_option("#f-c-1-5-2-now", "4")
        bs.settle_form(page)
        asked = [d["message"] for d in page.evaluate("MMSSCAssess.diagnostics()")]
        assert any(m.startswith("corrections[2].reason: not filled in yet") for m in asked), asked
        page.fill("#f-correction_reason", "Indicators were baselined: level 4 <b>now</b>.")
        bs.settle_form(page)
        assert not [d for d in page.evaluate("MMSSCAssess.diagnostics()") if d["severity"] == "error"]
        written = page.evaluate("MMSSCAssess.files()[0][1]")
        assert watch.problems() == []
    finally:
        context.close()
    report = Report()
    before = parse_yaml(PUBLISHED.read_bytes(), "published.yaml", report).root
    same = parse_yaml(unchanged.encode("utf-8"), "same.yaml", report).root
    after = parse_yaml(written.encode("utf-8"), "written.yaml", report).root
    assert not report.diagnostics
    assert unrecorded(before, same) == [], "opened and downloaded unchanged: nothing to record"
    ctx = PathContext("written.yaml", report)
    check_published(ctx, before, after, "the published file")
    assert not report.diagnostics, report.format()
    data, original = yaml.safe_load(written), yaml.safe_load(PUBLISHED.read_text("utf-8"))
    assert data["review"] == original["review"] and data["corrections"][0] == original["corrections"][0]
    entry = data["corrections"][-1]
    assert entry["reason"] == "Indicators were baselined: level 4 <b>now</b>."
    assert entry["date"] == dt.date.today()
    edited = parse_yaml(
        PUBLISHED.read_text("utf-8").replace('"1.5.2":\n    now: 3', '"1.5.2":\n    now: 4').encode("utf-8"),
        "edited.yaml",
        report,
    ).root
    assert entry["previous"] == _nested(unrecorded(before, edited)) == {"characteristics": {"1.5.2": {"now": 3}}}


# --- a correction's earlier values, as text: the form and scripts/correct write them alike ---------------

VALUES_HARNESS = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>values</title>
<script type="module">
import { valueText } from "./assets/assess-check.js";
window.valueText = valueText;
</script></head><body></body></html>
"""
EARLIER_VALUES = [
    "Right-to-left isolate \u2067PDF mark\u2069 and mark \u200f justification",  # the hostile corpus's
    'a "quoted" \\ back\tslash\nand a new line',
    "C1 \u0085, line \u2028 and paragraph \u2029 separators, no-break\u00a0space",
    "noncharacters \ufdd0 \uffff and a tag character \U000e0041 (above U+FFFF)",
    "Ελληνικά και عربي",
    ["x\u202e", "plain"],
    {"k\u2066": "é", "n": 3},
    None,
    3,
    True,
]


def test_earlier_values_are_written_alike_and_read_back_as_themselves(tmp_path_factory):
    """validate/published.py value_text (scripts/correct, the validator's messages) and the form's valueText
    (assess-check.js) give the same text for each value, which YAML reads back as the value (a raw bidi
    or other format character would be refused by the reader, so the entry would not record it)."""
    from macros.load.yaml_nodes import parse_yaml
    from macros.validate.published import plain, value_text

    harness = tmp_path_factory.mktemp("values")
    (harness / "assets").symlink_to(REPO / "docs" / "assets")
    (harness / "index.html").write_text(VALUES_HARNESS, encoding="utf-8")
    context = bs.new_context()
    watch = bs.Watch()
    page = bs.open_page(context, watch)
    try:
        page.goto(bs.serve(harness), wait_until="load")
        page.wait_for_function("window.valueText !== undefined")
        form = [page.evaluate("(v) => valueText(v)", v) for v in EARLIER_VALUES]
        assert watch.problems() == []
    finally:
        context.close()
    python = [value_text(v) for v in EARLIER_VALUES]
    assert form == python
    for value, text in zip(EARLIER_VALUES, python, strict=True):
        report = Report()
        root = parse_yaml(f"previous: {text}\n".encode(), "f.yaml", report).root
        assert not report.diagnostics, report.format()
        assert root is not None and plain(root.value["previous"]) == value, text
