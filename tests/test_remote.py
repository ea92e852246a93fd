"""Remote `$ref`s: refused by default, fetched only under allowed prefixes, within limits, cached.

Every test serves its documents from an HTTP server on 127.0.0.1 that it
starts and stops itself; nothing leaves the machine.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest

from conftest import modelgen
from modelgen.build import build_document
from modelgen.diagnostics import Level, SpecError
from modelgen.load import load_spec
from modelgen.remote import RemoteError, RemotePolicy, fetch

PET = {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}}


class Site:
    """Documents by path; a path may also redirect, stall or be huge."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        self.redirects: dict[str, str] = {}
        self.slow: set[str] = set()
        self.hits: list[str] = []
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                site.hits.append(self.path)
                if self.path in site.redirects:
                    self.send_response(302)
                    self.send_header("Location", site.redirects[self.path])
                    self.end_headers()
                    return
                body = site.pages.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                if self.path in site.slow:
                    for _ in range(20):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.1)
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    def put(self, path: str, document: Any) -> str:
        self.pages[path] = json.dumps(document).encode()
        return self.url + path

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    server.thread.start()
    try:
        yield server
    finally:
        server.stop()


def spec_with(tmp_path: Path, ref: str) -> Path:
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "Owner": {"type": "object", "properties": {"pet": {"$ref": ref}}}
            }
        },
    }
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(spec))
    return path


def env(tmp_path: Path) -> dict[str, str]:
    return {"MODELGEN_CACHE_DIR": str(tmp_path / "cache"), "NO_PROXY": "127.0.0.1"}


def test_remote_refs_are_refused_by_default(site: Site, tmp_path: Path) -> None:
    url = site.put("/common.json", PET)
    spec = spec_with(tmp_path, url + "#/Pet")
    result = modelgen(
        "generate", str(spec), "-o", str(tmp_path / "out"), env=env(tmp_path)
    )
    assert result.returncode == 2
    assert "#/components/schemas/Owner/properties/pet" in result.stderr
    assert "refused" in result.stderr and "--allow-remote" in result.stderr
    assert site.hits == [] and not (tmp_path / "out").exists()


def test_allowed_prefix_generates_records_hash_and_check_works_offline(
    site: Site, tmp_path: Path
) -> None:
    url = site.put("/schemas/common.json", PET)
    spec = spec_with(tmp_path, url + "#/Pet")
    out = tmp_path / "out"
    allow = ("--allow-remote", site.url + "/schemas/")
    result = modelgen("generate", str(spec), "-o", str(out), *allow, env=env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (out / "models" / "pet.py").is_file()
    manifest = json.loads((out / ".modelgen" / "manifest.json").read_text())
    import hashlib

    assert manifest["remote"] == {
        url: hashlib.sha256(site.pages["/schemas/common.json"]).hexdigest()
    }
    site.stop()  # offline from here on
    again = modelgen("check", str(spec), "-o", str(out), *allow, env=env(tmp_path))
    assert again.returncode == 0, again.stdout + again.stderr
    other = tmp_path / "other"  # a full run, not the fast path: served by the cache
    copy = modelgen("generate", str(spec), "-o", str(other), *allow, env=env(tmp_path))
    assert copy.returncode == 0, copy.stderr
    assert (other / "models" / "pet.py").read_bytes() == (
        out / "models" / "pet.py"
    ).read_bytes()
    refreshed = modelgen(
        "generate",
        str(spec),
        "-o",
        str(other),
        *allow,
        "--refresh-remote",
        env=env(tmp_path),
    )
    assert refreshed.returncode == 2 and "cannot fetch" in refreshed.stderr


@pytest.mark.parametrize("prefix", ["/other/", "/sch", ""])
def test_urls_off_the_allow_list_are_refused(
    site: Site, tmp_path: Path, prefix: str
) -> None:
    url = site.put("/schemas/common.json", PET)
    spec = spec_with(tmp_path, url + "#/Pet")
    allowed = site.url + prefix if prefix else "http://127.0.0.2:1/"
    result = modelgen(
        "generate",
        str(spec),
        "-o",
        str(tmp_path / "out"),
        "--allow-remote",
        allowed,
        env=env(tmp_path),
    )
    assert result.returncode == 2
    assert "not under an allowed prefix" in result.stderr
    assert site.hits == []


def policy(site: Site, tmp_path: Path, **limits: Any) -> RemotePolicy:
    return RemotePolicy(
        allow=(site.url + "/",), cache=str(tmp_path / "cache"), **limits
    )


def test_size_limit(site: Site, tmp_path: Path) -> None:
    url = site.put("/big.json", {"x": "y" * 5000})
    with pytest.raises(RemoteError, match="larger than the 1,000 byte limit"):
        fetch(url, policy(site, tmp_path, max_bytes=1000))
    assert len(fetch(url, policy(site, tmp_path, max_bytes=10_000))) > 5000


def test_time_limit(site: Site, tmp_path: Path) -> None:
    url = site.put("/slow.json", PET)
    site.slow.add("/slow.json")
    started = time.monotonic()
    with pytest.raises(RemoteError, match="no complete answer within 0.5 s"):
        fetch(url, policy(site, tmp_path, timeout=0.5))
    assert time.monotonic() - started < 1.9


def test_redirects_stay_on_the_allow_list(site: Site, tmp_path: Path) -> None:
    target = site.put("/real.json", PET)
    site.redirects["/moved.json"] = target
    assert json.loads(fetch(site.url + "/moved.json", policy(site, tmp_path))) == PET
    site.redirects["/away.json"] = "http://127.0.0.2:9/evil.json"
    with pytest.raises(
        RemoteError, match="redirected to 'http://127.0.0.2:9/evil.json'"
    ):
        fetch(site.url + "/away.json", policy(site, tmp_path))
    site.redirects["/loop.json"] = site.url + "/loop.json"
    with pytest.raises(RemoteError, match="more than 5 redirects"):
        fetch(site.url + "/loop.json", policy(site, tmp_path))


def test_recursion_limit(site: Site, tmp_path: Path) -> None:
    for n in range(5):  # doc n's Pet is doc n+1's Pet
        site.put(f"/d{n}.json", {"Pet": {"$ref": f"d{n + 1}.json#/Pet"}})
    site.put("/d5.json", PET)
    spec = spec_with(tmp_path, site.url + "/d0.json#/Pet")
    deep = build_document(load_spec(str(spec), policy=policy(site, tmp_path)))[1]
    assert not [d for d in deep if d.level == Level.ERROR]
    shallow = policy(site, tmp_path, max_depth=3, refresh=True)
    errors = [
        d
        for d in build_document(load_spec(str(spec), policy=shallow))[1]
        if d.level == Level.ERROR
    ]
    assert errors and "more than 3 deep" in errors[0].message


def test_spec_from_a_url_follows_the_same_rules(site: Site, tmp_path: Path) -> None:
    doc = json.loads(spec_with(tmp_path, "common.json#/Pet").read_text())
    url = site.put("/api/openapi.json", doc)
    site.put("/api/common.json", PET)
    with pytest.raises(SpecError) as refused:
        load_spec(url)
    assert "refused" in refused.value.diagnostics[0].message
    files = load_spec(url, policy=policy(site, tmp_path))
    document, diagnostics = build_document(files)
    assert {m.name for m in document.models} == {"Owner", "Pet"}
    assert set(files.remote) == {url, site.url + "/api/common.json"}
