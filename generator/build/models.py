"""The model of a named schema, and the kinds other than objects: unions
(with their discriminator), unions that must also match an object, enums
and root models. `MAKERS` hands the model builders to `types`."""

from __future__ import annotations

from typing import Any

from .. import naming
from ..ir import NULL, ClassName, EnumMember, Model, TypeRef, or_null
from .context import Builder, Makers, Where
from .objects import build_object
from .refs import is_self_alias
from .schemas import (
    example_of,
    is_null_schema,
    is_object_schema,
    named_constants,
    text,
    union_and_object,
)
from .types import inline_model, ref_type, type_of, union_members


def build_union_and_object(
    b: Builder, schema: dict[str, Any], name: ClassName, where: Where
) -> Model:
    """A union whose value must also match an object model (see `union_and_object`)."""
    found = union_and_object(schema)
    assert found is not None
    index, union, rest = found
    branches = build_union(b, union, name, where.child("allOf", index))
    part = inline_model(
        b,
        rest,
        Where(
            where.file, where.pointer, f"{name}_allOf", where.component, where.depth + 1
        ),
        build_object,
    )
    return Model(
        name=name,
        module="",
        kind="root",
        source=b.source(where),
        component=where.component,
        description=text(schema) or branches.description,
        root=branches.root,
        example_json=example_of(schema),
        also=(ClassName(part.model),),
    )


def build_union(
    b: Builder, schema: dict[str, Any], name: ClassName, where: Where
) -> Model:
    key = "oneOf" if "oneOf" in schema else "anyOf"
    types, nullable = union_members(b, schema, key, where, f"{name}_{key}")
    args = tuple(types) + ((NULL,) if nullable else ())
    root = TypeRef("union", args=args) if len(args) > 1 else args[0]
    if (
        root.kind == "union"
        and "discriminator" in schema
        and b.options.dialect.discriminator
    ):
        root = discriminated(b, schema, key, root, where)
    return Model(
        name=name,
        module="",
        kind="root",
        source=b.source(where),
        component=where.component,
        description=text(schema),
        root=root,
        example_json=example_of(schema),
    )


def discriminated(
    b: Builder, schema: dict[str, Any], key: str, root: TypeRef, where: Where
) -> TypeRef:
    """Tag a union with its discriminator: tag value → member model."""
    spec = schema["discriminator"]
    prop = spec.get("propertyName") if isinstance(spec, dict) else None
    if not isinstance(prop, str):
        b.error(where, "discriminator needs a string propertyName", "discriminator")
        return root
    members = [a for a in root.args if a.kind != "null"]
    if not all(
        a.kind == "model"
        and b.models.get(a.model, None) is not None
        and b.models[a.model].kind == "object"
        or a.kind == "model"
        and a.model in b.locations.values()
        for a in members
    ):
        b.warn(
            where,
            "discriminator ignored: not every member is an object model",
            "discriminator",
        )
        return root
    mapping: dict[str, str] = {}
    explicit = spec.get("mapping") if isinstance(spec.get("mapping"), dict) else {}
    for value, ref in explicit.items():
        target = (
            ref
            if isinstance(ref, str) and ("/" in ref or "#" in ref)
            else b.options.dialect.component_prefix + str(ref)
        )
        model, _ = ref_type(
            b, {"$ref": target}, where.child("discriminator", "mapping", str(value))
        )
        if model.kind == "model":
            mapping[str(value)] = model.model
    covered = set(mapping.values())
    raw = schema[key] if isinstance(schema[key], list) else []
    for member, ref in zip(
        [m for m in raw if isinstance(m, dict) and not is_null_schema(m)], members
    ):
        if (
            ref.model not in covered
            and "$ref" in member
            and isinstance(member["$ref"], str)
        ):
            mapping[member["$ref"].rsplit("/", 1)[-1]] = ref.model
    return TypeRef("union", args=root.args, tag=prop, mapping=tuple(mapping.items()))


def build_enum(
    b: Builder, schema: dict[str, Any], name: ClassName, where: Where
) -> Model:
    ref, nullable = type_of(
        b, schema, Where(where.file, where.pointer, name, where.component, where.depth)
    )
    values = ref.values if ref.kind == "literal" else ()
    kinds = {type(v) for v in values}
    if nullable or len(kinds) != 1 or kinds - {str, int}:
        return root_model(b, schema, name, where, or_null(ref, nullable))
    members = naming.Namer(sep="_")
    named = member_names(schema, values)
    return Model(
        name=name,
        module="",
        kind="enum",
        source=b.source(where),
        component=where.component,
        description=text(schema),
        enum_type=kinds.pop().__name__,
        example_json=example_of(schema),
        members=tuple(
            EnumMember(
                members.claim(naming.member_name(title or v)), v, title, description
            )
            for v, (title, description) in zip(values, named)
        ),
    )


def member_names(
    schema: dict[str, Any], values: tuple[Any, ...]
) -> list[tuple[str, str]]:
    """(the name the spec gives, its description) for each of an enum's `values`:
    from the titles of a `oneOf` of named constants, or from the lists
    `x-enum-varnames` and `x-enum-descriptions` beside `enum` (ignored unless
    one entry per value)."""
    constants = named_constants(schema)
    if constants is not None:
        given = {value: (title, about) for value, title, about in constants}
        return [given.get(v, ("", "")) for v in values]
    listed = schema.get("enum")
    listed = listed if isinstance(listed, list) else []
    found = []
    for key in ("x-enum-varnames", "x-enum-descriptions"):
        entries = schema.get(key)
        by_value: dict[tuple[str, str], str] = {}
        if (
            isinstance(entries, list)
            and len(entries) == len(listed)
            and all(isinstance(e, str) for e in entries)
        ):
            by_value = dict(zip(map(_key, listed), entries))
        found.append([by_value.get(_key(v), "") for v in values])
    return list(zip(*found))


def _key(value: Any) -> tuple[str, str]:
    """`value` as a key that tells 1 from True and from "1"."""
    return type(value).__name__, repr(value)


def build_root(b: Builder, schema: Any, name: ClassName, where: Where) -> Model:
    ref, nullable = type_of(
        b, schema, Where(where.file, where.pointer, name, where.component, where.depth)
    )
    return root_model(b, schema, name, where, or_null(ref, nullable))


def root_model(
    b: Builder, schema: Any, name: ClassName, where: Where, root: TypeRef
) -> Model:
    """A model whose value is `root` (not an object with fields)."""
    return Model(
        name=name,
        module="",
        kind="root",
        source=b.source(where),
        component=where.component,
        description=text(schema),
        root=root,
        example_json=example_of(schema),
    )


def build_named(b: Builder, name: ClassName, schema: Any, where: Where) -> None:
    """Build the model of a component (or of a referenced file) named `name`."""
    if is_self_alias(b, schema, where):
        b.error(where, "the schema is only a reference to itself and defines nothing")
        return
    if (
        isinstance(schema, dict)
        and ("enum" in schema or named_constants(schema) is not None)
        and not schema.get("properties")
    ):
        model = build_enum(b, schema, name, where)
    elif isinstance(schema, dict) and union_and_object(schema) is not None:
        model = build_union_and_object(b, schema, name, where)
    elif isinstance(schema, dict) and is_object_schema(schema):
        model = build_object(b, schema, name, where)
    elif (
        isinstance(schema, dict)
        and any(
            isinstance(schema.get(k), list) and len([m for m in schema[k]]) > 1
            for k in ("oneOf", "anyOf")
        )
        and not schema.get("properties")
    ):
        model = build_union(b, schema, name, where)
    else:
        model = build_root(b, schema, name, where)
    b.add(model)


MAKERS = Makers(
    object=build_object, union=build_union, union_and_object=build_union_and_object
)
