"""The OpenAI 2024-12-18 docs site in a real browser (Debian's Chromium, driven by Playwright).

The smoke test runs in `make test`; the whole suite (every page, every link,
the search queries) with MODELGEN_BROWSER=1 (`make docs-browser-test`).
Screenshots go to build/site-screenshots/ (or MODELGEN_SCREENSHOTS).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

from site_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    OPEN_SHADOW,
    SCREENSHOTS,
    browser_tools,
    openai_site,
    serve,
)

FULL_BROWSER = os.environ.get("MODELGEN_BROWSER") == "1"
full = pytest.mark.skipif(
    not FULL_BROWSER, reason="whole browser suite: make docs-browser-test"
)
# (query, model expected among the first five results, what kind of query it is)
QUERIES = [
    ("RealtimeSession", "RealtimeSession", "model name"),
    ("chunking_strategy", "CreateVectorStoreRequest", "property name"),
    ("server_vad", "RealtimeSessionTurnDetection", "enum value"),
    ("Realtime session object configuration", "RealtimeSession", "description phrase"),
    ("RealtimeSesion", "RealtimeSession", "misspelling"),
]


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, Any]]:
    browser_tools()
    result: Any = openai_site()
    assert result.links.broken == []
    with serve(result.site) as url:
        yield url, result


@pytest.fixture(scope="module")
def browser(site: tuple[str, Any]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Tab:
    """A page that records console errors, page errors and any request off this machine."""

    def __init__(self, browser: Any) -> None:
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1366, "height": 800})
        self.page.add_init_script(OPEN_SHADOW)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on("requestfailed", self._failed)
        self.page.route("**/*", self._route)

    def _failed(self, request: Any) -> None:
        # A request cut short by going on to the next page (a late favicon) is no fault.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"failed: {request.url} ({request.failure})")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _route(self, route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.errors.append(f"off-site request: {route.request.url}")
            route.abort()

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="load")
        diagrams = self.page.locator("pre.mermaid, div.mermaid").count()
        if diagrams:
            self.page.wait_for_function(
                "() => document.querySelectorAll('pre.mermaid').length === 0"
                " && [...document.querySelectorAll('div.mermaid')].every("
                "d => d.shadowRoot && d.shadowRoot.querySelector('svg'))",
                timeout=30000,
            )

    def svgs(self) -> int:
        return int(self.page.locator("div.mermaid svg").count())

    def search(self, base: str, query: str) -> list[str]:
        self.page.goto(base, wait_until="load")
        self.page.locator("label.md-search__icon, .md-search__input").first.click()
        self.page.locator("input.md-search__input").press_sequentially(query, delay=20)
        self.page.wait_for_selector(".md-search-result__item", timeout=30000)
        hrefs = self.page.locator(".md-search-result__item > a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        return [urlsplit(h).path.strip("/").split("/")[0] for h in hrefs]


def test_smoke_realtime_session_renders_with_diagram_anchors_and_search(
    site: tuple[str, Any], browser: Any
) -> None:
    url, _ = site
    tab = Tab(browser)
    tab.open(url + "RealtimeSession/")
    assert tab.svgs() == 1
    assert tab.page.locator("tr#prop-turn_detection").count() == 1
    # On a laptop screen every column of the property table is in view (no side scrolling).
    widths = tab.page.evaluate(
        "() => [...document.querySelectorAll('.md-typeset__table')]"
        ".map(t => t.scrollWidth - t.clientWidth)"
    )
    assert widths and max(widths) <= 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SCREENSHOTS / "RealtimeSession.png"), full_page=True)
    found = tab.search(url, "RealtimeSession")
    assert found[0] == "RealtimeSession"
    assert tab.errors == []


@full
def test_search_finds_the_expected_model(site: tuple[str, Any], browser: Any) -> None:
    url, _ = site
    tab = Tab(browser)
    missed = []
    for query, expected, kind in QUERIES:
        found = tab.search(url, query)
        if expected not in found[:5]:
            missed.append((kind, query, expected, found[:5]))
        if kind == "misspelling":
            tab.page.screenshot(path=str(SCREENSHOTS / "search-misspelling.png"))
        if kind == "property name":
            tab.page.screenshot(path=str(SCREENSHOTS / "search-property.png"))
    assert missed == []
    assert tab.errors == []


@full
def test_every_page_loads_cleanly_renders_its_diagrams_and_links_resolve(
    site: tuple[str, Any], browser: Any
) -> None:
    url, result = site
    root: Path = result.site
    pages = sorted(
        "" if p == root / "index.html" else p.parent.relative_to(root).as_posix() + "/"
        for p in root.rglob("index.html")
    )
    assert len(pages) == result.pages
    tab = Tab(browser)
    problems: list[str] = []
    anchors: dict[str, set[str]] = {}
    links: dict[str, str] = {}
    diagrams = 0
    for page in pages:
        tab.errors.clear()
        tab.open(url + page)
        diagrams += tab.svgs()
        problems += [f"{page}: {e}" for e in tab.errors]
        anchors[url + page] = set(
            tab.page.locator("[id]").evaluate_all("els => els.map(e => e.id)")
        )
        for href in tab.page.locator("a[href]").evaluate_all(
            "links => links.map(a => a.href)"
        ):
            if href.startswith(url):
                links.setdefault(href, page)
    for href, page in links.items():
        target, fragment = urldefrag(href)
        target = target.split("?")[0]
        if target not in anchors:
            if not (root / urlsplit(target).path.lstrip("/")).is_file():
                problems.append(f"{page}: link to {href} leads nowhere")
        elif fragment and fragment not in anchors[target]:
            problems.append(f"{page}: link to {href}: no such anchor")
    assert problems == []
    assert diagrams == sum(
        (root / p / "index.html").read_text().count('class="mermaid"') for p in pages
    )
    print(
        f"\n{len(pages)} pages, {diagrams} diagrams, {len(links)} in-site links checked"
    )
