"""Models: objects (with `allOf` as subclass or merge), unions, enums, roots."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .. import naming
from ..ir import ClassName, EnumMember, Field, FieldName, Model, TypeRef, json_text
from ..refs import resolve_ref
from .constraints import presence_only_unions, presence_rules
from .context import Builder, Where
from .keywords import is_null_schema
from .types import (
    ANNOTATIONS, inline_model, meaningful, ref_type, type_of, union_members,
)
from .values import conforms


@dataclass
class Shape:
    """Properties gathered from a schema and its `allOf` members."""

    props: dict[str, tuple[Any, Where]]
    required: list[str]
    closed: bool = False
    extra: Any = True


def text(schema: Any, key: str = "description") -> str:
    value = schema.get(key) if isinstance(schema, dict) else None
    return value.strip() if isinstance(value, str) else ""


def example_of(schema: Any) -> str | None:
    if not isinstance(schema, dict):
        return None
    value = schema.get("example")
    if value is None and isinstance(schema.get("examples"), list) and schema["examples"]:
        value = schema["examples"][0]
    if value is None:
        return None
    try:
        return json_text(value)
    except (TypeError, ValueError):
        return None


def gather(b: Builder, schema: dict[str, Any], where: Where, shape: Shape, seen: set[tuple[str, str]]) -> None:
    """Collect properties, required names and openness, following allOf."""
    members = schema.get("allOf")
    if isinstance(members, list):
        for index, member in enumerate(members):
            gather_member(b, member, where.child("allOf", index), shape, seen)
    props = schema.get("properties", {})
    if not isinstance(props, dict):
        b.error(where, "properties must be a mapping of names to schemas", "properties")
        props = {}
    for wire, sub in props.items():
        if sub is False:  # the property must be absent: no field for it
            shape.props.pop(str(wire), None)
            continue
        shape.props[str(wire)] = (sub, where.child("properties", str(wire)))
    required = schema.get("required", [])
    if required is None:
        b.warn(where, "required is null; read as no required properties", "required")
        required = []
    if not isinstance(required, list) or not all(isinstance(r, str) for r in required):
        b.error(where, "required must be a list of property names", "required")
        required = []
    shape.required.extend(r for r in required if r not in shape.required)
    if schema.get("additionalProperties") is False or schema.get("unevaluatedProperties") is False:
        shape.closed = True
    elif "additionalProperties" in schema and schema["additionalProperties"] not in (True, {}):
        shape.extra = (schema["additionalProperties"], where.child("additionalProperties"))


def gather_member(b: Builder, member: Any, where: Where, shape: Shape, seen: set[tuple[str, str]]) -> None:
    if isinstance(member, dict) and "$ref" in member:
        target = resolve_ref(b.files, member["$ref"], where.file)
        if isinstance(target, str):
            b.error(where, target)
            return
        key = (target.path, target.pointer)
        if key in seen or not isinstance(target.value, dict):
            return
        seen.add(key)
        inner = Where(target.path, target.pointer, where.hint, where.component, where.depth + 1)
        gather(b, target.value, inner, shape, seen)
    elif isinstance(member, dict):
        gather(b, member, where, shape, seen)
    elif member is False:
        b.warn(where, "an allOf member is `false`: no value is valid; the member is ignored")
    elif member is not True:
        b.error(where, "an allOf member must be a schema")


def single_parent(b: Builder, schema: dict[str, Any], where: Where) -> tuple[ClassName, dict[str, Any]] | None:
    """`allOf: [$ref: Parent, {own properties}]` → (Parent, own schema) for a subclass."""
    members = schema.get("allOf")
    if not isinstance(members, list):
        return None
    kept = meaningful(members)
    refs = [(i, m) for i, m in kept if isinstance(m, dict) and set(m) - ANNOTATIONS == {"$ref"}]
    if len(refs) != 1:
        return None
    index, ref = refs[0]
    target = resolve_ref(b.files, ref["$ref"], where.file)
    if isinstance(target, str) or not isinstance(target.value, dict) or not is_object_schema(target.value):
        return None
    own = {k: v for k, v in schema.items() if k != "allOf"}
    rest = [m for i, m in kept if i != index]
    if rest:
        own["allOf"] = rest
    if not _extends_cleanly(b, target.value, own, where):
        return None  # redeclares or re-requires parent properties: merge instead
    parent, _ = ref_type(b, ref, where.child("allOf", index))
    if parent.kind != "model" or parent.model not in b.locations.values():
        return None
    return ClassName(parent.model), own


def _extends_cleanly(b: Builder, parent: dict[str, Any], own: dict[str, Any], where: Where) -> bool:
    """Own properties are new and own `required` names only own properties."""
    probe = Builder(b.files, b.options)
    theirs, mine = Shape({}, []), Shape({}, [])
    gather(probe, parent, where, theirs, set())
    gather(probe, own, where, mine, set())
    return not (set(theirs.props) & set(mine.props)) and set(mine.required) <= set(mine.props)


def union_and_object(schema: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, Any]] | None:
    """`allOf: [{oneOf/anyOf: [...]}, {properties: ...}]` → (index of the union, the union, the
    rest as one object schema): a value is one of the branches and also has those properties."""
    members = schema.get("allOf")
    if not isinstance(members, list):
        return None
    kept = meaningful(members)
    unions = [(i, m) for i, m in kept if isinstance(m, dict) and not m.get("properties")
              and any(isinstance(m.get(k), list) and len(m[k]) > 1 for k in ("oneOf", "anyOf"))]
    rest = [m for i, m in kept if i not in {u[0] for u in unions}]
    if len(unions) != 1 or not rest or not all(
            isinstance(m, dict) and isinstance(m.get("properties"), dict) and not any(k in m for k in ("oneOf", "anyOf"))
            for m in rest):
        return None
    own = {k: v for k, v in schema.items() if k not in ANNOTATIONS and k != "allOf"}
    if any(k in own for k in ("oneOf", "anyOf", "properties")):
        return None
    return unions[0][0], unions[0][1], {**own, "allOf": rest}


def is_object_schema(schema: dict[str, Any]) -> bool:
    """Would this schema, as a component, become an object model?"""
    if union_and_object(schema) is not None:
        return False
    if (("oneOf" in schema or "anyOf" in schema) and not presence_only_unions(schema)) or (
            "enum" in schema and not schema.get("properties")):
        return False
    if "allOf" in schema:
        members = schema["allOf"] if isinstance(schema["allOf"], list) else []
        return len(meaningful(members)) != 1 or bool(set(schema) - ANNOTATIONS - {"allOf"})
    kind = schema.get("type")
    return kind == "object" or (kind is None and "properties" in schema) or schema.get("additionalProperties") is False


def build_object(b: Builder, schema: dict[str, Any], name: ClassName, where: Where) -> Model:
    parent = single_parent(b, schema, where)
    shape = Shape({}, [])
    gather(b, parent[1] if parent else schema, where, shape, {(where.file, where.pointer)})
    for wire in shape.required:
        if wire not in shape.props and not parent:
            shape.props[wire] = (True, where.child("required"))
    extra = None
    if shape.extra is not True:
        sub, extra_where = shape.extra
        extra_type, extra_null = type_of(b, sub, extra_where.__class__(
            extra_where.file, extra_where.pointer, name + "_value", where.component, where.depth + 1))
        extra = TypeRef("union", args=(extra_type, TypeRef("null"))) if extra_null else extra_type
    return Model(
        name=name, module="", kind="object", source=b.source(where), component=where.component,
        description=text(schema), fields=make_fields(b, shape, name), base=parent[0] if parent else None,
        closed=shape.closed, extra=extra, example_json=example_of(schema),
        deprecated=schema.get("deprecated") is True, presence=presence_rules(schema),
    )


def make_fields(b: Builder, shape: Shape, owner: str) -> tuple[Field, ...]:
    attrs = naming.Namer(sep="_")
    fields = []
    for wire, (sub, where) in shape.props.items():
        ref, nullable = type_of(b, sub, Where(where.file, where.pointer, f"{owner}_{wire}", where.component, where.depth + 1))
        info = sub if isinstance(sub, dict) else {}
        fields.append(Field(
            name=wire, attr=FieldName(attrs.claim(naming.attr_name(wire))), type=ref,
            required=wire in shape.required, nullable=nullable, description=text(info),
            default_json=default_of(b, info, ref, nullable, where, (owner, wire)), example_json=example_of(info),
            read_only=info.get("readOnly") is True, write_only=info.get("writeOnly") is True,
            deprecated=info.get("deprecated") is True, pointer=b.source(where),
        ))
    return tuple(fields)


def default_of(b: Builder, info: dict[str, Any], ref: TypeRef, nullable: bool, where: Where,
               owner: tuple[str, str]) -> str | None:
    if "default" not in info:
        return None
    value = info["default"]
    if value is None and nullable:
        return "null"
    try:
        encoded = json_text(value)
    except (TypeError, ValueError):
        b.warn(where, "default is not a JSON value; ignored", "default")
        return None
    if ref.models():
        b.unchecked_defaults.append((*owner, where))  # checked once every model is built
    elif not conforms(value, ref, b):
        b.warn(where, f"default {encoded[:60]} does not match the schema; ignored", "default")
        return None
    return encoded


def check_late_defaults(b: Builder) -> None:
    """Check the defaults whose types used models that were not built yet."""
    for owner, wire, where in b.unchecked_defaults:
        model = b.models.get(owner)
        if model is None:
            continue
        fields = model.fields
        for index, field in enumerate(fields):
            if field.name == wire and field.default_json is not None and not conforms(field.default, field.type, b):
                b.warn(where, f"default {field.default_json[:60]} does not match the schema; ignored", "default")
                kept = fields[:index] + (replace(field, default_json=None),) + fields[index + 1:]
                b.models[owner] = replace(model, fields=kept)
    b.unchecked_defaults.clear()


def build_union_and_object(b: Builder, schema: dict[str, Any], name: ClassName, where: Where) -> Model:
    """A union whose value must also match an object model (see `union_and_object`)."""
    found = union_and_object(schema)
    assert found is not None
    index, union, rest = found
    branches = build_union(b, union, name, where.child("allOf", index))
    part = inline_model(b, rest, Where(where.file, where.pointer, f"{name}_allOf", where.component, where.depth + 1),
                        build_object)
    return Model(
        name=name, module="", kind="root", source=b.source(where), component=where.component,
        description=text(schema) or branches.description, root=branches.root, example_json=example_of(schema),
        also=(ClassName(part.model),),
    )


def build_union(b: Builder, schema: dict[str, Any], name: ClassName, where: Where) -> Model:
    key = "oneOf" if "oneOf" in schema else "anyOf"
    types, nullable = union_members(b, schema, key, where, f"{name}_{key}")
    args = tuple(types) + ((TypeRef("null"),) if nullable else ())
    root = TypeRef("union", args=args) if len(args) > 1 else args[0]
    if root.kind == "union" and "discriminator" in schema and b.options.dialect.discriminator:
        root = discriminated(b, schema, key, root, where)
    return Model(
        name=name, module="", kind="root", source=b.source(where), component=where.component,
        description=text(schema), root=root, example_json=example_of(schema),
    )


def discriminated(b: Builder, schema: dict[str, Any], key: str, root: TypeRef, where: Where) -> TypeRef:
    """Tag a union with its discriminator: tag value → member model."""
    spec = schema["discriminator"]
    prop = spec.get("propertyName") if isinstance(spec, dict) else None
    if not isinstance(prop, str):
        b.error(where, "discriminator needs a string propertyName", "discriminator")
        return root
    members = [a for a in root.args if a.kind != "null"]
    if not all(a.kind == "model" and b.models.get(a.model, None) is not None and b.models[a.model].kind == "object"
               or a.kind == "model" and a.model in b.locations.values() for a in members):
        b.warn(where, "discriminator ignored: not every member is an object model", "discriminator")
        return root
    mapping: dict[str, str] = {}
    explicit = spec.get("mapping") if isinstance(spec.get("mapping"), dict) else {}
    for value, ref in explicit.items():
        target = ref if isinstance(ref, str) and ("/" in ref or "#" in ref) else b.options.dialect.component_prefix + str(ref)
        model, _ = ref_type(b, {"$ref": target}, where.child("discriminator", "mapping", str(value)))
        if model.kind == "model":
            mapping[str(value)] = model.model
    covered = set(mapping.values())
    raw = schema[key] if isinstance(schema[key], list) else []
    for member, ref in zip([m for m in raw if isinstance(m, dict) and not is_null_schema(m)], members):
        if ref.model not in covered and "$ref" in member and isinstance(member["$ref"], str):
            mapping[member["$ref"].rsplit("/", 1)[-1]] = ref.model
    return TypeRef("union", args=root.args, tag=prop, mapping=tuple(mapping.items()))


def build_enum(b: Builder, schema: dict[str, Any], name: ClassName, where: Where) -> Model:
    ref, nullable = type_of(b, schema, Where(where.file, where.pointer, name, where.component, where.depth))
    values = ref.values if ref.kind == "literal" else ()
    kinds = {type(v) for v in values}
    if nullable or len(kinds) != 1 or kinds - {str, int}:
        root = TypeRef("union", args=(ref, TypeRef("null"))) if nullable else ref
        return Model(name=name, module="", kind="root", source=b.source(where), component=where.component,
                     description=text(schema), root=root, example_json=example_of(schema))
    members = naming.Namer(sep="_")
    return Model(
        name=name, module="", kind="enum", source=b.source(where), component=where.component,
        description=text(schema), enum_type=kinds.pop().__name__, example_json=example_of(schema),
        members=tuple(EnumMember(members.claim(naming.member_name(v)), v) for v in values),
    )


def build_root(b: Builder, schema: Any, name: ClassName, where: Where) -> Model:
    ref, nullable = type_of(b, schema, Where(where.file, where.pointer, name, where.component, where.depth))
    root = TypeRef("union", args=(ref, TypeRef("null"))) if nullable else ref
    return Model(name=name, module="", kind="root", source=b.source(where), component=where.component,
                 description=text(schema), root=root, example_json=example_of(schema))


def is_self_alias(b: Builder, schema: Any, where: Where) -> bool:
    """A schema that is only a `$ref` chain leading back to itself."""
    seen = {(where.file, where.pointer)}
    file = where.file
    while isinstance(schema, dict) and set(schema) - ANNOTATIONS == {"$ref"}:
        target = resolve_ref(b.files, schema["$ref"], file)
        if isinstance(target, str):
            return False
        if (target.path, target.pointer) in seen:
            return True
        seen.add((target.path, target.pointer))
        schema, file = target.value, target.path
    return False


def build_named(b: Builder, name: ClassName, schema: Any, where: Where) -> None:
    """Build the model of a component (or of a referenced file) named `name`."""
    if is_self_alias(b, schema, where):
        b.error(where, "the schema is only a reference to itself and defines nothing")
        return
    if isinstance(schema, dict) and "enum" in schema and not schema.get("properties"):
        model = build_enum(b, schema, name, where)
    elif isinstance(schema, dict) and union_and_object(schema) is not None:
        model = build_union_and_object(b, schema, name, where)
    elif isinstance(schema, dict) and is_object_schema(schema):
        model = build_object(b, schema, name, where)
    elif isinstance(schema, dict) and any(isinstance(schema.get(k), list) and len([m for m in schema[k]]) > 1 for k in ("oneOf", "anyOf")) and not schema.get("properties"):
        model = build_union(b, schema, name, where)
    else:
        model = build_root(b, schema, name, where)
    b.add(model)

