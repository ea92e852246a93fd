"""The output's state folder `.modelgen/`: manifest, pending list and lock.

- `manifest.json`, written last by a run that finished: what the output was
  made from (see `fastpath` and `toolchain`) and the sha256 of every file.
- `pending.json`, written before a run writes its first file and removed
  after its manifest: every path the run may create, with the sha256 of any
  file that was already there and not ours (a foreign file). While it
  exists, a run is in progress or was interrupted. Lists of runs that were
  interrupted one after another are merged, so every file any of them may
  have written stays owned by modelgen until a run finishes: that run
  removes what is not part of its output, and `check` reports it.
- `lock`: held (with `filelock`) by the run writing the folder, so a second
  run waits for it, then fails with one line if it waited too long.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

META_DIR = ".modelgen"
MANIFEST = f"{META_DIR}/manifest.json"
PENDING = f"{META_DIR}/pending.json"
LEGACY_MARKER = f"{META_DIR}/incomplete"
LOCK = f"{META_DIR}/lock"
IGNORE = f"{META_DIR}/.gitignore"
IGNORED = b"# written by modelgen: run state, not output\n/lock\n/pending.json\n"
LOCK_TIMEOUT = float(os.environ.get("MODELGEN_LOCK_TIMEOUT", "300"))


class OutputError(Exception):
    """The output directory cannot be written as asked."""


def read_json(path: str) -> Any:
    """The JSON value in `path`; None when it is missing, unreadable or not JSON."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def read_manifest(out_dir: str) -> dict[str, Any] | None:
    data = read_json(os.path.join(out_dir, MANIFEST))
    if not isinstance(data, dict) or not isinstance(data.get("outputs"), dict):
        return None
    outputs = data["outputs"]
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in outputs.items()):
        return None
    return data


def has_pending(out_dir: str) -> bool:
    """A run is writing `out_dir`, or one was interrupted there."""
    return any(
        os.path.lexists(os.path.join(out_dir, rel)) for rel in (PENDING, LEGACY_MARKER)
    )


def read_pending(out_dir: str) -> dict[str, str | None]:
    """Paths owned by unfinished runs → the sha256 of the foreign file that was there, or None."""
    data = read_json(os.path.join(out_dir, PENDING))
    paths = data.get("paths") if isinstance(data, dict) else None
    if not isinstance(paths, dict):
        return {}
    return {
        rel: (sha if isinstance(sha, str) else None)
        for rel, sha in paths.items()
        if isinstance(rel, str)
    }


def pending_bytes(paths: dict[str, str | None]) -> bytes:
    text = json.dumps({"paths": dict(sorted(paths.items()))}, indent=1)
    return (text + "\n").encode("utf-8")


def owned_by_modelgen(out_dir: str) -> bool:
    """`out_dir` has a state folder: written (or being written) by modelgen."""
    return os.path.isdir(os.path.join(out_dir, META_DIR))


@contextmanager
def output_lock(out_dir: str, path: str) -> Iterator[None]:
    """Hold the lock of `out_dir`, the file `path` (checked to be inside it)."""
    import filelock  # only a run that writes needs it

    lock = filelock.FileLock(path, timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise OutputError(
            f"{out_dir} is being written by another modelgen run "
            f"(waited {LOCK_TIMEOUT:g} s for {path}); try again when it has finished"
        ) from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot lock: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()
