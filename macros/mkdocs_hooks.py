"""MkDocs hook: the thin adapter between the engine and the engine-neutral ``publish`` package.

* ``on_config``: validate all data first (an invalid file stops the build before anything
  is written) and add the generated catalogue sections to the navigation;
* ``on_files``: add one virtual page per generated page;
* ``on_page_context`` (first of all plugins): give each virtual page its HTML body, rendered
  straight from the model just before the page is written; ``on_post_page`` drops it again,
  so memory holds one generated page at a time, not thousands. Data text never passes
  through Markdown or Jinja;
* ``on_post_build``: write the data files (open data, feeds, badges), streamed one at a time.
"""

from __future__ import annotations

import gc
import html
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by path; make the package importable
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from macros.publish.pages import NavEntry, SitePlan, plan_site  # noqa: E402
from macros.publish.project import DataError, load_project  # noqa: E402
from macros.publish.settings import SiteSettings  # noqa: E402
from macros.render.links import Here  # noqa: E402

_plan: SitePlan | None = None
_pages: dict = {}


def _abort_with(report) -> Abort:
    print(report.format(), file=sys.stderr)
    return Abort(f"{len(report.errors)} error(s) in the data: nothing was built. Fix them and build again.")


def on_config(config):
    global _plan, _pages
    try:
        # the data sits beside the configuration file (fixture sites in the tests have their own)
        project = load_project(Path(config.config_file_path).resolve().parent)
    except DataError as exc:
        raise _abort_with(exc.report) from None
    for warning in project.report.warnings:
        print(warning.format(), file=sys.stderr)
    _plan = plan_site(project, SiteSettings.from_extra(config.extra, config.site_url))
    _pages = {page.src_uri: page for page in _plan.pages}
    # The model lives for the whole build: move it out of the garbage collector's sight, or
    # every full collection walks millions of long-lived objects (a quadratic slowdown).
    gc.collect()
    gc.freeze()
    if config.nav:
        config.nav = _expand_nav(config.nav, _plan)
    return config


def _nav_item(entry: NavEntry) -> dict:
    title = html.escape(entry.title)  # MkDocs templates do not escape titles
    src = entry.url + "index.md"
    if not entry.children:
        return {title: src}
    return {title: [src, *(_nav_item(child) for child in entry.children)]}


def _expand_nav(nav: list, plan: SitePlan) -> list:
    """A nav section whose first page has generated children gets them appended."""
    by_src = {url + "index.md": children for url, children in plan.nav_children.items()}
    out = []
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if isinstance(value, list):
                value = _expand_nav(value, plan)
                first = value[0] if value else None
                first_src = first if isinstance(first, str) else None
                if first_src in by_src:
                    value = value + [_nav_item(child) for child in by_src[first_src]]
            item = {title: value}
        out.append(item)
    return out


def on_files(files: Files, config) -> Files:
    for page in _plan.pages:
        # MkDocs' templates do not escape: Material writes the title into <title> and the header,
        # and the description into <meta name="description" content="…">, both as they are
        meta = {"title": html.escape(page.title), "render_macros": False}
        if page.description:
            meta["description"] = html.escape(page.description)
        if page.wide:
            meta["hide"] = ["navigation", "toc"]
        if not page.searchable:
            meta["search"] = {"exclude": True}
        # JSON is valid YAML: the front matter cannot be broken by any title text
        front = "---\n" + "\n".join(f"{k}: {json.dumps(v)}" for k, v in meta.items()) + "\n---\n"
        files.append(File.generated(config, page.src_uri, content=front))
    return files


def on_post_build(config) -> None:
    """Data files (exports, feeds, badges) are written last, one at a time, streamed to disk."""
    site_dir = Path(config.site_dir)
    for generated in _plan.files:
        target = site_dir / generated.path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as out:
            generated.write(out)


@event_priority(100)  # before the search plugin reads the content
def on_page_context(context, page, config, nav):
    generated = _pages.get(page.file.src_uri)
    if generated is not None:
        page.content = str(generated.render(Here(page.url)))
        page.toc = get_toc(_toc_tokens(page.content))
    return context


def on_post_page(output: str, page, config) -> str:
    if page.file.src_uri in _pages:
        page.content = None  # written: let the memory go
    return output


_HEADING = re.compile(r'<h([23])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")
_HIDDEN = re.compile(r'<span[^>]*aria-hidden="true"[^>]*>.*?</span>', re.S)


def _toc_tokens(body: str) -> list[dict]:
    """The page's table of contents from its own h2/h3 headings (text is already escaped)."""
    tokens: list[dict] = []
    for level, anchor, inner in _HEADING.findall(body):
        token = {"level": int(level), "id": anchor, "name": _TAGS.sub("", _HIDDEN.sub("", inner)).strip(), "children": []}
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        elif level == "2":
            tokens.append(token)
    return tokens
