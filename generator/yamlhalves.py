"""Parsing a big YAML spec on two cores: cut in two at a block-mapping entry near
the middle, one half parsed in a forked process, the halves joined.

The cut is at a line `key:` whose parents are all `key:` lines of block
mappings (as `reparse` finds an entry). The second half is that entry and
those after it in the same mapping, under copies of the parents' key lines;
the first half is the rest of the file. The halves are joined only when
each proves the cut sound, else the caller parses the whole text:

- both parse; the second holds exactly the path of parents, ending in a
  mapping whose first key is the cut line's, and none of its keys is
  already in the first half's mapping there;
- the first half has a block-mapping key at the line after the cut part
  (unless the cut part ends the file): a quoted string or flow collection
  left open above the cut would have swallowed it;
- the text has no anchors, merge keys, document markers, directives, tabs
  or other line breaks (nothing in one half can refer to the other).

Texts under a mebibyte, systems without `fork` and processes running other
threads parse the whole text in one process.

The result is what a parse of the whole text gives: the same data, the
same key order, the same key lines (for `reparse`).
"""

from __future__ import annotations

import marshal
import os
import threading
from typing import Any, Callable

from .reparse import (
    BREAKS,
    MERGE,
    has_content,
    has_markers,
    line_indent,
    line_key,
    line_parent,
)

MIN_CHARACTERS = 1 << 20  # smaller texts: one process (a fork costs more than it saves)

Keyed = tuple[Any, list[int]]  # data, lines of the block-mapping keys


def load_in_halves(
    text: str, parse: Callable[[str], Keyed], has_anchor: bool
) -> Keyed | None:
    """`parse(text)` computed on two cores, or None when the text is not cut
    (small, no sound cut, `fork` missing, or a half refused: parse it whole)."""
    if (
        len(text) < MIN_CHARACTERS
        or has_anchor
        or not hasattr(os, "fork")
        or threading.active_count() > 1  # (a fork copies no other thread)
        or MERGE in text
        or has_markers(text)
        or any(c in text for c in BREAKS)
    ):
        return None
    lines = text.split("\n")
    found = _cut(lines)
    if found is None:
        return None
    start, end, path = found
    depth = len(path)
    second = "\n".join(
        [" " * indent + key + ":" for indent, key in path] + lines[start:end]
    )
    first = "\n".join(lines[:start] + lines[end:])
    halves = _both(first, second, parse)
    if halves is None:
        return None
    (data, keys), (more, more_keys) = halves
    shift = end - start
    joined_keys = [k if k < start else k + shift for k in keys]
    if end < len(lines) and _first_content(lines, end) not in set(joined_keys):
        return None  # something left open above the cut took the line after it
    holder, entries = data, more
    for _, key in path:
        if not (isinstance(holder, dict) and isinstance(entries, dict)):
            return None
        if list(entries) != [key] or key not in holder:
            return None
        holder, entries = holder[key], entries[key]
    if not (isinstance(holder, dict) and isinstance(entries, dict) and entries):
        return None
    if next(iter(entries)) != line_key(lines[start]) or any(
        k in holder for k in entries
    ):
        return None
    holder.update(entries)
    second_keys = [k - depth + start for k in more_keys if k >= depth]
    if not second_keys or second_keys[0] != start:
        return None
    return data, sorted(joined_keys + second_keys)


def _first_content(lines: list[str], index: int) -> int:
    while index < len(lines) and not has_content(lines[index]):
        index += 1
    return index


def _cut(lines: list[str]) -> tuple[int, int, list[tuple[int, str]]] | None:
    """(first line of the second half, the line after it, its parents' (indent,
    key)): the first entry after the middle of the text, in the least indented
    mapping whose entries from there on hold a quarter of the text at least;
    None when there is none."""
    sizes = [len(line) + 1 for line in lines]
    total = sum(sizes)
    seen, middle = 0, len(lines)
    for index, size in enumerate(sizes):
        seen += size
        if seen >= total // 2:
            middle = index + 1
            break
    for indent in (2, 4, 6, 8):
        for start in range(middle, min(len(lines), middle + 20000)):
            line = lines[start]
            if line_indent(line) != indent or line_key(line) is None:
                continue
            path = _parents(lines, start)
            if path is None:
                break  # not under block-mapping keys: try a deeper level
            end = start + 1
            while end < len(lines) and (
                not has_content(lines[end]) or line_indent(lines[end]) >= indent
            ):
                end += 1
            if sum(sizes[start:end]) * 4 >= total:
                return start, end, path
            break
    return None


def _parents(lines: list[str], index: int) -> list[tuple[int, str]] | None:
    """(indent, key) of each parent of the line `index`, outermost first; None
    unless each is a line that is only `key:`."""
    path: list[tuple[int, str]] = []
    while line_indent(lines[index]) > 0:
        parent = line_parent(lines, index, line_indent(lines[index]))
        key = None if parent is None else line_key(lines[parent])
        if parent is None or key is None:
            return None
        path.insert(0, (line_indent(lines[parent]), key))
        index = parent
    return path


def _both(first: str, second: str, parse: Callable[[str], Keyed]) -> Any:
    """(parse(first), parse(second)), the second in a forked child; None on failure."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse, send, leave without running any cleanup
        status = 1
        try:
            os.close(read)
            payload = marshal.dumps(parse(second))
            with os.fdopen(write, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    try:
        try:
            mine = parse(first)
        except Exception:  # noqa: BLE001 - the whole text's parse reports it
            return None
        finally:
            with os.fdopen(read, "rb") as pipe:
                payload = pipe.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    try:
        return mine, marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
