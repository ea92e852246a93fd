"""The user cache folder, and entries that cannot lie.

The folder is per modelgen version (`platformdirs`' user cache folder, or
`MODELGEN_CACHE_DIR`). Each entry starts with one header line: the sha256
of its payload and the key it was stored under (the hash of everything it
was computed from). A read checks both; an entry that fails (truncated,
zeroed, garbled, or stored under another key) is removed, noted, and the
caller recomputes it. Writes go through `write.atomic_write`; a failed write
(a full disk) leaves nothing behind and only costs the optimisation.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import __version__
from .atomic import atomic_write

_MAGIC = b"modelgen-cache-1"


def cache_dir() -> Path:
    override = os.environ.get("MODELGEN_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("modelgen", appauthor=False)) / __version__


def store(path: Path, key: str, payload: bytes) -> None:
    digest = hashlib.sha256(payload).hexdigest()
    header = b" ".join((_MAGIC, digest.encode(), key.encode())) + b"\n"
    try:
        atomic_write(str(path), header + payload)
    except OSError:
        pass  # the cache is an optimisation only


def load(path: Path, key: str, notes: list[str] | None = None) -> bytes | None:
    """The payload stored under `key` at `path`; None (and the entry removed) if not provable."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    header, _, payload = blob.partition(b"\n")
    parts = header.split(b" ")
    if (
        len(parts) == 3
        and parts[0] == _MAGIC
        and parts[2] == key.encode()
        and parts[1] == hashlib.sha256(payload).hexdigest().encode()
    ):
        return payload
    try:
        path.unlink()
    except OSError:
        pass
    if notes is not None:
        notes.append(f"dropped a damaged cache entry {path} (recomputed)")
    return None
