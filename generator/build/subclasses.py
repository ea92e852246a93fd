"""Discriminators inherited through `allOf`: a base schema with a
`discriminator` is polymorphic. Decoding data as the base gives the subclass
the tag value names (the mapping first, then the subclass's schema name);
any other value, or a value naming the base, gives the base itself.

The build notes on an object model the discriminator its schema declares
(`Model.tag`, `Model.mapping`); once every model is built, each object model
with a tagged ancestor (or tag of its own) and subclasses below it gets its
`Subclasses`: tag value → the most specific subclass named. A union whose
members all extend one tagged base is then routed by that base's tag
(`inherited_tag`). Only `allOf` subclasses (`Model.base`) take part: they
are the classes a property typed as the base can hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from ..ir import Model, Subclasses, TypeRef, lineage
from ..pointer import split_pointer
from .context import Builder, Where
from .types import ref_type

__all__ = [
    "children_of",
    "complete_subclasses",
    "declared_discriminator",
    "inherited_tag",
    "schema_name",
]


def declared_discriminator(
    b: Builder, schema: dict[str, Any], where: Where
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """(property, mapping: tag value → model) of an object schema's discriminator."""
    spec = schema.get("discriminator")
    if isinstance(spec, str):  # Swagger 2: the property's name, no mapping
        spec = {"propertyName": spec}
    if not b.options.dialect.discriminator or not isinstance(spec, dict):
        return "", ()
    prop = spec.get("propertyName")
    if not isinstance(prop, str) or not prop:
        return "", ()
    mapping: dict[str, str] = {}
    explicit = spec.get("mapping")
    for value, ref in (explicit if isinstance(explicit, dict) else {}).items():
        if not isinstance(ref, str):
            continue
        target = (
            ref
            if "/" in ref or "#" in ref
            else b.options.dialect.component_prefix + ref
        )
        found, _ = ref_type(
            b, {"$ref": target}, where.child("discriminator", "mapping", str(value))
        )
        if found.kind == "model":
            mapping[str(value)] = found.model
    return prop, tuple(mapping.items())


def schema_name(roots: Iterable[tuple[str, ...]]) -> Callable[[Model], str]:
    """The name a model's implicit tag value is: its component's name when the
    model is the component itself (not a model made inside it), else ""."""
    bases = [list(r) for r in roots]

    def name(model: Model) -> str:
        tokens = split_pointer(model.source.partition("#")[2])
        if tokens[:-1] in bases and tokens[-1:] == [model.component]:
            return model.component
        return ""

    return name


def children_of(models: Iterable[Model]) -> Callable[[str], list[str]]:
    """The direct `allOf` subclasses of each model, in document order."""
    found: dict[str, list[str]] = {}
    for model in models:
        if model.base:
            found.setdefault(model.base, []).append(model.name)
    return lambda name: found.get(name, [])


def complete_subclasses(
    models: Iterable[Model],
    lookup: Mapping[str, Model],
    children: Callable[[str], Iterable[str]],
    named: Callable[[Model], str],
) -> list[Model]:
    """`models`, each object model with the subclasses decoding it may give."""

    def below(name: str) -> list[str]:  # strict descendants, depth first
        found: list[str] = []
        todo = list(children(name))[::-1]
        while todo:
            current = todo.pop()
            if current in found or current == name or current not in lookup:
                continue
            found.append(current)
            todo.extend(list(children(current))[::-1])
        return found

    def complete(model: Model) -> Model:
        if model.kind != "object":
            return replace(model, subclasses=None) if model.subclasses else model
        tagged = next((m for m in lineage(model, lookup) if m.tag), None)
        under = below(model.name) if tagged is not None else []
        if tagged is None or not under:
            return replace(model, subclasses=None) if model.subclasses else model
        table = {v: t for v, t in tagged.mapping if t in under}
        mapped = {t for _, t in tagged.mapping}
        for name in under:
            value = named(lookup[name])
            if value and name not in mapped:
                table.setdefault(value, name)
        found = Subclasses(tagged.tag, tuple(table.items())) if table else None
        return replace(model, subclasses=found)

    return [complete(m) for m in models]


def inherited_tag(models: Mapping[str, Model], ref: TypeRef) -> TypeRef | None:
    """A union of object models that all extend one base with a discriminator
    (and are not that base): the union tagged by it, each tag value the base
    maps to a member (or below one) going to that member."""
    members = [a for a in ref.args if a.kind != "null"]
    if len(members) < 2 or any(a.kind != "model" for a in members):
        return None
    names = [a.model for a in members]
    bases: set[str] = set()
    for name in names:
        model = models.get(name)
        if model is None or model.kind != "object":
            return None
        tagged = next((m for m in lineage(model, models)[1:] if m.tag), None)
        if tagged is None:
            return None
        bases.add(tagged.name)
    base = models[bases.pop()] if len(bases) == 1 else None
    if base is None or base.subclasses is None:
        return None
    mapping: dict[str, str] = {}
    for value, target in base.subclasses.values:
        chain = [m.name for m in lineage(models[target], models)]
        member = next((n for n in chain if n in names), None)
        if member is not None:
            mapping[value] = member
    return replace(ref, tag=base.subclasses.tag, mapping=tuple(mapping.items()))
