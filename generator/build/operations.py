"""Models for schemas written inline in operations (request bodies, responses).

Named as openapi-generator names them: `<OperationId>Request` for a request
body, `<OperationId><Status>Response` for a response. Only inline schemas
that would become a model (objects, unions) are named; `$ref`s and
primitives add nothing.
"""

from __future__ import annotations

from typing import Any

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


def inline_sites(
    operation: dict[str, Any], pointer: str, swagger2: bool
) -> list[tuple[str, Any, str]]:
    """(raw name suffix, schema, pointer) of each request or response schema."""
    sites = []
    body = operation.get("requestBody")
    found = json_schema(body.get("content")) if isinstance(body, dict) else None
    if found:
        sites.append(
            (
                "Request",
                found[1],
                join_pointer(pointer, "requestBody", "content", found[0], "schema"),
            )
        )
    for index, param in enumerate(
        operation.get("parameters") or [] if swagger2 else []
    ):
        if isinstance(param, dict) and param.get("in") == "body" and "schema" in param:
            sites.append(
                (
                    "Request",
                    param["schema"],
                    join_pointer(pointer, "parameters", index, "schema"),
                )
            )
    responses = operation.get("responses")
    for status, response in (responses.items() if isinstance(responses, dict) else ()):
        if not isinstance(response, dict):
            continue
        if swagger2 and "schema" in response:
            sites.append(
                (
                    f"{status}Response",
                    response["schema"],
                    join_pointer(pointer, "responses", status, "schema"),
                )
            )
        found = json_schema(response.get("content"))
        if found:
            sites.append(
                (
                    f"{status}Response",
                    found[1],
                    join_pointer(
                        pointer, "responses", status, "content", found[0], "schema"
                    ),
                )
            )
    return sites


def build_operation_models(b: Builder, document: dict[str, Any]) -> None:
    for path, method, operation in operations(document):
        pointer = join_pointer("", "paths", path, method)
        name = operation_id(operation, path, method)
        for suffix, schema, site in inline_sites(
            operation, pointer, b.options.swagger2
        ):
            if isinstance(schema, dict) and "$ref" not in schema:
                type_of(b, schema, Where(b.files.root, site, f"{name}_{suffix}", name))
