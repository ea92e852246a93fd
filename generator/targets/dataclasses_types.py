"""The dataclasses target's spelling of types: annotations for type checkers,
and the compact descriptors of the `_schema_()` tables the runtime reads."""

from __future__ import annotations

from dataclasses import dataclass

from ..ir import Field, Model, Routes, TypeRef, or_null
from ..render.filters import pyrepr
from ..render.inplace import one_literal
from .dataclasses_table import Bracket, Part, bracket, tuple_part

SCALARS = {"str": "str", "time": "str", "int": "int", "float": "float", "bool": "bool"}
STAMPS = {"datetime": ("datetime", "datetime"), "date": ("datetime", "date")}


@dataclass
class Imports:
    """The names a model module needs: at run time, and for type checkers only."""

    runtime: dict[str, set[str]]
    typing: dict[str, set[str]]
    local: dict[str, str]  # class → module, imported inside `_schema_()`

    def use(self, module: str, name: str, typing: bool = True) -> str:
        (self.typing if typing else self.runtime).setdefault(module, set()).add(name)
        return name


class Writer:
    """Annotations and schema descriptors of one model's types."""

    def __init__(self, model: Model, models: dict[str, Model]) -> None:
        self.model = model
        self.models = models
        self.imports = Imports({}, {}, {})

    def cls(self, name: str) -> str:
        if name != self.model.name:
            self.imports.use(f".{self.models[name].module}", name)
            self.imports.local[name] = self.models[name].module
        return name

    def annotation(self, ref: TypeRef) -> str:
        kind = ref.kind
        if kind in SCALARS:
            return SCALARS[kind]
        if kind in STAMPS:
            return self.imports.use(*STAMPS[kind])
        if kind == "uuid":
            return self.imports.use("uuid", "UUID")
        if kind == "null":
            return "None"
        if kind == "literal":
            values = ", ".join(pyrepr(v) for v in ref.values)
            return f"{self.imports.use('typing', 'Literal')}[{values}]"
        if kind == "model":
            return self.cls(ref.model)
        if kind == "list":
            return f"list[{self.annotation(ref.args[0])}]"
        if kind == "dict":
            return f"dict[str, {self.annotation(ref.args[0])}]"
        if kind == "tuple":
            return f"tuple[{', '.join(map(self.annotation, ref.args))}]"
        if kind == "union":
            members = one_literal([a for a in ref.args if a.kind != "null"])
            parts = list(dict.fromkeys(self.annotation(a) for a in members))
            if len(members) < len(ref.args):
                parts.append("None")
            return " | ".join(parts) or "None"
        return self.imports.use("typing", "Any")

    def descriptor(self, ref: TypeRef) -> Part:
        kind = ref.kind
        if kind in SCALARS or kind in STAMPS or kind == "uuid":
            rules = self.rules(ref)
            return tuple_part([pyrepr(kind), rules]) if rules.items else pyrepr(kind)
        if kind in ("null", "any"):
            return pyrepr(kind)
        if kind == "literal":
            values = tuple_part([pyrepr(v) for v in ref.values])
            return tuple_part(['"const"', values])
        if kind == "model":
            return self.cls(ref.model)
        if kind in ("list", "dict"):
            keys = [self.descriptor(a) for a in ref.args[1:] if a != TypeRef("str")]
            inner = [self.descriptor(ref.args[0]), self.rules(ref), *keys]
            return tuple_part([pyrepr(kind), *inner])
        if kind == "tuple":
            items = tuple_part([self.descriptor(a) for a in ref.args])
            return tuple_part(['"tuple"', items])
        if kind == "union":
            return self.union(ref)
        return pyrepr("any")

    def rules(self, ref: TypeRef) -> Bracket:
        """The JSON Schema validation keywords of a type, as a dict display."""
        pairs = [(key, value) for key, value in ref.constraints if key in KEYWORDS]
        if ref.unique:
            pairs.append(("uniqueItems", True))
        return bracket("", "{", [f"{pyrepr(k)}: {pyrepr(v)}" for k, v in pairs])

    def union(self, ref: TypeRef) -> Part:
        members = [a for a in ref.args if a.kind != "null"]
        null: list[Part] = [pyrepr("null")] if len(members) < len(ref.args) else []
        if ref.tag and len(members) > 1:
            inner = self.tagged(ref)
            return (
                tuple_part(['"union"', tuple_part([inner, *null])]) if null else inner
            )
        parts = [self.descriptor(a) for a in members] + null
        return (
            parts[0] if len(parts) == 1 else tuple_part(['"union"', tuple_part(parts)])
        )

    def tagged(self, ref: TypeRef) -> Bracket:
        routes = ref.routes or Routes(values=tuple((k, (v,)) for k, v in ref.mapping))

        def classes(route: tuple[str, ...]) -> Part:
            return tuple_part([self.cls(m) for m in route]) if route else "None"

        # pairs, not a dict: mypy joins a dict's values, and a join of classes
        # whose constructors differ rejects its own members
        table = tuple_part(
            [tuple_part([pyrepr(k), classes(r)]) for k, r in routes.values if r]
        )
        rest = [routes.absent, routes.other, routes.null, routes.other_json]
        return tuple_part(['"tagged"', pyrepr(ref.tag), table, *map(classes, rest)])


KEYWORDS = frozenset(
    """minLength maxLength pattern minimum maximum exclusiveMinimum exclusiveMaximum
    multipleOf minItems maxItems minProperties maxProperties""".split()
)


def field_type(field: Field) -> TypeRef:
    """The property's type, with null when the schema lets it be null."""
    has_null = field.type.kind == "null" or (
        field.type.kind == "union" and any(a.kind == "null" for a in field.type.args)
    )
    return or_null(field.type, field.nullable and not has_null)
