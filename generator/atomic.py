"""Replacing a file atomically: the one way every stage writes a file.

The bytes go to a temporary file beside the target (same directory, so the
same file system), which is then renamed over it: a reader sees the old
file or the new one, never a part. Missing directories are created; the
temporary file is removed if anything fails. Temporary names start with
`TEMP_PREFIX`, so an interrupted run's leftovers can be recognised.
"""

from __future__ import annotations

import os

TEMP_PREFIX = ".modelgen-"


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`."""
    directory, name = os.path.split(os.fspath(path))
    tmp = os.path.join(directory, f"{TEMP_PREFIX}{os.getpid()}-{name}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    except FileNotFoundError:
        os.makedirs(directory, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
