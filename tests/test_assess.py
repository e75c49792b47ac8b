"""The self-assessment form (assess/) in Debian's Chromium: a person fills a whole assessment for a
new city and the downloaded files pass scripts/validate and build into the site; every example and
fixture assessment opened and downloaded unchanged gives the same data; drafts survive a reload;
hostile files stay text; axe finds no WCAG 2.2 AA violation (empty, filled, showing errors);
keyboard only; the file format is scripts/new-assessment's; Propose on GitHub; without JavaScript.

Screenshots (1280 and 390 px) and the page's load time and size go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import time
from pathlib import Path

import browser_support as bs
import pytest
from browser_support import close_browser_at_the_end  # noqa: F401  (shared fixture)
from conftest import REPO, build_site, make_project

from macros.commands.scaffold import render_assessment
from macros.diagnostics import Report
from macros.load.yaml_nodes import read_yaml
from macros.validate import load_catalogue

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
REPOSITORY = "https://github.com/example-org/mmssc"
TODAY = dt.date.today()
DAY = (TODAY - dt.timedelta(days=3)).isoformat()  # the new assessment's date: in the past, whatever the clock
ROUND_TRIP = sorted(
    list((REPO / "assessments").glob("*/20*.yaml"))
    + list((REPO / "tests" / "fixtures" / "assessments" / "good").glob("*/20*.yaml"))
    + list((REPO / "tests" / "fixtures" / "reporting" / "assessments").glob("*/20*.yaml"))
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The repository's cities, built with repository_url set (so "Propose on GitHub" is there)."""
    bs.browser()
    project = make_project(tmp_path_factory.mktemp("assess-site"), REPO / "assessments")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(re.sub(r"(\n\s*- mmssc:\n)", rf"\1      repository_url: {REPOSITORY}\n", text, count=1), "utf-8")
    result = build_site(project, env={"SOURCE_DATE_EPOCH": bs.BUILD_EPOCH})
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


@pytest.fixture(scope="module")
def base(site) -> str:
    return bs.serve(site)


def _open(base: str, path: str = "assess/", *, width: int = 1280, downloads: bool = False):
    context = bs.browser().new_context(
        bypass_csp=True,  # Playwright's wait_for_function polls with eval (the policy: test_assess_hardening.py)
        viewport={"width": width, "height": 900},
        service_workers="block",
        reduced_motion="reduce",
        accept_downloads=downloads,
    )
    watch = bs.Watch()
    page = bs.open_page(context, watch)
    page.add_init_script("window.__opened = []; window.open = (url) => { window.__opened.push(url); return null; };")
    page.goto(base + path, wait_until="load")
    page.wait_for_selector("#assess-app[data-cities-listed]:not([hidden])")
    page.wait_for_function("document.getElementById('assess-progress').textContent.length > 0")
    return context, page, watch


def _data(path: Path):
    report = Report()
    root = read_yaml(path, str(path), report).root
    assert root is not None, report.format()
    return root.to_python()


def _axe(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    return [
        {"id": v["id"], "help": v["help"], "nodes": [" ".join(n["target"]) for n in v["nodes"][:5]]}
        for v in results.response["violations"]
    ]


def _type(page, selector: str, text: str) -> None:
    page.click(selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


# --- a whole assessment, as a person fills it ------------------------------------------------------

GROUPS = ["local-government", "civil-society", "residents"]


def _fill_new_city(page) -> None:
    page.select_option("#f-city", "__new__")
    _type(page, "#f-city-slug", "new-harbour")
    _type(page, "#f-city-name", "New Harbour")
    page.focus("#f-city-country")
    page.select_option("#f-city-country", "GB")
    _type(page, "#f-city-region", "North Coast")
    _type(page, "#f-city-population", "250000")
    page.select_option("#f-city-community_type", "town")
    _type(page, "#f-city-website", "https://new-harbour.example.org")
    _type(page, "#f-city-contact", "mailto:smart@new-harbour.example.org")
    _type(page, "#f-city-maintainers", "nh-strategy, nh-data")
    _type(page, "#f-city-description", "A fictional harbour town, made by the browser test.")


def _fill_header(page) -> None:
    _type(page, "#f-date", DAY)
    page.focus("#f-method")
    page.select_option("#f-method", "moderated-multi-stakeholder")
    page.click("label[for=f-participants-local-government]")  # mouse
    page.focus("#f-participants-civil-society")
    page.keyboard.press("Space")  # keyboard
    page.check("#f-participants-residents")
    page.select_option("#f-consolidation", "moderated")
    _type(page, "#f-assessors", "Strategy team of New Harbour, with the residents' forum")
    _type(page, "#f-summary", "A first workshop: strong on engagement, weak on data.\nSecond paragraph: plans.")


def _fill_characteristics(page, cids: list[str]) -> None:
    for index, cid in enumerate(cids):
        fid = "f-c-" + cid.replace(".", "-")
        if index == 5:  # not assessed, chosen with the keyboard
            page.focus(f"#{fid}-mode-rated")
            page.keyboard.press("ArrowDown")
            _type(page, f"#{fid}-not_assessed", "Nobody in the workshop could speak for it.")
            continue
        now = 1 + index % 4
        page.select_option(f"#{fid}-now", str(now))
        page.focus(f"#{fid}-in_two_years")
        page.select_option(f"#{fid}-in_two_years", str(min(5, now + 1)))
        _type(page, f"#{fid}-justification", f"Justification for {cid}: what the workshop saw, level {now}.")
        if now >= 4 or index % 7 == 0:
            page.click(f"#{fid} .assess-add-evidence")
            page.keyboard.type(f"Evidence for {cid}")  # the new row's title has the focus
            _type(page, f"#{fid}-e1-url", f"https://new-harbour.example.org/docs/{cid}.pdf")
            _type(page, f"#{fid}-e1-date", (TODAY - dt.timedelta(days=40)).isoformat())
        if index % 3 == 0:  # each group's view
            for g, gid in enumerate(GROUPS):
                page.select_option(f"#{fid}-g-{gid}-now", str(max(1, min(5, now + g - 1))))
                page.select_option(f"#{fid}-g-{gid}-in_two_years", str(max(1, min(5, now + g))))


def test_a_person_fills_a_whole_assessment_for_a_new_city(base, tmp_path, catalogue):
    context, page, watch = _open(base, downloads=True)
    try:
        page.click("#assess-discard")
        _fill_new_city(page)
        _fill_header(page)
        _fill_characteristics(page, list(catalogue.characteristics))
        # an evidence row added and removed again, by keyboard
        page.focus("#f-c-4-6 .assess-add-evidence")
        page.keyboard.press("Enter")
        page.keyboard.type("A row to remove")
        page.locator("#f-c-4-6 .assess-remove-evidence").last.focus()
        page.keyboard.press("Enter")
        bs.settle_form(page)
        progress = page.inner_text("#assess-progress")
        assert progress.startswith("32 of 32 characteristics done, 0 problems"), (
            progress,
            [d for d in page.evaluate("MMSSCAssess.diagnostics()") if d["severity"] == "error"],
        )
        assert "ready to publish" in progress
        folder = tmp_path / "assessments" / "new-harbour"
        folder.mkdir(parents=True)
        downloads: list = []
        page.on("download", lambda d: downloads.append(d))
        page.click("#assess-download")
        for _ in range(200):  # the two files (the assessment, the new city's city.yaml): up to 10 s
            if len(downloads) >= 2:
                break
            page.wait_for_timeout(50)
        page.wait_for_timeout(200)  # a third file would have arrived by now
        names = set()
        for download in downloads:
            names.add(download.suggested_filename)
            download.save_as(folder / download.suggested_filename)
        assert names == {f"{DAY}.yaml", "city.yaml"}
        assert "passes the site's checks" in page.inner_text("#assess-file-status")
        assert watch.problems() == []
    finally:
        context.close()
    text = (folder / f"{DAY}.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../docs/schemas/assessment.schema.json\n")
    assert (
        (folder / "city.yaml")
        .read_text("utf-8")
        .startswith("# yaml-language-server: $schema=../../docs/schemas/city.schema.json\n")
    )
    result = subprocess.run(
        [str(REPO / "scripts" / "validate"), "--project", str(REPO), str(folder)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0 and "0 error(s)" in result.stdout + result.stderr, result.stdout + result.stderr
    data = _data(folder / f"{DAY}.yaml")
    assert data["participants"] == GROUPS and data["characteristics"]["1.1.1"]["groups"]["residents"]
    assert data["summary"] == "A first workshop: strong on engagement, weak on data.\nSecond paragraph: plans."
    # the site built with them shows the new city
    project = make_project(tmp_path / "project", REPO / "assessments")
    (project / "assessments" / "new-harbour").mkdir()
    for path in folder.iterdir():
        (project / "assessments" / "new-harbour" / path.name).write_bytes(path.read_bytes())
    built = build_site(project, env={"SOURCE_DATE_EPOCH": str(int(time.time()))})
    assert built.returncode == 0, built.stderr[-4000:]
    page_html = (project / "site" / "cities" / "new-harbour" / "index.html").read_text("utf-8")
    assert "New Harbour" in page_html


# --- open and download unchanged -------------------------------------------------------------------


@pytest.mark.parametrize("path", ROUND_TRIP, ids=[f"{p.parent.name}/{p.name}" for p in ROUND_TRIP])
def test_open_and_download_unchanged_gives_the_same_data(base, tmp_path, path):
    context, page, watch = _open(base, downloads=True)
    try:
        page.click("#assess-discard")
        page.set_input_files("#assess-open", str(path))
        page.wait_for_function("document.getElementById('assess-file-status').textContent.startsWith('Opened')")
        with page.expect_download() as download:
            page.click("#assess-download")
        assert download.value.suggested_filename == path.name
        out = tmp_path / path.name
        download.value.save_as(out)
        assert watch.problems() == []
    finally:
        context.close()
    assert _data(out) == _data(path)
    assert out.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../../docs/schemas/assessment.schema.json\n"
    )


def test_an_empty_form_writes_what_scripts_new_assessment_writes(base, catalogue):
    """The same layout, line for line, less the criteria's comments (the form shows them) and the
    two optional TODO lines (the form leaves out what is not filled in)."""
    context, page, _ = _open(base)
    try:
        page.click("#assess-discard")
        _type(page, "#f-date", DAY)
        bs.settle_form(page)
        (name, text), *_ = page.evaluate("MMSSCAssess.files()")
    finally:
        context.close()
    assert name == f"{DAY}.yaml"
    expected = []
    for line in render_assessment(catalogue, dt.date.fromisoformat(DAY)).splitlines():
        if line.startswith(("assessors: TODO", "summary: TODO")):
            continue
        if line.startswith("  #") and not re.match(r"  # \d[\d.]* ", line):
            continue  # a level's criteria
        expected.append(line)
    assert text.splitlines() == expected


# --- drafts ----------------------------------------------------------------------------------------


def test_the_draft_survives_a_reload_and_can_be_discarded(base):
    context, page, watch = _open(base)
    try:
        page.click("#assess-discard")
        page.select_option("#f-city", "lumenport")
        page.select_option("#f-method", "single-stakeholder")
        page.select_option("#f-c-2-1-1-now", "3")
        _type(page, "#f-c-2-1-1-justification", "Half way through: <b>not markup</b>")
        page.click("#f-c-2-1-1 .assess-add-evidence")
        page.keyboard.type("A report")
        bs.settle_form(page)
        page.reload(wait_until="load")
        page.wait_for_selector("#assess-app[data-cities-listed]")  # the cities come from data/cities/index.json
        assert page.input_value("#f-city") == "lumenport"
        assert page.input_value("#f-method") == "single-stakeholder"
        assert page.input_value("#f-c-2-1-1-now") == "3"
        assert page.input_value("#f-c-2-1-1-justification") == "Half way through: <b>not markup</b>"
        assert page.input_value("#f-c-2-1-1-e1-title") == "A report"
        assert "was restored" in page.inner_text("#assess-file-status")
        page.click("#assess-discard")
        page.reload(wait_until="load")
        page.wait_for_selector("#assess-app:not([hidden])")
        assert page.input_value("#f-c-2-1-1-now") == "" and page.input_value("#f-method") == ""
        assert watch.problems() == []
    finally:
        context.close()


def test_start_from_last_time_shows_levels_and_copies_only_when_asked(base):
    context, page, watch = _open(base, "assess/?city=harrowmere")
    try:
        page.click("#assess-discard")
        page.goto(base + "assess/?city=harrowmere", wait_until="load")
        page.wait_for_selector("#f-c-1-1-1 .assess-last:not([hidden])")
        assert "Last time (2024-10-02): now 3, in two years 4" in page.inner_text("#f-c-1-1-1 .assess-last")
        assert page.input_value("#f-c-1-1-1-now") == ""  # nothing pre-filled
        page.click("#f-c-1-1-2 .assess-copy-last")
        assert page.input_value("#f-c-1-1-2-now") == "3"
        assert page.input_value("#f-c-1-1-2-e1-title") == "Digital Harrowmere strategy"
        page.select_option("#f-c-1-1-1-now", "4")
        bs.settle_form(page)
        row = page.locator("#assess-preview tbody tr").first.inner_text()
        assert "up 1" in row and "yes (promised 4)" in row
        assert watch.problems() == []
    finally:
        context.close()


# --- rules as the person types ---------------------------------------------------------------------


def test_problems_show_next_to_their_field_in_the_validators_words(base):
    context, page, _ = _open(base)
    try:
        page.click("#assess-discard")
        page.select_option("#f-method", "single-stakeholder")
        page.check("#f-participants-local-government")
        page.click("#f-c-1-1-1 .assess-add-evidence")
        page.keyboard.type("Plan")
        _type(page, "#f-c-1-1-1-e1-url", "javascript:alert(1)")
        _type(page, "#f-c-1-1-1-e1-date", "2999-01-01")
        _type(page, "#f-date", "2024-02-30")
        bs.settle_form(page)
        assert page.get_attribute("#f-c-1-1-1-e1-url", "aria-invalid") == "true"
        assert 'is not an allowed link; use a full "http:" or "https:" address' in page.inner_text(
            "#f-c-1-1-1-e1-url-error"
        )
        assert "is in the future" in page.inner_text("#f-c-1-1-1-e1-date-error")
        assert '"2024-02-30" is not a real calendar date' in page.inner_text("#f-date-error")
        links = page.locator("#assess-problems a")
        assert links.count() >= 3
        links.first.click()
        assert page.evaluate("document.activeElement.id") == links.first.get_attribute("href")[1:]
    finally:
        context.close()


# --- Propose on GitHub -----------------------------------------------------------------------------


def test_propose_on_github_prefills_short_files_and_copies_long_ones(base):
    context, page, _ = _open(base)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    try:
        page.click("#assess-discard")
        _fill_new_city(page)  # Propose opens GitHub only for files that pass every check
        page.set_input_files("#assess-open", str(REPO / "assessments" / "lumenport" / "2025-05-20.yaml"))
        page.wait_for_function("document.getElementById('assess-file-status').textContent.startsWith('Opened')")
        page.click("#assess-propose-city")  # a city.yaml is short: it travels in the address
        page.wait_for_function("window.__opened.length === 1")
        opened = page.evaluate("window.__opened[0]")
        assert opened.startswith(f"{REPOSITORY}/new/main?filename=assessments%2Fnew-harbour%2Fcity.yaml&value=")
        assert "New%20Harbour" in opened and len(opened) <= 7000
        page.click("#assess-propose")  # a whole assessment is not: empty page, file on the clipboard
        page.wait_for_function("window.__opened.length === 2")
        assert page.evaluate("window.__opened[1]") == (
            f"{REPOSITORY}/new/main?filename=assessments%2Fnew-harbour%2F2025-05-20.yaml"
        )
        assert "copied to the clipboard" in page.inner_text("#assess-file-status")
        clipboard = page.evaluate("navigator.clipboard.readText()")
        assert clipboard == page.evaluate("MMSSCAssess.files()[0][1]")
    finally:
        context.close()


def test_without_a_repository_the_page_says_how_to_send_the_file(tmp_path_factory):
    page_html = (bs.hostile_site(tmp_path_factory) / "assess" / "index.html").read_text("utf-8")
    assert "assess-propose" not in page_html and "no repository configured" in page_html


def test_without_javascript_the_page_explains_scripts_new_assessment(base):
    context = bs.new_context(javascript=False)
    try:
        page = context.new_page()
        page.goto(base + "assess/", wait_until="load")
        text = page.inner_text("article")
        assert "This form needs JavaScript" in text and "scripts/new-assessment --new-city" in text
        assert not page.is_visible("#assess-app")
    finally:
        context.close()


# --- hostile files -------------------------------------------------------------------------------

HOSTILE_FILES = sorted(
    p for p in (REPO / "tests" / "hostile").rglob("*") if p.is_file() and not p.is_symlink() and ".y" in p.name
)

_OBSERVE = """() => {
  window.__added = new Set();
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue;
      for (const e of [n, ...n.querySelectorAll('*')]) {
        const attrs = [...e.attributes].map(a => [a.name, a.name === 'href' ? a.value.slice(0, 1) : '']);
        window.__added.add(JSON.stringify({tag: e.tagName.toLowerCase(), attrs}));
      }
    }
  }).observe(document.body, {childList: true, subtree: true});
}"""
_INJECTABLE = "document.querySelectorAll('script:not([src]), iframe, img, svg image, object, embed, base, meta').length"
# every element the form creates, with the attributes it sets: nothing else may appear
ALLOWED_TAGS = {"p", "ul", "li", "a", "span", "div", "fieldset", "legend", "label", "input", "select", "option",
                "button", "table", "caption", "thead", "tbody", "tr", "th", "td"}  # fmt: skip
ALLOWED_ATTRS = {"id", "class", "for", "type", "hidden", "href", "scope", "value", "inputmode", "spellcheck",
                 "aria-describedby", "aria-invalid", "data-index", "data-group", "data-cid", "download"}  # fmt: skip


def test_hostile_files_opened_in_the_form_stay_text(base):
    assert len(HOSTILE_FILES) > 60
    context, page, watch = _open(base)
    try:
        page.click("#assess-discard")
        before = page.evaluate(_INJECTABLE)
        page.evaluate(_OBSERVE)
        for path in HOSTILE_FILES:
            page.evaluate("window.__added.clear(); document.getElementById('assess-file-status').textContent = ''")
            page.set_input_files("#assess-open", str(path))
            page.wait_for_function(
                f"document.getElementById('assess-file-status').textContent.includes({json.dumps(path.name)})"
            )
            bs.settle_form(page)
            added = page.evaluate("[...window.__added].map((e) => JSON.parse(e))")
            for element in added:
                assert element["tag"] in ALLOWED_TAGS, (path, element)
                for name, value in element["attrs"]:
                    assert name in ALLOWED_ATTRS, (path, element)
                    if name == "href":
                        assert value.startswith("#"), (path, element)
        assert page.evaluate(_INJECTABLE) == before
        assert watch.problems() == []
    finally:
        context.close()


def test_inert_hostile_text_is_kept_as_written(base):
    case = next(c for c in bs.cases("inert") if c["id"] == "html-script")
    files = sorted((REPO / "tests" / "hostile" / case["dir"]).glob("20*.yaml"))
    context, page, watch = _open(base)
    try:
        page.set_input_files("#assess-open", str(files[0]))
        page.wait_for_function("document.getElementById('assess-file-status').textContent.startsWith('Opened')")
        values = page.evaluate("[...document.querySelectorAll('textarea')].map(t => t.value).join('\\n')")
        assert '<script>alert("justification")</script>' in values
        assert watch.problems() == []
    finally:
        context.close()


def test_refused_files_are_refused_with_the_validators_message(base):
    context, page, _ = _open(base)
    try:
        cases = {
            "yaml-python-tag/2025-03-01.yaml": 'YAML tags ("!!python/object/apply:os.system") are not allowed',
            "billion-laughs/2025-03-01.yaml": 'YAML anchors ("&a") are not allowed',
            "duplicate-key-rating/2025-03-01.yaml": 'duplicate key "justification"',
            "utf16/city.yaml": "file is not UTF-8 (byte 0xff cannot be decoded)",
        }
        for rel, message in cases.items():
            page.set_input_files("#assess-open", str(REPO / "tests" / "hostile" / "reject" / rel))
            page.wait_for_function("document.getElementById('assess-file-status').textContent.includes('not opened')")
            status = page.inner_text("#assess-file-status")
            assert message in status, status
            page.evaluate("document.getElementById('assess-file-status').textContent = ''")
    finally:
        context.close()


# --- accessibility, keyboard, screenshots, load ----------------------------------------------------


def test_axe_finds_no_violation_empty_filled_and_with_errors(base, catalogue):
    context, page, watch = _open(base)
    try:
        page.click("#assess-discard")
        bs.settle_form(page)
        assert _axe(page) == [], "empty"
        page.select_option("#f-city", "lumenport")
        page.set_input_files("#assess-open", str(REPO / "assessments" / "lumenport" / "2025-05-20.yaml"))
        page.wait_for_function("document.getElementById('assess-file-status').textContent.startsWith('Opened')")
        page.wait_for_selector("#f-c-1-1-1 .assess-last:not([hidden])")
        bs.settle_form(page)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert _axe(page) == [], "filled"
        page.select_option("#f-c-1-1-1-now", "")
        _type(page, "#f-c-1-1-1-e1-url", "javascript:alert(1)")
        page.select_option("#f-c-2-1-1-g-residents-now", "")
        page.click("#assess-download")
        bs.settle_form(page)
        assert page.locator("#assess-problems li").count() >= 2
        assert _axe(page) == [], "showing errors"
        assert watch.problems() == []
    finally:
        context.close()


def test_keyboard_alone_reaches_every_control_with_a_visible_focus(base):
    context, page, _ = _open(base)
    try:
        page.click("#assess-discard")
        page.select_option("#f-method", "multi-stakeholder")
        page.check("#f-participants-residents")
        page.click("#f-c-1-1-1 .assess-add-evidence")
        page.focus("#f-city")
        seen, unclear = set(), []
        for _ in range(2000):
            page.keyboard.press("Tab")
            info = page.evaluate(
                """() => { const e = document.activeElement; if (!e || !e.closest('#assess-app')) return null;
                const s = getComputedStyle(e); return {id: e.id || e.className, visible:
                (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                || (s.boxShadow && s.boxShadow !== 'none')}; }"""
            )
            if info is None:
                break
            seen.add(info["id"])
            if not info["visible"]:
                unclear.append(info["id"])
        for wanted in ("f-method", "f-participants-residents", "f-c-1-1-1-now", "f-c-1-1-1-g-residents-in_two_years",
                       "f-c-1-1-1-e1-url", "f-c-4-6-justification", "f-c-4-6-mode-rated"):  # fmt: skip
            assert wanted in seen, wanted
        assert unclear == []
    finally:
        context.close()


def _half_fill_with_errors(page) -> None:
    page.click("#assess-discard")
    page.select_option("#f-city", "lumenport")
    page.wait_for_selector("#f-c-1-1-1 .assess-last:not([hidden])")
    page.select_option("#f-method", "moderated-multi-stakeholder")
    for gid in GROUPS:
        page.check(f"#f-participants-{gid}")
    page.select_option("#f-consolidation", "moderated")
    _fill_characteristics(page, ["1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "1.3.1"][:5])
    page.select_option("#f-c-1-1-2-now", "5")
    page.select_option("#f-c-1-1-2-in_two_years", "3")
    page.click("#f-c-1-1-1 .assess-add-evidence")
    page.keyboard.type("Vision")
    _type(page, "#f-c-1-1-1-e1-url", "javascript:alert(1)")
    page.click("#assess-download")
    bs.settle_form(page)


@pytest.mark.parametrize("width", (1280, 390))
def test_screenshots_half_filled_with_errors_and_the_page_weight(base, site, width):
    bs.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context, page, watch = _open(base, width=width, downloads=True)
    try:
        _half_fill_with_errors(page)
        page.screenshot(path=str(bs.SCREENSHOTS / f"assess-{width}-top.png"))
        page.locator("#f-c-1-1-1").scroll_into_view_if_needed()
        page.evaluate("document.getElementById('f-c-1-1-1').scrollIntoView({block: 'start'})")
        page.screenshot(path=str(bs.SCREENSHOTS / f"assess-{width}-errors.png"))
        page.evaluate("document.getElementById('preview').scrollIntoView({block: 'start'})")
        page.screenshot(path=str(bs.SCREENSHOTS / f"assess-{width}-preview.png"))
    finally:
        context.close()
    # the page's weight and load time, measured in a fresh context (nothing cached)
    context = bs.new_context(width=width)
    try:
        page = context.new_page()
        sizes: list[int] = []
        page.on("response", lambda r: sizes.append(int(r.headers.get("content-length") or 0)))
        start = time.perf_counter()
        page.goto(base + "assess/", wait_until="load")
        page.wait_for_function("document.getElementById('assess-progress').textContent.length > 0")
        ready = time.perf_counter() - start
        timing = page.evaluate(
            "(() => { const t = performance.getEntriesByType('navigation')[0]; "
            "return {dom: t.domContentLoadedEventEnd, load: t.loadEventEnd}; })()"
        )
        html = (site / "assess" / "index.html").read_bytes()
        import gzip

        metrics = {
            "width": width,
            "ready_seconds": round(ready, 3),
            "dom_content_loaded_ms": round(timing["dom"]),
            "load_event_ms": round(timing["load"]),
            "html_bytes": len(html),
            "html_gzip_bytes": len(gzip.compress(html)),
            "requests": len(sizes),
            "transferred_bytes": sum(sizes),
        }
        (bs.ARTIFACTS / f"assess-metrics-{width}.json").write_text(json.dumps(metrics, indent=2), "utf-8")
        assert ready < 10, metrics
    finally:
        context.close()


@pytest.fixture(scope="module")
def catalogue():
    report = Report()
    loaded = load_catalogue(REPO / "criteria", report, display_root=REPO)
    assert loaded is not None, report.format()
    return loaded
