"""Real-browser helpers: serve a built site on 127.0.0.1 and drive Debian's chromium with Playwright."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def browser() -> Iterator[object]:
    """A headless Debian chromium that makes no request to other hosts."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def local_tab(chromium, base: str, **options):
    """A new tab in its own context that may fetch only from `base` (our served site); options go to the context."""
    context = chromium.new_context(**options)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    return context.new_page()


def site_tab(site: tuple, **options):
    """A tab on `site` (browser, base URL) that fetches only from it; `tab.base` is the base URL."""
    chromium, base = site
    tab = local_tab(chromium, base, **options)
    tab.base = base
    return tab


def search(page, query: str) -> list[str]:
    """Type a query into the search page, as a reader would; returns the result addresses."""
    page.goto(page.base + "search/")
    page.locator("#kb-search-q").click()
    page.keyboard.type(query)
    page.wait_for_selector(".kb-search-result a")
    return page.locator(".kb-search-result__title a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """Run axe-core (WCAG 2.2 A and AA rules) on the page; returns 'rule: target' for each serious or critical violation."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    return [
        f"{v['id']}: {node['target']}" for v in result["violations"] if v["impact"] in impacts for node in v["nodes"]
    ]
