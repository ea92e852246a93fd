"""Stage 5: the only stage that touches the output directory.

Plan first (every path checked to stay inside the output directory), then
write only files whose bytes changed, each via a temporary file and an
atomic rename; remove files this tool wrote before and no longer makes
(known from the manifest); leave every other file alone; write the
manifest last. A marker file exists while a write is in progress, so an
interrupted run is detected by `check` and repaired by the next `generate`.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

from .atomic import atomic_write
from .render import RenderedFile

META_DIR = ".modelgen"
MANIFEST = f"{META_DIR}/manifest.json"
MARKER = f"{META_DIR}/incomplete"
_PART = re.compile(r"^\.?[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$")


class OutputError(Exception):
    """The output directory cannot be written as asked."""


@dataclass
class Summary:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

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


def read_manifest(out_dir: str) -> dict[str, Any] | None:
    try:
        with open(os.path.join(out_dir, MANIFEST), encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    return (
        data
        if isinstance(data, dict) and isinstance(data.get("outputs"), dict)
        else None
    )


def current_bytes(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def encode(files: list[RenderedFile]) -> dict[str, bytes]:
    return {f.path: f.text.encode("utf-8") for f in files}


def manifest_for(meta: dict[str, Any], blobs: dict[str, bytes]) -> bytes:
    data = dict(meta, outputs={p: sha256(b) for p, b in sorted(blobs.items())})
    return (
        json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    ).encode("utf-8")


def write_output(
    out_dir: str, files: list[RenderedFile], meta: dict[str, Any], force: bool = False
) -> Summary:
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise OutputError(f"{out_dir} exists and is not a directory")
    blobs = encode(files)
    dirs: dict[str, str] = {}
    targets = {rel: safe_path(out_dir, rel, dirs) for rel in blobs}
    old = read_manifest(out_dir)
    if old is None and os.path.isdir(out_dir) and os.listdir(out_dir) and not force:
        raise OutputError(
            f"{out_dir} is not empty and was not written by modelgen; use --force to write into it"
        )
    summary = Summary()
    os.makedirs(out_dir, exist_ok=True)
    _remove_temporaries(out_dir)
    changed = [
        rel for rel in sorted(blobs) if current_bytes(targets[rel]) != blobs[rel]
    ]
    for rel in changed:
        if rel.endswith(".py"):
            ast.parse(
                blobs[rel], filename=rel
            )  # last line of defence: never write code that does not parse
    summary.unchanged = len(blobs) - len(changed)
    marker = safe_path(out_dir, MARKER)
    atomic_write(marker, b"a modelgen run is writing this directory\n")
    for rel in changed:
        atomic_write(targets[rel], blobs[rel])
        summary.written.append(rel)
    for rel in sorted(set((old or {}).get("outputs", {})) - set(blobs)):
        try:
            path = safe_path(out_dir, rel)
        except OutputError:
            continue
        if os.path.isfile(path):
            os.unlink(path)
            summary.removed.append(rel)
            _prune(out_dir, os.path.dirname(path))
    manifest = manifest_for(meta, blobs)
    manifest_path = safe_path(out_dir, MANIFEST)
    if current_bytes(manifest_path) != manifest:
        atomic_write(manifest_path, manifest)
    os.unlink(marker)
    return summary


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
            if name.startswith(".modelgen-"):
                os.unlink(os.path.join(directory, name))
