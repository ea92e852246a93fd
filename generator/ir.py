"""The intermediate representation: what the spec means, for any target.

`build` turns schemas into a `Document`; `render` reads it. Values are frozen
dataclasses holding tuples and JSON scalars only, with no back-references:
a model refers to another by class name. Spec values that are arbitrary JSON
(defaults, examples) are kept as canonical JSON text so the IR stays
hashable and deterministic; `render` decodes them when it needs the value.
"""

from __future__ import annotations

import json
from collections.abc import Container, Mapping
from dataclasses import dataclass, fields
from typing import Literal as _Literal, NewType, Union

ClassName = NewType("ClassName", str)
FieldName = NewType("FieldName", str)
JsonScalar = Union[str, int, float, bool, None]

TypeKind = _Literal[
    "any",
    "str",
    "int",
    "float",
    "bool",
    "datetime",
    "date",
    "time",
    "uuid",
    "literal",
    "model",
    "list",
    "tuple",
    "dict",
    "union",
    "null",
]
ModelKind = _Literal["object", "enum", "root"]


@dataclass(frozen=True, slots=True)
class Routes:
    """A discriminated union's members that can hold each value of the tag.

    Each entry lists member models, the mapped one first. `values`: the known
    tag values; `other`: any other string; `absent`: no tag property;
    `null`: a null tag; `other_json`: a number, boolean, list or object.
    An empty tuple means no member can hold such a value.
    """

    values: tuple[tuple[str, tuple[str, ...]], ...] = ()
    absent: tuple[str, ...] = ()
    other: tuple[str, ...] = ()
    null: tuple[str, ...] = ()
    other_json: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Subclasses:
    """How decoding as an object model picks one of its `allOf` subclasses: the
    discriminator its schema (or a parent's) declares, inherited through `allOf`.

    `values`: each tag value that names a subclass → the most specific subclass
    it names (the spec's mapping first, then the subclass's schema name). Any
    other value, or none, leaves the model itself.
    """

    tag: str  # the discriminator property (wire name)
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class TypeRef:
    """A type. `args`: list item, dict value or union members. `values`: literals."""

    kind: TypeKind
    model: str = ""
    args: tuple["TypeRef", ...] = ()
    values: tuple[JsonScalar, ...] = ()
    constraints: tuple[tuple[str, JsonScalar], ...] = ()
    unique: bool = False
    tag: str = ""  # union: the discriminator property
    mapping: tuple[tuple[str, str], ...] = ()  # union: tag value → member model
    routes: Routes | None = None  # union: tag value → members that can hold it

    def models(self) -> tuple[str, ...]:
        """Every model class this type mentions, in order, once."""
        found: dict[str, None] = {}
        stack = [self]
        while stack:
            ref = stack.pop(0)
            if ref.kind == "model":
                found[ref.model] = None
            stack.extend(ref.args)
        return tuple(found)


# The JSON Schema keywords that bound a value's size, by type kind.
SIZE_KEYWORDS = {
    "str": ("minLength", "maxLength"),
    "list": ("minItems", "maxItems"),
    "dict": ("minProperties", "maxProperties"),
}


def size_bounds(ref: TypeRef) -> tuple[int | None, int | None]:
    """The least and greatest length (characters, items, properties) `ref` allows."""
    low_key, high_key = SIZE_KEYWORDS.get(ref.kind, ("", ""))
    limits = dict(ref.constraints)
    low, high = limits.get(low_key), limits.get(high_key)
    return (
        low if isinstance(low, int) else None,
        high if isinstance(high, int) else None,
    )


ANY = TypeRef("any")
NULL = TypeRef("null")


def or_null(ref: TypeRef, nullable: bool = True) -> TypeRef:
    """`ref` or null (a union with null) when `nullable`, else `ref` itself."""
    return TypeRef("union", args=(ref, NULL)) if nullable else ref


@dataclass(frozen=True, slots=True)
class Field:
    """One property of an object model."""

    name: str  # the JSON (wire) name
    attr: FieldName  # the Python attribute
    type: TypeRef
    required: bool
    nullable: bool
    description: str = ""
    default_json: str | None = None  # canonical JSON of the spec's default
    example_json: str | None = None
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False
    pointer: str = ""
    renamed: str = ""  # why `attr` is not the plain snake_case of `name`, if it is not

    @property
    def default(self) -> object:
        return None if self.default_json is None else json.loads(self.default_json)


@dataclass(frozen=True, slots=True)
class EnumMember:
    name: str
    value: JsonScalar
    title: str = ""  # the member's name in the spec (a title, x-enum-varnames)
    description: str = ""


@dataclass(frozen=True, slots=True)
class Presence:
    """Rules on which properties an object has, from `anyOf`/`oneOf` lists of
    `required` sets and `not: {required: [...]}` next to `properties`."""

    any_of: tuple[tuple[str, ...], ...] = ()  # at least one set fully present
    one_of: tuple[tuple[str, ...], ...] = ()  # exactly one set fully present
    none_of: tuple[tuple[str, ...], ...] = ()  # no set fully present

    def allows(self, keys: Container[str]) -> bool:
        """Whether an object with these property names keeps the rules."""

        def full(names: tuple[str, ...]) -> bool:
            return all(n in keys for n in names)

        return (
            (not self.any_of or any(full(s) for s in self.any_of))
            and (not self.one_of or sum(full(s) for s in self.one_of) == 1)
            and not any(full(s) for s in self.none_of)
        )

    def trim(self, value: dict[str, object]) -> dict[str, object]:
        """`value` without the properties that break the rules (for examples)."""
        chosen = next(
            (s for s in self.one_of + self.any_of if all(n in value for n in s)), ()
        )
        drop = {n for s in self.one_of if s != chosen for n in s} - set(chosen)
        for names in self.none_of:
            if all(n in value for n in names):
                drop.add(
                    next((n for n in reversed(names) if n not in chosen), names[-1])
                )
        return {k: v for k, v in value.items() if k not in drop}


@dataclass(frozen=True, slots=True)
class Model:
    """A generated class: an object model, an enum, or a root (wrapper) model."""

    name: ClassName
    module: str
    kind: ModelKind
    source: str  # file#pointer where the schema is defined
    component: str  # the component it came from (for `list`)
    description: str = ""
    fields: tuple[Field, ...] = ()
    base: ClassName | None = None  # allOf parent
    closed: bool = False  # additionalProperties: false
    extra: TypeRef | None = None  # typed additionalProperties next to properties
    root: TypeRef | None = None  # for kind == "root"
    members: tuple[EnumMember, ...] = ()  # for kind == "enum"
    enum_type: str = "str"  # str | int | float
    example_json: str | None = None
    deprecated: bool = False
    tags: tuple[str, ...] = ()
    presence: Presence | None = None  # object: which properties go together
    also: tuple[
        ClassName, ...
    ] = ()  # root: object models the value must match too (allOf)
    tag: str = ""  # object: the discriminator property its schema declares
    mapping: tuple[tuple[str, str], ...] = ()  # object: the declared mapping
    subclasses: Subclasses | None = None  # object: completed from tag and mapping

    def references(self) -> tuple[str, ...]:
        """Model classes this model's code refers to, in order, once."""
        found: dict[str, None] = {}
        if self.base:
            found[self.base] = None
        found.update(dict.fromkeys(self.also))
        types = [f.type for f in self.fields] + [
            t for t in (self.extra, self.root) if t
        ]
        for ref in types:
            found.update(dict.fromkeys(ref.models()))
        found.pop(self.name, None)
        return tuple(found)


def lineage(model: Model, models: Mapping[str, Model]) -> tuple[Model, ...]:
    """The model and its `allOf` parents, nearest first (a cycle is cut)."""
    chain = [model]
    names = {model.name}
    while chain[-1].base and chain[-1].base not in names and chain[-1].base in models:
        chain.append(models[chain[-1].base])
        names.add(chain[-1].name)
    return tuple(chain)


@dataclass(frozen=True, slots=True)
class Document:
    """Everything `render` needs: models in document order plus metadata."""

    title: str
    version: str
    description: str
    models: tuple[Model, ...]
    inputs: tuple[tuple[str, str], ...] = ()  # (file, sha256)


def canonical_json(value: object) -> str:
    """Deterministic JSON text (sorted keys, no spaces variation)."""
    return json.dumps(
        value,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
    )


def json_text(value: object) -> str:
    """JSON text keeping the spec's key order (for examples and defaults)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _pickled_by_fields(cls: type) -> None:
    """Pickle as `cls(*values)`: a tenth of the default's cost for slotted frozen
    classes (kept documents of big specs are loaded on every regeneration)."""
    names = tuple(f.name for f in fields(cls))

    def reduce(self: object) -> tuple[type, tuple[object, ...]]:
        return cls, tuple(getattr(self, name) for name in names)

    setattr(cls, "__reduce__", reduce)
    setattr(cls, "__reduce_ex__", lambda self, protocol: reduce(self))


for _cls in (Routes, Subclasses, TypeRef, Field, EnumMember, Presence, Model, Document):
    _pickled_by_fields(_cls)
