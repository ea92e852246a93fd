"""Stage 4: black-format the Python files, cached, in parallel; verify with `ast`.

The cache maps (black version, mode, sha256 of the unformatted source) to
the formatted text, one small file per entry under the user cache directory
(`MODELGEN_CACHE_DIR` overrides it). Unchanged models are never formatted
twice; a corrupt or missing entry is simply recomputed.
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

from .render import RenderedFile

PARALLEL_THRESHOLD = 48  # cache misses below this are formatted in-process


def black_identity() -> str:
    """black's version and mode; read from metadata so `check` need not import black."""
    from importlib.metadata import version

    return f"black {version('black')} default mode"


def cache_dir() -> Path:
    base = os.environ.get("MODELGEN_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"
    )
    return Path(xdg) / "modelgen"


def _key(identity: str, text: str) -> str:
    return hashlib.sha256(
        (identity + "\0" + text).encode("utf-8", "surrogatepass")
    ).hexdigest()


def _format_one(text: str) -> str:
    import black

    return black.format_str(text, mode=black.Mode())


def _read(entry: Path) -> str | None:
    try:
        return entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _store(entry: Path, text: str) -> None:
    try:
        tmp = entry.with_name(f".tmp-{os.getpid()}-{entry.name}")
        try:
            tmp.write_text(text, encoding="utf-8", newline="\n")
        except FileNotFoundError:
            entry.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, entry)
    except OSError:
        pass  # the cache is an optimisation only


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
        if " | " in line and line.endswith(("[", "(")):
            return False  # black would split the union at its operators
    return not in_docstring


def format_files(
    files: list[RenderedFile],
    jobs: int | None = None,
    progress: Callable[[int], ContextManager[Any]] | None = None,
) -> list[RenderedFile]:
    """Formatted copies of `files` (Python only); `write` parses each before writing it.

    `progress(n)` may return a context manager with `update(1)` (a progress bar).
    """
    identity = black_identity()
    root = cache_dir() / "format"
    todo: dict[int, str] = {}
    result = list(files)
    for index, item in enumerate(files):
        if not item.is_python or black_stable(item.text):
            continue
        cached = _read(root / _key(identity, item.text)[:2] / _key(identity, item.text))
        if cached is not None:
            result[index] = replace(item, text=cached)
        else:
            todo[index] = item.text
    with progress(len(todo)) if progress and todo else contextlib.nullcontext() as bar:
        tick = (lambda: bar.update(1)) if bar is not None else None
        for index, text in zip(todo, _run(list(todo.values()), jobs, tick)):
            result[index] = replace(files[index], text=text)
            key = _key(identity, files[index].text)
            _store(root / key[:2] / key, text)
    return result


def _die_with_parent() -> None:
    """Pool workers end when modelgen ends, even if it is killed (Linux: PR_SET_PDEATHSIG)."""
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
            yield text
            if tick:
                tick()
        return
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    chunk = max(1, len(texts) // (workers * 8))
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_die_with_parent
    ) as pool:
        for text in pool.map(_format_one, texts, chunksize=chunk):
            yield text
            if tick:
                tick()
