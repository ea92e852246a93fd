"""Part of stage 1 (load): parsed specs kept between runs, so an edit re-parses only what changed.

Parsing a big YAML spec is the largest cost of a regeneration after a small
edit. After a file is parsed, its text and data are stored under the cache
directory, keyed by the loader's code and the sha256 of the bytes. A later
run that reads the same bytes reuses the data. One that reads an edited
file whose previous version is known (the output's manifest lists the
sha256 of every input) compares the two texts line by line, finds the
innermost block mapping entry around the edit (`key:` alone on its line,
with only such keys above it), and re-parses that entry alone. It first
checks that the same entry of the old text parses to exactly what the old
data holds there, then swaps in the new value.

An entry may hold YAML anchors and aliases when it shares no node with the
rest of the file: an alias in it to an anchor outside it makes its parse
alone fail, and no anchor it defines (before or after the edit) may be named
outside it. Anything unusual falls back to a full parse: JSON files, an
entry that shares nodes, a merge key (`<<`) anywhere, directives or several
documents, tabs, an edit at the top level or under a sequence item, or any
doubt in the check. The cache is an optimisation only: every entry is
verified on read, and a damaged one is dropped (noted) and the file parsed
again.
"""

from __future__ import annotations

import hashlib
import marshal
import math
import re
from pathlib import Path
from typing import Any, Callable

from . import cache

KEEP = 6  # entries kept in the cache folder (each holds one file's text and data)
_KEY_LINE = re.compile(
    r"""( *)((?!-(?: |$))[A-Za-z0-9_$@./+-][^:#'"]*|"[^"\\]*"|'[^']*'):[ ]*"""
)
_MARKERS = ("---", "...", "%")  # at the start of a line: directives, documents
# A merge key, or what merely looks like one: a merge copies the mapping it merges, so a
# copy of a mapping above the entry would keep the old value.
MERGE = "<<"
_ANCHOR_NAME = re.compile(r"&([^\s\[\]{},]+)")  # and what merely looks like one


def has_markers(text: str) -> bool:
    return text.startswith(_MARKERS) or any("\n" + m in text for m in _MARKERS)


Parse = Callable[
    [str], tuple[Any, list[int]]
]  # text → (data, lines of the block-mapping keys)
BREAKS = (
    "\r",
    "\x85",
    "\u2028",
    "\u2029",
    "\t",
)  # other line breaks, tabs: never spliced


class ParseCache:
    """Parsed files by content; `previous` maps a file (as shown) to the sha256 it had last time.

    Entries are verified on read (see `cache`); `notes` collects the damaged ones dropped.
    """

    def __init__(
        self,
        folder: Path,
        salt: str,
        previous: dict[str, str],
        notes: list[str] | None = None,
    ) -> None:
        self.folder = folder
        self.salt = salt
        self.previous = previous
        self.notes = notes
        # file → (sha256 of the text spliced into, keys down to the entry re-parsed)
        self.edits: dict[str, tuple[str, tuple[str, ...]]] = {}

    def _key(self, sha: str) -> str:
        return hashlib.sha256(f"{self.salt}\0{sha}".encode()).hexdigest()[:32]

    def _read(self, sha: str) -> tuple[str, Any, list[int]] | None:
        key = self._key(sha)
        payload = cache.load(self.folder / f"{key}.marshal", key, self.notes)
        if payload is None:
            return None
        try:
            text, data, keys = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return None
        if not isinstance(text, str) or not isinstance(keys, list):
            return None
        if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != sha:
            return None  # not the text it claims to be the parse of
        return text, data, keys

    def parse(self, shown: str, sha: str, text: str, parse: Parse) -> Any:
        """The data of `text`: from the cache, by re-parsing an edited entry, or by `parse`."""
        found = self._read(sha)
        if found is not None and found[0] == text:
            return found[1]
        done = None
        old_sha = self.previous.get(shown)
        if old_sha is None and len(self.previous) == 1:  # the spec under a new name
            old_sha = next(iter(self.previous.values()))  # (a new version's file)
        old = self._read(old_sha) if old_sha and old_sha != sha else None
        if old is not None and old_sha is not None:
            spliced = splice(old[0], old[1], old[2], text, parse)
            if spliced is not None:
                done = spliced[:2]
                self.edits[shown] = (old_sha, spliced[2])
        if done is None:
            done = parse(text)
        self._store(sha, text, *done)
        return done[0]

    def _store(self, sha: str, text: str, data: Any, keys: list[int]) -> None:
        key = self._key(sha)
        try:
            blob = marshal.dumps((text, data, keys))
        except ValueError:
            return  # not marshallable: an optimisation only
        cache.store(self.folder / f"{key}.marshal", key, blob)
        try:
            entries = sorted(
                self.folder.glob("*.marshal"),
                key=lambda p: p.stat().st_mtime,
                reverse=True,
            )
            for stale in entries[KEEP:]:
                stale.unlink(missing_ok=True)
        except OSError:
            pass  # an optimisation only


def line_indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def has_content(line: str) -> bool:
    """Not blank and not a comment."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def line_key(line: str) -> str | None:
    """The key of a line that is only `key:`, else None."""
    match = _KEY_LINE.fullmatch(line)
    if not match:
        return None
    key = match.group(2).strip()
    if key[:1] in "\"'":
        return key[1:-1]  # the pattern admits no escapes inside quotes
    return key


def line_parent(lines: list[str], index: int, indent: int) -> int | None:
    """The nearest line above `index` that holds content with less indentation."""
    for above in range(index - 1, -1, -1):
        if has_content(lines[above]) and line_indent(lines[above]) < indent:
            return above
    return None


def splice(
    old_text: str, old_data: Any, old_keys: list[int], new_text: str, parse: Parse
) -> tuple[Any, list[int], tuple[str, ...]] | None:
    """(`old_data` with the edited entry re-parsed from `new_text`, the new key lines,
    the keys down to that entry), or None
    when unsure. `old_keys`: the lines of the old text's block-mapping keys, from its full parse;
    only such a line can start the entry or be one of its parents (not a line inside a quoted
    string or a flow collection that merely looks like `key:`)."""
    if (
        not isinstance(old_data, dict)
        or has_markers(new_text)
        or MERGE in new_text
        or any(c in old_text or c in new_text for c in BREAKS)
    ):
        return None
    keys = set(old_keys)
    old, new = old_text.split("\n"), new_text.split("\n")
    shortest = min(len(old), len(new))
    # identical lines at the start and at the end, found on the texts (memcmp)
    start = min(_same_lines(old_text, new_text), shortest)
    tail = min(_same_lines(old_text[::-1], new_text[::-1]), shortest - start)
    old_end, new_end = len(old) - tail, len(new) - tail
    edited = [line for line in old[start:old_end] + new[start:new_end] if line.strip()]
    if not edited:
        return None
    # The entry: the nearest `key:` line above the edit, less indented than every edited line.
    entry = line_parent(old, start, min(line_indent(line) for line in edited))
    while entry is not None and (entry not in keys or line_key(old[entry]) is None):
        entry = line_parent(old, entry, line_indent(old[entry]))
    if entry is None:
        return None
    indent = line_indent(old[entry])
    path: list[str] = []
    above = entry
    while line_indent(old[above]) > 0:
        parent = line_parent(old, above, line_indent(old[above]))
        key = None if parent is None or parent not in keys else line_key(old[parent])
        if parent is None or key is None:
            return None  # under a sequence item or a flow collection: not spliced
        path.insert(0, key)
        above = parent
    old_block, new_block = _block(old, entry, old_end, indent), _block(
        new, entry, new_end, indent
    )
    if old_block is None or new_block is None:
        return None
    if not _alone(old_block[0], new_block[0], new, entry, new_block[1]):
        return None
    key = line_key(old[entry])
    holder: Any = old_data
    for token in path:
        holder = holder.get(token) if isinstance(holder, dict) else None
    if key is None or not isinstance(holder, dict) or key not in holder:
        return None
    try:
        (before, _), (after, block_keys) = parse(old_block[0]), parse(new_block[0])
    except (
        Exception
    ):  # noqa: BLE001 - any doubt: the full parse decides (and reports errors)
        return None
    if not (
        isinstance(before, dict)
        and list(before) == [key]
        and isinstance(after, dict)
        and list(after) == [key]
    ):
        return None
    if not same(before[key], holder[key]):
        return None
    holder[key] = after[key]
    shift = new_block[1] - old_block[1]
    new_keys = (
        [k for k in old_keys if k < entry]
        + [entry + k for k in block_keys]
        + [k + shift for k in old_keys if k >= old_block[1]]
    )
    return old_data, new_keys, (*path, key)


def _alone(
    old_block: str, new_block: str, lines: list[str], start: int, end: int
) -> bool:
    """Whether the entry (`old_block` before the edit, `new_block` after it, lines `start` to
    `end` of `lines`) shares no node with the rest of the file: no anchor name it defines
    appears outside it, as an anchor or an alias. An alias in it to an anchor outside it
    fails its parse alone, and an alias elsewhere to a mapping above it shares the new
    value, as after a full parse."""
    names = set(_ANCHOR_NAME.findall(old_block)) | set(_ANCHOR_NAME.findall(new_block))
    if not names:
        return True
    outside = "\n".join(lines[:start] + lines[end:])
    return not any(f"&{name}" in outside or f"*{name}" in outside for name in names)


def _same_lines(a: str, b: str) -> int:
    """How many lines `a` and `b` have in common at the start."""
    at = _same_prefix(a, b)
    lines = a.count("\n", 0, at)
    if a[at : at + 1] in ("", "\n") and b[at : at + 1] in ("", "\n"):
        lines += 1  # the line the common part ends in ends there in both
    return lines


def _same_prefix(a: str, b: str, block: int = 1 << 16) -> int:
    """The length of the longest common prefix of `a` and `b`."""
    end, at = min(len(a), len(b)), 0
    while at < end and a[at : at + block] == b[at : at + block]:
        at += block
    if at >= end:
        return end
    while block > 1:  # the first difference is in a[at : at + block]: halve it
        block //= 2
        if a[at : at + block] == b[at : at + block]:
            at += block
    return at


def _block(
    lines: list[str], entry: int, edit_end: int, indent: int
) -> tuple[str, int] | None:
    """(text of the entry starting at `entry`, dedented; the line after it), or None if a line
    breaks its indentation."""
    end = max(edit_end, entry + 1)
    while end < len(lines) and not (
        has_content(lines[end]) and line_indent(lines[end]) <= indent
    ):
        end += 1
    body = lines[entry:end]
    if any(line.strip() and line_indent(line) < indent for line in body):
        return None  # e.g. a comment further left inside the entry
    return (
        "\n".join(line[indent:] for line in body) + ("\n" if end < len(lines) else ""),
        end,
    )


def same(a: Any, b: Any) -> bool:
    """Equal as JSON values, with the same Python types and key order (1, 1.0 and True differ)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)
