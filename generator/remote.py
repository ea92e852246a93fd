"""Remote documents: fetched only under allowed URL prefixes, within limits, and cached.

Nothing is fetched unless the user allows a URL prefix (`--allow-remote`
or `allow_remote` in `[tool.modelgen]`). A fetch follows redirects only
while they stay on the allow-list, stops at a size and a time limit, and
stores the bytes in the cache; later runs read the cache (so `check` works
offline) until `--refresh-remote` fetches again. The HTTP client (httpx)
is an optional extra: `pip install 'modelgen[remote]'`.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMES = ("http", "https")


class RemoteError(Exception):
    """A remote document cannot be used; the message says why."""


@dataclass(frozen=True)
class RemotePolicy:
    """Which URLs may be fetched, and the limits of each fetch."""

    allow: tuple[str, ...] = ()  # URL prefixes
    max_bytes: int = 8 * 2**20
    timeout: float = 10.0  # seconds for one document, redirects included
    max_depth: int = 8  # remote documents reached through remote documents
    max_redirects: int = 5
    refresh: bool = False  # fetch again even when the cache has the document
    cache: str = ""  # folder of fetched documents; default: the user cache

    def allows(self, url: str) -> bool:
        """On the allow-list: a listed prefix, ending at a path boundary unless it ends in `/`."""
        if urllib.parse.urlsplit(url).scheme not in SCHEMES:
            return False
        return any(
            url.startswith(prefix)
            and (prefix.endswith("/") or url[len(prefix) : len(prefix) + 1] in "/?#")
            for prefix in self.allow
        )

    def folder(self) -> Path:
        from .format import cache_dir

        return Path(self.cache) if self.cache else cache_dir() / "remote"


def refusal(url: str, policy: RemotePolicy) -> str:
    if not policy.allow:
        return (
            f"remote document {url!r} refused: remote documents are fetched only "
            "from URL prefixes allowed with --allow-remote PREFIX "
            "(or allow_remote in [tool.modelgen])"
        )
    return f"remote document {url!r} refused: not under an allowed prefix ({', '.join(policy.allow)})"


def _entry(folder: Path, url: str) -> Path:
    return folder / hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]


def cached(url: str, policy: RemotePolicy) -> bytes | None:
    """The cached bytes of `url`, when the cache holds them intact."""
    entry = _entry(policy.folder(), url)
    try:
        meta = json.loads((entry.with_suffix(".json")).read_text(encoding="utf-8"))
        data = entry.with_suffix(".body").read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("url") != url:
        return None
    return data if meta.get("sha256") == hashlib.sha256(data).hexdigest() else None


def cached_digest(url: str, policy: RemotePolicy | None = None) -> str | None:
    """sha256 of the cached copy of `url` (None when there is none)."""
    data = cached(url, policy or RemotePolicy())
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _store(url: str, data: bytes, policy: RemotePolicy) -> None:
    from .atomic import atomic_write

    entry = _entry(policy.folder(), url)
    os.makedirs(entry.parent, exist_ok=True)
    atomic_write(str(entry.with_suffix(".body")), data)
    meta = {"url": url, "sha256": hashlib.sha256(data).hexdigest()}
    atomic_write(str(entry.with_suffix(".json")), json.dumps(meta).encode("utf-8"))


def fetch(url: str, policy: RemotePolicy) -> bytes:
    """The bytes of `url`: from the cache, else fetched within the policy's limits."""
    if not policy.allows(url):
        raise RemoteError(refusal(url, policy))
    if not policy.refresh:
        data = cached(url, policy)
        if data is not None:
            return data
    try:
        import httpx
    except ImportError:
        raise RemoteError(
            "remote references need the HTTP client: pip install 'modelgen[remote]'"
        ) from None
    try:
        data = _download(url, policy)
    except httpx.TimeoutException:
        raise RemoteError(
            f"{url}: no complete answer within {policy.timeout:g} s"
        ) from None
    except httpx.HTTPError as exc:
        raise RemoteError(f"{url}: cannot fetch: {exc}") from None
    _store(url, data, policy)
    return data


def _download(url: str, policy: RemotePolicy) -> bytes:
    import httpx

    deadline = time.monotonic() + policy.timeout
    current = url
    with httpx.Client(follow_redirects=False, timeout=policy.timeout) as client:
        for _ in range(policy.max_redirects + 1):
            with client.stream("GET", current) as response:
                if response.is_redirect:
                    target = urllib.parse.urljoin(
                        current, response.headers.get("location", "")
                    )
                    if not policy.allows(target):
                        raise RemoteError(
                            f"{url}: redirected to {target!r}, which is not on the allow-list"
                        )
                    current = target
                    continue
                if response.status_code != 200:
                    raise RemoteError(f"{current}: HTTP status {response.status_code}")
                return _read_body(response, url, policy, deadline)
    raise RemoteError(f"{url}: more than {policy.max_redirects} redirects")


def _read_body(response: Any, url: str, policy: RemotePolicy, deadline: float) -> bytes:
    limit = policy.max_bytes
    too_big = RemoteError(
        f"{url}: larger than the {limit:,} byte limit for remote documents"
    )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise too_big
        if time.monotonic() > deadline:
            raise RemoteError(f"{url}: no complete answer within {policy.timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)
