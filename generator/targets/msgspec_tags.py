"""Which tagged unions msgspec decodes natively (`tag_field`/`tag` on the members).

msgspec picks a union's member by a tag that is part of each member class:
one tag property for all members, one tag value per class, the property
not being a field of the class. A member qualifies when it is an object
model with no subclasses whose tag property is required and holds a single
string, and every union it takes part in uses that property, routes that
value to it alone, and has no other routes (absent, other, null tags). A
union whose members all qualify is written `A | B`; the others go through
the runtime's `OneOf` (with a generation warning).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from ..ir import Document, Field, Model, Routes, TypeRef
from .base import ExampleContext


def tag_field(model: Model, prop: str) -> Field | None:
    """The field of `model` that holds the tag `prop`, when it holds one string."""
    for field in model.fields:
        if field.name == prop:
            single = field.type.kind == "literal" and len(field.type.values) == 1
            if single and isinstance(field.type.values[0], str) and field.required:
                return None if field.nullable else field
    return None


def unions(document: Document) -> Iterator[TypeRef]:
    """Every tagged union of the document, nested ones included."""
    stack = [
        ref
        for model in document.models
        for ref in [f.type for f in model.fields]
        + [t for t in (model.root, model.extra) if t]
    ]
    while stack:
        ref = stack.pop()
        if ref.kind == "union" and ref.tag:
            yield ref
        stack.extend(ref.args)


def routes_of(ref: TypeRef) -> Routes:
    return ref.routes or Routes(values=tuple((k, (v,)) for k, v in ref.mapping))


def simple(ref: TypeRef) -> bool:
    """One member per tag value, each member for one value, no other routes."""
    routes = routes_of(ref)
    if routes.absent or routes.other or routes.null or routes.other_json:
        return False
    members = [a.model for a in ref.args if a.kind == "model"]
    chosen = [r[0] for _, r in routes.values if len(r) == 1]
    if len(chosen) != len(routes.values) or len(set(chosen)) != len(chosen):
        return False
    others = [a for a in ref.args if a.kind not in ("model", "null")]
    return not others and sorted(chosen) == sorted(members)


def tag_plan(document: Document) -> dict[str, tuple[str, str]]:
    """model → (tag property, tag value) for the members msgspec can tag."""
    models: dict[str, Model] = {m.name: m for m in document.models}
    parents = {m.base for m in document.models if m.base}
    found: dict[str, tuple[str, str]] = {}
    refused: set[str] = set(parents)
    for ref in unions(document):
        routes = routes_of(ref)
        members = {a.model for a in ref.args if a.kind == "model"}
        if not simple(ref):
            refused.update(members)
            continue
        for value, (name,) in ((v, r) for v, r in routes.values):
            model = models.get(name)
            field = tag_field(model, ref.tag) if model else None
            wanted = (ref.tag, value)
            if (
                model is None
                or model.kind != "object"
                or field is None
                or field.type.values[0] != value
                or found.get(name, wanted) != wanted
                or (model.presence and _mentions(model, ref.tag))
            ):
                refused.add(name)
            else:
                found[name] = wanted
    return {k: v for k, v in found.items() if k not in refused}


def _mentions(model: Model, prop: str) -> bool:
    rules = model.presence
    assert rules is not None
    return any(prop in names for names in rules.any_of + rules.one_of + rules.none_of)


def native(ref: TypeRef, tags: dict[str, tuple[str, str]]) -> bool:
    """Whether msgspec decodes the tagged union `ref` by its members' tags."""
    members = [a for a in ref.args if a.kind == "model"]
    return simple(ref) and all(
        tags.get(a.model, ("", ""))[0] == ref.tag for a in members
    )


_PLANS: dict[int, tuple[object, dict[str, Model]]] = {}


def untagged(models: Mapping[str, Model]) -> dict[str, Model]:
    """`models` with the tag field of each tagged class left out (it is no
    keyword of the class): the docs build such objects with `from_dict`."""
    cached = _PLANS.get(id(models))
    if cached is not None and cached[0] is models:
        return cached[1]
    document = Document("", "", "", tuple(models.values()))
    plan = tag_plan(document)
    found = {
        name: (
            replace(m, fields=tuple(f for f in m.fields if f.name != plan[name][0]))
            if name in plan
            else m
        )
        for name, m in models.items()
    }
    _PLANS.clear()
    _PLANS[id(models)] = (models, found)
    return found


def example(context: ExampleContext) -> str | None:
    """The docs' Example: the shared one, with tagged classes built by `from_dict`."""
    from ..render.markdown import import_line, keyword_call, python_literal

    model, value, package = context.model, context.value, context.package
    payload = python_literal(value)
    if model.kind == "enum":
        return "\n".join(
            [
                f"from {package}.models import {model.name}",
                "",
                f"value = {model.name}({payload})",
                "print(value.value)",
                f"assert {model.name}(value.value) is value",
            ]
        )
    names: set[str] = {model.name}
    models = untagged(context.models)
    keywords = keyword_call(models[model.name], value, models, names)
    lines = [
        import_line(package, names),
        "",
        f"payload = {payload}",
        f"instance = {model.name}.from_dict(payload)",
        "print(instance.to_json())",
        f"assert {model.name}.from_dict(instance.to_dict()) == instance",
    ]
    if keywords:
        lines += ["", "# The same, built by the Python attribute names:", keywords]
        lines.append("assert built.to_dict() == instance.to_dict()")
    return "\n".join(lines)
