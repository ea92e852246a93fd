"""Files replaced whole or not at all: the one helper every writer uses."""

from __future__ import annotations

import errno
import os

TEMP_PREFIX = ".modelgen-"


def _discard(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def atomic_write(path: str, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`.

    On any failure the temporary file is removed; an `OSError` names `path`
    itself (never the temporary file).
    """
    directory, name = os.path.split(path)
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
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise OSError(exc.errno or errno.EIO, exc.strerror or str(exc), path) from None
    except BaseException:
        _discard(tmp)
        raise


def current_bytes(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None
