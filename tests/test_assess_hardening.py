"""The form's edges and the pages' policy (issue 27), in Debian's Chromium.

Propose opens GitHub only for a file that passes every check, at a path made of a real date and a
real folder name; text from every Unicode plane survives the file the form writes; a file too big
or too deeply nested is refused before the YAML library sees it; drafts are kept per site and per
city, with their age and a way to discard old ones; the form does nothing inside another site's
frame; every page carries a Content-Security-Policy that blocks nothing the site itself does."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import browser_support as bs
import pytest
from browser_support import close_browser_at_the_end  # noqa: F401  (shared fixture)
from conftest import REPO, build_site, make_project

from macros.diagnostics import Report
from macros.load.yaml_nodes import parse_yaml

pytestmark = pytest.mark.browser

REPOSITORY = "https://github.com/example-org/mmssc"
STATUS = "#assess-file-status"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The repository's cities, built with repository_url set (so "Propose on GitHub" is there)."""
    bs.browser()
    project = make_project(tmp_path_factory.mktemp("hardening-site"), REPO / "assessments")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(re.sub(r"(\n\s*- mmssc:\n)", rf"\1      repository_url: {REPOSITORY}\n", text, count=1), "utf-8")
    result = build_site(project, env={"SOURCE_DATE_EPOCH": bs.BUILD_EPOCH})
    assert result.returncode == 0, result.stderr[-4000:]
    # another site's page that frames the form (served from the same place: the worst case)
    (project / "site" / "framing.html").write_text(
        '<!doctype html><html lang="en"><title>frame</title><iframe src="assess/" width="800" height="600"></iframe>',
        "utf-8",
    )
    return project / "site"


@pytest.fixture(scope="module")
def base(site) -> str:
    return bs.serve(site)


def _open(base: str, path: str = "assess/", *, init: str = ""):
    context = bs.new_context()
    watch = bs.Watch()
    page = bs.open_page(context, watch)
    page.add_init_script("window.__opened = []; window.open = (url) => { window.__opened.push(url); return null; };")
    if init:
        page.add_init_script(init)
    page.goto(base + path, wait_until="load")
    _ready(page)
    page.wait_for_function("document.getElementById('assess-progress').textContent.length > 0")
    return context, page, watch


def _ready(page) -> None:
    """The form is shown and its city is set: the cities' list arrives after the page's load event."""
    page.wait_for_selector("#assess-app[data-cities-listed]:not([hidden])")


def _type(page, selector: str, text: str) -> None:
    page.fill(selector, "")
    page.click(selector)
    page.keyboard.type(text)


# --- 2. Propose --------------------------------------------------------------------------------------


def test_propose_opens_nothing_while_the_form_has_errors(base):
    context, page, watch = _open(base)
    try:
        page.click("#assess-discard")
        page.select_option("#f-city", "__new__")
        _type(page, "#f-city-slug", "../../.github/workflows")
        _type(page, "#f-city-name", "New Harbour")
        page.click("#assess-propose-city")
        page.click("#assess-propose")
        bs.settle_form(page)
        assert page.evaluate("window.__opened") == []
        status = page.inner_text(STATUS)
        assert status.startswith("Nothing was proposed: the file has") and "problems still to fix" in status
        assert page.locator("#assess-problems li").count() > 0, "the problems are listed"
        assert watch.problems() == []
    finally:
        context.close()


def test_a_typed_date_never_becomes_a_path(base):
    context, page, _ = _open(base)
    try:
        page.click("#assess-discard")
        page.select_option("#f-city", "lumenport")
        _type(page, "#f-date", "../../.github/workflows/x")
        bs.settle_form(page)
        page.click("#assess-propose")
        bs.settle_form(page)
        assert page.evaluate("window.__opened") == []
        assert page.inner_text(STATUS).startswith("Nothing was proposed")
    finally:
        context.close()


def test_an_opened_city_file_does_not_choose_the_folder(base, tmp_path):
    """The folder's name is not a key of city.yaml: a file that has one does not set it."""
    city = tmp_path / "city.yaml"
    text = (REPO / "assessments" / "lumenport" / "city.yaml").read_text("utf-8")
    city.write_text(text + "slug: ../../.github/workflows\n", "utf-8")
    context, page, _ = _open(base)
    try:
        page.click("#assess-discard")
        page.set_input_files("#assess-open", str(city))
        page.wait_for_function("document.getElementById('assess-file-status').textContent.startsWith('Opened')")
        assert page.input_value("#f-city") == "__new__"
        assert page.input_value("#f-city-name") == "Lumenport"
        assert page.input_value("#f-city-slug") == ""
    finally:
        context.close()


# --- 3. text above U+FFFF ------------------------------------------------------------------------------

# A character from every plane (0-16), tag characters (U+E0041, format characters the writer escapes:
# as "\ue0041" they read back as U+E004 and "1"), a private-use character of planes 15 and 16, and
# BMP characters the writer escapes (no-break space, zero-width joiner, a right-to-left mark).
PLANES = "".join(chr(plane * 0x10000 + 0x41) for plane in range(17))
SAMPLES = [
    PLANES,
    "Flag of Scotland: \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    "tags \U000e0041\U000e0001 private \U000f0000\U0010fffd",
    "emoji \U0001f600 math \U0001d400 CJK ext B \U00020000 ext G \U00030000",
    "no-break\u00a0space, joiner\u200d, mark\u200f, music \U0001d173",
]


def _python_reads(text: str):
    report = Report()
    document = parse_yaml(text.encode("utf-8"), "t.yaml", report)
    assert report.errors == [], report.format()
    return document.root


def test_text_from_every_plane_is_written_as_the_python_reader_reads_it(base):
    context, page, watch = _open(base)
    try:
        written = page.evaluate(
            "async (samples) => { const m = await import('../assets/assess-write.js');"
            " return samples.map((s) => m.scalar(s)); }",
            SAMPLES,
        )
        for sample, yaml_text in zip(SAMPLES, written, strict=True):
            assert _python_reads(f"v: {yaml_text}\n").value["v"].value == sample, yaml_text
        assert "\\U000e0041" in written[2], "a code point above U+FFFF is escaped with \\U and 8 digits"
        # and through the whole form: typed into a field, in the file it downloads
        page.click("#assess-discard")
        page.select_option("#f-city", "lumenport")
        page.fill("#f-c-1-1-1-justification", SAMPLES[2] + " " + PLANES)
        page.dispatch_event("#f-c-1-1-1-justification", "input")
        bs.settle_form(page)
        text = page.evaluate("MMSSCAssess.files()[0][1]")
        root = _python_reads(text)
        assert root.value["characteristics"].value["1.1.1"].value["justification"].value == SAMPLES[2] + " " + PLANES
        assert watch.problems() == []
    finally:
        context.close()


# --- 5. size and nesting before parsing ------------------------------------------------------------------

_COUNT_READS = """
window.__reads = 0;
const read = Blob.prototype.arrayBuffer;
Blob.prototype.arrayBuffer = function () { window.__reads++; return read.call(this); };
"""


def test_a_file_over_the_limit_is_refused_before_it_is_read(base, tmp_path):
    big = tmp_path / "2025-03-01.yaml"
    big.write_bytes(b"# padding\n" * 60_000)  # 600,000 bytes: over the validator's 524,288
    context, page, watch = _open(base, init=_COUNT_READS)
    try:
        page.set_input_files("#assess-open", str(big))
        page.wait_for_function("document.getElementById('assess-file-status').textContent.includes('not opened')")
        status = page.inner_text(STATUS)
        assert "2025-03-01.yaml:1:1: error: file is 600,000 bytes; the limit is 524,288 bytes" in status
        assert page.evaluate("window.__reads") == 0, "the file was read"
        assert watch.problems() == []
    finally:
        context.close()


def test_a_hundred_thousand_nested_lists_are_refused_and_the_tab_lives(base):
    deep = REPO / "tests" / "hostile" / "reject" / "deep-nesting-100k" / "2025-03-01.yaml"
    context, page, watch = _open(base)
    try:
        page.set_input_files("#assess-open", str(deep))
        page.wait_for_function(
            "document.getElementById('assess-file-status').textContent.includes('not opened')", timeout=20_000
        )
        assert "2025-03-01.yaml:6:41: error: data is nested more than 32 levels deep" in page.inner_text(STATUS)
        assert page.evaluate("1 + 1") == 2
        assert watch.problems() == []
    finally:
        context.close()


# --- 6. drafts, frames, the policy -------------------------------------------------------------------------


def _drafts(page) -> dict[tuple[str, str], dict]:
    keys = page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('mmssc-assess-draft-v2 '))")
    out = {}
    for key in keys:
        site, city = json.loads(key[len("mmssc-assess-draft-v2 ") :])
        out[(site, city)] = json.loads(page.evaluate("(k) => localStorage.getItem(k)", key))
    return out


def test_drafts_are_kept_per_site_and_city_with_their_age(base):
    site = base  # the site's root: the folder of assets/
    context, page, watch = _open(base)
    try:
        page.click("#assess-discard")
        page.select_option("#f-city", "lumenport")
        page.select_option("#f-method", "single-stakeholder")
        bs.settle_form(page)
        assert set(_drafts(page)) == {(site, "lumenport")}
        page.select_option("#f-city", "harrowmere")  # the draft follows the city it is for
        bs.settle_form(page)
        assert set(_drafts(page)) == {(site, "harrowmere")}
        page.select_option("#f-city", "lumenport")
        bs.settle_form(page)
        # another site of the same origin, and an old draft of this one, planted
        old = {"saved": "2024-01-02T03:04:05.000Z", "state": {"city": "nea-kymothoi", "method": "self-assessment"}}
        page.evaluate(
            "([a, b, old]) => { localStorage.setItem(a, JSON.stringify(old));"
            " localStorage.setItem(b, JSON.stringify(old)); }",
            [
                "mmssc-assess-draft-v2 " + json.dumps([site + "other/", "lumenport"], separators=(",", ":")),
                "mmssc-assess-draft-v2 " + json.dumps([site, "nea-kymothoi"], separators=(",", ":")),
                old,
            ],
        )
        page.goto(base + "assess/?city=harrowmere", wait_until="load")  # opened for a city with no draft
        _ready(page)
        assert page.input_value("#f-city") == "harrowmere" and page.input_value("#f-method") == ""
        page.goto(base + "assess/", wait_until="load")  # the newest draft of this site
        _ready(page)
        assert page.input_value("#f-city") == "lumenport"
        assert page.input_value("#f-method") == "single-stakeholder"
        status = page.inner_text(STATUS)
        assert re.search(r"saved (now|this minute|\d+ (second|minute)s? ago)", status), status
        page.goto(base + "assess/?city=nea-kymothoi", wait_until="load")
        _ready(page)
        status = page.inner_text(STATUS)
        assert "Your draft of 2024-01-02 03:04 (UTC), saved" in status and re.search(r"\byears? ago\b", status), status
        page.select_option("#assess-draft-age", "365")  # not an edit of the assessment: nothing is saved
        page.click("#assess-discard-older")
        assert page.inner_text(STATUS) == "1 draft older than that was discarded from this browser."
        bs.settle_form(page)  # a save on its way would have brought the discarded draft back (it did)
        drafts = _drafts(page)
        assert (site, "nea-kymothoi") not in drafts and (site, "lumenport") in drafts
        assert (site + "other/", "lumenport") in drafts, "another site's draft is not this site's to discard"
        page.click("#assess-discard-older")
        assert page.inner_text(STATUS) == "This browser keeps no draft of this site older than that."
        assert watch.problems() == []
    finally:
        context.close()


def test_the_draft_of_the_first_version_moves_to_its_site_and_city(base):
    old = {"saved": "2026-01-02T03:04:05.000Z", "state": {"city": "lumenport", "method": "single-stakeholder"}}
    init = "if (!sessionStorage.getItem('x')) { sessionStorage.setItem('x', '1'); localStorage.clear();"
    init += f" localStorage.setItem('mmssc-assess-draft-v1', {json.dumps(json.dumps(old))}); }}"
    context, page, _ = _open(base, init=init)
    try:
        assert page.input_value("#f-method") == "single-stakeholder"
        assert page.evaluate("localStorage.getItem('mmssc-assess-draft-v1')") is None
        assert (base, "lumenport") in _drafts(page)
    finally:
        context.close()


def test_the_form_does_nothing_inside_another_sites_frame(base):
    context = bs.new_context(policy=True)
    watch = bs.Watch()
    page = bs.open_page(context, watch)
    try:
        page.goto(base + "framing.html", wait_until="load")
        frame = page.frame_locator("iframe")
        frame.locator(".assess-framed").wait_for()  # with the policy too: nothing there refuses a frame
        assert "does not work inside another site's page" in frame.locator(".assess-framed").inner_text()
        assert frame.locator("#assess-app").is_hidden()
        assert watch.problems() == []
    finally:
        context.close()


_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def _kinds_of_page(site: Path) -> list[str]:
    """One page of each kind, in each language: every section's index, a page below it, a city page."""
    found = ["404.html", "cities/lumenport/", "fr/cities/lumenport/", "el/cities/harrowmere/", "criteria/1-1-1/"]
    for prefix in ("", "fr/", "el/"):
        for section in sorted((site / prefix).iterdir() if prefix else site.iterdir()):
            if section.is_dir() and (section / "index.html").exists() and section.name not in ("fr", "el"):
                found.append(f"{prefix}{section.name}/")
                below = sorted(p for p in section.iterdir() if (p / "index.html").exists())
                if below:
                    found.append(f"{prefix}{section.name}/{below[0].name}/")
    return sorted(set(found))


def test_every_page_has_a_policy_that_blocks_nothing_the_site_does(site, base):
    pages = sorted(site.rglob("*.html"))
    without = [str(p.relative_to(site)) for p in pages if p.name != "framing.html" and _policy_first(p) is False]
    assert len(pages) > 100 and without == [], without[:5]
    context = bs.new_context(policy=True)
    watch = bs.Watch()
    page = bs.open_page(context, watch)
    page.add_init_script(_VIOLATIONS)
    kinds = _kinds_of_page(site)
    assert len(kinds) > 30
    try:
        for path in ["", *kinds]:
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(300)
            assert page.evaluate("window.__violations") == [], path
            assert page.evaluate("typeof window.__md_scope") == "object", "the theme's inline script ran"
        page.goto(base, wait_until="load")
        query = page.locator("input[data-md-component='search-query']")
        query.click()
        query.press_sequentially("harrowmere", delay=10)  # the theme's search worker answers
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
        page.goto(base + "assess/", wait_until="load")
        _ready(page)
        assert page.evaluate("window.__violations") == []
        # the policy is in force: a script that reached a page another way is not run
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
            " document.body.append(s); }"
        )
        page.wait_for_timeout(200)
        assert page.evaluate("window.__ran") is None
        assert any("script-src" in v for v in page.evaluate("window.__violations"))
        assert [p for p in watch.problems() if "Content Security Policy" not in p] == []
    finally:
        context.close()


def _policy_first(path: Path) -> bool:
    """Whether the page's policy comes before its first script (a <meta> governs only what follows it)."""
    text = path.read_text("utf-8")
    at = text.find('http-equiv="Content-Security-Policy"')
    script = text.find("<script")
    return at >= 0 and (script < 0 or at < script)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-n0", "-q"]))
