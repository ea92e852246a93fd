"""Stage 4: black-format the Python files, cached, in parallel; verify with `ast`.

The cache maps (black version, mode, sha256 of the unformatted source) to
the formatted text, one small file per entry under the user cache folder
(see `cache`: every entry is verified on read; a damaged one is dropped,
noted and recomputed). Unchanged models are never formatted twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterable, Iterator

from . import cache
from .cache import cache_dir as cache_dir  # where the other caches live too
from .rendered import RenderedFile
from .splits import NOQA_LONG as NOQA_LONG  # the mark of `longlines`
from .splits import splits_kept
from .toolchain import black_identity as black_identity  # part of the cache keys

PARALLEL_THRESHOLD = 48  # cache misses below this are formatted in-process


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


# A double-quoted string black leaves alone: no prefix, no escaped quote, and
# only the escapes it never rewrites (it normalises hex and named escapes);
# a double-quoted raw string holding no quote (black never edits its body), or
# an f-string holding neither quote nor backslash; or a single-quoted raw
# string holding a double quote with no backslash before it, or a plain one
# holding a double quote and no backslash (black cannot swap their quotes).
_PLAIN_STRING = re.compile(
    r'(?<![\w"])(?:"(?:[^"\\\n]|\\[\\nrt])*"|r"(?:[^"\\\n]|\\[^"\n])*"|f"[^"\\\n]*")'
    r"|(?<![\w'])r'(?=[^'\n]*(?<!\\)\")(?:[^'\\\n]|\\[^'\n])*'"
    r"|(?<![\w'])'(?=[^'\\\n]*\")[^'\\\n]*'"
)
# A line black cannot split: one string or name (keyword argument, dict entry
# or `name as name` allowed) and the comma that ends an item of an exploded bracket.
_ATOM_ITEM = re.compile(r' *(?:\w+=|"": )?(?:""|\w+)(?: as \w+)?,')
# A line holding one string or name alone, after the line that opens a call's
# or a subscript's bracket or a dict value's parentheses (black drops none).
_LONE_ATOM = re.compile(r' *(?:""|\w+)')
_LONE_ATOM_OPENER = re.compile(r'(?:\w[(\[]|^ *"[^"]*": \()$')
# The head of an import black has exploded (magic trailing comma): no shorter.
_IMPORT_HEAD = re.compile(r" *from [\w.]+ import \(")
_MARK = re.compile(r"  # noqa: [A-Z0-9, ]+$")  # a mark of `marks`, at the end of a line
# A keyword argument whose lambda calls one method of one name: black splits
# neither a lambda nor a single attribute from its parent.
_LAMBDA_HEAD = re.compile(r" *\w+=lambda: \w+\.\w+\(")
# A statement whose value is a call split at its bracket: a union in the
# annotation before it is no reason for black to lay the line out anew.
_CALL_VALUE = re.compile(r"[\w.]*\(")
# What black would join or close up: an empty bracket split over two lines,
# two blank lines after the imports before anything but a def or class (two
# patterns: searched one after the other, each is quicker than both as one).
_BLACK_JOINS = (
    re.compile(r"[\[({]\n *[\])}]"),
    re.compile(
        r"^(?:from|import) [^\n(]*(?:\([^)]*\))?\n\n\n(?!def |class |async def |@)",
        re.M,
    ),
)


def black_stable(text: str) -> bool:
    """True when black would leave `text` unchanged (conservative: False if unsure).

    The renderer emits black's layout (quotes, spacing, blank lines,
    docstring indentation, split class headers). Outside docstrings, a
    line passes when its strings are plain double-quoted ones (a single
    quote inside them is fine) and it fits in 88 columns, or is a line
    black cannot split further (see `_unsplittable`; a `# noqa: E501` mark
    after it is fine); a docstring line passes when black would strip no
    whitespace from it. A line ending in a bracket with a union before it
    passes only as an operand of a union already split at its operators
    or as a statement whose value is a call. Anything else (single-quoted
    strings, other escapes, a long line black could wrap) sends the file
    to black.
    """
    if not text.endswith("\n") or text.endswith("\n\n"):
        return False
    if any(pattern.search(text) for pattern in _BLACK_JOINS):
        return False
    if "\n\n\n\n" in text:
        return False
    in_docstring = False
    lines = text.split("\n")
    code = list(lines)  # each docstring line as its opening quotes
    for index, line in enumerate(lines):
        if in_docstring:
            in_docstring = '"""' not in line
            code[index] = code[index - 1]
            if not _docstring_line_ok(line):
                return False
            continue
        body = line.lstrip()
        if body.startswith('"""'):
            in_docstring = line.count('"""') == 1
            code[index] = line[: len(line) - len(body)] + '"""'
            if not _docstring_line_ok(line, opening=True):
                return False
            continue
        if body.startswith("# ") and len(line) <= 88:
            continue  # a comment black leaves as it is
        if len(line) > 88 or "'" in line or "\\" in line:
            bare = _PLAIN_STRING.sub('""', line)
            if "'" in bare or "\\" in bare:
                return False
            if len(line) > 88 and not _unsplittable(
                bare, lines[max(index - 1, 0) : index + 2]
            ):
                return False
        if line.endswith(("[", "(")) and " | " in _operand(line):
            head, equals, value = line.rpartition(" = ")
            if not equals or " | " in value or not _CALL_VALUE.fullmatch(value):
                return False  # black would split the union at its operators
    return not in_docstring and _blocks_spaced(code) and splits_kept(code)


# A top-level line that continues a statement or block instead of starting one.
_CONTINUES = re.compile(r"[)\]}]|(?:else|elif|except|finally)\b|#")
_IMPORTS = ("from ", "import ")


def _blocks_spaced(lines: list[str]) -> bool:
    """Blank lines as black writes them (`lines`: each docstring line as its quotes): two
    before a top-level class or def (none after its decorator) and after its
    body, at least one after top-level imports, at most one in a block
    (after other blocks, such as `if TYPE_CHECKING:`, black keeps what it
    finds)."""
    blank = 0
    definition = False  # the last top-level statement opened a class or def
    indented = importing = False
    previous = ""  # the last line that is not blank
    for line in lines:
        if not line.strip():
            blank += 1
            continue
        if not line[0].isspace():
            if not _CONTINUES.match(line):
                if definition and indented and blank != 2:
                    return False
                opens = line.startswith(("class ", "def ", "async def ", "@"))
                if opens and previous.startswith("#"):
                    return False  # unsure
                first = not previous or previous.startswith("@")
                if opens and blank != (0 if first else 2):
                    return False
                if importing and not blank and not line.startswith(_IMPORTS):
                    return False
                definition, importing = opens, line.startswith(_IMPORTS)
            indented = False
        elif blank > 1:
            return False
        else:
            indented = True
        blank, previous = 0, line
    return True


def _unsplittable(bare: str, around: list[str]) -> bool:
    """A long line (its strings emptied; `around`: it with the lines before and
    after it) black can shorten no further: an item of an exploded bracket,
    the lone argument of a call or value of a dict entry, the head of an
    exploded import or of a lambda's call; a mark for linters after it
    changes nothing."""
    code = _MARK.sub("", bare)
    previous, following = around[0], around[-1]
    if _ATOM_ITEM.fullmatch(code):
        return True
    if _LONE_ATOM.fullmatch(code):
        return _LONE_ATOM_OPENER.search(previous) is not None
    if _IMPORT_HEAD.fullmatch(code):
        return following.endswith(",")
    body = " " * (len(code) - len(code.lstrip()) + 4)
    return bool(_LAMBDA_HEAD.fullmatch(code)) and following.startswith(body)


def _operand(line: str) -> str:
    """`line` without its indentation and the `| ` that leads an operand of a
    union black has already split at its operators."""
    body = line.lstrip()
    return body[2:] if body.startswith("| ") else body


def _docstring_line_ok(line: str, opening: bool = False) -> bool:
    """No whitespace black would strip from a docstring: at the end of a line,
    after the opening quotes, or before the closing quotes (unless it keeps a
    quote or an odd backslash off them)."""
    text = line.strip()
    if line != line.rstrip() or opening and (text == '"""' or text[3:4].isspace()):
        return False
    if not text.endswith('"""') or text == '"""' or not text[:-3].endswith(" "):
        return True
    kept = text[:-4]
    slashes = len(kept) - len(kept.rstrip("\\"))
    return not kept.endswith(" ") and (kept.endswith('"') or slashes % 2 == 1)


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


def worker_setup(parent: int | None = None) -> None:
    """Pool workers end when modelgen ends, even if it is killed (Linux: PR_SET_PDEATHSIG),
    and leave Ctrl-C to modelgen (which stops them), so they print nothing.
    `parent`: modelgen's pid; a worker whose parent is gone already (killed
    before the signal was asked for) ends at once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if parent is not None and os.getppid() != parent:
        os._exit(1)


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
    import multiprocessing  # only for many modules (a partial run has a few)
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    chunk = max(1, len(texts) // (workers * 8))
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=worker_setup,
        initargs=(os.getpid(),),
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
