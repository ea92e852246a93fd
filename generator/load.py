"""Stage 1: read spec files safely and resolve `$ref`s.

Everything that touches the spec's bytes lives here: size and depth limits,
UTF-8 decoding, YAML (safe, YAML 1.2-style scalars, no duplicate keys, no
alias bombs) or JSON parsing, and reference resolution confined to the
spec's directory. Errors are `Diagnostic` values with a JSON pointer; the
line and column are looked up lazily, only when an error is reported.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import yaml

from .sniff import not_openapi
from .diagnostics import Diagnostic, SpecError, error
from .reparse import ParseCache

MAX_BYTES = 64 * 1024 * 1024  # a spec larger than this is refused
MAX_NODES = 2_000_000  # nodes after alias expansion; bombs exceed this
MAX_DEPTH = 400  # nesting of mappings/sequences in a document

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SURROGATE = re.compile(rb"\\[uU]0*[dD][89a-fA-F]")
_ANCHOR = re.compile(rb"(?:^|[\s\[{,:-])&[^\s\[\]{},]+")


_PLAIN = "modelgen:plain"  # an untyped plain scalar, typed by `_Loader.construct_plain`
_STR, _SEQ, _MAP, _MERGE = (
    f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map", "merge")
)
_MISSING = object()


class _Duplicate(yaml.MarkedYAMLError):  # type: ignore[misc]
    pass


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    """Safe loader for OpenAPI documents.

    YAML 1.2 booleans (`on`/`yes` stay strings), no timestamps, no duplicate
    keys, mapping keys kept as the text written (`200`, `null`, `true` are
    names, not numbers or constants), and no tags that build non-JSON values.
    """

    yaml_implicit_resolvers: dict[str, list[Any]] = {}
    _typed: dict[str, tuple[Any, ...]] = {}

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if (
                isinstance(key_node, yaml.ScalarNode)
                and key_node.tag != "tag:yaml.org,2002:merge"
            ):
                if key_node.value in seen:
                    raise _Duplicate(
                        "while constructing a mapping",
                        node.start_mark,
                        f"duplicate key {key_node.value!r}",
                        key_node.start_mark,
                    )
                seen.add(key_node.value)
        self.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = (
                key_node.value
                if isinstance(key_node, yaml.ScalarNode)
                else self.construct_object(key_node, deep=True)
            )
            if not isinstance(key, str):
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "keys must be strings",
                    key_node.start_mark,
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    # Construction. PyYAML's generic constructor (state machine, generators,
    # a resolver call per scalar) costs more than parsing in C; this builds the
    # same values in one recursive pass. Plain scalars are tagged `_PLAIN` by
    # `resolve` and typed here only when their first character could start a
    # non-string (the resolvers are keyed by it); anything unusual (explicit
    # tags, merge keys) goes through PyYAML's own constructors.

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0] and value not in ("<<", "="):
            return _PLAIN
        return super().resolve(kind, value, implicit)

    def construct_document(self, node: Any) -> Any:
        self.block_keys: list[int] = (
            []
        )  # lines of the keys of block mappings (for `reparse`)
        data = self._build(node, {})
        self.constructed_objects: dict[Any, Any] = {}
        self.recursive_objects: dict[Any, Any] = {}
        return data

    def _build(self, node: Any, memo: dict[int, Any]) -> Any:
        known = memo.get(id(node), _MISSING)
        if known is not _MISSING:
            return known
        tag = node.tag
        if tag == _PLAIN:
            return self.construct_plain(node)
        if tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            memo[id(node)] = items
            items.extend(self._build(child, memo) for child in node.value)
            return items
        if (
            tag == _MAP
            and isinstance(node, yaml.MappingNode)
            and not any(k.tag == _MERGE for k, _ in node.value)
        ):
            mapping: dict[str, Any] = {}
            memo[id(node)] = mapping
            block = not node.flow_style
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        "keys must be strings",
                        key_node.start_mark,
                    )
                key = key_node.value
                if block:
                    self.block_keys.append(key_node.start_mark.line)
                if key in mapping:
                    raise _Duplicate(
                        "while constructing a mapping",
                        node.start_mark,
                        f"duplicate key {key!r}",
                        key_node.start_mark,
                    )
                mapping[key] = self._build(value_node, memo)
            return mapping
        try:
            value = self.construct_object(node, deep=True)
        except (
            KeyError,
            TypeError,
            AttributeError,
        ) as exc:  # e.g. `!!bool maybe`, `!!map [1]`
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the tag {node.tag!r} does not fit this value",
                node.start_mark,
            ) from exc
        memo[id(node)] = value
        return value

    def construct_plain(self, node: Any) -> Any:
        value = node.value
        for tag, regexp in self._typed.get(value[:1], ()):
            if regexp.match(value):
                node.tag = tag
                return self.yaml_constructors[tag](self, node)
        return value

    def refuse_tag(self, node: Any) -> Any:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"the tag {node.tag!r} makes a value JSON cannot hold",
            node.start_mark,
        )


for _tag in ("binary", "timestamp", "set", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _Loader.refuse_tag)


def _install_resolvers() -> None:
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
        for tag, regexp in resolvers:
            if tag.endswith((":timestamp", ":bool")):
                continue
            _Loader.yaml_implicit_resolvers.setdefault(first, []).append((tag, regexp))
    boolean = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
    for first in "tTfF":
        _Loader.yaml_implicit_resolvers.setdefault(first, []).append(
            ("tag:yaml.org,2002:bool", boolean)
        )


_install_resolvers()
_Loader._typed = {
    first: tuple(r) for first, r in _Loader.yaml_implicit_resolvers.items()
}
_Loader.add_constructor(_PLAIN, _Loader.construct_plain)


@dataclass
class SpecFiles:
    """The root spec and every file it references, parsed once each."""

    root: str
    base_dir: str
    documents: dict[str, Any] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)

    @property
    def root_document(self) -> Any:
        return self.documents[self.root]

    def display(self, path: str) -> str:
        """Path as shown to users: relative to the spec's directory."""
        rel = os.path.relpath(path, self.base_dir)
        return rel if path != self.root else self.root_display

    root_display: str = ""
    cache: ParseCache | None = None  # parsed files of earlier runs


def load_spec(path: str, cache: ParseCache | None = None) -> SpecFiles:
    """Read and parse the root spec; raise `SpecError` when it is unusable."""
    root = os.path.realpath(path)
    files = SpecFiles(
        root=root, base_dir=os.path.dirname(root), root_display=path, cache=cache
    )
    problem = files_read(files, root)
    if problem:
        raise SpecError([problem])
    if not isinstance(files.root_document, dict):
        kind = type(files.root_document).__name__
        raise SpecError([error(path, "", f"the document is a {kind}, not a mapping")])
    return files


def files_read(files: SpecFiles, path: str) -> Diagnostic | None:
    """Parse `path` into `files.documents`; a diagnostic when that fails."""
    shown = files.display(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return error(shown, "", f"cannot read file: {exc.strerror}")
    if len(raw) > MAX_BYTES:
        return error(
            shown, "", f"file is larger than the {MAX_BYTES // 2**20} MiB limit"
        )
    files.digests[path] = hashlib.sha256(raw).hexdigest()
    cached = None
    if files.cache is not None and not _ANCHOR.search(
        raw
    ):  # shared nodes are never cached
        cached = (
            files.cache,
            os.path.relpath(path, files.base_dir),
            files.digests[path],
        )
    data, problem = parse_bytes(raw, shown, cached)
    if problem:
        return problem
    files.documents[path] = data
    return None


def _yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)


def _yaml_keyed(text: str) -> tuple[Any, list[int]]:
    """The data and the lines of every block-mapping key (what `reparse` may splice at)."""
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
        return data, getattr(loader, "block_keys", [])
    finally:
        loader.dispose()


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
    try:
        if text.lstrip("\ufeff \t\r\n")[:1] in "{[":
            data = json.loads(text.lstrip("\ufeff"), object_pairs_hook=_json_object)
        else:
            data = (
                cached[0].parse(cached[1], cached[2], text, _yaml_keyed)
                if cached
                else _yaml(text)
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
    except yaml.YAMLError as exc:
        return None, error(shown, "", not_openapi(shown, text) or _yaml_message(exc))
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
    if _ANCHOR.search(raw):
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


def _yaml_message(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is not None:
            return f"invalid YAML: {problem} (line {mark.line + 1}, column {mark.column + 1})"
        return f"invalid YAML: {problem}"
    return f"invalid YAML: {exc}"


def check_graph(data: Any) -> str | None:
    """Refuse alias bombs, recursive aliases and excessive nesting.

    YAML aliases share objects, so a small file can stand for billions of
    nodes. Count the expanded size with memoisation, iteratively.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[Any, bool, int]] = [(data, False, 0)]
    while stack:
        node, done, depth = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        key = id(node)
        children = list(node.values()) if isinstance(node, dict) else node
        if done:
            active.discard(key)
            total = 1 + sum(sizes.get(id(c), 1) for c in children)
            if total > MAX_NODES:
                return f"aliases expand to more than {MAX_NODES:,} nodes (alias bomb?)"
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in active:
            return "a YAML alias refers to a node that contains it (recursive alias)"
        if depth > MAX_DEPTH:
            return f"nesting deeper than {MAX_DEPTH} levels"
        active.add(key)
        stack.append((node, True, depth))
        stack.extend((c, False, depth + 1) for c in children)
    return None


def split_ref(ref: str) -> tuple[str, list[str]] | str:
    """(file part, pointer tokens) of a `$ref`, or why it is refused."""
    parsed = urllib.parse.urlsplit(ref)
    if parsed.scheme or ref.startswith("//"):
        scheme = parsed.scheme or "network"
        return (
            f"{scheme} references are not allowed (only files in the spec's directory)"
        )
    file_part, _, fragment = ref.partition("#")
    fragment = urllib.parse.unquote(fragment)
    if fragment and not fragment.startswith("/"):
        return f"unsupported reference fragment {fragment!r}"
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in fragment.split("/")[1:]]
    return urllib.parse.unquote(file_part), tokens


def walk(document: Any, tokens: list[str]) -> tuple[bool, Any]:
    """Follow pointer tokens; (found, value)."""
    node = document
    for token in tokens:
        if isinstance(node, dict):
            if token not in node:
                return False, None
            node = node[token]
        elif (
            isinstance(node, list)
            and re.fullmatch(r"[0-9]+", token)
            and int(token) < len(node)
        ):
            node = node[int(token)]
        else:
            return False, None
    return True, node


@functools.lru_cache(maxsize=4)
def _composed(path: str, stamp: tuple[int, int]) -> Any:
    """The node tree of `path` as it was at `stamp` (mtime, size): an edit is never missed."""
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.compose(handle, Loader=_BASE)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None


def locate(path: str, pointer: str) -> tuple[int, int]:
    """(line, column), 1-based, of the node at `pointer` in `path`; (0, 0) if unknown."""
    try:
        info = os.stat(path)
    except OSError:
        return 0, 0
    node = _composed(path, (info.st_mtime_ns, info.st_size))
    if node is None:
        return 0, 0
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    for token in tokens:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if getattr(k, "value", None) == token]
            if not match:
                break
            node = match[0]
        elif (
            isinstance(node, yaml.SequenceNode)
            and re.fullmatch(r"[0-9]+", token)
            and int(token) < len(node.value)
        ):
            node = node.value[int(token)]
        else:
            break
    if node is None:
        return 0, 0
    return node.start_mark.line + 1, node.start_mark.column + 1


@dataclass(frozen=True, slots=True)
class Target:
    """Where a `$ref` leads: the file, the pointer inside it, and the value."""

    path: str
    pointer: str
    value: Any


def resolve_ref(files: SpecFiles, ref: Any, base_file: str) -> Target | str:
    """Follow `ref` written in `base_file`; a message when it cannot be followed."""
    if not isinstance(ref, str):
        return f"$ref must be a string, not {type(ref).__name__}"
    parts = split_ref(ref)
    if isinstance(parts, str):
        return parts
    file_part, tokens = parts
    path = base_file
    if "\x00" in file_part:
        return "a file reference may not contain a NUL character"
    if file_part:
        if (
            os.path.isabs(file_part)
            or file_part.startswith(("\\", "~"))
            or re.match(r"^[A-Za-z]:", file_part)
        ):
            return "absolute file references are not allowed"
        path = os.path.realpath(os.path.join(os.path.dirname(base_file), file_part))
        if os.path.commonpath([path, files.base_dir]) != files.base_dir:
            return "the reference leaves the spec's directory"
        if path not in files.documents:
            problem = files_read(files, path)
            if problem:
                return f"cannot use {file_part!r}: {problem.message}"
    found, value = walk(files.documents[path], tokens)
    if not found:
        return f"reference target {ref!r} does not exist"
    pointer = "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)
    return Target(path, pointer, value)
