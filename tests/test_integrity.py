"""Integrity of the built site: the same inputs give the same bytes; a failed validation or build
leaves the previously built site as it was; no internal link or anchor is broken.

The link checker is our own (html.parser, no network): it resolves every relative href and src of
every page, and every #anchor against the ids of the page it points to, and the links of the
Atom feeds. ``404.html`` is left out: MkDocs writes it with root-absolute links on purpose, since
it is served for any missing path.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import browser_support as bs
import pytest
from conftest import REPO, build_site, make_project

EXTERNAL = ("http:", "https:", "mailto:")


# --- same inputs, same site ----------------------------------------------------------------------


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_inputs_are_byte_identical(tmp_path_factory, tmp_path):
    """The hostile site (examples + corpus, SOURCE_DATE_EPOCH set), built again from a copy of the
    project in another folder, by another process (another hash seed): every file, byte for byte."""
    first = bs.hostile_project(tmp_path_factory)
    again = tmp_path / "elsewhere"
    shutil.copytree(first, again, symlinks=True, ignore=shutil.ignore_patterns("site", "__pycache__"))
    result = build_site(again, env={"SOURCE_DATE_EPOCH": bs.BUILD_EPOCH, "PYTHONHASHSEED": "random"})
    assert result.returncode == 0, result.stderr[-3000:]
    a, b = _tree(first / "site"), _tree(again / "site")
    assert sorted(a) == sorted(b), f"different files: {sorted(set(a) ^ set(b))[:10]}"
    differing = [name for name in a if a[name] != b[name]]
    assert differing == [], f"{len(differing)} file(s) differ, e.g. {differing[:10]}"
    assert "sitemap.xml.gz" in a  # its gzip header holds a time: SOURCE_DATE_EPOCH's, not the clock's


@pytest.mark.slow
def test_worker_processes_build_the_same_site_as_one_process(tmp_path):
    """Enough cities for the work to go to worker processes: the site is the one a single process
    builds, byte for byte (pages, feeds, badges, exports, sitemap)."""
    from macros import workers
    from tools import sample_data

    project = make_project(tmp_path / "project")
    sample_data.generate(150, project / "assessments", seed=11)
    env = {"SOURCE_DATE_EPOCH": bs.BUILD_EPOCH, "SITE_URL": "https://example.org/mmssc/"}
    one = build_site(project, env={**env, workers.ENV_VAR: "1"})
    assert one.returncode == 0, one.stderr[-3000:]
    single = _tree(project / "site")
    two = build_site(project, env={**env, workers.ENV_VAR: "2"})
    assert two.returncode == 0, two.stderr[-3000:]
    parallel = _tree(project / "site")
    assert sum(1 for name in single if name.startswith("cities/") and name.endswith("/index.html")) > 150
    assert sorted(single) == sorted(parallel)
    differing = [name for name in single if single[name] != parallel[name]]
    assert differing == [], f"{len(differing)} file(s) differ, e.g. {differing[:10]}"


# --- a failed build leaves the site untouched -----------------------------------------------------


def _standalone_project(dest: Path) -> Path:
    """A project of its own, built by the installed ``mmssc-build`` (MMSSC_ROOT names the project)."""
    return make_project(dest, REPO / "assessments")


def _snapshot(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file's bytes and modification time, and every folder, of a built site."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


def _scripts_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).with_name("mmssc-build")), str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "MMSSC_ROOT": str(project), "SOURCE_DATE_EPOCH": bs.BUILD_EPOCH},
    )


def _break_a_level(path: Path) -> int:
    """Set the first ``now:`` of an assessment to 7; returns its line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if re.match(r"\s+now: \d", line))
    lines[number] = re.sub(r"now: \d", "now: 7", lines[number])
    path.write_text("".join(lines), encoding="utf-8")
    return number + 1


def test_a_failed_validation_or_build_leaves_the_previous_site_untouched(tmp_path):
    project = _standalone_project(tmp_path / "project")
    site = project / "site"
    first = _scripts_build(project, site)
    assert first.returncode == 0, first.stderr[-3000:]
    assert (site / "index.html").is_file() and (site / "cities" / "lumenport" / "index.html").is_file()
    before = _snapshot(site)

    # 1. invalid data: validation stops the build (scripts/build, as `make build` runs it)
    assessment = project / "assessments" / "lumenport" / "2025-05-20.yaml"
    original = assessment.read_bytes()
    line = _break_a_level(assessment)
    failed = _scripts_build(project, site)
    assert failed.returncode != 0
    assert re.search(
        rf"assessments/lumenport/2025-05-20\.yaml:{line}:\d+: error: characteristics\.\"[\d.]+\"\.now: ", failed.stderr
    )
    assert _snapshot(site) == before, "a failed validation changed site/"

    # 2. the same through MkDocs itself: the hook refuses before MkDocs cleans or writes anything
    direct = build_site(project, env={"SOURCE_DATE_EPOCH": bs.BUILD_EPOCH})
    assert direct.returncode != 0
    assert _snapshot(site) == before, "mkdocs build on invalid data changed site/"
    assessment.write_bytes(original)

    # 3. valid data, but the build itself fails (a strict-mode warning: a broken link in a prose page)
    contribute = project / "docs" / "contribute.md"
    contribute.write_text(
        contribute.read_text(encoding="utf-8") + "\nSee [nowhere](no-such-page.md).\n", encoding="utf-8"
    )
    broken = _scripts_build(project, site)
    assert broken.returncode != 0
    assert "no-such-page.md" in broken.stderr
    assert _snapshot(site) == before, "a failed build changed site/"

    # nothing is left behind: no staging folder, no half-swapped old site
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site-") or p.name.endswith(".old")) == []


# --- no broken internal links ------------------------------------------------------------------------


def _resolve(page_url: str, href: str) -> tuple[str, str] | None:
    """(site path of the target file, fragment) of a relative link, or None for an external one."""
    if href.lower().startswith(EXTERNAL):  # schemes are case-insensitive (HTTPS:, MAILTO:)
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        raise ValueError(f"not a relative link: {href!r}")
    path = unquote(parts.path)
    if path.startswith("/"):
        raise ValueError(f"root-absolute link (breaks when the site is not at the root of its host): {href!r}")
    base = posixpath.dirname(page_url)
    target = posixpath.normpath(posixpath.join(base, path)) if path else page_url
    if path.endswith("/") and target != ".":
        target += "/"
    if target == ".." or target.startswith("../"):
        raise ValueError(f"link out of the site: {href!r}")
    return target, unquote(parts.fragment)


# City pages link to the self-assessment form (urls.ASSESS, "Start the next assessment"), a page built
# separately (render/assess_page.py). Until a build has it, links to it are not counted as broken; once it
# exists, they are checked like every other link.
ASSESS_FORM = "assess/"


def check_links(site: Path) -> tuple[list[str], int]:
    """Every broken internal link or anchor of a built site, and how many links were checked."""
    pages = {
        p.relative_to(site).as_posix(): bs.parse_page(p)
        for p in site.rglob("*.html")
        if p.name != "404.html" or p.parent != site
    }
    problems: list[str] = []
    checked = 0

    def check(source: str, href: str) -> None:
        nonlocal checked
        checked += 1
        try:
            resolved = _resolve(source, href)
        except ValueError as exc:
            problems.append(f"{source}: {exc}")
            return
        if resolved is None:
            return
        target, fragment = resolved
        if target.startswith(ASSESS_FORM) and not (site / ASSESS_FORM / "index.html").is_file():
            return  # the self-assessment form is being built separately: its links count once it exists
        file = site / target
        if file.is_dir() or target.endswith("/") or target == ".":
            file, target = file / "index.html", posixpath.join(target, "index.html") if target != "." else "index.html"
        if not file.is_file():
            problems.append(f"{source}: {href!r} → {target} does not exist")
        elif fragment and target.endswith(".html") and fragment not in pages[posixpath.normpath(target)].ids:
            problems.append(f"{source}: {href!r} → no id {fragment!r} in {target}")

    for source, parsed in pages.items():
        for _tag, attrs in parsed.elements:
            for name in ("href", "src"):
                value = attrs.get(name)
                if value:
                    check(source, value)
    for feed in list(site.rglob("*.xml")):
        if feed.name.startswith("sitemap"):
            continue
        source = feed.relative_to(site).as_posix()
        for link in ET.parse(feed).getroot().iter("{http://www.w3.org/2005/Atom}link"):
            check(source, link.get("href"))
    return problems, checked


def test_no_internal_link_of_the_hostile_site_is_broken(tmp_path_factory):
    problems, checked = check_links(bs.hostile_site(tmp_path_factory))
    assert checked > 5_000  # proves the checker walked the site (navigation.prune keeps nav links few)
    assert problems == [], f"{len(problems)} broken link(s):\n" + "\n".join(problems[:30])


def test_no_internal_link_of_the_repository_site_is_broken(built_repo_site):
    problems, checked = check_links(built_repo_site)
    assert checked > 5_000
    assert problems == [], f"{len(problems)} broken link(s):\n" + "\n".join(problems[:30])


def test_the_link_checker_finds_broken_links_and_anchors(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">anchor</a>'
        '<a href="b/">missing</a><a href="/a/">absolute</a><a href="../x">outside</a>'
        '<a href="https://example.org/">external</a><a href="#top">self</a><h1 id="top">t</h1>'
    )
    (site / "a" / "index.html").write_text('<h2 id="here">x</h2><img src="../missing.png" alt="">')
    problems, checked = check_links(site)
    assert checked == 9
    assert len(problems) == 5, problems
    assert any("'a/#gone'" in p for p in problems) and any("b/index.html does not exist" in p for p in problems)
    assert any("root-absolute" in p for p in problems) and any("out of the site" in p for p in problems)
    assert any("missing.png" in p for p in problems)
