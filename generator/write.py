"""Stage 5: the only stage that touches the output directory.

Plan first (every path checked to stay inside the output directory), then,
holding the output's lock: record every path the run may create (the
pending list, see `state`), write only files whose bytes changed, each via
a temporary file and an atomic rename; remove every file this tool owns
(from the last manifest or a pending list) that is not part of the new
output, except a foreign file left as it was; leave every other file alone;
write the manifest; drop the pending list. An interrupted run is detected
by `check` and repaired by the next `generate`, without `--force`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

from .atomic import TEMP_PREFIX, atomic_write, current_bytes
from .rendered import RenderedFile
from .state import (
    IGNORE,
    IGNORED,
    LEGACY_MARKER,
    LOCK,
    MANIFEST,
    META_DIR,
    PENDING,
    OutputError,
    has_pending,
    output_lock,
    owned_by_modelgen,
    pending_bytes,
    read_manifest,
    read_pending,
)

__all__ = [  # what other modules use, re-exported from `state` where defined there
    "MANIFEST",
    "MARKER",
    "META_DIR",
    "PENDING",
    "TEMP_PREFIX",
    "OutputError",
    "Summary",
    "atomic_write",
    "current_bytes",
    "encode",
    "has_pending",
    "manifest_for",
    "read_manifest",
    "read_pending",
    "safe_path",
    "sha256",
    "write_output",
]

MARKER = PENDING
_PART = re.compile(r"^\.?[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$")


@dataclass
class Summary:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"wrote {len(self.written)} files, {self.unchanged} unchanged, removed {len(self.removed)}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_path(out_dir: str, rel: str, dirs: dict[str, str] | None = None) -> str:
    """Absolute path of `rel` in `out_dir`; refuses anything that could escape.

    `rel` must be made of plain names (no `..`, no absolute path), so only a
    symlink could lead outside: the directories on the way are resolved (once
    per directory with a shared `dirs` cache), and the file itself when it is
    a link.
    """
    parts = rel.split("/")
    if (
        rel.startswith("/")
        or "\\" in rel
        or not all(_PART.match(p) and p not in (".", "..") for p in parts)
    ):
        raise OutputError(f"refusing unsafe output path {rel!r}")
    dirs = {} if dirs is None else dirs
    base = _real_dir(out_dir, dirs)
    parent = _real_dir(os.path.join(base, *parts[:-1]), dirs)
    full = os.path.join(parent, parts[-1])
    if os.path.islink(full):
        full = os.path.realpath(full)
    if os.path.commonpath([base, full]) != base:
        raise OutputError(f"output path {rel!r} would leave {out_dir}")
    return full


def _real_dir(path: str, cache: dict[str, str]) -> str:
    if path not in cache:
        cache[path] = os.path.realpath(path)
    return cache[path]


def encode(files: list[RenderedFile]) -> dict[str, bytes]:
    return {f.path: f.text.encode("utf-8") for f in files}


def manifest_for(
    meta: dict[str, Any], blobs: dict[str, bytes], kept: dict[str, str] | None = None
) -> bytes:
    outputs = dict(kept or {}, **{p: sha256(b) for p, b in blobs.items()})
    data = dict(meta, outputs=dict(sorted(outputs.items())))
    return (
        json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    ).encode("utf-8")


def write_output(
    out_dir: str,
    files: list[RenderedFile],
    meta: dict[str, Any],
    force: bool = False,
    kept: dict[str, str] | None = None,
) -> Summary:
    """Write `files` into `out_dir` (only those that differ), remove the files of the
    last run that are gone, and write the manifest. `kept`: files of the last run
    the caller checked are still as the manifest says (path → sha256), left alone."""
    if os.path.lexists(out_dir) and not os.path.isdir(out_dir):
        raise OutputError(f"{out_dir} exists and is not a directory")
    blobs = encode(files)
    dirs: dict[str, str] = {}
    targets = {rel: safe_path(out_dir, rel, dirs) for rel in blobs}
    if (
        not force
        and os.path.isdir(out_dir)
        and not owned_by_modelgen(out_dir)
        and os.listdir(out_dir)
    ):
        raise OutputError(
            f"{out_dir} is not empty and was not written by modelgen; use --force to write into it"
        )
    os.makedirs(os.path.join(out_dir, META_DIR), exist_ok=True)
    with output_lock(out_dir, safe_path(out_dir, LOCK)):
        return _write_locked(out_dir, blobs, targets, meta, kept or {})


def _write_locked(
    out_dir: str,
    blobs: dict[str, bytes],
    targets: dict[str, str],
    meta: dict[str, Any],
    kept: dict[str, str],
) -> Summary:
    old = read_manifest(out_dir) or {}
    pending_old = read_pending(out_dir)
    owned = set(old.get("outputs", {})) | set(pending_old)
    current = {rel: current_bytes(targets[rel]) for rel in sorted(blobs)}
    changed = [rel for rel, data in current.items() if data != blobs[rel]]
    _parse_python(changed, blobs)
    if any(old.get("outputs", {}).get(rel) != sha for rel, sha in kept.items()):
        raise OutputError(f"{out_dir} changed while it was being regenerated")
    stale = [
        rel
        for rel in sorted(owned - set(blobs) - set(kept))
        if _stale_file(out_dir, rel)
    ]
    manifest = manifest_for(meta, blobs, kept)
    manifest_path = safe_path(out_dir, MANIFEST)
    summary = Summary(unchanged=len(blobs) + len(kept) - len(changed))
    if not (
        changed
        or stale
        or has_pending(out_dir)
        or current_bytes(manifest_path) != manifest
        or any(
            n.startswith(TEMP_PREFIX)
            for n in os.listdir(os.path.dirname(manifest_path))
        )
    ):
        return summary  # nothing to do: touch nothing
    _remove_temporaries(out_dir)
    pending = dict(pending_old)
    for rel, data in current.items():
        foreign = None
        if data is not None and rel not in owned and data != blobs[rel]:
            foreign = sha256(data)  # not ours: kept if no run gets to replace it
        pending.setdefault(rel, foreign)
    if current_bytes(safe_path(out_dir, IGNORE)) != IGNORED:
        atomic_write(safe_path(out_dir, IGNORE), IGNORED)
    atomic_write(safe_path(out_dir, PENDING), pending_bytes(pending))
    for rel in changed:
        atomic_write(targets[rel], blobs[rel])
        summary.written.append(rel)
    for rel in stale:
        path = safe_path(out_dir, rel)
        if pending_old.get(rel) is not None and _sha_of(path) == pending_old[rel]:
            continue  # a foreign file no run has touched: not ours to remove
        _unlink(path)
        summary.removed.append(rel)
        _prune(out_dir, os.path.dirname(path))
    if current_bytes(manifest_path) != manifest:
        atomic_write(manifest_path, manifest)
    for rel in (PENDING, LEGACY_MARKER):
        if os.path.lexists(os.path.join(out_dir, rel)):
            _unlink(os.path.join(out_dir, rel))
    return summary


def _parse_python(changed: list[str], blobs: dict[str, bytes]) -> None:
    """Last line of defence: never write code that does not compile (compiling
    to bytecode also refuses what parses but cannot run, such as a `return`
    outside a function, and is faster than building the syntax tree)."""
    for rel in changed:
        if not rel.endswith(".py"):
            continue
        try:
            compile(blobs[rel], rel, "exec", dont_inherit=True)
        except SyntaxError as exc:
            raise OutputError(
                f"{rel}: the generated module does not parse "
                f"({exc.msg}, line {exc.lineno}); nothing was written"
            ) from None


def _stale_file(out_dir: str, rel: str) -> bool:
    try:
        return os.path.isfile(safe_path(out_dir, rel))
    except OutputError:
        return False


def _sha_of(path: str) -> str | None:
    data = current_bytes(path)
    return None if data is None else sha256(data)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, path) from None


def _prune(out_dir: str, directory: str) -> None:
    base = os.path.realpath(out_dir)
    while (
        os.path.realpath(directory) != base
        and os.path.isdir(directory)
        and not os.listdir(directory)
    ):
        os.rmdir(directory)
        directory = os.path.dirname(directory)


def _remove_temporaries(out_dir: str) -> None:
    """Temporary files left by an interrupted run (only our own prefix)."""
    for directory, _, names in os.walk(out_dir):
        for name in names:
            if name.startswith(TEMP_PREFIX):
                _unlink(os.path.join(directory, name))
