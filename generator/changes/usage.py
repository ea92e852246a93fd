"""Part of `changes`: where each schema travels — in requests, responses, both, or nowhere.

A `Site` is one schema written in an operation: a request body or a
response body, keyed by operation, status and media type so the two
versions can be matched. `usage` follows `$ref`s from each operation
(through nested schemas, allOf/oneOf members, array items and maps) to
find, for every component, the operations that send or receive it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..build.tags import METHODS, component_refs
from ..diagnostics import join_pointer
from .rules import REQUEST, RESPONSE
from .schema import Node, Side


@dataclass(frozen=True, slots=True)
class Site:
    key: str  # "POST /pets request application/json", "GET /pets 200 application/json"
    direction: str
    operation: str  # "POST /pets"
    node: Node
    required: bool = False  # a request body or parameter the client must send
    success: bool = True  # a 2xx or default response
    what: str = "body"  # or "parameter"


@dataclass
class Usage:
    operations: dict[str, set[str]] = field(
        default_factory=dict
    )  # direction → operations
    as_body: bool = False  # a request or response body is exactly this component

    def directions(self) -> list[str]:
        return [d for d in (REQUEST, RESPONSE) if self.operations.get(d)]


def _deref(side: Side, node: Node) -> Node:
    for _ in range(16):
        if not (isinstance(node.value, dict) and "$ref" in node.value):
            return node
        target = side.follow(node)
        if target is None:
            return node
        node = target
    return node


def _bodies(node: Node, default: str) -> list[tuple[str, Node]]:
    """(media type, schema node) of a request body or response object.

    Media types are compared without parameters (`; charset=utf-8`); a
    Swagger 2.0 body has the operation's first `consumes`/`produces` type.
    """
    content = node.value.get("content") if isinstance(node.value, dict) else None
    found: dict[str, Node] = {}
    for media, body in content.items() if isinstance(content, dict) else ():
        if isinstance(body, dict) and "schema" in body:
            key = str(media).split(";")[0].strip().lower()
            found.setdefault(key, node.child("content", media, "schema"))
    if isinstance(node.value, dict) and "schema" in node.value:  # Swagger 2.0
        found.setdefault(default, node.child("schema"))
    return list(found.items())


def _media(side: Side, operation: Node, key: str) -> str:
    for owner in (operation.value, side.root):
        listed = owner.get(key) if isinstance(owner, dict) else None
        if isinstance(listed, list) and listed and isinstance(listed[0], str):
            return listed[0].split(";")[0].strip().lower()
    return "application/json"


Parts = tuple[str, Node, list[Node], list[tuple[str, Node]]]


def operation_nodes(side: Side) -> list[tuple[str, Node]]:
    """("GET /pets", operation) for every operation, path items and operations followed if `$ref`s."""
    paths = side.root.get("paths")
    found = []
    for path, item in paths.items() if isinstance(paths, dict) else ():
        node = _deref(
            side, Node(side.files.root, join_pointer("", "paths", path), item)
        )
        for method in METHODS:
            if isinstance(node.value, dict) and isinstance(
                node.value.get(method), dict
            ):
                operation = _deref(side, node.child(method))
                if isinstance(operation.value, dict):
                    found.append((f"{method.upper()} {path}", operation))
    return found


def operation_parts(side: Side) -> list[Parts]:
    """(label, operation, request objects, (status, response object) pairs)."""
    parts = []
    for label, op in operation_nodes(side):
        operation = op.value
        requests = []
        if "requestBody" in operation:
            requests.append(_deref(side, op.child("requestBody")))
        params = operation.get("parameters")
        for index in range(len(params) if isinstance(params, list) else 0):
            requests.append(_deref(side, op.child("parameters", index)))
        responses = operation.get("responses")
        answers = [
            (str(status), _deref(side, op.child("responses", status)))
            for status in (responses if isinstance(responses, dict) else {})
        ]
        parts.append((label, op, requests, answers))
    return parts


def operation_pointers(side: Side) -> dict[str, str]:
    """Operation label ("GET /pets") → where it is."""
    return {label: side.where(node) for label, node in operation_nodes(side)}


def sites(side: Side) -> dict[str, Site]:
    found: dict[str, Site] = {}
    for label, op, requests, answers in operation_parts(side):
        consumes, produces = _media(side, op, "consumes"), _media(side, op, "produces")
        for part in requests:
            value = part.value if isinstance(part.value, dict) else {}
            if "in" in value and value.get("in") != "body":
                key = f"{label} parameter {value.get('in')} {value.get('name')}"
                node = part.child("schema") if "schema" in value else part
                required = value.get("required") is True
                found[key] = Site(key, REQUEST, label, node, required, what="parameter")
                continue
            for media, node in _bodies(part, consumes):
                key = f"{label} request {media}"
                found[key] = Site(
                    key, REQUEST, label, node, value.get("required") is True
                )
        for status, part in answers:
            for media, node in _bodies(part, produces):
                key = f"{label} {status} {media}"
                success = status.startswith("2") or status == "default"
                found[key] = Site(key, RESPONSE, label, node, success=success)
    return found


def usage(side: Side) -> dict[str, Usage]:
    prefix = "#" + side.base + "/"
    known = side.components
    refs: dict[str, set[str]] = {}

    def direct(value: Any) -> set[str]:
        return {c for c in component_refs(value, prefix) if c in known}

    out: dict[str, Usage] = {}
    for label, _, requests, answers in operation_parts(side):
        responses = [node for _, node in answers]
        for direction, parts in ((REQUEST, requests), (RESPONSE, responses)):
            todo = [
                c for p in parts if p.file == side.files.root for c in direct(p.value)
            ]
            seen: set[str] = set()
            while todo:
                name = todo.pop()
                if name in seen:
                    continue
                seen.add(name)
                out.setdefault(name, Usage()).operations.setdefault(
                    direction, set()
                ).add(label)
                if name not in refs:
                    refs[name] = direct(known[name])
                todo.extend(refs[name])
    for site in sites(side).values():
        body = side.component_ref(site.node)
        if body is not None:
            out.setdefault(body, Usage()).as_body = True
    return out
