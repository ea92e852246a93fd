"""Part of `changes`: where each schema travels — in requests, responses, both, or nowhere.

A `Site` is one schema written in an operation: a request body, a
parameter or a response body, keyed by operation (path parameter names left
out), status and media type, so the two versions can be matched. `usage` follows `$ref`s from each operation
(through nested schemas, allOf/oneOf members, array items and maps) to
find, for every component, the operations that send or receive it.
"""

from __future__ import annotations

import re
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
    op_key: str = ""  # the operation, as matched between versions


@dataclass
class Usage:
    operations: dict[str, set[str]] = field(
        default_factory=dict
    )  # direction → operations
    as_body: bool = False  # a request or response body is exactly this component


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


@dataclass(frozen=True, slots=True)
class Operation:
    key: str  # "GET /pets/{}": path parameter names left out, to match versions
    label: str  # "GET /pets/{id}"
    path: str
    node: Node
    requests: tuple[Node, ...]  # request body and parameters (path-level ones too)
    answers: tuple[tuple[str, Node], ...]  # (status, response)


def operations_of(side: Side) -> list[Operation]:
    """Every operation; path items, operations, bodies and responses followed if `$ref`s."""
    paths = side.root.get("paths")
    found = []
    for path, item in paths.items() if isinstance(paths, dict) else ():
        node = _deref(
            side, Node(side.files.root, join_pointer("", "paths", path), item)
        )
        if not isinstance(node.value, dict):
            continue
        shared = _parameters(side, node)
        for method in METHODS:
            if isinstance(node.value.get(method), dict):
                op = _deref(side, node.child(method))
                if isinstance(op.value, dict):
                    found.append(_operation(side, str(path), method, op, shared))
    return found


def _parameters(side: Side, owner: Node) -> dict[tuple[str, str], Node]:
    params = owner.value.get("parameters")
    found = {}
    for index in range(len(params) if isinstance(params, list) else 0):
        param = _deref(side, owner.child("parameters", index))
        value = param.value if isinstance(param.value, dict) else {}
        found[(str(value.get("in")), str(value.get("name")))] = param
    return found


def _operation(
    side: Side, path: str, method: str, op: Node, shared: dict[tuple[str, str], Node]
) -> Operation:
    requests = []
    if "requestBody" in op.value:
        requests.append(_deref(side, op.child("requestBody")))
    requests += list((shared | _parameters(side, op)).values())
    responses = op.value.get("responses")
    answers = tuple(
        (str(status), _deref(side, op.child("responses", status)))
        for status in (responses if isinstance(responses, dict) else {})
    )
    key = f"{method.upper()} {re.sub(r'{[^}/]*}', '{}', path)}"
    return Operation(
        key, f"{method.upper()} {path}", path, op, tuple(requests), answers
    )


def operation_pointers(side: Side) -> dict[str, tuple[str, str]]:
    """Operation key → (label, where it is)."""
    return {op.key: (op.label, side.where(op.node)) for op in operations_of(side)}


def _parameter_key(op: Operation, value: dict[str, Any]) -> str:
    """Query, header and cookie parameters by name; path parameters by position."""
    where, name = value.get("in"), str(value.get("name"))
    names = re.findall(r"{([^}/]*)}", op.path)
    if where == "path" and name in names:
        name = f"#{names.index(name)}"
    return f"{op.key} parameter {where} {name}"


def sites(side: Side) -> dict[str, Site]:
    found: dict[str, Site] = {}
    for op in operations_of(side):
        consumes, produces = _media(side, op.node, "consumes"), _media(
            side, op.node, "produces"
        )
        for part in op.requests:
            value = part.value if isinstance(part.value, dict) else {}
            required = value.get("required") is True
            if "in" in value and value.get("in") != "body":
                key = _parameter_key(op, value)
                node = part.child("schema") if "schema" in value else part
                found[key] = Site(
                    key,
                    REQUEST,
                    op.label,
                    node,
                    required,
                    what="parameter",
                    op_key=op.key,
                )
                continue
            for media, node in _bodies(part, consumes):
                key = f"{op.key} request {media}"
                found[key] = Site(key, REQUEST, op.label, node, required, op_key=op.key)
        for status, part in op.answers:
            for media, node in _bodies(part, produces):
                key = f"{op.key} {status} {media}"
                success = status.startswith("2") or status == "default"
                found[key] = Site(
                    key, RESPONSE, op.label, node, success=success, op_key=op.key
                )
    return found


def usage(side: Side) -> dict[str, Usage]:
    prefix = "#" + side.base + "/"
    known = side.components
    refs: dict[str, set[str]] = {}

    def direct(value: Any) -> set[str]:
        return {c for c in component_refs(value, prefix) if c in known}

    out: dict[str, Usage] = {}
    for op in operations_of(side):
        label = op.label
        responses = [node for _, node in op.answers]
        for direction, parts in ((REQUEST, list(op.requests)), (RESPONSE, responses)):
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
