"""Discriminated unions: which members may hold a given value of the tag.

OpenAPI's `discriminator` is a hint for choosing a member quickly; what a
value must satisfy is still the `oneOf`/`anyOf`. Real specs lean on that:
members whose tag is optional (a reference item without `type`), members
that are themselves unions (the tag values live one level down), several
members sharing one tag value (`message` with different roles), tag values
missing from the mapping. So a tagged union routes each tag value to the
members that can hold it, mapped member first, and a target tries only
those; a value no member can hold is rejected with an error naming the tag.

How far the discriminator decides depends on the version. OpenAPI 3.1 makes
it an annotation that must not change what validates, so any member the
schema allows is in the route. In 3.0 and Swagger 2 the mapping decides: a
tag value goes only to the members that claim it (mapping, schema name, or
their own const/enum), and an unknown tag is an error even where a member
with a free-form tag property would take it. A missing or null tag goes to
the members that allow one in either case: there the mapping cannot decide.

The routes are computed once all models are built (a member may be defined
after the union that uses it).
"""

from __future__ import annotations

from dataclasses import replace
from collections.abc import Mapping
from typing import Iterable

from ..ir import Model, Routes, TypeRef, lineage
from .subclasses import inherited_tag

__all__ = ["complete_discriminators"]


class _Admits:
    """What values of property `prop` each model can hold."""

    def __init__(self, models: Mapping[str, Model], prop: str) -> None:
        self.models = models
        self.prop = prop

    def field_type(self, model: Model) -> tuple[TypeRef | None, bool, bool] | None:
        """(type, required, nullable) of the tag property, or None when undeclared."""
        for current in lineage(model, self.models):
            for field in current.fields:
                if field.name == self.prop:
                    return field.type, field.required, field.nullable
        return None

    def holds(
        self, name: str, value: object, seen: frozenset[str] = frozenset()
    ) -> bool:
        """Whether the model can hold `value` (an `_ABSENT`/`_OTHER` marker or JSON)."""
        model = self.models.get(name)
        if model is None or name in seen:
            return False
        seen = seen | {name}
        if model.kind == "root":
            return model.root is not None and self.type_holds(
                model.root, value, seen, top=True
            )
        if model.kind != "object":
            return False
        found = self.field_type(model)
        if found is None:
            if value is _ABSENT:
                return True
            if model.closed:
                return False
            return model.extra is None or self.type_holds(model.extra, value, seen)
        ref, required, nullable = found
        if value is _ABSENT:
            return not required
        if value is None and nullable:
            return True
        return ref is not None and self.type_holds(ref, value, seen)

    def type_holds(
        self, ref: TypeRef, value: object, seen: frozenset[str], top: bool = False
    ) -> bool:
        """Whether a value of type `ref` can be `value`; `top`: `ref` is a union's root."""
        kind = ref.kind
        if kind == "model":
            target = self.models.get(ref.model)
            if target is not None and target.kind == "enum":
                if value is _NONSTRING:
                    return not top and any(
                        not isinstance(m.value, str) for m in target.members
                    )
                return not top and any(m.value == value for m in target.members)
            if top or (target is not None and target.kind == "root"):
                return (
                    self.holds(ref.model, value, seen)
                    if top
                    else self._root_holds(target, value, seen)
                )
            return value is _NONSTRING  # an object
        if kind == "union":
            return any(self.type_holds(a, value, seen, top) for a in ref.args)
        if top:
            return False
        if kind == "any":
            return value is not _ABSENT
        if kind == "null":
            return value is None
        if kind == "literal":
            if value is _NONSTRING:
                return any(not isinstance(v, str) and v is not None for v in ref.values)
            return value is not _OTHER and value in ref.values
        if kind in ("str", "datetime", "date", "time", "uuid"):
            return isinstance(value, str) or value is _OTHER
        return (
            value is _NONSTRING
        )  # numbers, booleans, arrays, maps: some non-string value fits

    def _root_holds(
        self, model: Model | None, value: object, seen: frozenset[str]
    ) -> bool:
        if model is None or model.name in seen or model.root is None:
            return False
        return self.type_holds(model.root, value, seen | {model.name})

    def values(self, name: str, seen: frozenset[str] = frozenset()) -> Iterable[str]:
        """The tag values a model declares (its literals, through nested unions)."""
        model = self.models.get(name)
        if model is None or name in seen:
            return
        seen = seen | {name}
        if model.kind == "root" and model.root is not None:
            stack = [model.root]
            while stack:
                ref = stack.pop(0)
                if ref.kind == "union":
                    stack.extend(ref.args)
                elif ref.kind == "model":
                    yield from self.values(ref.model, seen)
            return
        found = self.field_type(model) if model.kind == "object" else None
        stack = [found[0]] if found and found[0] is not None else []
        while stack:
            ref = stack.pop(0)
            if ref.kind == "literal":
                yield from (v for v in ref.values if isinstance(v, str))
            elif ref.kind == "union":
                stack.extend(ref.args)
            elif ref.kind == "model":
                target = self.models.get(ref.model)
                if target is not None and target.kind == "enum":
                    yield from (
                        m.value for m in target.members if isinstance(m.value, str)
                    )
                elif (
                    target is not None
                    and target.kind == "root"
                    and target.root is not None
                ):
                    stack.append(target.root)


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_ABSENT = _Marker("absent")  # the tag property is missing
_OTHER = _Marker("other")  # a string not among the known tag values
_NONSTRING = _Marker("non-string")  # a number, boolean, array or object


def routes_for(
    models: Mapping[str, Model], ref: TypeRef, annotation_only: bool
) -> Routes:
    """Each tag value's route. `annotation_only` (OpenAPI 3.1): the schema alone
    decides, so every member that can hold a value is in its route; otherwise
    (3.0, Swagger 2) the mapping decides: a value goes to the members that
    claim it (mapping, implicit schema name, or their own const/enum) and
    an unknown value is rejected."""
    admits = _Admits(models, ref.tag)
    members = [a.model for a in ref.args if a.kind == "model"]
    declared = {
        m: dict.fromkeys(admits.values(m)) for m in members
    }  # ordered: output is deterministic
    mapping = dict(ref.mapping)
    claims = {value: {target} for value, target in mapping.items()}
    for member in members:
        for value in declared[member]:
            mapping.setdefault(value, member)
            claims.setdefault(value, set()).add(member)

    def holders(value: object, first: str | None = None) -> tuple[str, ...]:
        def fits(member: str) -> bool:
            if not admits.holds(member, value):
                return False
            return (
                annotation_only
                or not isinstance(value, str)
                or member in claims.get(value, ())
            )

        chosen = [first] if first and fits(first) else []
        chosen += [m for m in members if m != first and fits(m)]
        return tuple(chosen)

    # A mapped member that cannot hold its value (the implicit schema-name tag
    # of a member whose tag is a const) would reject it anyway: the entry is
    # dropped, and such a value takes the route of any other string.
    by_value = tuple(
        (value, holders(value, target))
        for value, target in mapping.items()
        if admits.holds(target, value)
    )
    return Routes(
        values=by_value,
        absent=holders(_ABSENT),
        other=holders(_OTHER) if annotation_only else (),
        null=holders(None),
        other_json=holders(_NONSTRING),
    )


def implicit_tag(models: Mapping[str, Model], ref: TypeRef) -> str | None:
    """For a union of object models without a discriminator: the property most of them
    require with a fixed string value (`type: {const: ...}`), if at least two do.

    Routing by it never changes what validates (a member is skipped only when its own
    schema would reject the value); it makes validation faster and errors shorter."""
    members = [a for a in ref.args if a.kind != "null"]
    if len(members) < 2 or any(a.kind != "model" for a in members):
        return None
    objects = [models.get(a.model) for a in members]
    counts: dict[str, int] = {}
    for model in objects:
        if model is None or model.kind != "object":
            return None
        for current in lineage(model, models):
            for field in current.fields:
                values = field.type.values if field.type.kind == "literal" else ()
                if (
                    field.required
                    and values
                    and all(isinstance(v, str) for v in values)
                ):
                    counts[field.name] = counts.get(field.name, 0) + 1
    if not counts:
        return None
    best = max(
        counts, key=lambda name: (counts[name], name == "type", [-ord(c) for c in name])
    )
    return best if counts[best] >= 2 and 2 * counts[best] >= len(objects) else None


def complete_discriminators(
    models: list[Model],
    annotation_only: bool,
    lookup: Mapping[str, Model] | None = None,
) -> list[Model]:
    """Give every discriminated union its routes (tag value → members); unions of object
    models without a discriminator get one from a shared constant property (JSON Schema
    semantics: see `implicit_tag`). `lookup`: every model by name (default: `models`).
    """
    by_name: Mapping[str, Model] = (
        lookup if lookup is not None else {m.name: m for m in models}
    )

    def complete(model: Model) -> Model:
        ref = model.root
        if ref is None or ref.kind != "union":
            return model
        inherited = None if ref.tag else inherited_tag(by_name, ref)
        if inherited is not None:  # the members' base has the discriminator
            ref = inherited
            routes = routes_for(by_name, ref, annotation_only)
        elif not ref.tag:
            tag = implicit_tag(by_name, ref)
            if tag is None:
                return model
            ref = replace(ref, tag=tag)
            routes = routes_for(by_name, ref, annotation_only=True)
        else:
            routes = routes_for(by_name, ref, annotation_only)
        mapping = tuple((value, members[0]) for value, members in routes.values)
        return replace(model, root=replace(ref, mapping=mapping, routes=routes))

    return [complete(m) for m in models]
