"""Keywords read on their own: `type` (with lenient reading of YAML nulls), nullability,
`enum` / `const` as literals, and what a schema that is only `null` looks like."""

from __future__ import annotations

from typing import Any

from ..ir import ANY, TypeRef
from .context import Builder, Where

KNOWN_TYPES = ("string", "integer", "number", "boolean", "array", "object", "null")
ANNOTATIONS = frozenset(
    "description title nullable readOnly writeOnly deprecated example examples default "
    "x-nullable $comment externalDocs xml".split()
)


def kind_of(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else "null" if value is None else "a value"
    )


def nullable_flag(b: Builder, schema: dict[str, Any]) -> bool:
    if schema.get("x-nullable") is True:
        return True
    return schema.get("nullable") is True and b.options.dialect.nullable_keyword


def declared_types(b: Builder, schema: dict[str, Any], where: Where) -> list[str]:
    declared = schema.get("type")
    if declared is None and "type" in schema:
        b.warn(where, "type is a YAML null; read as the type \"null\" (quote it: type: \"null\")", "type")
        return ["null"]
    if declared is None:
        return []
    items = declared if isinstance(declared, list) else [declared]
    if None in items:
        b.warn(where, "a YAML null in the type list; read as \"null\" (quote it)", "type")
        items = ["null" if t is None else t for t in items]
    if not items or not all(isinstance(t, str) for t in items):
        b.error(where, f"type must be a string or a list of strings, not {kind_of(declared)}", "type")
        return []
    unknown = [t for t in items if t not in KNOWN_TYPES]
    if unknown:
        b.error(where, f"unknown type {unknown[0]!r} (expected one of {', '.join(KNOWN_TYPES)})", "type")
        return []
    return list(dict.fromkeys(items))


def inferred_types(schema: dict[str, Any]) -> list[str]:
    """Real specs omit `type`: `properties` means object, `items` array."""
    if "properties" in schema or "additionalProperties" in schema:
        return ["object"]
    if "items" in schema or "prefixItems" in schema:
        return ["array"]
    return []


def enum_type(b: Builder, schema: dict[str, Any], where: Where) -> tuple[TypeRef, bool]:
    values = schema["enum"]
    if not isinstance(values, list) or not values:
        b.error(where, "enum must be a non-empty list of values", "enum")
        return ANY, False
    return literal(b, values, schema, where)


def literal(b: Builder, values: list[Any], schema: dict[str, Any], where: Where) -> tuple[TypeRef, bool]:
    nullable = any(v is None for v in values)
    kept = [v for v in values if v is not None]
    if not kept:
        return TypeRef("null"), True
    if any(isinstance(v, (dict, list)) for v in kept):
        b.warn(where, "enum values that are objects or arrays are not enforced")
        return ANY, nullable
    if any(isinstance(v, float) for v in kept):
        return TypeRef("union", args=tuple(TypeRef("literal", values=(v,)) for v in kept if not isinstance(v, float)) + (TypeRef("float"),)), nullable
    unique = tuple(dict.fromkeys((type(v).__name__, v) for v in kept))
    return TypeRef("literal", values=tuple(v for _, v in unique)), nullable


def is_null_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and (schema.get("type") == "null" or schema.get("type") == ["null"]) and len(
        [k for k in schema if k not in ANNOTATIONS]
    ) == 1
