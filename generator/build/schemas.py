"""Questions about a raw schema that need no building: what kind of model it
would make, whether it only says null, which `allOf` members matter."""

from __future__ import annotations

from typing import Any

from ..ir import ANY, NULL, TypeRef, json_text
from .constraints import presence_only_unions
from .context import Builder, Where

ANNOTATIONS = frozenset(
    "description title nullable readOnly writeOnly deprecated example examples default "
    "x-nullable $comment externalDocs xml".split()
)


def nullable_flag(b: Builder, schema: dict[str, Any]) -> bool:
    if schema.get("x-nullable") is True:
        return True
    return schema.get("nullable") is True and b.options.dialect.nullable_keyword


def is_null_schema(schema: Any) -> bool:
    return (
        isinstance(schema, dict)
        and (schema.get("type") == "null" or schema.get("type") == ["null"])
        and len([k for k in schema if k not in ANNOTATIONS]) == 1
    )


def meaningful(members: list[Any]) -> list[tuple[int, Any]]:
    """allOf members that constrain something (not just a description)."""
    return [
        (i, m)
        for i, m in enumerate(members)
        if not (m is True or isinstance(m, dict) and set(m) <= ANNOTATIONS)
    ]


def union_and_object(
    schema: dict[str, Any],
) -> tuple[int, dict[str, Any], dict[str, Any]] | None:
    """`allOf: [{oneOf/anyOf: [...]}, {properties: ...}]` → (index of the union, the union, the
    rest as one object schema): a value is one of the branches and also has those properties.
    """
    members = schema.get("allOf")
    if not isinstance(members, list):
        return None
    kept = meaningful(members)
    unions = [
        (i, m)
        for i, m in kept
        if isinstance(m, dict)
        and not m.get("properties")
        and any(
            isinstance(m.get(k), list) and len(m[k]) > 1 for k in ("oneOf", "anyOf")
        )
    ]
    rest = [m for i, m in kept if i not in {u[0] for u in unions}]
    if (
        len(unions) != 1
        or not rest
        or not all(
            isinstance(m, dict)
            and isinstance(m.get("properties"), dict)
            and not any(k in m for k in ("oneOf", "anyOf"))
            for m in rest
        )
    ):
        return None
    own = {k: v for k, v in schema.items() if k not in ANNOTATIONS and k != "allOf"}
    if any(k in own for k in ("oneOf", "anyOf", "properties")):
        return None
    return unions[0][0], unions[0][1], {**own, "allOf": rest}


def is_object_schema(schema: dict[str, Any]) -> bool:
    """Would this schema, as a component, become an object model?"""
    if union_and_object(schema) is not None:
        return False
    if (
        ("oneOf" in schema or "anyOf" in schema) and not presence_only_unions(schema)
    ) or ("enum" in schema and not schema.get("properties")):
        return False
    if "allOf" in schema:
        members = schema["allOf"] if isinstance(schema["allOf"], list) else []
        return len(meaningful(members)) != 1 or bool(
            set(schema) - ANNOTATIONS - {"allOf"}
        )
    kind = schema.get("type")
    return (
        kind == "object"
        or (kind is None and "properties" in schema)
        or schema.get("additionalProperties") is False
    )


def text(schema: Any, key: str = "description") -> str:
    value = schema.get(key) if isinstance(schema, dict) else None
    return value.strip() if isinstance(value, str) else ""


def example_of(schema: Any) -> str | None:
    if not isinstance(schema, dict):
        return None
    value = schema.get("example")
    if (
        value is None
        and isinstance(schema.get("examples"), list)
        and schema["examples"]
    ):
        value = schema["examples"][0]
    if value is None:
        return None
    try:
        return json_text(value)
    except (TypeError, ValueError):
        return None


KNOWN_TYPES = ("string", "integer", "number", "boolean", "array", "object", "null")


def kind_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value),
        (
            "a number"
            if isinstance(value, (int, float))
            else "null" if value is None else "a value"
        ),
    )


def declared_types(b: Builder, schema: dict[str, Any], where: Where) -> list[str]:
    declared = schema.get("type")
    if declared is None and "type" in schema:
        b.warn(where, 'type is a YAML null; read as the type "null" (quote it)', "type")
        return ["null"]
    if declared is None:
        return []
    items = declared if isinstance(declared, list) else [declared]
    if None in items:
        b.warn(where, 'a YAML null in the type list; read as "null" (quote it)', "type")
        items = ["null" if t is None else t for t in items]
    if not items or not all(isinstance(t, str) for t in items):
        b.error(
            where,
            f"type must be a string or a list of strings, not {kind_name(declared)}",
            "type",
        )
        return []
    unknown = [t for t in items if t not in KNOWN_TYPES]
    if unknown:
        b.error(
            where,
            f"unknown type {unknown[0]!r} (expected one of {', '.join(KNOWN_TYPES)})",
            "type",
        )
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


def literal(
    b: Builder, values: list[Any], schema: dict[str, Any], where: Where
) -> tuple[TypeRef, bool]:
    nullable = any(v is None for v in values)
    kept = [v for v in values if v is not None]
    if not kept:
        return NULL, True
    if any(isinstance(v, (dict, list)) for v in kept):
        b.warn(where, "enum values that are objects or arrays are not enforced")
        return ANY, nullable
    if any(isinstance(v, float) for v in kept):
        return (
            TypeRef(
                "union",
                args=tuple(
                    TypeRef("literal", values=(v,))
                    for v in kept
                    if not isinstance(v, float)
                )
                + (TypeRef("float"),),
            ),
            nullable,
        )
    unique = tuple(dict.fromkeys((type(v).__name__, v) for v in kept))
    return TypeRef("literal", values=tuple(v for _, v in unique)), nullable


def named_constants(schema: Any) -> list[tuple[Any, str, str]] | None:
    """The values of a `oneOf`/`anyOf` whose every branch is one named value
    (`{const: 0, title: DEFAULT, description: ...}`, a common way to give an
    enum's members names and descriptions): (value, title, description) for
    each branch; None for any other schema. The values are all strings or all
    integers, each different, so exactly one branch admits each: the schema
    admits what `enum` of those values does."""
    if not isinstance(schema, dict) or ("oneOf" in schema) == ("anyOf" in schema):
        return None
    key = "oneOf" if "oneOf" in schema else "anyOf"
    branches = schema[key]
    if not isinstance(branches, list) or len(branches) < 2:
        return None
    if _unknown(schema, {key, "type", "format"}):
        return None
    found = []
    for branch in branches:
        if not isinstance(branch, dict) or _unknown(branch, {"const", "enum", "type"}):
            return None
        values = [branch["const"]] if "const" in branch else branch.get("enum")
        if not isinstance(values, list) or len(values) != 1:
            return None
        if not _fits(branch.get("type"), _json_type(values[0])):
            return None
        title, description = branch.get("title", ""), branch.get("description", "")
        if not isinstance(title, str) or not isinstance(description, str):
            return None
        found.append((values[0], title, description))
    kinds = {_json_type(value) for value, _, _ in found}
    if len(kinds) != 1 or None in kinds or len({v for v, _, _ in found}) < len(found):
        return None
    return found if _fits(schema.get("type"), kinds.pop()) else None


def _json_type(value: Any) -> str | None:
    """'string' or 'integer' for a value that can be an enum member's; else None."""
    return "string" if type(value) is str else "integer" if type(value) is int else None


def _fits(declared: Any, kind: str | None) -> bool:
    """Whether a value of JSON type `kind` has the `declared` type (None: any)."""
    return (
        declared is None
        or declared == kind
        or (declared == "number" and kind == "integer")
    )


def _unknown(schema: dict[str, Any], allowed: set[str]) -> bool:
    """Whether `schema` has a keyword other than annotations, extensions and `allowed`."""
    return any(
        k not in ANNOTATIONS and k not in allowed and not k.startswith("x-")
        for k in schema
    )
