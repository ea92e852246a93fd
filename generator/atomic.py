"""Replacing a file atomically: the one way every stage writes a file.

The bytes go to a temporary file beside the target (same directory, so the
same file system), which is then renamed over it: a reader sees the old
file or the new one, never a part. Missing directories are created; the
temporary file is removed if anything fails (a full disk leaves nothing
behind), and the error names the target, never the temporary file.
Temporary names start with `TEMP_PREFIX`, so an interrupted run's
leftovers can be recognised.
"""

from __future__ import annotations

import errno
import os

TEMP_PREFIX = ".modelgen-"


def _discard(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`."""
    target = os.fspath(path)
    directory, name = os.path.split(target)
    tmp = os.path.join(directory, f"{TEMP_PREFIX}{os.getpid()}-{name}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        try:
            fd = os.open(tmp, flags, 0o644)
        except FileNotFoundError:
            os.makedirs(directory, exist_ok=True)
            fd = os.open(tmp, flags, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        _discard(tmp)
        raise OSError(
            exc.errno or errno.EIO, exc.strerror or str(exc), target
        ) from None
    except BaseException:
        _discard(tmp)
        raise


def current_bytes(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None
