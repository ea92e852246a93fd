"""`$ref` resolution: which document, which place in it, and where that is in the text.

A reference is resolved against the document it is written in: a relative
file stays in the spec's directory (or the same git revision), a URL is
fetched only when the allow-list permits (see `remote`). Fragments are JSON
pointers (`#/components/schemas/Pet`) or, in JSON Schema, plain names that
an `$anchor` declares (`#pet`).
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from . import sources
from .load import SpecFiles, files_read
from .pointer import join_pointer, split_pointer
from .yamlload import compose, node_at


def split_ref(ref: str) -> tuple[str, list[str] | str]:
    """(document part, pointer tokens) of a `$ref`; a plain-name fragment stays a string."""
    file_part, _, fragment = ref.partition("#")
    fragment = urllib.parse.unquote(fragment)
    if sources.is_url(file_part):
        return file_part, (
            split_pointer(fragment)
            if fragment.startswith("/") or not fragment
            else fragment
        )
    file_part = urllib.parse.unquote(file_part)
    if fragment and not fragment.startswith("/"):
        return file_part, fragment
    return file_part, split_pointer(fragment)


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


def find_anchor(document: Any, name: str) -> list[str] | None:
    """Pointer tokens of the schema declaring `$anchor: name` (or a `$id: "#name"`)."""
    stack: list[tuple[Any, list[str]]] = [(document, [])]
    while stack:
        node, tokens = stack.pop()
        if isinstance(node, dict):
            if (
                name in (node.get("$anchor"), node.get("$dynamicAnchor"))
                or node.get("$id") == "#" + name
            ):
                return tokens
            stack.extend(
                (v, tokens + [str(k)])
                for k, v in node.items()
                if k not in ("enum", "const", "default", "examples", "example")
            )
        elif isinstance(node, list):
            stack.extend((v, tokens + [str(i)]) for i, v in enumerate(node))
    return None


def embedded(files: SpecFiles, path: str, file_part: str) -> list[str] | None:
    """Pointer tokens of the schema in document `path` whose `$id` is `file_part`
    (as written, or resolved against the `$id`s around it: JSON Schema's embedded resources).
    """
    ids = files.ids.get(path)
    if ids is None:
        ids = files.ids[path] = {}
        stack: list[tuple[Any, list[str], str]] = [(files.documents[path], [], "")]
        while stack:
            node, tokens, base = stack.pop()
            if isinstance(node, dict):
                if isinstance(node.get("$id"), str) and not node["$id"].startswith("#"):
                    ids.setdefault(node["$id"].rstrip("#"), tokens)
                    base = urllib.parse.urljoin(base, node["$id"].rstrip("#"))
                    ids.setdefault(base, tokens)
                skip = ("enum", "const", "default", "examples", "example")
                stack.extend(
                    (v, tokens + [str(k)], base)
                    for k, v in node.items()
                    if k not in skip
                )
            elif isinstance(node, list):
                stack.extend((v, tokens + [str(i)], base) for i, v in enumerate(node))
    root_id = (
        files.documents[path].get("$id")
        if isinstance(files.documents[path], dict)
        else None
    )
    absolute = (
        urllib.parse.urljoin(root_id, file_part)
        if isinstance(root_id, str)
        else file_part
    )
    return ids.get(file_part, ids.get(absolute))


def locate(path: str, pointer: str) -> tuple[int, int]:
    """(line, column), 1-based, of the node at `pointer` in `path`; (0, 0) if unknown."""
    node = compose(path)
    if node is None:
        return 0, 0
    node = node_at(node, split_pointer(pointer))
    return node.start_mark.line + 1, node.start_mark.column + 1


@dataclass(frozen=True, slots=True)
class Target:
    """Where a `$ref` leads: the document, the pointer inside it, and the value."""

    path: str
    pointer: str
    value: Any


def resolve_ref(files: SpecFiles, ref: Any, base_file: str) -> Target | str:
    """Follow `ref` written in document `base_file`; a message when it cannot be followed."""
    if not isinstance(ref, str):
        return f"$ref must be a string, not {type(ref).__name__}"
    file_part, tokens = split_ref(ref)
    path = base_file
    inside = embedded(files, base_file, file_part) if file_part else None
    if inside is not None:  # a schema of this document that declares this `$id`
        if isinstance(tokens, list):
            tokens = inside + tokens
        file_part = ""
    if file_part:
        try:
            path = sources.child_key(base_file, files.base_dir, file_part)
        except sources.SourceError as exc:
            return str(exc)
        if path not in files.documents:
            problem = files_read(files, path, parent=base_file)
            if problem:
                return f"cannot use {file_part!r}: {problem.message}"
    document = files.documents[path]
    if isinstance(tokens, str):
        found_tokens = find_anchor(document, tokens)
        if found_tokens is None:
            return f"unsupported reference fragment {tokens!r}: no $anchor of that name"
        tokens = found_tokens
    return follow(files, path, tokens, ref, 0)


def follow(
    files: SpecFiles, path: str, tokens: list[str], ref: str, hops: int
) -> Target | str:
    """Walk `tokens` in document `path`, through a `$ref` that stands for a mapping on the way
    (`schemas: {$ref: schemas.json}` makes `#/components/schemas/Pet` the `Pet` of that file).
    """
    node = files.documents[path]
    for index, token in enumerate(tokens):
        if (
            isinstance(node, dict)
            and token not in node
            and isinstance(node.get("$ref"), str)
        ):
            inner = (
                resolve_ref(files, node["$ref"], path)
                if hops < 16
                else "too many references"
            )
            if isinstance(inner, str):
                return f"reference target {ref!r} does not exist"
            rest = split_pointer(inner.pointer) + tokens[index:]
            return follow(files, inner.path, rest, ref, hops + 1)
        found, node = walk(node, [token])
        if not found:
            return f"reference target {ref!r} does not exist"
    return Target(path, join_pointer("", *tokens), node)
