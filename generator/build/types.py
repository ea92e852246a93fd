"""Schema → `TypeRef`: primitives, arrays, maps, literals, unions, references.

Inline schemas that need a class (objects with properties, unions at a
property, merged `allOf`) become models named the openapi-generator way:
the title if there is one, else the parent's name plus the property
(`Session_turn_detection` → `SessionTurnDetection`), `_inner` for array
items, `_value` for map values, `_oneOf`/`_anyOf` for union members. An
inline schema identical to one met earlier reuses that model.
"""

from __future__ import annotations

import hashlib

from typing import Any

from ..ir import ANY, NULL, TypeKind, TypeRef, canonical_json, or_null
from .constraints import (
    count_keyword,
    integer_constraints,
    number_constraints,
    presence_only_unions,
    size_constraints,
    string_constraints,
)
from .context import MAX_SCHEMA_DEPTH, Builder, ModelMaker, Where
from .refs import admits_null, is_model_location, recursive_anchor, register_model
from .schemas import (
    ANNOTATIONS,
    declared_types,
    enum_type,
    inferred_types,
    is_null_schema,
    kind_name,
    literal,
    meaningful,
    named_constants,
    nullable_flag,
    union_and_object,
)

FORMATS: dict[str, TypeKind] = {"date-time": "datetime", "date": "date", "uuid": "uuid"}


def type_of(b: Builder, schema: Any, where: Where) -> tuple[TypeRef, bool]:
    """The type of `schema` and whether it admits null."""
    if where.depth > MAX_SCHEMA_DEPTH:
        b.error(where, f"schemas are nested more than {MAX_SCHEMA_DEPTH} levels deep")
        return ANY, False
    if schema is True:
        return ANY, False
    if schema is False:
        b.warn(where, "the schema `false` admits no value; generated as any value")
        return ANY, False
    if not isinstance(schema, dict):
        b.error(where, f"a schema must be a mapping, not {kind_name(schema)}")
        return ANY, False
    nullable = nullable_flag(b, schema)
    if "$recursiveRef" in schema and "$ref" not in schema:
        anchor = recursive_anchor(b, schema["$recursiveRef"], where)
        if anchor is not None:
            schema = {
                **{k: v for k, v in schema.items() if k != "$recursiveRef"},
                "$ref": anchor,
            }
    if "$dynamicRef" in schema and "$ref" not in schema:  # read as a plain reference
        ref = schema["$dynamicRef"]
        schema = {
            **{k: v for k, v in schema.items() if k != "$dynamicRef"},
            "$ref": ref,
        }
    if "$ref" in schema:
        ref, ref_null = ref_type(b, schema, where)
        return ref, ref_null or nullable
    if "allOf" in schema:
        ref, all_null = all_of_type(b, schema, where)
        return ref, all_null or nullable
    constants = named_constants(schema)
    if constants is not None:  # an enum whose members have names
        ref, enum_null = literal(b, [value for value, _, _ in constants], schema, where)
        return ref, enum_null or nullable
    for key in ("oneOf", "anyOf"):
        if key in schema and not presence_only_unions(schema):
            ref, union_null = union_type(b, schema, key, where)
            return ref, union_null or nullable
    if "const" in schema:
        return literal(b, [schema["const"]], schema, where)
    if "enum" in schema:
        ref, enum_null = enum_type(b, schema, where)
        return ref, enum_null or nullable
    names = declared_types(b, schema, where)
    if names == ["null"]:
        return NULL, True
    if "null" in names:
        nullable = True
    names = [n for n in names if n != "null"] or inferred_types(schema)
    if len(names) > 1:
        return (
            TypeRef(
                "union", args=tuple(single_type(b, schema, n, where) for n in names)
            ),
            nullable,
        )
    return single_type(b, schema, names[0] if names else "", where), nullable


def single_type(b: Builder, schema: dict[str, Any], name: str, where: Where) -> TypeRef:
    if name == "string" and schema.get("format") == "int-or-string":
        # Kubernetes' IntOrString: declared a string, sent as either (ports, percentages)
        return TypeRef("union", args=(TypeRef("int"), TypeRef("str")))
    if name == "string":
        fmt = schema.get("format")
        special = FORMATS.get(fmt) if isinstance(fmt, str) else None
        return TypeRef(
            special or "str", constraints=string_constraints(b, schema, where)
        )
    if name in ("integer", "number"):
        found = number_constraints(b, schema, where)
        if name == "integer":
            return TypeRef("int", constraints=integer_constraints(found))
        return TypeRef("float", constraints=found)
    if name == "boolean":
        return TypeRef("bool")
    if name == "array":
        return array_type(b, schema, where)
    if name == "object":
        return object_type(b, schema, where)
    return ANY


def tuple_type(b: Builder, schema: dict[str, Any], where: Where) -> TypeRef:
    """`prefixItems` with `items: false`: a fixed-length tuple of the given types."""
    prefix = schema["prefixItems"]
    if not isinstance(prefix, list) or not prefix:
        b.error(where, "prefixItems must be a non-empty list of schemas", "prefixItems")
        return ANY
    args = []
    for index, item in enumerate(prefix):
        ref, nullable = type_of(
            b, item, where.child("prefixItems", index, hint=f"{where.hint}_item{index}")
        )
        args.append(or_null(ref, nullable))
    return TypeRef("tuple", args=tuple(args))


def array_type(b: Builder, schema: dict[str, Any], where: Where) -> TypeRef:
    if "prefixItems" in schema and schema.get("items") is False:
        return tuple_type(b, schema, where)
    if "prefixItems" in schema:
        b.warn(
            where,
            "prefixItems with further items: item types are not enforced",
            "prefixItems",
        )
        schema = {k: v for k, v in schema.items() if k not in ("prefixItems", "items")}
    items = schema.get("items", True)
    if items is False:  # no items allowed: only the empty array
        return TypeRef("list", args=(ANY,), constraints=(("maxItems", 0),))
    if isinstance(items, list):  # draft-4 tuple form: any of the listed schemas
        items = {"anyOf": items} if items else True
    item, item_null = type_of(
        b, items, where.child("items", hint=where.hint + "_inner")
    )
    item = or_null(item, item_null)
    found = []
    for key in ("minItems", "maxItems"):
        value = count_keyword(b, schema, key, where)
        if value is not None:
            found.append((key, value))
    return TypeRef(
        "list",
        args=(item,),
        constraints=tuple(found),
        unique=schema.get("uniqueItems") is True,
    )


def object_type(b: Builder, schema: dict[str, Any], where: Where) -> TypeRef:
    props = schema.get("properties")
    closed = (
        schema.get("additionalProperties") is False
        or schema.get("unevaluatedProperties") is False
    )
    if props or closed or (props is not None and not isinstance(props, dict)):
        return inline_model(b, schema, where, b.makers.object)
    extra = schema.get("additionalProperties", True)
    key = key_type(b, schema, where)
    if extra is True or extra == {}:
        return TypeRef(
            "dict", args=(ANY,) + key, constraints=size_constraints(b, schema, where)
        )
    value, value_null = type_of(
        b, extra, where.child("additionalProperties", hint=where.hint + "_value")
    )
    value = or_null(value, value_null)
    return TypeRef(
        "dict", args=(value,) + key, constraints=size_constraints(b, schema, where)
    )


def key_type(b: Builder, schema: dict[str, Any], where: Where) -> tuple[TypeRef, ...]:
    """`(str with constraints,)` for a map whose `propertyNames` limits its keys, else `()`."""
    names = schema.get("propertyNames")
    if not isinstance(names, dict) or names.get("type", "string") != "string":
        return ()
    constraints = string_constraints(b, names, where.child("propertyNames"))
    return (TypeRef("str", constraints=constraints),) if constraints else ()


def inline_model(
    b: Builder, schema: dict[str, Any], where: Where, build: ModelMaker
) -> TypeRef:
    """A model for an inline schema, reusing the model of an identical one."""
    try:
        text = where.file + "\0" + canonical_json(schema)
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    except (TypeError, ValueError):
        key = ""
    reused = b.reuse(key) if key else None
    if reused is not None:
        return TypeRef("model", model=reused)
    title = schema.get("title")
    name = b.new_class(
        title if isinstance(title, str) and title.strip() else where.hint
    )
    if key:
        b.made(key, name)
    b.add(build(b, schema, name, where))
    return TypeRef("model", model=name)


def union_members(
    b: Builder, schema: dict[str, Any], key: str, where: Where, hint: str
) -> tuple[list[TypeRef], bool]:
    members = schema[key]
    if not isinstance(members, list) or not members:
        b.error(where, f"{key} must be a non-empty list of schemas", key)
        return [ANY], False
    types: list[TypeRef] = []
    nullable = False
    for index, member in enumerate(members):
        if is_null_schema(member):
            nullable = True
            continue
        if member is False:  # matches nothing: adds nothing to the union
            continue
        ref, member_null = type_of(b, member, where.child(key, index, hint=hint))
        nullable = nullable or member_null
        if ref not in types:
            types.append(ref)
    if not types and not nullable:
        b.warn(where, f"every {key} member is `false`: generated as any value", key)
        types.append(ANY)
    return types, nullable


def union_type(
    b: Builder, schema: dict[str, Any], key: str, where: Where
) -> tuple[TypeRef, bool]:
    real = (
        [m for m in schema[key] if not is_null_schema(m) and m is not False]
        if isinstance(schema[key], list)
        else []
    )
    if len(real) == 1:
        ref, nullable = type_of(
            b, real[0], where.child(key, schema[key].index(real[0]))
        )
        return ref, nullable or any(is_null_schema(m) for m in schema[key])
    nullable = (
        any(is_null_schema(m) for m in schema[key])
        if isinstance(schema[key], list)
        else False
    )
    return inline_model(b, schema, where, b.makers.union), nullable


def all_of_type(
    b: Builder, schema: dict[str, Any], where: Where
) -> tuple[TypeRef, bool]:
    members = schema["allOf"]
    if not isinstance(members, list) or not members:
        b.error(where, "allOf must be a non-empty list of schemas", "allOf")
        return ANY, False
    kept = meaningful(members)
    own = {k: v for k, v in schema.items() if k not in ANNOTATIONS and k != "allOf"}
    if len(kept) == 1 and not own:
        index, member = kept[0]
        ref, nullable = type_of(b, member, where.child("allOf", index))
        return ref, nullable or any(
            isinstance(m, dict) and nullable_flag(b, m) for m in members
        )
    if ("enum" in own or "const" in own) and "properties" not in own:
        # `{enum: [2], allOf: [{$ref: Kinds}]}`: the listed values are the type
        # (the allOf member only restates what they belong to).
        return type_of(b, own, where)
    if union_and_object(schema) is not None:
        return inline_model(b, schema, where, b.makers.union_and_object), False
    return inline_model(b, schema, where, b.makers.object), False


def ref_type(b: Builder, schema: dict[str, Any], where: Where) -> tuple[TypeRef, bool]:
    target = b.resolve(schema["$ref"], where.file)
    if isinstance(target, str):
        b.error(where, target)
        return ANY, False
    if not isinstance(target.value, (dict, bool)):
        b.error(
            where,
            f"$ref {schema['$ref']!r} points to {kind_name(target.value)}, not a schema",
        )
        return ANY, False
    known = b.locations.get((target.path, target.pointer))
    if known:
        return TypeRef("model", model=known), admits_null(b, target.value)
    if is_model_location(b, target):
        return TypeRef("model", model=register_model(b, target)), admits_null(
            b, target.value
        )
    key = (target.path, target.pointer)
    if key in b.expanding:
        b.error(
            where,
            f"$ref {schema['$ref']!r} is part of a reference cycle that defines nothing",
        )
        return ANY, False
    b.expanding.add(key)
    try:
        return type_of(
            b,
            target.value,
            Where(
                target.path,
                target.pointer,
                where.hint,
                where.component,
                where.depth + 1,
            ),
        )
    finally:
        b.expanding.discard(key)
