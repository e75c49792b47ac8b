"""Published means append-only (issue 25), in a real Git clone made for the test: ``scripts/validate
--base`` refuses an unrecorded change at its line and a deleted file, ``scripts/correct`` writes the
entry, and the built site shows the correction (every language, the feed, the open data) and leaves a
withdrawn assessment out of every figure. The pull-request workflow's own step is run as written."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import REPO, build_site, make_project

from macros.commands import cli, correct

pytestmark = pytest.mark.slow

GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}
LATEST = "assessments/harrowmere/2024-10-02.yaml"
OLDER = "assessments/harrowmere/2022-09-14.yaml"
WITHDRAWN_DAY = "2024-03-18"  # Lumenport's withdrawn example
LANGS = ("", "fr/", "el/")
REPOSITORY = "https://github.com/example-org/mmssc"


def git(project: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=project, capture_output=True, text=True, env={**os.environ, **GIT_ENV}, check=True
    )
    return result.stdout


def published_project(dest: Path) -> tuple[Path, str]:
    """Two example cities in a fresh Git repository, committed: (project, the published commit)."""
    data = dest / "data"
    for slug in ("harrowmere", "lumenport"):
        shutil.copytree(REPO / "assessments" / slug, data / slug)
    project = make_project(dest / "project", data)
    (project / "scripts").symlink_to(REPO / "scripts")
    (project / ".venv").symlink_to(REPO / ".venv")
    (project / ".github").symlink_to(REPO / ".github")
    (project / "tools").symlink_to(REPO / "tools")  # scripts/_run checks the checkout with tools/tracked_ignored.py
    (project / ".gitignore").write_text(".venv\nsite/\n.cache/\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "published")
    return project, git(project, "rev-parse", "HEAD").strip()


def validate(project: Path, capsys, *args: str) -> tuple[int, str]:
    code = cli.validate(list(args), root=project)
    out = capsys.readouterr()
    return code, out.out + out.err


def line_of(path: Path, needle: str, after: str) -> int:
    """The 1-based number of the first line holding ``needle`` after the line holding ``after``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i, line in enumerate(lines) if i > start and needle in line) + 1


def edit(path: Path, after: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` on the first line holding it after ``after``; its line number."""
    number = line_of(path, old, after)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[number - 1] = lines[number - 1].replace(old, new)
    path.write_text("".join(lines), encoding="utf-8")
    return number


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory) -> tuple[Path, str, str, str]:
    """The corrected and built project: (project, base commit, validate's refusal, correct's message)."""
    project, base = published_project(tmp_path_factory.mktemp("published"))
    file = project / LATEST
    number = edit(file, '"1.5.2":', "now: 3", "now: 4")
    refusal = script(project, "validate", "--base", base, code=1)
    # the command as a person types it, in the clone: a path relative to the project folder
    script(project, "correct", LATEST, "--reason", "The indicators were baselined in 2024 <b>already</b>.", code=0)
    # Lumenport without a feedback channel of its own, on a site that names its repository: the fallback
    city = project / "assessments/lumenport/city.yaml"
    city.write_text(re.sub(r"\nfeedback: .*", "", city.read_text("utf-8")), "utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(re.sub(r"(\n\s*- mmssc:\n)", rf"\1      repository_url: {REPOSITORY}\n", text, count=1), "utf-8")
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project, base, refusal + f"\nLINE {number}", file.read_text(encoding="utf-8")


def script(project: Path, name: str, *args: str, code: int) -> str:
    """``scripts/<name> ARGS`` run in the clone as a person would; its output (exit code ``code``)."""
    result = subprocess.run(
        [f"scripts/{name}", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "MMSSC_ROOT": ""},
    )
    assert result.returncode == code, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_an_unrecorded_change_is_refused_at_its_line_then_accepted_once_corrected(corrected_site, capsys):
    project, base, refusal, text = corrected_site
    number = int(refusal.rsplit("LINE ", 1)[1])
    assert f"{LATEST}:{number}:" in refusal
    message = next(line for line in refusal.splitlines() if line.startswith(f"{LATEST}:{number}:"))
    assert 'characteristics."1.5.2".now: changed since the published version' in message
    assert "from 3 to 4 without a correction" in message and 'previous: characteristics."1.5.2".now: 3' in message
    assert "scripts/correct" in message
    # scripts/correct appended the entry after the file's existing one, before its review, as text
    entries = yaml.safe_load(text)["corrections"]
    assert len(entries) == 2 and entries[1]["previous"] == {"characteristics": {"1.5.2": {"now": 3}}}
    assert text.index("\nreview:") > text.index('"1.5.2"', text.index("corrections:")), "inserted before review:"
    assert text.startswith("# yaml-language-server:"), "the file's comments stay"
    code, out = validate(project, capsys, "--base", base)
    assert code == 0, out
    assert "1 error" not in out and "published assessment file(s) compared" in out


def test_the_city_page_shows_old_and_new_values_in_every_language(corrected_site):
    project = corrected_site[0]
    for lang in LANGS:
        page = (project / "site" / lang / "cities/harrowmere/index.html").read_text(encoding="utf-8")
        section = page[page.index('id="corrections"') : page.index('id="about-city"')]
        assert re.search(r"1\.5\.2 [^<]*<del>3</del>[^<]*<ins>4</ins>", section), lang
        assert "&lt;b&gt;already&lt;/b&gt;" in section and "<b>already" not in page, "the reason is escaped"
        assert "2024-10-02*" in page, "the corrected assessment is marked in the history chart"


def test_promise_checks_and_row_histories_use_the_corrected_value_and_mark_it(corrected_site):
    """2022's plan for 1.5.2 (level 3) is checked against 2024's level, corrected from 3 to 4."""
    site = corrected_site[0] / "site"
    for lang in LANGS:
        page = (site / lang / "cities/harrowmere/index.html").read_text(encoding="utf-8")
        table = page[page.index("mmssc-promises-table") :]
        row = re.search(r'<tr><th scope="row"><a [^>]*>1\.5\.2</a></th>(.*?)</tr>', table)
        assert row and re.search(r"\(3 → 4\)\*</td>", row.group(1)), f"{lang}: {row and row.group(1)}"
        assert "mmssc-verdict-exceeded" in row.group(1), "the verdict follows the corrected level"
        # the example's own correction, of 2024's plan for 1.4.1, changes neither side of 2022's check
        row = re.search(r'<tr><th scope="row"><a [^>]*>1\.4\.1</a></th>(.*?)</tr>', table)
        assert row and re.search(r"\(2 → 2\)</td>", row.group(1)), f"{lang}: {row and row.group(1)}"
    ratings = (site / "ratings/harrowmere/index.html").read_text(encoding="utf-8")
    row_of = {
        cid: ratings[ratings.index(f'id="c-{cid.replace(".", "-")}"') :].split("</details>")[0]
        for cid in ("1.5.2", "1.4.1")
    }
    assert "Level now at each assessment: 2022-09-14: 2; 2024-10-02: 4 (corrected)." in row_of["1.5.2"]
    assert "Level now at each assessment: 2022-09-14: 2; 2024-10-02: 2." in row_of["1.4.1"], "its level now stands"
    assert "Corrected on 2025-01-15" in row_of["1.4.1"], "the row still says the characteristic was corrected"


def test_the_feed_and_the_open_data_carry_the_correction_and_the_withdrawal(corrected_site):
    site = corrected_site[0] / "site"
    feed = (site / "cities/harrowmere/feed.xml").read_text(encoding="utf-8")
    assert "1.5.2 level now: was 3, now 4" in feed and "/2024-10-02/correction-2</id>" in feed
    assert "baselined in 2024 &lt;b&gt;already" in feed
    lumen = (site / "cities/lumenport/feed.xml").read_text(encoding="utf-8")
    assert f"the assessment of {WITHDRAWN_DAY} was withdrawn on 2024-04-02" in lumen
    # in every language: the site's words translated, the city's reason in its own language (en), marked so
    atom = "{http://www.w3.org/2005/Atom}"
    for lang, said in (("", "level now: was 3, now 4"), ("fr/", "niveau actuel : était 3, désormais 4")):
        root = ET.parse(site / lang / "cities/harrowmere/feed.xml").getroot()
        (entry,) = [e for e in root.iter(f"{atom}entry") if e.findtext(f"{atom}id", "").endswith("/correction-2")]
        assert entry.findtext(f"{atom}summary") == f"1.5.2 {said}", lang
        content = entry.find(f"{atom}content")
        assert content is not None and content.text and content.text.startswith("The indicators were baselined")
        assert lang == "" or content.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    # the bulk open data (compressed parts) and each city's own file
    parts = sorted((site / "data/assessments").glob("part-*.json.gz"))
    cities = {c["slug"]: c for part in parts for c in json.loads(gzip.decompress(part.read_bytes()))["cities"]}
    latest = cities["harrowmere"]["assessments"][-1]
    assert latest["corrections"][-1]["changes"] == [
        {"field": ["characteristics", "1.5.2", "now"], "previous": 3, "corrected": 4}
    ]
    assert latest["review"]["outcome"] == "confirmed-with-changes" and latest["review"]["levels"] == {"2.1.1": 2}
    # each city's own data file carries the same (i23a's data/cities/<slug>.json)
    own = json.loads((site / "data/cities/harrowmere.json").read_text(encoding="utf-8"))
    assert own["city"]["assessments"][-1]["corrections"] == latest["corrections"]
    mine = json.loads((site / "data/cities/lumenport.json").read_text(encoding="utf-8"))["city"]
    assert [a["withdrawn"]["date"] for a in mine["withdrawn_assessments"]] == ["2024-04-02"]
    lumenport = cities["lumenport"]
    assert [a["date"] for a in lumenport["withdrawn_assessments"]] == [WITHDRAWN_DAY]
    assert WITHDRAWN_DAY not in [a["date"] for a in lumenport["assessments"]]


def test_a_withdrawn_assessment_leaves_every_figure(corrected_site):
    site = corrected_site[0] / "site"
    for lang in LANGS:
        page = (site / lang / "cities/lumenport/index.html").read_text(encoding="utf-8")
        record = page[page.index('id="corrections"') : page.index('id="about-city"')]
        assert WITHDRAWN_DAY in record and "Published by mistake" in record
        sources = page[page.index('id="sources"') :]
        rest = page.replace(record, "").replace(sources, "")
        assert WITHDRAWN_DAY not in rest, f"{lang}: the withdrawn assessment shows in a figure"
    # where it is listed as withdrawn: the city page's record (above), the feed's entry and the city's data
    listed = {site / lang / "cities/lumenport" / name for lang in LANGS for name in ("index.html", "feed.xml")}
    listed.add(site / "data/cities/lumenport.json")
    everywhere = [
        p
        for p in site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".svg", ".csv", ".json", ".xml") and p not in listed
    ]
    assert site / "ratings/lumenport/index.html" in everywhere and site / "cities/lumenport/badge.svg" in everywhere
    for path in everywhere:
        if path.parent.name == "search":
            continue  # the search index holds the city page's text
        assert WITHDRAWN_DAY not in path.read_text(encoding="utf-8", errors="replace"), path
    tables = list(site.rglob("*.csv.gz"))  # the compressed CSV parts: no row of it either
    assert tables and all(WITHDRAWN_DAY.encode() not in gzip.decompress(t.read_bytes()) for t in tables)
    for lang in LANGS:  # and the open data page says where it went
        data_page = (site / lang / "data/index.html").read_text(encoding="utf-8")
        assert "withdrawn_assessments" in data_page[data_page.index('id="corrections"') :].split("</p>")[0], lang


def test_a_city_whose_only_assessment_is_withdrawn_says_so_and_lists_it(tmp_path):
    """No figure, no ratings page, but the page says the city withdrew what it published and why."""
    data = tmp_path / "data" / "lumenport"
    shutil.copytree(REPO / "assessments/lumenport", data)
    for other in ("2023-05-10.yaml", "2025-05-20.yaml"):
        (data / other).unlink()
    shutil.rmtree(data / "indicators")
    (data / "indicators.yaml").unlink()
    project = make_project(tmp_path / "project", data.parent)
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    for lang, said in (("", "no assessment in force"), ("fr/", "aucune évaluation en vigueur")):
        page = (project / "site" / lang / "cities/lumenport/index.html").read_text(encoding="utf-8")
        assert said in page and "Published by mistake" in page[page.index('id="corrections"') :], lang
        assert "not published an assessment yet" not in page
    assert not (project / "site/ratings/lumenport").exists()


def test_feedback_links_lead_to_the_city_s_channel_or_the_repository_s_issue_form(corrected_site):
    site = corrected_site[0] / "site"
    template = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/assessment-feedback.yml").read_text("utf-8"))
    assert {"city", "characteristic"} <= {field.get("id") for field in template["body"]}
    for lang in LANGS:
        # the rows are on the city's ratings page, the page's own invitation on the city page
        own = (site / lang / "ratings/harrowmere/index.html").read_text(encoding="utf-8")
        assert own.count('href="mailto:smart-harrowmere@harrowmere.example.com?subject=Harrowmere%201.1.1"') == 1
        fallback = (site / lang / "ratings/lumenport/index.html").read_text(encoding="utf-8")
        form = f"{REPOSITORY}/issues/new?template=assessment-feedback.yml&amp;city=lumenport"
        assert fallback.count(form + "&amp;characteristic=") == 32, "one per characteristic row"
        city_page = (site / lang / "cities/lumenport/index.html").read_text(encoding="utf-8")
        assert f'href="{form}"' in city_page, "and one for the page"
        # the page's invitation says where the rows' links are: the ratings page, not below on this one
        invitation = city_page[city_page.index('id="feedback"') :].split("</p>")[0]
        assert 'href="../../ratings/lumenport/"' in invitation, invitation
    english = (site / "cities/harrowmere/index.html").read_text(encoding="utf-8")
    assert ">Tell the city</a>. Each characteristic has its own link on <a " in english


@pytest.mark.parametrize(
    "channel, row",
    [
        ("mailto:a@city.example", "mailto:a@city.example?subject=Harrowmere%201.1.1"),
        (
            "mailto:a@city.example?cc=b@city.example",
            "mailto:a@city.example?cc=b@city.example&subject=Harrowmere%201.1.1",
        ),
        ("mailto:a@city.example?Subject=Ours", "mailto:a@city.example?Subject=Ours"),  # the city's subject stays
        ("https://city.example/feedback", "https://city.example/feedback"),
    ],
)
def test_a_mailto_channel_gets_a_subject_once(channel, row):
    from types import SimpleNamespace

    from macros.render.city_record import feedback_href

    city = SimpleNamespace(name="Harrowmere", feedback=channel)
    assert feedback_href(None, city, "1.1.1") == row


def test_the_methodology_page_says_how_a_review_counts_from_the_code_s_constants(corrected_site):
    from macros.model.assessments import REVIEW_CONFIRMING, REVIEW_KINDS, REVIEW_OUTCOMES

    page = (corrected_site[0] / "site/methodology/index.html").read_text(encoding="utf-8")
    section = page[page.index('id="review"') :]
    for outcome in REVIEW_CONFIRMING:
        assert f"“{REVIEW_OUTCOMES[outcome]}”" in section
    for words in [*REVIEW_KINDS.values(), *REVIEW_OUTCOMES.values()]:
        assert words in section


def test_deleting_a_published_file_is_refused(tmp_path, capsys):
    project, base = published_project(tmp_path)
    (project / OLDER).unlink()
    code, out = validate(project, capsys, "--base", base)
    assert code == 1
    assert f"{OLDER}:1:1: error: this assessment was published" in out
    assert 'add "withdrawn:" with the date and the reason' in out


def test_older_entries_and_previous_values_are_checked(tmp_path, capsys):
    project, base = published_project(tmp_path)
    file = project / LATEST
    # an entry the base already has, changed
    number = edit(file, "corrections:", "2025-01-15", "2025-01-16")
    code, out = validate(project, capsys, "--base", base)
    assert code == 1 and f"{LATEST}:{number}:" in out, out
    assert "corrections[1]: this entry of the published version" in out
    edit(file, "corrections:", "2025-01-16", "2025-01-15")
    # an entry the base already has, removed: refused at the list that lost it
    text = file.read_text(encoding="utf-8")
    start = text.index("\n  - date: 2025-01-15")
    file.write_text(text[:start] + "\n  []" + text[text.index("\nreview:") :], encoding="utf-8")
    code, out = validate(project, capsys, "--base", base)
    assert code == 1 and "corrections[1]: this entry of the published version" in out and "was removed" in out, out
    file.write_text(text, encoding="utf-8")
    # a new entry whose previous value is not the published one
    edit(file, '"1.1.1":', "now: 3", "now: 4")
    assert correct.main([str(file), "--reason", "r", "--date", "2026-01-01"], root=project) == 0
    wrong = edit(file, 'reason: "r"', "now: 3", "now: 2")
    code, out = validate(project, capsys, "--base", base)
    assert code == 1
    assert f"{LATEST}:{wrong}:" in out and "the correction's previous value is 2" in out, out


def test_correct_keeps_a_crlf_file_s_line_ends(tmp_path, capsys):
    """Only the entry is added: a file saved with Windows line ends keeps them (the diff shows the entry)."""
    project, _ = published_project(tmp_path)
    file = project / LATEST
    file.write_bytes(file.read_bytes().replace(b"\n", b"\r\n"))
    git(project, "commit", "-qam", "published with CRLF")
    before = file.read_bytes()
    edit_bytes = before.replace(b'"1.5.2":\r\n    now: 3', b'"1.5.2":\r\n    now: 4')
    file.write_bytes(edit_bytes)
    assert correct.main([str(file), "--reason", "r", "--date", "2026-01-01"], root=project) == 0
    after = file.read_bytes()
    assert after.startswith(edit_bytes[: edit_bytes.index(b"\r\nreview:")])
    assert after.count(b"\n") == after.count(b"\r\n") > before.count(b"\r\n")
    code, out = validate(project, capsys, "--base", "HEAD")
    assert code == 0, out


def test_without_base_or_without_git_the_check_is_skipped_with_one_line(tmp_path, capsys, monkeypatch):
    project, _ = published_project(tmp_path)
    code, out = validate(project, capsys)
    assert code == 0 and "published-history check skipped: no --base REF given" in out
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    code, out = validate(project, capsys, "--base", "HEAD")
    assert code == 0 and "published-history check skipped: git is not installed" in out


def test_the_pull_request_workflow_runs_the_check_against_the_base(tmp_path):
    """The workflow's step, as written, in the clone: it fails on an unrecorded change, passes once corrected."""
    wf = yaml.safe_load((REPO / ".github/workflows/pr.yml").read_text(encoding="utf-8"))
    job = wf["jobs"]["data"]
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "the base commit must be in the clone"
    (step,) = [s for s in job["steps"] if "--base" in s.get("run", "")]
    assert step["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    assert "github.event_name == 'pull_request'" in step["if"]
    assert "${{" not in step["run"], "the base reaches the script through the environment only"
    project, base = published_project(tmp_path)
    edit(project / LATEST, '"1.5.2":', "now: 3", "now: 4")
    git(project, "commit", "-qam", "the pull request")

    def run() -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=project,
            capture_output=True,
            text=True,
            env={**os.environ, "BASE_SHA": base, "MMSSC_ROOT": ""},
        )

    refused = run()
    assert refused.returncode == 1 and 'characteristics."1.5.2".now: changed since' in refused.stdout
    assert correct.main([str(project / LATEST), "--reason", "r", "--base", base], root=project) == 0
    accepted = run()
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
