"""Stage 4: black-format the Python files, cached, in parallel; verify with `ast`.

The cache maps (black version, mode, sha256 of the unformatted source) to
the formatted text, one small file per entry under the user cache folder
(see `cache`: every entry is verified on read; a damaged one is dropped,
noted and recomputed). Unchanged models are never formatted twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterable, Iterator

from . import cache
from .render import RenderedFile

PARALLEL_THRESHOLD = 48  # cache misses below this are formatted in-process


def black_identity() -> str:
    """black's version and mode; read from metadata so `check` need not import black."""
    from importlib.metadata import version

    return f"black {version('black')} default mode"


def _key(identity: str, text: str) -> str:
    return hashlib.sha256(
        (identity + "\0" + text).encode("utf-8", "surrogatepass")
    ).hexdigest()


def _format_one(text: str) -> str:
    import black

    return black.format_str(text, mode=black.Mode())


def _cached(root: Path, key: str, notes: list[str] | None) -> str | None:
    payload = cache.load(root / key[:2] / key, key, notes)
    try:
        return None if payload is None else payload.decode("utf-8")
    except UnicodeDecodeError:
        return None


def black_stable(text: str) -> bool:
    """True when black would leave `text` unchanged (conservative: False if unsure).

    The renderer emits black's layout (quotes, spacing, blank lines,
    docstring indentation); what it cannot decide cheaply is where black
    would wrap a long line or how it treats escapes and single quotes.
    Files with any of those go to black.
    """
    if not text.endswith("\n") or text.endswith("\n\n"):
        return False
    in_docstring = False
    for line in text.split("\n"):
        if in_docstring:
            in_docstring = '"""' not in line
            continue
        if line.lstrip().startswith('"""'):
            in_docstring = line.count('"""') == 1
            continue
        if len(line) > 88 or "'" in line or "\\" in line:
            return False
    return not in_docstring


def format_files(
    files: list[RenderedFile],
    jobs: int | None = None,
    progress: Callable[[int], ContextManager[Any]] | None = None,
    notes: list[str] | None = None,
) -> list[RenderedFile]:
    """Formatted copies of `files` (Python only); `write` parses each before writing it.

    `progress(n)` may return a context manager with `update(1)` (a progress bar).
    """
    identity = black_identity()
    root = cache.cache_dir() / "format"
    todo: dict[int, str] = {}
    result = list(files)
    for index, item in enumerate(files):
        if not item.is_python or black_stable(item.text):
            continue
        cached = _cached(root, _key(identity, item.text), notes)
        if cached is not None:
            result[index] = replace(item, text=cached)
        else:
            todo[index] = item.text
    with progress(len(todo)) if progress and todo else contextlib.nullcontext() as bar:
        tick = (lambda: bar.update(1)) if bar is not None else None
        for text, index in zip(_run(list(todo.values()), jobs, tick), todo):
            result[index] = replace(files[index], text=text)
            key = _key(identity, files[index].text)
            cache.store(root / key[:2] / key, key, text.encode("utf-8"))
    return result


def _worker_setup() -> None:
    """Pool workers end when modelgen ends, even if it is killed (Linux: PR_SET_PDEATHSIG),
    and leave Ctrl-C to modelgen (which stops them), so they print nothing."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _run(
    texts: list[str], jobs: int | None, tick: Callable[[], None] | None
) -> Iterator[str]:
    workers = jobs or os.cpu_count() or 1
    if len(texts) < PARALLEL_THRESHOLD or workers < 2:
        results: Iterable[str] = map(_format_one, texts)
        for text in results:
            if tick:
                tick()  # before the yield: the caller stops at the last item
            yield text
        return
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    chunk = max(1, len(texts) // (workers * 8))
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_setup
    )
    try:
        for text in pool.map(_format_one, texts, chunksize=chunk):
            if tick:
                tick()
            yield text
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
