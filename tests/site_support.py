"""Helpers of the site tests: build the OpenAI site once, serve it on 127.0.0.1."""

from __future__ import annotations

import atexit
import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import OPENAI, REPO, need_shared

VENDOR = "https://platform.openai.com"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(
    os.environ.get("MODELGEN_SCREENSHOTS", REPO / "build" / "site-screenshots")
)
# Material draws each diagram into a closed shadow root; opened here so the test can see the SVG.
OPEN_SHADOW = (
    "const attach = Element.prototype.attachShadow;"
    "Element.prototype.attachShadow = function (options) {"
    "  return attach.call(this, Object.assign({}, options, {mode: 'open'})); };"
)


def site_tools() -> None:
    """Skip without mkdocs-material (the `site` extra); under CI, fail instead."""
    try:
        import material  # noqa: F401
        import mkdocs  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("the `site` extra (mkdocs-material) is not installed")


def browser_tools() -> None:
    site_tools()
    try:
        import playwright  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("playwright is not installed (pip install -e '.[site]')")
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            raise AssertionError(f"{CHROMIUM} is missing (apt-get install -y chromium)")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")


@functools.cache
def openai_site(link_base: str = VENDOR) -> object:
    """The OpenAI 2024-12-18 site, built once per test process (removed at exit)."""
    need_shared()
    site_tools()
    work = Path(tempfile.mkdtemp(prefix="modelgen-test-site-"))
    atexit.register(shutil.rmtree, work, True)
    return build_openai_site(work / "oai", link_base)


def build_openai_site(out: Path, link_base: str = VENDOR) -> object:
    from modelgen.pipeline import Request
    from modelgen.site import build_site

    request = Request(
        str(OPENAI / "openai-2024-12-18.yaml"),
        str(out),
        code=False,
        link_base=link_base,
    )
    return build_site(request, out / "site")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
