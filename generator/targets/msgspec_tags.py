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

from ..ir import Document, Model, Routes, TypeRef, lineage
from .base import ExampleContext


def unnamable(name: str) -> bool:
    """A wire name msgspec cannot give a field (quotes, backslashes, control
    characters): such a property is kept as an unknown one, unchecked."""
    return any(c in name for c in '"\\') or any(ord(c) < 32 for c in name)


def tag_value(model: Model, prop: str, models: Mapping[str, Model]) -> str | None:
    """The one string the property `prop` of `model` (or of a parent) holds, if
    it is required and holds one string only."""
    for part in lineage(model, models):
        for field in part.fields:
            if field.name == prop:
                values = field.type.values if field.type.kind == "literal" else ()
                single = len(values) == 1 and isinstance(values[0], str)
                ok = single and field.required and not field.nullable
                return str(values[0]) if ok else None
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


def inferred(ref: TypeRef, models: Mapping[str, Model]) -> TypeRef | None:
    """An untagged union whose object members each hold their own constant in
    one required property: those members as a union tagged by it (the first
    such property of the first member). Only one of them can hold an object."""
    if ref.kind != "union" or ref.tag:
        return None
    names = [
        a.model
        for a in ref.args
        if a.kind == "model" and a.model in models and models[a.model].kind == "object"
    ]
    if len(names) < 2 or len(set(names)) < len(names):
        return None
    chain = lineage(models[names[0]], models)
    for prop in dict.fromkeys(f.name for part in chain for f in part.fields):
        values = [tag_value(models[name], prop, models) for name in names]
        if None not in values and len(set(values)) == len(values):
            args = tuple(TypeRef("model", model=name) for name in names)
            mapping = tuple((str(v), n) for v, n in zip(values, names, strict=True))
            return TypeRef("union", args=args, tag=prop, mapping=mapping)
    return None


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
    """model → (tag property, tag value) for the classes msgspec can tag.

    A class routed by one tag value (in every union that names it) is
    tagged; one reached without its tag (absent, null, other routes) is
    not, nor is a parent whose subclasses do not all hold the same tag (a
    subclass inherits the parent's tag unless it is tagged itself)."""
    models: dict[str, Model] = {m.name: m for m in document.models}
    found: dict[str, tuple[str, str]] = {}
    refused: set[str] = set()
    for ref in unions(document):
        routes = routes_of(ref)
        refused.update(routes.absent + routes.other + routes.null + routes.other_json)
        for value, route in routes.values:
            wanted = (ref.tag, value)
            model = models.get(route[0]) if len(route) == 1 else None
            if (
                model is None
                or model.kind != "object"
                or tag_value(model, ref.tag, models) != value
                or found.get(model.name, wanted) != wanted
                or (model.presence and _mentions(model, ref.tag))
            ):
                refused.update(route)
            else:
                found[model.name] = wanted
    children: dict[str, list[str]] = {}
    for model in document.models:
        for parent in lineage(model, models)[1:]:
            children.setdefault(parent.name, []).append(model.name)
    _infer(document, models, children, found, refused)
    changed = True
    while changed:
        changed = False
        for name, (prop, value) in found.items():
            if name in refused:
                continue
            for child in children.get(name, []):
                own = found.get(child)
                if child in refused or (
                    own[0] != prop
                    if own
                    else tag_value(models[child], prop, models) != value
                ):
                    refused.add(name)
                    changed = True
                    break
    return {k: v for k, v in found.items() if k not in refused}


def _infer(
    document: Document,
    models: Mapping[str, Model],
    children: Mapping[str, list[str]],
    found: dict[str, tuple[str, str]],
    refused: set[str],
) -> None:
    """Tags of the unions without a discriminator whose object members a
    constant property tells apart (`inferred`), where they agree with every
    tag already planned; a member in a class hierarchy is left alone."""
    for ref in _untagged(document):
        union = inferred(ref, models)
        if union is None:
            continue
        wanted = {name: (union.tag, value) for value, name in union.mapping}
        if not any(
            name in refused
            or found.get(name, tag) != tag
            or models[name].base
            or name in children
            or (models[name].presence and _mentions(models[name], union.tag))
            for name, tag in wanted.items()
        ):
            found.update(wanted)


def _untagged(document: Document) -> Iterator[TypeRef]:
    """Every union without a discriminator, nested ones included, in order."""
    stack = [
        ref
        for model in reversed(document.models)
        for ref in reversed(
            [f.type for f in model.fields] + [t for t in (model.root, model.extra) if t]
        )
    ]
    while stack:
        ref = stack.pop()
        if ref.kind == "union" and not ref.tag:
            yield ref
        stack.extend(reversed(ref.args))


def tagged_by(
    model: Model, plan: Mapping[str, tuple[str, str]], models: Mapping[str, Model]
) -> str:
    """The tag property of `model`'s class, its own or a parent's ("" if none)."""
    for part in lineage(model, models):
        if part.name in plan:
            return plan[part.name][0]
    return ""


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
    found = {}
    for name, model in models.items():
        prop = tagged_by(model, plan, models)
        fields = tuple(
            f
            for f in model.fields
            if not (prop and f.name == prop) and not unnamable(f.name)
        )
        found[name] = replace(model, fields=fields)
    _PLANS.clear()
    _PLANS[id(models)] = (models, found)
    return found


def example(context: ExampleContext) -> str | None:
    """The docs' Example: the shared one, with tagged classes built by `from_dict`."""
    from ..render.docexample import import_line, keyword_call, python_literal

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
    keywords = keyword_call(models[model.name], value, models, names, context.inline)
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
        lines.append("assert built == instance")
    return "\n".join(lines)
