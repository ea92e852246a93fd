"""Object models: properties gathered through `allOf` (a subclass when one
parent is extended cleanly, else merged), fields with their defaults."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .. import naming
from ..ir import ClassName, Field, FieldName, Model, TypeRef, json_text, or_null
from .constraints import presence_rules
from ..diagnostics import join_pointer
from .context import Builder, Where
from .schemas import ANNOTATIONS, example_of, is_object_schema, meaningful, text
from .subclasses import declared_discriminator
from .types import ref_type, type_of
from .values import conforms


@dataclass
class Shape:
    """Properties gathered from a schema and its `allOf` members."""

    props: dict[str, tuple[Any, Where]]
    required: list[str]
    closed: bool = False
    extra: Any = True


def gather(
    b: Builder,
    schema: dict[str, Any],
    where: Where,
    shape: Shape,
    seen: set[tuple[str, str]],
) -> None:
    """Collect properties, required names and openness, following allOf."""
    members = schema.get("allOf")
    if isinstance(members, list):
        for index, member in enumerate(members):
            gather_member(b, member, where.child("allOf", index), shape, seen)
    props = schema.get("properties", {})
    file, base = where.file, join_pointer(where.pointer, "properties")
    if isinstance(props, dict) and list(props) == ["$ref"]:
        # `properties: {$ref: attributes.yml}`: the map of another file (a string
        # is no schema, so this is no property named "$ref")
        target = b.resolve(props["$ref"], where.file)
        if not isinstance(target, str):
            props, file, base = target.value, target.path, target.pointer
    if not isinstance(props, dict):
        b.error(where, "properties must be a mapping of names to schemas", "properties")
        props = {}
    for wire, sub in props.items():
        if sub is False:  # the property must be absent: no field for it
            shape.props.pop(str(wire), None)
            continue
        at = replace(where.child(), file=file, pointer=join_pointer(base, str(wire)))
        shape.props[str(wire)] = (sub, at)
    required = schema.get("required", [])
    if required is None:
        b.warn(where, "required is null; read as no required properties", "required")
        required = []
    if not isinstance(required, list) or not all(isinstance(r, str) for r in required):
        b.error(where, "required must be a list of property names", "required")
        required = []
    shape.required.extend(r for r in required if r not in shape.required)
    if (
        schema.get("additionalProperties") is False
        or schema.get("unevaluatedProperties") is False
    ):
        shape.closed = True
    elif "additionalProperties" in schema and schema["additionalProperties"] not in (
        True,
        {},
    ):
        shape.extra = (
            schema["additionalProperties"],
            where.child("additionalProperties"),
        )


def gather_member(
    b: Builder, member: Any, where: Where, shape: Shape, seen: set[tuple[str, str]]
) -> None:
    if isinstance(member, dict) and "$ref" in member:
        target = b.resolve(member["$ref"], where.file)
        if isinstance(target, str):
            b.error(where, target)
            return
        key = (target.path, target.pointer)
        if key in seen or not isinstance(target.value, dict):
            return
        seen.add(key)
        inner = Where(
            target.path, target.pointer, where.hint, where.component, where.depth + 1
        )
        gather(b, target.value, inner, shape, seen)
    elif isinstance(member, dict):
        gather(b, member, where, shape, seen)
    elif member is False:
        b.warn(where, "an allOf member is `false` (no value is valid); ignored")
    elif member is not True:
        b.error(where, "an allOf member must be a schema")


def single_parent(
    b: Builder, schema: dict[str, Any], where: Where
) -> tuple[ClassName, dict[str, Any]] | None:
    """`allOf: [$ref: Parent, {own properties}]` → (Parent, own schema) for a subclass."""
    members = schema.get("allOf")
    if not isinstance(members, list):
        return None
    kept = meaningful(members)
    refs = [
        (i, m)
        for i, m in kept
        if isinstance(m, dict) and set(m) - ANNOTATIONS == {"$ref"}
    ]
    if len(refs) != 1:
        return None
    index, ref = refs[0]
    target = b.resolve(ref["$ref"], where.file)
    if (
        isinstance(target, str)
        or not isinstance(target.value, dict)
        or not is_object_schema(target.value)
    ):
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


def _extends_cleanly(
    b: Builder, parent: dict[str, Any], own: dict[str, Any], where: Where
) -> bool:
    """Own properties are new and own `required` names only own properties."""
    probe = Builder(b.files, b.options, b.makers)
    theirs, mine = Shape({}, []), Shape({}, [])
    gather(probe, parent, where, theirs, set())
    gather(probe, own, where, mine, set())
    return not (set(theirs.props) & set(mine.props)) and set(mine.required) <= set(
        mine.props
    )


def build_object(
    b: Builder, schema: dict[str, Any], name: ClassName, where: Where
) -> Model:
    parent = single_parent(b, schema, where)
    shape = Shape({}, [])
    gather(
        b, parent[1] if parent else schema, where, shape, {(where.file, where.pointer)}
    )
    for wire in shape.required:
        if wire not in shape.props and not parent:
            shape.props[wire] = (True, where.child("required"))
    extra = None
    if shape.extra is not True:
        sub, extra_where = shape.extra
        extra_type, extra_null = type_of(
            b,
            sub,
            extra_where.__class__(
                extra_where.file,
                extra_where.pointer,
                name + "_value",
                where.component,
                where.depth + 1,
            ),
        )
        extra = or_null(extra_type, extra_null)
    tag, mapping = declared_discriminator(b, schema, where)
    return Model(
        name=name,
        module="",
        kind="object",
        source=b.source(where),
        component=where.component,
        description=text(schema),
        fields=make_fields(b, shape, name),
        base=parent[0] if parent else None,
        closed=shape.closed,
        extra=extra,
        example_json=example_of(schema),
        deprecated=schema.get("deprecated") is True,
        presence=presence_rules(schema),
        tag=tag,
        mapping=mapping,
    )


def make_fields(b: Builder, shape: Shape, owner: str) -> tuple[Field, ...]:
    attrs = naming.Namer(sep="_")
    fields = []
    for wire, (sub, where) in shape.props.items():
        ref, nullable = type_of(
            b,
            sub,
            Where(
                where.file,
                where.pointer,
                f"{owner}_{wire}",
                where.component,
                where.depth + 1,
            ),
        )
        info = sub if isinstance(sub, dict) else {}
        fields.append(
            Field(
                name=wire,
                attr=FieldName(""),  # named below, once every type is known
                type=ref,
                required=wire in shape.required,
                nullable=nullable,
                description=text(info),
                default_json=default_of(b, info, ref, nullable, where, (owner, wire)),
                example_json=example_of(info),
                read_only=info.get("readOnly") is True,
                write_only=info.get("writeOnly") is True,
                deprecated=info.get("deprecated") is True,
                pointer=b.source(where),
            )
        )
    bound = module_names([f.type for f in fields])
    rules = b.options.names
    named = []
    for f in fields:
        attr = attrs.claim(naming.attr_name(f.name, bound, rules))
        note = naming.explain_attr(f.name, attr, rules) or ""
        named.append(replace(f, attr=FieldName(attr), renamed=note))
    return tuple(named)


def module_names(refs: list[TypeRef]) -> frozenset[str]:
    """Names the model's module may bind for these types (`re`, for patterns)."""
    found: set[str] = set()
    todo = list(refs)
    while todo:
        ref = todo.pop()
        if any(key == "pattern" for key, _ in ref.constraints):
            found.add("re")
        todo.extend(ref.args)
    return frozenset(found)


def default_of(
    b: Builder,
    info: dict[str, Any],
    ref: TypeRef,
    nullable: bool,
    where: Where,
    owner: tuple[str, str],
) -> str | None:
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
        b.unchecked_defaults.append(
            (*owner, where)
        )  # checked once every model is built
    elif not conforms(value, ref, b):
        b.warn(
            where,
            f"default {encoded[:60]} does not match the schema; ignored",
            "default",
        )
        return None
    return encoded


def check_late_defaults(b: Builder) -> None:
    """Check the defaults whose types used models that were not built yet."""
    for owner, wire, where in b.unchecked_defaults:
        b.begin(where.component)
        model = b.models.get(owner)
        if model is None:
            continue
        fields = model.fields
        for index, field in enumerate(fields):
            if (
                field.name == wire
                and field.default_json is not None
                and not conforms(field.default, field.type, b)
            ):
                b.warn(
                    where,
                    f"default {field.default_json[:60]} does not match the schema; ignored",
                    "default",
                )
                kept = (
                    fields[:index]
                    + (replace(field, default_json=None),)
                    + fields[index + 1 :]
                )
                b.models[owner] = replace(model, fields=kept)
    b.unchecked_defaults.clear()
