"""The hostile corpus (tests/hostile/): every case is either refused by the validator with a
precise ``path:line:col`` message naming the field, or accepted and shown as inert text.

The checks of the accepted cases read a real strict build of a site holding all of them (and the
example cities): the city pages, the cities index, country, comparison and characteristic pages,
the feeds, badges and open-data exports. A clean build of the repository's own data tells which
scripts, elements and attributes the theme itself uses.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gzip
import html
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import browser_support as bs
import pytest
from conftest import REPO, build_site, make_project
from export_support import full_csv, full_json, site_exports

from macros.diagnostics import Report, Severity, printable
from macros.publish.formats import FORMULA_TRIGGERS
from macros.validate import load_registry
from macros.validate.catalogue import load_catalogue
from macros.validate.countries import country_name

TODAY = dt.date(2026, 11, 22)  # fixed, like the validator tests: nothing in the corpus is in the future
REJECT, INERT = bs.cases("reject"), bs.cases("inert")
ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"
# Attributes that hold URLs: none may carry a script or an inline document.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background", "cite"}
DANGEROUS_SCHEME = re.compile(r"^(javascript|data|vbscript|file):", re.I)


def _ids(cases: list[dict]) -> list[str]:
    return [c["id"] for c in cases]


@pytest.fixture(scope="session")
def catalogue():
    report = Report()
    result = load_catalogue(REPO / "criteria", report, display_root=REPO)
    assert result is not None, report.format()
    return result


def _validate(case: dict, catalogue, tmp_path: Path) -> Report:
    assessments = tmp_path / "assessments"
    assessments.mkdir()
    bs.install_case(case, assessments)
    report = Report()
    load_registry(assessments, catalogue, report, display_root=assessments, today=TODAY)
    return report


# --- the corpus itself ------------------------------------------------------------------------


def test_the_corpus_is_complete_and_every_case_has_a_verdict():
    cases = bs.manifest()
    assert len(cases) >= 30
    assert len({c["id"] for c in cases}) == len(cases), "case ids must be unique"
    on_disk = {f"{kind}/{p.name}" for kind in ("inert", "reject") for p in (bs.HOSTILE / kind).iterdir()}
    assert on_disk == {c["dir"] for c in cases}, "every folder of tests/hostile has exactly one manifest entry"
    for case in cases:
        assert case["verdict"] in ("reject", "inert"), case["id"]
        assert case.get("why"), f"{case['id']}: say why the case is hostile"
        if case["verdict"] == "reject":
            assert case["errors"] and all(e["at"] and e["message"] for e in case["errors"]), case["id"]
        else:
            assert case["name"] and case["literal"], case["id"]


def test_every_free_text_field_carries_html_and_jinja():
    """The brief: HTML, <script> and Jinja in every free-text field (8 fields of city.yaml and assessments)."""
    fields = 8  # name, region, description, assessors, summary, justification, not_assessed, evidence title
    for wanted in (
        "<script>",
        "onerror=",
        "{{ 7*7 }}",
        "{{ config",
        "{% include",
        "__subclasses__",
        "popen('id')",
        "--8<--",
        "javascript:",
        "data:text/html",
        "{ onclick=",
    ):
        carrying = [c["id"] for c in INERT if sum(wanted in text for text in c["literal"]) == fields]
        assert carrying, f"no inert case has {wanted!r} in all {fields} free-text fields"


# --- refused cases ---------------------------------------------------------------------------------


def _explained(diagnostic, expected: dict) -> bool:
    return (
        f"{diagnostic.path}:{diagnostic.line}:{diagnostic.col}" == expected["at"]
        and expected["message"] in diagnostic.message
    )


@contextlib.contextmanager
def _pending(reason: str | None):
    """A case the validator does not handle yet: an expected failure until it does, then a failure
    that asks for the manifest's ``pending`` to be removed (a strict xfail)."""
    if not reason:
        yield
        return
    try:
        yield
    except AssertionError:
        pytest.xfail(f"pending a validator change: {reason}")
    pytest.fail(f"this case now passes: remove its `pending` from tests/hostile/manifest.yaml ({reason})")


@pytest.mark.parametrize("case", REJECT, ids=_ids(REJECT))
def test_refused_with_a_precise_message(case, catalogue, tmp_path):
    with _pending(case.get("pending")):
        _check_refused(case, catalogue, tmp_path)


def _check_refused(case, catalogue, tmp_path):
    report = _validate(case, catalogue, tmp_path)
    errors = [d for d in report.diagnostics if d.severity is Severity.ERROR]
    shown = "\n".join(d.format() for d in errors) or "(no error at all: the case was accepted)"
    for expected in case["errors"]:
        assert any(_explained(d, expected) for d in errors), (
            f"expected {expected['at']}: {expected['message']}\nfound:\n{shown}"
        )
    unexplained = [d.format() for d in errors if not any(_explained(d, e) for e in case["errors"])]
    assert unexplained == [], "errors the manifest does not list"


@pytest.mark.parametrize("case", REJECT, ids=_ids(REJECT))
def test_diagnostics_stay_on_one_printable_line(case, catalogue, tmp_path):
    """A value quoted in a message must not add lines (or forge one: `path:1:1: error: …` in CI logs)
    nor hide text with invisible or direction-changing characters."""
    report = _validate(case, catalogue, tmp_path)
    with _pending(case.get("pending_one_line")):
        for d in report.diagnostics:
            line = d.format()
            assert "\n" not in line and "\r" not in line, line
            hidden = [c for c in line if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]
            assert not hidden, f"{line!r} carries {[f'U+{ord(c):04X}' for c in hidden]}"


def test_refused_cases_stop_a_real_build_before_anything_is_written(tmp_path):
    project = make_project(tmp_path / "project", REPO / "assessments")
    refused = [c for c in REJECT if not c.get("pending")]
    for case in refused:
        bs.install_case(case, project / "assessments")
    result = build_site(project, env={"SOURCE_DATE_EPOCH": bs.BUILD_EPOCH})
    assert result.returncode != 0
    assert not (project / "site").exists(), "a refused build must not write the site"
    # the build prints each diagnostic as one printable line (invisible characters escaped)
    missing = [
        f"assessments/{e['at']}: {e['message']}"
        for c in refused
        for e in c["errors"]
        if not re.search(
            re.escape(printable(f"assessments/{e['at']}: error: ")) + r".*" + re.escape(printable(e["message"])),
            result.stderr,
        )
    ]
    assert missing == [], result.stderr[-3000:]


# --- accepted cases: the validator ------------------------------------------------------------------


@pytest.mark.parametrize("case", INERT, ids=_ids(INERT))
def test_accepted_by_the_validator(case, catalogue, tmp_path):
    report = _validate(case, catalogue, tmp_path)
    assert report.errors == [], report.format()


# --- accepted cases: the built site -------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return bs.hostile_site(tmp_path_factory)


@pytest.fixture(scope="module")
def clean_site(built_repo_site) -> Path:
    return built_repo_site


def _city_page(site: Path, case: dict) -> Path:
    return site / "cities" / bs.folder_name(case) / "index.html"


def _city_country(site: Path, case: dict) -> str:
    data = full_json(site_exports(site))
    city = next(c for c in data["cities"] if c["slug"] == bs.folder_name(case))
    return city["country"]


@pytest.mark.parametrize("case", INERT, ids=_ids(INERT))
def test_every_text_is_shown_literally_on_the_city_page(case, site):
    """On the city page or its ratings page (the justifications and evidence are there)."""
    page = _city_page(site, case)
    ratings = site / "ratings" / bs.folder_name(case) / "index.html"
    raw = page.read_text(encoding="utf-8") + ratings.read_text(encoding="utf-8")
    text = bs.visible_text(page) + bs.visible_text(ratings)
    for literal in case["literal"]:
        assert literal in text, f"{literal[:120]!r} is not shown as text on {page.relative_to(site)} or its ratings"
        if "<" in literal:
            assert literal not in raw, f"{literal[:120]!r} reached the HTML unescaped"
    parsed = bs.parse_page(page)
    assert [h.strip() for h in parsed.h1] == [case["name"]], "the page's heading is the name as written"
    assert parsed.titles[0].startswith(case["name"] + " - "), "the <title> is the name as written"
    parsed = bs.parse_page(ratings)
    assert [h.strip() for h in parsed.h1] == [case["name"] + ", characteristic by characteristic"]


@pytest.mark.parametrize("case", INERT, ids=_ids(INERT))
def test_the_name_is_inert_wherever_the_city_is_named(case, site):
    name, slug = case["name"], bs.folder_name(case)
    country = _city_country(site, case)
    for page in (
        "cities/index.html",
        f"cities/country/{country.lower()}/index.html",
        "cities/compare/index.html",
        "criteria/1-2-1/index.html",
    ):
        path = site / page
        assert name in bs.visible_text(path), f"the name is not shown as text on {page}"
        if "<" in name:
            assert name not in path.read_text(encoding="utf-8"), f"the name reached {page} unescaped"
    # Atom feeds: the city's own and the site's
    for feed in (f"cities/{slug}/feed.xml", "feeds/assessments.xml"):
        titles = [t.text or "" for t in ET.parse(site / feed).getroot().iter(f"{ATOM}title")]
        assert any(t.startswith(name) for t in titles), f"{feed}: no entry titled with the name"
    # the badge: an SVG whose title names the city; its JSON twin
    svg = ET.parse(site / f"cities/{slug}/badge.svg").getroot()
    assert name in svg.find(f"{SVG}title").text
    assert json.loads((site / f"cities/{slug}/badge.json").read_text(encoding="utf-8"))["city"]["name"] == name
    # open data: JSON as written, CSV with formulas neutralised
    data = full_json(site_exports(site))
    assert next(c for c in data["cities"] if c["slug"] == slug)["name"] == name
    rows = list(csv.DictReader(io.StringIO((site / "data/cities.csv").read_text(encoding="utf-8"))))
    row = next(r for r in rows if r["slug"] == slug)
    assert row["name"] == ("'" + name if name.startswith(FORMULA_TRIGGERS) else name)


RAW = [c for c in INERT if c.get("raw_city") or c.get("raw_assessment")]


@pytest.mark.parametrize("case", RAW, ids=_ids(RAW))
def test_the_loss_free_copy_holds_what_was_written(case, site):
    """data/assessments.json carries each file's content as written (YAML 1.2: NO is Norway, not false)."""
    data = full_json(site_exports(site))
    city = next(c for c in data["cities"] if c["slug"] == bs.folder_name(case))
    assert {key: city["yaml"].get(key) for key in case.get("raw_city", {})} == case.get("raw_city", {})
    wanted = case.get("raw_assessment", {})
    assert {key: city["assessments"][0]["yaml"].get(key) for key in wanted} == wanted


@pytest.mark.parametrize(
    "case", [c for c in INERT if c.get("outcomes_literal")], ids=_ids([c for c in INERT if c.get("outcomes_literal")])
)
def test_every_indicator_text_is_shown_literally_on_the_outcomes_page(case, site):
    """Issue 24: indicators.yaml's texts and the series' group cells and notes, on the city's outcomes page."""
    page = site / "outcomes" / bs.folder_name(case) / "index.html"
    raw = page.read_text(encoding="utf-8")
    text = bs.visible_text(page)
    for literal in case["outcomes_literal"]:
        assert literal in text, f"{literal[:120]!r} is not shown as text on {page.relative_to(site)}"
        if "<" in literal:
            assert literal not in raw, f"{literal[:120]!r} reached the HTML unescaped"


def test_csv_cells_never_start_a_formula(site):
    tables = {
        "cities.csv": (site / "data" / "cities.csv").read_bytes(),
        "assessments.csv": full_csv(site_exports(site)),
        "indicators.csv": gzip.decompress((site / "data" / "indicators.csv.gz").read_bytes()),  # issue 24
        "indicator-list.csv": (site / "data" / "indicator-list.csv").read_bytes(),
    }
    for name, data in tables.items():
        for row in csv.reader(io.StringIO(data.decode("utf-8"))):
            for cell in row:
                if cell.startswith(FORMULA_TRIGGERS):
                    assert re.fullmatch(r"-?\d+(\.\d+)?", cell), f"data/{name}: {cell[:80]!r} would run as a formula"


@pytest.mark.parametrize("case", [c for c in INERT if c.get("links")], ids=_ids([c for c in INERT if c.get("links")]))
def test_odd_links_are_kept_as_given_inside_the_attribute(case, site):
    pages = (_city_page(site, case), site / "ratings" / bs.folder_name(case) / "index.html")
    hrefs = {attrs.get("href") for page in pages for tag, attrs in bs.parse_page(page).elements if tag == "a"}
    for link in case["links"]:
        # as a browser sends it: the characters no URL holds percent-encoded (valid markup for the Nu checker)
        sent = re.sub(r'["<>\\^`{|}]', lambda m: f"%{ord(m[0]):02X}", link)
        assert sent in hrefs, f"{sent!r} is not an href of the city page or its ratings page"


# --- the whole site ---------------------------------------------------------------------------------------


def _files(site: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in suffixes)


@pytest.fixture(scope="module")
def site_texts(site) -> dict[str, str]:
    """Every text file of the site (pages, feeds, badges, exports, search index), raw and unescaped."""
    texts = {}
    for path in _files(site, ".html", ".xml", ".svg", ".json", ".csv", ".js", ".txt"):
        raw = path.read_text(encoding="utf-8", errors="replace")
        texts[str(path.relative_to(site))] = raw + "\n" + html.unescape(raw)
    return texts


@pytest.mark.parametrize("case", [c for c in INERT if c.get("absent")], ids=_ids([c for c in INERT if c.get("absent")]))
def test_nothing_was_evaluated_or_included(case, site_texts):
    for text in case["absent"]:
        found = [name for name, content in site_texts.items() if text in content]
        assert found == [], f"{text!r} appears in {found[:5]}: something was evaluated or included"


def test_no_command_ran_and_no_file_leaked(site_texts):
    for evidence in ("uid=", "root:x:0:0", "render_by_default"):
        found = [name for name, content in site_texts.items() if evidence in content]
        assert found == [], f"{evidence!r} appears in {found[:5]}"


def _normalise_script(attrs: dict, body: str) -> tuple:
    src = re.sub(r"^(\.\./)+|^\./", "", attrs.get("src") or "")
    body = re.sub(r'"(\.\./)*\.\.?"|"(\.\./)+[^"]*"', '"REL"', body)
    body = re.sub(r'"base":\s*"[^"]*"', '"base": "REL"', body)
    return src, attrs.get("type"), body.strip()


def _inventory(site: Path) -> tuple[set, set, set, Counter]:
    scripts, tags, attributes, per_page = set(), set(), set(), Counter()
    for page in _files(site, ".html"):
        parsed = bs.parse_page(page)
        per_page[len(parsed.scripts)] += 1
        scripts.update(_normalise_script(a, b) for a, b in parsed.scripts)
        tags.update(tag for tag, _ in parsed.elements)
        attributes.update(name for _, attrs in parsed.elements for name in attrs)
    return scripts, tags, attributes, per_page


def test_no_script_element_or_attribute_but_the_themes(site, clean_site):
    scripts, tags, attributes, per_page = _inventory(site)
    clean_scripts, clean_tags, clean_attributes, clean_per_page = _inventory(clean_site)
    assert scripts <= clean_scripts, f"scripts the clean build does not have: {sorted(scripts - clean_scripts)[:3]}"
    assert set(per_page) <= set(clean_per_page), "a page has more or fewer script elements than the theme writes"
    assert tags <= clean_tags, f"elements the clean build does not have: {sorted(tags - clean_tags)}"
    assert attributes <= clean_attributes, (
        f"attributes the clean build does not have: {sorted(attributes - clean_attributes)}"
    )
    assert not [a for a in attributes if a.startswith("on")], "event-handler attributes"


def test_no_link_or_source_carries_a_script_or_an_inline_document(site):
    bad = []
    for page in _files(site, ".html"):
        for tag, attrs in bs.parse_page(page).elements:
            for name, value in attrs.items():
                if name in URL_ATTRIBUTES and value and DANGEROUS_SCHEME.match(re.sub(r"[\x00-\x20]", "", value)):
                    bad.append(f"{page.relative_to(site)}: <{tag} {name}={value[:60]!r}>")
                if name.startswith("on"):
                    bad.append(f"{page.relative_to(site)}: <{tag} {name}=…>")
            if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
                bad.append(f"{page.relative_to(site)}: <meta http-equiv=refresh>")
    assert bad == []


EXTERNAL = re.compile(r"^\s*https?:", re.I)


def test_every_external_link_the_site_writes_carries_nofollow(site):
    """A link to another site, whatever the case of its scheme (``HTTPS://`` is valid), is marked
    ``rel=nofollow``: cities' links are theirs, not the site's endorsement (no spam pays here).
    Only the theme's footer credit and the repository link in its header are the theme's own."""
    theme = {"https://squidfunk.github.io/mkdocs-material/", "https://www.mkdocs.org/"}
    missing, upper = [], 0
    for page in _files(site, ".html"):
        for tag, attrs in bs.parse_page(page).elements:
            href = attrs.get("href") or ""
            if tag != "a" or not EXTERNAL.match(href) or href in theme or "md-source" in (attrs.get("class") or ""):
                continue
            upper += not href.startswith(("http:", "https:"))
            if "nofollow" not in (attrs.get("rel") or "").split():
                missing.append(f"{page.relative_to(site)}: {href[:80]}")
    assert upper >= 2, "the corpus has links with upper-case schemes (upper-case-schemes)"
    assert missing == [], missing[:10]


def test_feeds_badges_and_exports_are_well_formed_and_script_free(site):
    for path in _files(site, ".xml", ".svg"):
        if path.name == "sitemap.xml":
            continue
        root = ET.parse(path).getroot()  # raises on anything that is not well-formed XML
        for element in root.iter():
            local = element.tag.rsplit("}", 1)[-1]
            assert local not in ("script", "foreignObject", "iframe"), f"{path.relative_to(site)}: <{local}>"
            for name, value in element.attrib.items():
                assert not name.rsplit("}", 1)[-1].startswith("on"), f"{path.relative_to(site)}: {name}"
                if name.rsplit("}", 1)[-1] == "href":
                    assert not DANGEROUS_SCHEME.match(value.strip()), f"{path.relative_to(site)}: {value[:60]}"
    for path in _files(site, ".json"):
        json.loads(path.read_text(encoding="utf-8"))
    for path in _files(site, ".csv"):
        list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_inline_charts_keep_the_name_in_their_text_alternative_only(site):
    case = next(c for c in INERT if c["id"] == "html-script")
    page = _city_page(site, case)
    raw = page.read_text(encoding="utf-8")
    assert raw.count("<svg") == raw.count("</svg>")
    titles = re.findall(r'<title id="chart-\d+-t">(.*?)</title>', raw)
    assert titles and all(t.startswith(html.escape(case["name"], quote=True)) for t in titles)


def test_every_country_page_is_for_a_real_country(site):
    for folder in (site / "cities" / "country").iterdir():
        assert country_name(folder.name.upper()), folder.name


OUR_MARKUP = re.compile(
    r"<(?:a|p|span|strong|em|ul|ol|li|div|sup|code|br|table|td|tr|th|dl|dt|dd|details|summary|svg|section|h[1-6])\b[^<>]{0,80}>"
)


def test_our_own_markup_is_never_shown_as_text(clean_site):
    """The other side of escaping: HTML the site builds itself is never escaped twice (with no
    hostile data, no page's visible text may contain a tag; `Markup + str` once produced a plain
    str that was escaped again, showing the characteristic pages' city links as "<a href=…>")."""
    shown = {
        str(page.relative_to(clean_site)): OUR_MARKUP.findall(bs.visible_text(page))
        for page in _files(clean_site, ".html")
    }
    assert {page: tags[:3] for page, tags in shown.items() if tags} == {}


# --- the warm-build store: planted entries (manifest.yaml, store:) ------------------------------------


def test_planted_store_entries_are_never_run_nor_published(tmp_path):
    import hashlib

    import yaml

    planted = yaml.safe_load(bs.MANIFEST.read_text(encoding="utf-8"))["store"]
    assert {p["kind"] for p in planted} == {"folder", "page"}
    project = make_project(tmp_path / "project", REPO / "assessments")
    env = {"SOURCE_DATE_EPOCH": bs.BUILD_EPOCH}
    assert build_site(project, env=env).returncode == 0
    cold = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    store = project / ".cache" / "mmssc"
    pages = {p.stat().st_ino for p in (project / "site" / "cities").glob("*/index.html")}
    for case in planted:
        data = (bs.HOSTILE / case["file"]).read_bytes()
        if case["kind"] == "folder":
            entries = sorted((store / "folders").glob("*/*"))
            for entry in entries:  # with a digest record that matches: only the format keeps it from running
                with open(store / "folders" / "digests", "ab") as journal:
                    journal.write(bytes.fromhex(entry.name) + hashlib.sha256(data).digest())
        else:
            entries = [e for e in (store / "outputs").glob("*/*") if e.stat().st_ino in pages]
        assert entries, case["id"]
        for entry in entries:
            entry.unlink()
            entry.write_bytes(data)
    result = build_site(project, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not list(project.rglob("mmssc-store-canary")), "a stored entry was unpickled"
    warm = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert warm == cold, "the build from a planted store is the cold build"
