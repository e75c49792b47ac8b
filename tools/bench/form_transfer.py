"""``python -m tools.bench.form_transfer SITE [SLUG]``: the bytes the self-assessment form transfers in
Chromium when a person opens it and chooses an existing city (issue 23's target: at most 200 KB for the
choice at 3,000 cities). The site is served locally, without compression (as ``python -m http.server``)
or, with ``--gzip``, compressed as GitHub Pages, GitLab Pages and Cloudflare Pages serve text (HTML, CSS,
JavaScript, JSON, SVG) to a browser that accepts it; each response's body is counted as transferred."""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _Compressed(_Quiet):
    """Text files gzip-compressed, as static hosts serve them (each file compressed whole, no streaming)."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv")

    def do_GET(self) -> None:  # noqa: N802  (the standard library's name)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in self.TEXT or not path.is_file():
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def measure(site: Path, slug: str | None = None, *, compressed: bool = False, browser: Any = None) -> dict:
    """``browser``: a Playwright Chromium already running in this process (the tests'); else one is started."""
    if browser is not None:
        return _measure(site, slug, compressed, browser)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        started = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            return _measure(site, slug, compressed, started)
        finally:
            started.close()


def _measure(site: Path, slug: str | None, compressed: bool, browser: Any) -> dict:
    handler = _Compressed if compressed else _Quiet
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    index = json.loads((site / "data" / "cities" / "index.json").read_bytes())
    slug = slug or index["cities"][len(index["cities"]) // 2][0]
    # the pages' policy blocks the string the wait below evaluates (the browser tests bypass it too)
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        responses: list[tuple[str, int]] = []
        page.on("requestfinished", lambda r: responses.append((r.url, r.sizes()["responseBodySize"])))
        page.goto(base + "assess/", wait_until="load")
        page.wait_for_selector("#assess-app[data-cities-listed]")
        # everything opening the page fetches lands before the choice (the browser's favicon request
        # could come late and be counted as the choice's: CI failed on it once)
        page.wait_for_load_state("networkidle")
        opened = list(responses)
        responses.clear()
        # the city's file is waited for itself: the status can show, and the page was idle already, before
        # its request finishes (CI once counted none)
        chosen_file = f"data/cities/{slug}.json"
        with page.expect_request_finished(lambda request: request.url.endswith(chosen_file)):
            page.select_option("#f-city", slug)
        page.wait_for_function("document.getElementById('assess-last-status').textContent.length > 0")
        page.wait_for_load_state("networkidle")
        chosen = list(responses)
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    city_list = sum(size for url, size in opened if url.endswith("data/cities/index.json"))
    return {
        "served": "gzip, as static hosts serve text" if compressed else "uncompressed",
        "cities": len(index["cities"]),
        "slug": slug,
        "open_form_bytes": sum(size for _, size in opened),
        "open_form_requests": len(opened),
        "city_list_bytes": city_list,
        "choose_city_bytes": sum(size for _, size in chosen),
        "choose_city_requests": [url.removeprefix(base) for url, _ in chosen],
        # what choosing a city costs, the list of cities included (fetched once, when the form opens)
        "city_list_and_choice_bytes": city_list + sum(size for _, size in chosen),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.form_transfer", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("slug", nargs="?")
    parser.add_argument("--gzip", action="store_true", help="serve text compressed, as static hosts do")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.site, args.slug, compressed=args.gzip), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
