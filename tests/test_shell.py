"""City pages written through one shared page shell (publish/shell.py) are the pages MkDocs
itself would have written, byte for byte, and the sitemap lists them all."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from conftest import REPO, make_project
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.publish.shell import PageShell, ShellError, Slot, compact


def test_cut_and_fill():
    placeholders = {
        Slot.TITLE: "@T@",
        Slot.CONTENT: "@C@",
        Slot.TOC: "<li>@a@</li>\n<li>@b@</li>",
        Slot.FIRST_ANCHOR: "#@a@",
    }
    output = '<title>@T@</title><h1>@T@</h1><a href="#@a@">skip</a><ul><li>@a@</li>\n<li>@b@</li></ul><main>@C@</main>'
    shell = PageShell.cut(output, placeholders)
    filled = shell.fill(
        {Slot.TITLE: "A &amp; B", Slot.CONTENT: "<p>x</p>", Slot.TOC: "<li>one</li>", Slot.FIRST_ANCHOR: "#one"}
    )
    assert (
        filled
        == '<title>A &amp; B</title><h1>A &amp; B</h1><a href="#one">skip</a><ul><li>one</li></ul><main><p>x</p></main>'
    )


# text made of what compacting looks at: tags' ends, whitespace, line breaks, preformatted text
_BITS = ["<", ">", " ", "\t", "\r", "\n", "a", "<p>", "</p>", "<pre>", "\n  "]
_TEXT = st.lists(st.sampled_from(_BITS), max_size=12).map("".join)
_SLOTS = [Slot.TITLE, Slot.CONTENT, Slot.TOC]


@settings(max_examples=3000, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=5), st.data())
def test_filling_compacted_is_compacting_the_filled_page(pieces, data):
    """The shell's pieces are compacted once and a value without a line break not at all; the page is
    still exactly what compacting the whole filled page gives, whatever meets where a slot is filled."""
    slots = tuple(data.draw(st.sampled_from(_SLOTS)) for _ in pieces[1:])
    shell = PageShell(tuple(pieces), slots)
    values = {slot: data.draw(_TEXT) for slot in _SLOTS}
    assert shell.fill_compact(values) == compact(shell.fill(values))


def test_a_template_without_the_slot_is_refused():
    with pytest.raises(ShellError, match="no place for: content"):
        PageShell.cut("<title>@T@</title>", {Slot.TITLE: "@T@", Slot.CONTENT: "@C@"})
    with pytest.raises(ShellError, match="content twice"):
        PageShell.cut("@C@ @C@", {Slot.CONTENT: "@C@"})


def _build_in_process(project: Path, site: Path, *, shared_shell: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real MkDocs build, optionally with every page rendered by MkDocs itself (no shell)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from macros.plugin import plugin

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    with monkeypatch.context() as patch:
        if not shared_shell:
            plan_site = plugin.plan_site

            def without_shell(*args, **kwargs):
                plan = plan_site(*args, **kwargs)
                plan.pages = [dataclasses.replace(page, shared_shell=False) for page in plan.pages]
                return plan

            patch.setattr(plugin, "plan_site", without_shell)
        build(config)


@pytest.mark.slow
def test_shell_pages_equal_the_engine_pages(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/mmssc/")
    project = make_project(tmp_path / "project", REPO / "assessments")
    _build_in_process(project, tmp_path / "shell", shared_shell=True, monkeypatch=monkeypatch)
    _build_in_process(project, tmp_path / "engine", shared_shell=False, monkeypatch=monkeypatch)
    cities = sorted(p.name for p in (REPO / "assessments").iterdir())
    for slug in cities:
        shell = (tmp_path / "shell" / "cities" / slug / "index.html").read_text(encoding="utf-8")
        engine = (tmp_path / "engine" / "cities" / slug / "index.html").read_text(encoding="utf-8")
        assert shell == engine, f"cities/{slug}/ differs from the page MkDocs writes"
    indicators = sorted(p.parent.name for p in (tmp_path / "engine" / "indicators").glob("*/index.html"))
    assert len(indicators) >= 2, "the standard indicators' pages, also written through a shell"
    for slug in indicators:
        shell = (tmp_path / "shell" / "indicators" / slug / "index.html").read_text(encoding="utf-8")
        engine = (tmp_path / "engine" / "indicators" / slug / "index.html").read_text(encoding="utf-8")
        assert shell == engine, f"indicators/{slug}/ differs from the page MkDocs writes"
    sitemap = (tmp_path / "shell" / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap == (tmp_path / "engine" / "sitemap.xml").read_text(encoding="utf-8")
    for slug in cities:
        assert f"<loc>https://example.org/mmssc/cities/{slug}/</loc>" in sitemap
    assert (
        re.search(
            r"mmssc-shell-slot", "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "shell").rglob("*.html"))
        )
        is None
    )


def test_a_citys_pages_in_every_language_are_written_together(repo):
    """The shelled pages are written city by city, each city's pages in every language in one group (one
    process draws them one after the other: what they share, a chart's axes and lines, is drawn once)."""
    import datetime as dt

    from macros.plugin.editions import make_editions
    from macros.plugin.shell_pages import ShellPages
    from macros.publish.plan import plan_site
    from macros.publish.project import load_project
    from macros.site.settings import SiteSettings

    project = load_project(repo)
    editions, named = make_editions(project, ["en", "fr", "el"])
    plan = plan_site(project, SiteSettings(today=dt.date(2026, 1, 1)), editions)
    shell = ShellPages(named)
    shell.engine_pages(plan.pages)
    for key in shell.shelled:  # no engine here: empty shells stand for the cut ones
        shell.shells[key], shell.digests[key] = PageShell(("",), ()), ""
    groups = shell.files(None, None)
    placeholders = {pages[0].url for pages in shell.shelled.values()}
    written = [file.path for group in groups for file in group]
    expected = [page.url for pages in shell.shelled.values() for page in pages if page.url not in placeholders]
    assert sorted(written) == sorted(f"{url}index.html" for url in expected), "every shelled page, once"
    # the first city's pages are the placeholders the engine draws: every other city has a group (the
    # standard indicators' pages, also shelled, are a group each)
    cities = [g for g in groups if not g[0].path.split("/")[-3] == "indicators"]
    assert len(cities) == len(project.registry.cities) - 1
    for group in cities:
        slugs = {file.path.split("/")[-2] for file in group}
        assert len(slugs) == 1, f"one city per group: {slugs}"
    lumenport = next(g for g in groups if any("lumenport" in f.path for f in g))
    kinds = ("cities", "ratings", "outcomes")
    expected = [f"{prefix}{kind}/lumenport/index.html" for prefix in ("", "fr/", "el/") for kind in kinds]
    assert [f.path for f in lumenport] == expected
