"""Prove "up to date" from the manifest alone: no parsing, no rendering.

The output is up to date when the manifest was written by this tool,
formatter, template set and libraries, with the same names and Unicode
treatment (see `toolchain`), the same options and package name; every
input file still has the recorded sha256; every output file has the
recorded sha256; and no run is pending. Anything else (or any doubt, such
as a spec that is not a regular file) sends the caller down the full path.
"""

from __future__ import annotations

import functools
import hashlib
import os
from typing import Any

from . import __version__
from .remote import cached_digest
from .rendered import templates_digest
from .toolchain import TOOLCHAIN_FIELDS, black_identity, libraries, naming_digest
from .toolchain import toolchain_now
from .write import has_pending, read_manifest


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """sha256 over the generator's own source, so a changed generator is never "up to date"."""
    digest = hashlib.sha256()
    root = os.path.dirname(os.path.abspath(__file__))
    for directory, dirs, names in sorted(os.walk(root)):
        dirs.sort()
        for name in sorted(n for n in names if n.endswith(".py")):
            path = os.path.join(directory, name)
            digest.update(os.path.relpath(path, root).replace(os.sep, "/").encode())
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:16]


def current_meta(options: dict[str, Any], package: str) -> dict[str, Any]:
    """Every recorded input of the output except the spec files and their characters."""
    return {
        "tool": f"modelgen {__version__} ({code_digest()})",
        "formatter": black_identity(),
        "templates": templates_digest(),
        "libraries": libraries(),
        "naming": naming_digest(),
        "options": options,
        "package": package,
    }


def file_sha256(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        if not os.path.isfile(path):
            return None  # a FIFO or device is read once, by the full path
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def up_to_date(spec: str, output: str, options: dict[str, Any], package: str) -> bool:
    manifest = read_manifest(output)
    if manifest is None or has_pending(output):
        return False
    meta = current_meta(options, package)
    if any(manifest.get(key) != value for key, value in meta.items()):
        return False
    now = toolchain_now(manifest, meta)
    if any(manifest.get(key) != now[key] for key in TOOLCHAIN_FIELDS):
        return False
    inputs = manifest.get("inputs")
    base = os.path.dirname(os.path.realpath(spec))
    if (
        not isinstance(inputs, dict)
        or os.path.basename(os.path.realpath(spec)) not in inputs
    ):
        return False
    for rel, digest in inputs.items():
        if file_sha256(os.path.join(base, rel)) != digest:
            return False
    if any(cached_digest(u) != d for u, d in (manifest.get("remote") or {}).items()):
        return False
    for rel, digest in manifest["outputs"].items():
        if file_sha256(os.path.join(output, *rel.split("/"))) != digest:
            return False
    return True
