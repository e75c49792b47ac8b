"""Shared helpers for the hostile-corpus, browser, accessibility and integrity tests.

* the hostile corpus (``tests/hostile/manifest.yaml``) and how a case is installed on disk;
* the *hostile site*: the example cities plus every case the validator accepts, built strictly
  once per test process (``-n auto`` runs one process per core: each builds it once);
* a local HTTP server of a built site (127.0.0.1, a free port, threads, no logging);
* Chromium through Playwright: Debian's ``/usr/bin/chromium``, never a downloaded browser. When it
  cannot be started, browser tests are skipped on a developer's machine and FAIL when ``CI=true``.

Session-wide objects are cached here rather than in fixtures, because a fixture imported into
several test modules would run once per module.
"""

from __future__ import annotations

import functools
import html
import os
import shutil
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, build_site, make_project

HOSTILE = REPO / "tests" / "hostile"
MANIFEST = HOSTILE / "manifest.yaml"
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("MMSSC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Builds are reproducible only for a fixed date: "N months ago" and stale notices follow it.
BUILD_EPOCH = "1795000000"  # 2026-11-18 (UTC): after every example and corpus assessment

_cache: dict[str, Any] = {}


# --- the corpus -------------------------------------------------------------------------------


@functools.cache
def manifest() -> tuple[dict, ...]:
    return tuple(yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["cases"])


def cases(verdict: str) -> list[dict]:
    return [c for c in manifest() if c["verdict"] == verdict]


def folder_name(case: dict) -> str:
    """The city folder's name on disk (and so the city's slug when it is accepted)."""
    return case.get("install_as") or Path(case["dir"]).name


def install_case(case: dict, assessments: Path) -> Path:
    """Copy a case's city folder into ``assessments/``, under its hostile name, with its links."""
    dest = assessments / folder_name(case)
    shutil.copytree(HOSTILE / case["dir"], dest)
    for old, new in (case.get("rename") or {}).items():
        (dest / old).rename(dest / new)
    for name, target in (case.get("symlink") or {}).items():
        (dest / name).symlink_to(target)
    return dest


def hostile_project(tmp_path_factory) -> Path:
    """A project with the example cities and every accepted (inert) case, built strictly once."""
    if "hostile" not in _cache:
        project = make_project(tmp_path_factory.mktemp("hostile-site"), REPO / "assessments")
        for case in cases("inert"):
            install_case(case, project / "assessments")
        result = build_site(project, env={"SOURCE_DATE_EPOCH": BUILD_EPOCH})
        assert result.returncode == 0, result.stderr[-5000:]
        _cache["hostile"] = project
    return _cache["hostile"]


def hostile_site(tmp_path_factory) -> Path:
    return hostile_project(tmp_path_factory) / "site"


# --- reading built pages ------------------------------------------------------------------------


class PageParser(HTMLParser):
    """Text (outside script and style), elements with their attributes, ids and links of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.ids: set[str] = set()
        self._skip: str | None = None
        self._script_attrs: dict[str, str | None] | None = None
        self._script_text: list[str] = []
        self.titles: list[str] = []  # <title> text
        self.h1: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        for key in ("id",):
            if attributes.get(key):
                self.ids.add(attributes[key])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        if tag in ("script", "style"):
            self._skip = tag
            if tag == "script":
                self._script_attrs, self._script_text = attributes, []
        if tag in ("title", "h1"):
            self._in.append(tag)
            (self.titles if tag == "title" else self.h1).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._skip:
            if tag == "script" and self._script_attrs is not None:
                self.scripts.append((self._script_attrs, "".join(self._script_text)))
                self._script_attrs = None
            self._skip = None
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._skip == "script":
            self._script_text.append(data)
            return
        if self._skip:
            return
        self.text.append(data)
        for tag in self._in:
            if tag == "title":
                self.titles[-1] += data
            elif tag == "h1":
                self.h1[-1] += data

    @property
    def all_text(self) -> str:
        return "".join(self.text)


@functools.cache
def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def visible_text(path: Path) -> str:
    return parse_page(path).all_text


def unescaped(raw: str) -> str:
    return html.unescape(raw)


# --- a local web server --------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser closing a connection early (a page closed mid-load) is not an error here


def serve(site: Path) -> str:
    """Serve ``site`` on 127.0.0.1 (a free port) for the rest of the session; returns the base URL."""
    key = f"server:{site}"
    if key not in _cache:
        server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, name="site-server", daemon=True).start()
        _cache[key] = (server, f"http://127.0.0.1:{server.server_address[1]}/")
    return _cache[key][1]


def stop_servers() -> None:
    for key in [k for k in _cache if k.startswith("server:")]:
        server, _ = _cache.pop(key)
        server.shutdown()
        server.server_close()


# --- Chromium ----------------------------------------------------------------------------------


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    """No browser: a skip on a developer's machine, a failure in CI (browser tests never vanish there)."""
    if in_ci():
        pytest.fail(f"CI=true and the browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"browser tests need Debian's Chromium: {reason} (apt-get install chromium)")


def browser():
    """One headless Chromium per test process, started on first use (see :func:`close_browser`)."""
    if "browser" in _cache:
        return _cache["browser"]
    if "browser-error" in _cache:
        unavailable(_cache["browser-error"])
    if not Path(CHROMIUM).exists():
        _cache["browser-error"] = f"{CHROMIUM} does not exist"
        unavailable(_cache["browser-error"])
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - requirements.txt pins it
        _cache["browser-error"] = f"Playwright is not installed ({exc})"
        unavailable(_cache["browser-error"])
    playwright = sync_playwright().start()
    try:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    except Exception as exc:  # noqa: BLE001 - any launch failure means no browser
        playwright.stop()
        _cache["browser-error"] = f"{CHROMIUM} did not start: {str(exc).splitlines()[0]}"
        unavailable(_cache["browser-error"])
    _cache["playwright"], _cache["browser"] = playwright, instance
    return instance


def close_browser() -> None:
    if "browser" in _cache:
        _cache.pop("browser").close()
        _cache.pop("playwright").stop()


class Watch:
    """What a page did while it was open: dialogs, console errors, uncaught exceptions, requests."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.requests: list[str] = []
        self.refused: list[str] = []

    def problems(self) -> list[str]:
        return (
            [f"dialog: {d}" for d in self.dialogs]
            + [f"console error: {e}" for e in self.console_errors]
            + [f"uncaught exception: {e}" for e in self.page_errors]
            + [f"request leaving 127.0.0.1 (aborted): {u}" for u in self.refused]
        )


def open_page(context, watch: Watch):
    """A new page whose every dialog, console error and request is recorded; only 127.0.0.1 is reachable.

    Open one page per context: the request filter is installed on the context."""
    from urllib.parse import urlsplit

    page = context.new_page()

    def on_dialog(dialog) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(message) -> None:
        if message.type == "error":
            watch.console_errors.append(message.text)

    def route(request_route) -> None:
        url = request_route.request.url
        watch.requests.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            request_route.continue_()  # never leaves the browser
        elif parts.scheme in ("http", "https") and parts.hostname == "127.0.0.1":
            request_route.continue_()
        else:
            watch.refused.append(url)
            request_route.abort()

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    # on the context, so that requests of workers (Material's search) are seen as well
    context.route("**/*", route)
    return page


def settle_form(page) -> None:
    """Wait until the assessment form's timers have run: its checks 200 ms and its draft's save 300 ms after
    the last edit, by the page's clock. A timer of the page's own that ends later fires after them however
    loaded the machine is; a wait on the test's clock did not, once (the reload found no draft)."""
    page.evaluate("() => new Promise((done) => setTimeout(done, 350))")


def new_context(*, width: int = 1280, height: int = 900, javascript: bool = True, policy: bool = False):
    """A browser context; the pages' Content-Security-Policy is enforced only with ``policy`` (it refuses the
    ``eval`` that Playwright's ``wait_for_function`` polls with; tests/test_assess_hardening.py checks that
    nothing the site does is blocked)."""
    return browser().new_context(
        bypass_csp=not policy,
        viewport={"width": width, "height": height},
        java_script_enabled=javascript,
        service_workers="block",
        reduced_motion="reduce",
    )


# Fixtures shared by the browser and accessibility tests (imported by name in both modules).


@pytest.fixture(scope="session", autouse=True)
def close_browser_at_the_end():
    yield
    close_browser()
    stop_servers()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> str:
    browser()  # skip (or, in CI, fail) before building anything when there is no browser
    return serve(hostile_site(tmp_path_factory))


# --- the external judges: the Nu HTML checker and Lighthouse (tools/judges, `make judges`) -----------

JUDGES = REPO / "tools" / "judges" / "node_modules"
VNU_JAR = JUDGES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = JUDGES / "lighthouse" / "cli" / "index.js"


def _judge_missing(reason: str) -> None:
    if in_ci():
        pytest.fail(f"CI=true and a checker cannot run: {reason}", pytrace=False)
    pytest.skip(f"{reason} (make judges installs the pinned checkers; Java 17 and Node are needed)")


def vnu_command() -> list[str]:
    """The Nu HTML checker's command line, or a skip (a failure when CI=true) when it cannot run."""
    java = shutil.which("java")
    if java is None:
        _judge_missing("java is not installed")
    if not VNU_JAR.is_file():
        _judge_missing(f"{VNU_JAR.relative_to(REPO)} is missing")
    return [java, "-jar", str(VNU_JAR), "--format", "json"]


def lighthouse_command() -> list[str]:
    node = shutil.which("node")
    if node is None:
        _judge_missing("node is not installed")
    if not LIGHTHOUSE.is_file():
        _judge_missing(f"{LIGHTHOUSE.relative_to(REPO)} is missing")
    if not Path(CHROMIUM).exists():
        _judge_missing(f"{CHROMIUM} does not exist")
    return [node, str(LIGHTHOUSE)]
