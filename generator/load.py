"""Stage 1: read spec documents safely.

Everything that touches the spec's bytes lives here: size and depth limits,
UTF-8 decoding, YAML (see `yamlload`) or JSON parsing. Documents come from
files, URLs (remote, by permission: see `remote`), a git revision or
standard input (see `sources`); `$ref`s are followed in `refs`. Errors are
`Diagnostic` values with a JSON pointer; the line and column are looked up
lazily, only when an error is reported.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

from . import sources
from .sniff import not_openapi
from .diagnostics import Diagnostic, SpecError, error
from .remote import RemoteError, RemotePolicy, fetch
from .reparse import ParseCache
from .yamlhalves import load_in_halves
from .yamlload import YAMLError, load_yaml, load_yaml_keyed, yaml_message

MAX_BYTES = 64 * 1024 * 1024  # a spec larger than this is refused
MAX_NODES = 2_000_000  # nodes after alias expansion; bombs exceed this
MAX_DEPTH = 400  # nesting of mappings/sequences in a document

_SURROGATE = re.compile(rb"\\[uU]0*[dD][89a-fA-F]")
_ANCHOR = re.compile(rb"(?:^|[\s\[{,:-])&[^\s\[\]{},]+")
_ANCHOR_START = re.compile(rb"&")


def has_anchor(raw: bytes) -> bool:
    """Whether the text may define a YAML anchor (`&name` where a node can start).

    The same test as `_ANCHOR`, looked for only around each `&` (few in a spec):
    the pattern alone scans a big file slowly."""
    for found in _ANCHOR_START.finditer(raw):
        start = max(found.start() - 1, 0)
        if _ANCHOR.match(raw, start) or (found.start() == 0 and _ANCHOR.match(raw, 0)):
            return True
    return False


@dataclass
class SpecFiles:
    """The root spec and every document it references, parsed once each."""

    root: str
    base_dir: str
    documents: dict[str, Any] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # local documents
    remote: dict[str, str] = field(
        default_factory=dict
    )  # URL → sha256 of what was used
    root_display: str = ""
    cache: ParseCache | None = None  # parsed files of earlier runs
    policy: RemotePolicy = field(default_factory=RemotePolicy)
    depth: dict[str, int] = field(default_factory=dict)  # remote documents on the way
    ids: dict[str, dict[str, list[str]]] = field(
        default_factory=dict
    )  # see `refs.embedded`

    @property
    def root_document(self) -> Any:
        return self.documents[self.root]

    def display(self, path: str) -> str:
        """A document as shown to users: relative to the spec's directory."""
        return sources.display(path, self.root, self.root_display, self.base_dir)


def load_spec(
    path: str, cache: ParseCache | None = None, policy: RemotePolicy | None = None
) -> SpecFiles:
    """Read and parse the root spec; raise `SpecError` when it is unusable."""
    policy = policy or RemotePolicy()
    try:
        root = sources.root_of(path, MAX_BYTES)
    except sources.SourceError as exc:
        raise SpecError([error(path, "", str(exc))]) from None
    local = (
        not (sources.is_url(root.key) or sources.is_git(root.key)) and root.data is None
    )
    files = SpecFiles(
        root=root.key,
        base_dir=root.base,
        root_display=root.shown,
        cache=cache if local else None,
        policy=policy,
    )
    problem = files_read(files, root.key, data=root.data)
    if problem:
        raise SpecError([problem])
    if not isinstance(files.root_document, dict):
        kind = type(files.root_document).__name__
        raise SpecError(
            [error(root.shown, "", f"the document is a {kind}, not a mapping")]
        )
    return files


def read_bytes(files: SpecFiles, key: str, parent: str | None) -> bytes:
    """The bytes of the document `key` (referenced from `parent`); OSError-like failures raise."""
    if sources.is_url(key):
        depth = files.depth.get(parent, 0) + 1 if parent else 1
        if depth > files.policy.max_depth:
            raise RemoteError(
                f"remote documents reference each other more than {files.policy.max_depth} deep"
            )
        files.depth[key] = depth
        data = fetch(key, files.policy)
        files.remote[key] = hashlib.sha256(data).hexdigest()
        return data
    if sources.is_git(key):
        return sources.git_read(key, MAX_BYTES)
    with open(key, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def files_read(
    files: SpecFiles, path: str, parent: str | None = None, data: bytes | None = None
) -> Diagnostic | None:
    """Parse document `path` into `files.documents`; a diagnostic when that fails."""
    shown = files.display(path)
    try:
        raw = data if data is not None else read_bytes(files, path, parent)
    except OSError as exc:
        return error(shown, "", f"cannot read file: {exc.strerror}")
    except (RemoteError, sources.SourceError) as exc:
        return error(shown, "", str(exc))
    if len(raw) > MAX_BYTES:
        return error(
            shown, "", f"file is larger than the {MAX_BYTES // 2**20} MiB limit"
        )
    if not sources.is_url(path):
        files.digests[path] = hashlib.sha256(raw).hexdigest()
    cached = None
    if files.cache is not None and path in files.digests:
        cached = (
            files.cache,
            os.path.relpath(path, files.base_dir),
            files.digests[path],
        )
    parsed, problem = parse_bytes(raw, shown, cached)
    if problem:
        return problem
    files.documents[path] = parsed
    return None


def parse_bytes(
    raw: bytes, shown: str, cached: tuple[ParseCache, str, str] | None = None
) -> tuple[Any, Diagnostic | None]:
    """Decode and parse one file; the diagnostic explains any failure.

    `cached`: (cache, file relative to the spec, sha256) to reuse earlier parses (`reparse`).
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, error(
            shown, "", f"not valid UTF-8 at byte {exc.start} (line {line})"
        )
    if not text.strip():
        return None, error(shown, "", "the file is empty: no document")
    anchors = has_anchor(raw)

    def keyed(text: str) -> tuple[Any, list[int]]:  # a big text on two cores
        return load_in_halves(text, load_yaml_keyed, anchors) or load_yaml_keyed(text)

    try:
        if text.lstrip("\ufeff \t\r\n")[:1] in "{[":
            data = json.loads(text.lstrip("\ufeff"), object_pairs_hook=_json_object)
        else:
            data = (
                cached[0].parse(cached[1], cached[2], text, keyed)
                if cached
                else load_yaml(text)
            )
    except _DuplicateJSONKey as exc:
        return None, error(shown, "", f"duplicate key {exc.args[0]!r}")
    except json.JSONDecodeError as exc:
        return None, error(
            shown,
            "",
            not_openapi(shown, text)
            or f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
        )
    except YAMLError as exc:
        return None, error(shown, "", not_openapi(shown, text) or yaml_message(exc))
    except RecursionError:
        return None, error(shown, "", "the document is nested too deeply to parse")
    except ValueError as exc:  # e.g. integers longer than Python converts
        return None, error(shown, "", f"invalid value: {exc}")
    if _SURROGATE.search(raw) and _has_surrogate(data):
        return None, error(
            shown,
            "",
            "a string holds a lone UTF-16 surrogate (\\ud800-\\udfff), which is not text",
        )
    if anchors:
        problem = check_graph(data)
        if problem:
            return None, error(shown, "", problem)
    return data, None


def _has_surrogate(data: Any) -> bool:
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class _DuplicateJSONKey(ValueError):
    pass


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateJSONKey(key)
            seen.add(key)
    return result


def check_graph(data: Any) -> str | None:
    """Refuse alias bombs, recursive aliases and excessive nesting.

    YAML aliases share objects, so a small file can stand for billions of
    nodes. Count the expanded size with memoisation, depth first (the depth is
    bounded, so the recursion is too), the last child first.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: dict[str, Any] | list[Any], depth: int) -> int:
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            return known
        if key in active:
            raise _Refused(
                "a YAML alias refers to a node that contains it (recursive alias)"
            )
        if depth > MAX_DEPTH:
            raise _Refused(f"nesting deeper than {MAX_DEPTH} levels")
        active.add(key)
        total = 1
        for child in reversed(node.values() if isinstance(node, dict) else node):
            total += size(child, depth + 1) if isinstance(child, (dict, list)) else 1
        if total > MAX_NODES:
            raise _Refused(
                f"aliases expand to more than {MAX_NODES:,} nodes (alias bomb?)"
            )
        active.discard(key)
        sizes[key] = total
        return total

    try:
        if isinstance(data, (dict, list)):
            size(data, 0)
    except _Refused as refused:
        return str(refused)
    return None


class _Refused(Exception):
    """What `check_graph` found wrong."""
