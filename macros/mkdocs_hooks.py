"""MkDocs hook: the thin adapter between the engine and the engine-neutral ``publish`` package.

* ``on_config``: validate all data first (an invalid file stops the build before anything
  is written) and add the generated catalogue sections to the navigation;
* ``on_files``: add one virtual page per generated page, except for pages that share a shell
  (city pages): only the first of those is added, with placeholders (``publish/shell.py``);
* ``on_page_context`` (first of all plugins): give each virtual page its HTML body, rendered
  straight from the model just before the page is written; ``on_post_page`` drops it again,
  so memory holds one generated page at a time, not thousands. Data text never passes
  through Markdown or Jinja. The placeholder page's output becomes the shell;
* ``on_post_build``: write the shared-shell pages and the data files (open data, feeds,
  badges) on all cores, each streamed to disk, and list those pages in the sitemap.
"""

from __future__ import annotations

import gc
import gzip
import html
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by path; make the package importable
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from macros import workers  # noqa: E402
from macros.publish import urls  # noqa: E402
from macros.publish.output import write_files  # noqa: E402
from macros.publish.pages import GeneratedFile, GeneratedPage, NavEntry, SitePlan, plan_site  # noqa: E402
from macros.publish.project import DataError, load_project  # noqa: E402
from macros.publish.settings import SiteSettings  # noqa: E402
from macros.publish.shell import TOC_TOKENS, TOKENS, PageShell, ShellError, Slot, filled_pages  # noqa: E402
from macros.render.links import Here  # noqa: E402

_plan: SitePlan | None = None
_pages: dict[str, GeneratedPage] = {}  # pages the engine renders, by source path
_shelled: list[GeneratedPage] = []  # pages written through the shared shell
_shell: PageShell | None = None
_toc_item = None  # the theme's template of one table-of-contents entry
_toc_between = ""  # what the theme writes between two entries


def _abort_with(report) -> Abort:
    print(report.format(), file=sys.stderr)
    return Abort(f"{len(report.errors)} error(s) in the data: nothing was built. Fix them and build again.")


def on_startup(command, dirty):
    if command == "serve":
        workers.stay_in_process()


def on_config(config):
    global _plan, _pages, _shelled, _shell
    _shell = None
    try:
        # the data sits beside the configuration file (fixture sites in the tests have their own)
        project = load_project(Path(config.config_file_path).resolve().parent)
    except DataError as exc:
        raise _abort_with(exc.report) from None
    for warning in project.report.warnings:
        print(warning.format(), file=sys.stderr)
    # The model, then the plan, live for the whole build: move them out of the garbage collector's
    # sight, or every full collection walks millions of long-lived objects (a quadratic slowdown).
    # Loading leaves no garbage cycles, so there is nothing to collect first.
    gc.freeze()
    _plan = plan_site(project, SiteSettings.from_extra(config.extra, config.site_url))
    _shelled = [page for page in _plan.pages if page.shared_shell]
    # the engine renders every page but the shelled ones, and the first of those with placeholders
    _pages = {page.src_uri: page for page in _plan.pages if not page.shared_shell or page is _shelled[0]}
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
            ((title, value),) = item.items()
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
    for page in _pages.values():
        # MkDocs' templates do not escape: Material writes the title into <title> and the header,
        # and the description into <meta name="description" content="…">, both as they are
        meta = {"title": html.escape(page.title), "render_macros": False}
        if page.description:
            meta["description"] = html.escape(page.description)
        if page.shared_shell:  # the placeholder page
            meta["title"], meta["description"] = TOKENS[Slot.TITLE], TOKENS[Slot.DESCRIPTION]
        if page.wide:
            meta["hide"] = ["navigation", "toc"]
        if not page.searchable:
            meta["search"] = {"exclude": True}
        # JSON is valid YAML: the front matter cannot be broken by any title text
        front = "---\n" + "\n".join(f"{k}: {json.dumps(v)}" for k, v in meta.items()) + "\n---\n"
        files.append(File.generated(config, page.src_uri, content=front))
    return files


def on_env(env, config, files):
    global _toc_item
    _toc_item = env.get_template("partials/toc-item.html")
    return env


@event_priority(100)  # before the search plugin reads the content
def on_page_context(context, page, config, nav):
    generated = _pages.get(page.file.src_uri)
    if generated is not None and generated.shared_shell:
        page.content = TOKENS[Slot.CONTENT]
        page.toc = get_toc([{"level": 2, "id": token, "name": token, "children": []} for token in TOC_TOKENS])
    elif generated is not None:
        page.content = str(generated.render(Here(page.url)))
        page.toc = get_toc(_toc_tokens(page.content))
    return context


def on_post_page(output: str, page, config) -> str:
    global _shell, _toc_between
    generated = _pages.get(page.file.src_uri)
    if generated is None:
        return output
    page.content = None  # written: let the memory go
    if not generated.shared_shell:
        return output
    first, second = (_toc_item.render(toc_item=item) for item in page.toc)
    start = output.find(first)
    end = output.find(second, start)
    if start < 0 or end < 0:
        raise ShellError("the page template's output does not hold its table of contents as expected")
    _toc_between = output[start + len(first) : end]
    placeholders = {slot: TOKENS[slot] for slot in (Slot.TITLE, Slot.DESCRIPTION, Slot.CONTENT)}
    placeholders[Slot.TOC] = output[start : end + len(second)]
    placeholders[Slot.FIRST_ANCHOR] = "#" + TOC_TOKENS[0]
    if page.canonical_url:
        placeholders[Slot.CANONICAL_URL] = page.canonical_url
    _shell = PageShell.cut(output, placeholders)
    return _fill_shell(generated, config)


def _fill_shell(page: GeneratedPage, config) -> str:
    """The page as the engine would have written it, from the shell (the same escaping as on_files)."""
    body = str(page.render(Here(page.url)))
    toc = get_toc(_toc_tokens(body))
    return _shell.fill(
        {
            Slot.TITLE: html.escape(page.title),
            Slot.DESCRIPTION: html.escape(page.description),
            Slot.CANONICAL_URL: _canonical_url(config, page.url) or "",
            Slot.CONTENT: body,
            Slot.TOC: _toc_between.join(_toc_item.render(toc_item=item) for item in toc),
            Slot.FIRST_ANCHOR: next(iter(toc)).url if toc else "#",
        }
    )


def _shell_page_bytes(page: GeneratedPage, config) -> bytes:
    if not workers.staying_in_process():  # only a long-running server profits from keeping pages
        return _fill_shell(page, config).encode("utf-8")
    inputs = (*page.inputs, config.site_url) if page.inputs else ()
    data = filled_pages.get(page.url, inputs, _shell)
    if data is None:
        data = _fill_shell(page, config).encode("utf-8")
        filled_pages.put(page.url, inputs, _shell, data)
    return data


def _canonical_url(config, url: str) -> str | None:
    site_url = config.site_url
    if not site_url:
        return None
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", url)


def on_post_build(config) -> None:
    """The other shared-shell pages and the data files, on all cores, each streamed to disk."""
    site_dir = Path(config.site_dir)
    later = _shelled[1:]
    if later and _shell is None:
        raise Abort("the page shell for city pages was not made (its placeholder page was not built)")
    pages = [
        GeneratedFile(urls.html_path(page.url), content=lambda p=page: _shell_page_bytes(p, config)) for page in later
    ]
    write_files(pages + _plan.files, site_dir)
    if later and config.site_url:
        _add_to_sitemap(
            site_dir, _canonical_url(config, _shelled[0].url), [_canonical_url(config, p.url) for p in later]
        )


def _add_to_sitemap(site_dir: Path, known: str, others: list[str]) -> None:
    """List the pages written outside the engine in its sitemap, in the shape of the one it listed."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    loc = f"<loc>{html.escape(known)}</loc>"
    at = text.find(loc)
    if at < 0:
        raise Abort(f"sitemap.xml does not list {known}: cannot add the other city pages")
    start, end = text.rfind("<url>", 0, at), text.find("</url>", at) + len("</url>")
    entry = text[start:end]
    between = text[end : text.find("<url>", end)] if text.find("<url>", end) > 0 else "\n    "
    added = "".join(between + entry.replace(loc, f"<loc>{html.escape(url)}</loc>") for url in others)
    text = text[:end] + added + text[end:]
    sitemap.write_text(text, encoding="utf-8")
    gz = site_dir / "sitemap.xml.gz"
    if gz.exists():
        with open(gz, "rb") as old:
            mtime = int.from_bytes(old.read(8)[4:8], "little")  # keep the engine's timestamp (reproducible builds)
        with open(gz, "wb") as out, gzip.GzipFile(fileobj=out, filename=str(gz), mode="wb", mtime=mtime) as packed:
            packed.write(text.encode("utf-8"))


_HEADING = re.compile(r'<h([23])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")
_HIDDEN = re.compile(r'<span[^>]*aria-hidden="true"[^>]*>.*?</span>', re.S)


def _toc_tokens(body: str) -> list[dict]:
    """The page's table of contents from its own h2/h3 headings (text is already escaped)."""
    tokens: list[dict] = []
    for level, anchor, inner in _HEADING.findall(body):
        token = {
            "level": int(level),
            "id": anchor,
            "name": _TAGS.sub("", _HIDDEN.sub("", inner)).strip(),
            "children": [],
        }
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        elif level == "2":
            tokens.append(token)
    return tokens
