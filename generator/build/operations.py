"""Models for schemas written inline in operations (request bodies, responses).

Named as openapi-generator names them: `<OperationId>Request` for a request
body, `<OperationId><Status>Response` for a response. Only inline schemas
that would become a model (objects, unions) are named; `$ref`s and
primitives add nothing.
"""

from __future__ import annotations

from typing import Any, Callable

from .. import naming
from ..diagnostics import join_pointer
from .context import Builder, Where
from .tags import operations
from .types import type_of


def json_schema(content: Any) -> tuple[str, Any] | None:
    """(media type, schema) of the first JSON-like media type of a `content` map."""
    if not isinstance(content, dict):
        return None
    for media, body in content.items():
        if (
            isinstance(body, dict)
            and "schema" in body
            and ("json" in str(media) or media == "*/*")
        ):
            return str(media), body["schema"]
    return None


def operation_id(operation: dict[str, Any], path: str, method: str) -> str:
    given = operation.get("operationId")
    if isinstance(given, str) and naming.pascal_case(given):
        return given
    return naming.pascal_case(path) + naming.pascal_case(method)


Place = tuple[Any, str, str]  # a node, its file, its pointer there
Follow = Callable[[Place], Place]  # a `$ref` in place followed (else as it is)


def inline_sites(
    operation: Place, body_parameters: bool, follow: Follow = lambda p: p
) -> list[tuple[str, Any, str, str]]:
    """(raw name suffix, schema, file, pointer) of each request or response
    schema; `follow` resolves a request body or response that is a `$ref`."""
    node, file, pointer = operation
    sites = []
    body, body_file, body_at = follow(
        (node.get("requestBody"), file, join_pointer(pointer, "requestBody"))
    )
    found = json_schema(body.get("content")) if isinstance(body, dict) else None
    if found:
        at = join_pointer(body_at, "content", found[0], "schema")
        sites.append(("Request", found[1], body_file, at))
    for index, param in enumerate(
        node.get("parameters") or [] if body_parameters else []
    ):
        if isinstance(param, dict) and param.get("in") == "body" and "schema" in param:
            at = join_pointer(pointer, "parameters", index, "schema")
            sites.append(("Request", param["schema"], file, at))
    responses = node.get("responses")
    for status, raw in responses.items() if isinstance(responses, dict) else ():
        response, where, at = follow(
            (raw, file, join_pointer(pointer, "responses", status))
        )
        if not isinstance(response, dict):
            continue
        if body_parameters and "schema" in response:
            sites.append(
                (
                    f"{status}Response",
                    response["schema"],
                    where,
                    join_pointer(at, "schema"),
                )
            )
        found = json_schema(response.get("content"))
        if found:
            at = join_pointer(at, "content", found[0], "schema")
            sites.append((f"{status}Response", found[1], where, at))
    return sites


def build_operation_models(b: Builder, document: dict[str, Any]) -> None:
    """A model for each inline schema of a request or response, and for each
    schema of another file one refers to (a component is built as such)."""

    def follow(place: Place) -> Place:
        node, file, pointer = place
        for _ in range(16):  # a chain of references, as far as it leads
            ref = node.get("$ref") if isinstance(node, dict) else None
            if ref is None:
                break
            target = b.resolve(ref, file)
            if isinstance(target, str):
                break  # not followed: nothing is made from it
            node, file, pointer = target.value, target.path, target.pointer
        return node, file, pointer

    for path, method, place in operations(document, b.files.root, follow):
        name = operation_id(place[0], path, method)
        for suffix, schema, file, site in inline_sites(
            place, b.options.dialect.body_parameters, follow
        ):
            if isinstance(schema, dict) and (
                "$ref" not in schema or file != b.files.root
            ):
                type_of(b, schema, Where(file, site, f"{name}_{suffix}", name))
