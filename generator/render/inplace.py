"""Root models written as their type where they are used.

A root model (a named schema whose value is not an object: a string, an
array of dates, a union) is a class of its own, but a field that refers to
it can be typed with the root's own type instead: users then pass plain
values (`name="Ada"`, not `Name("Ada")`) and read them back, and type
checkers accept both. A target writes such a field exactly as an inline
schema of the same shape (its type and constraints); the root's class stays
for those who import it.

`in_place` is the rule every target starts from; `plain_roots` narrows it
to roots whose value mentions no model (what pydantic and dataclasses write
in place), and `document_in_place` rewrites a document's types with them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace

from ..ir import Document, Field, Model, TypeRef


def in_place(model: Model, cycle: Collection[str] = ()) -> bool:
    """Whether a target may write the root model `model` as its type where it
    is used: a root with no `also` or `uniqueItems` check (those need the
    class), in no reference cycle (`cycle`: the models in one with it) and
    not referring to itself."""
    root = model.root
    return (
        root is not None
        and not (model.also or root.unique or cycle)
        and model.name not in root.models()
    )


def plain_roots(models: Iterable[Model]) -> dict[str, TypeRef]:
    """The root models `in_place` whose value mentions no model (scalars,
    formats, literals, lists and dicts of those; so in no cycle either), or
    only such roots (an alias of one), each with its type `written`."""
    roots: dict[str, TypeRef] = {}
    todo = [m for m in models if m.root is not None and in_place(m)]
    while todo:
        left = []
        for model in todo:
            assert model.root is not None
            ref = written(model.root, roots)
            if ref.models():
                left.append(model)
            else:
                roots[model.name] = ref
        if len(left) == len(todo):
            break
        todo = left
    return roots


def written(ref: TypeRef, roots: Mapping[str, TypeRef]) -> TypeRef:
    """`ref` with each reference to one of `roots` replaced by the root's type;
    a root union inside a union is spliced into it (members in order, each
    once). Members of a discriminated union stay: its routes name them."""
    if ref.kind == "model":
        found = roots.get(ref.model)
        return ref if found is None or ref.constraints else found
    if not ref.args or ref.tag:
        return ref
    args = [written(arg, roots) for arg in ref.args]
    if args == list(ref.args):
        return ref
    if ref.kind == "union":
        members: list[TypeRef] = []
        for old, new in zip(ref.args, args):
            spliced = new is not old and new.kind == "union" and not new.tag
            members.extend(
                m for m in (new.args if spliced else (new,)) if m not in members
            )
        args = one_literal(members)  # as linters ask, when a splice made several
    return replace(ref, args=tuple(args))


def admits_null(ref: TypeRef) -> bool:
    """Whether this type names null among its values (`any` does not: an
    optional property of any type is written the same either way)."""
    if ref.kind == "null":
        return True
    if ref.kind == "literal":
        return None in ref.values
    return ref.kind == "union" and any(map(admits_null, ref.args))


def field_written(field: Field, roots: Mapping[str, TypeRef]) -> Field:
    """`field` with its type `written`. A root that admits null made the
    property accept null (the class took it): the field is then nullable,
    as an inline schema that admits null is, and its type loses the null."""
    ref = written(field.type, roots)
    if ref is field.type:
        return field
    top = field.type.args if field.type.kind == "union" else (field.type,)
    nullable = field.nullable or any(
        a.kind == "model" and a.model in roots and admits_null(roots[a.model])
        for a in top
    )
    if nullable and ref.kind == "union" and not ref.tag:
        members = tuple(a for a in ref.args if a.kind != "null")
        if len(members) == 1:
            ref = members[0]
        elif members and len(members) < len(ref.args):
            ref = replace(ref, args=members)
    return replace(field, type=ref, nullable=nullable)


def model_written(model: Model, roots: Mapping[str, TypeRef]) -> Model:
    """`model` with the types of its fields, extra properties and root `written`."""
    fields = tuple(field_written(f, roots) for f in model.fields)
    extra = written(model.extra, roots) if model.extra else None
    root = written(model.root, roots) if model.root else None
    if (fields, extra, root) == (model.fields, model.extra, model.root):
        return model
    return replace(model, fields=fields, extra=extra, root=root)


def document_in_place(document: Document) -> Document:
    """`document` with the `plain_roots` written in place everywhere they are used."""
    roots = plain_roots(document.models)
    if not roots:
        return document
    models = tuple(model_written(m, roots) for m in document.models)
    return replace(document, models=models)


def one_literal(members: list[TypeRef]) -> list[TypeRef]:
    """`members` with their literals in one, where the first one was (a
    member written twice is then left out by the caller): linters ask for
    that spelling, and it is the same union. A literal's value is its own,
    whichever member holds it, and literals of floats stay apart (msgspec
    decodes them in Python: `msgspec_types.Annotator.sorts`)."""
    places = [
        index
        for index, m in enumerate(members)
        if m.kind == "literal" and not any(isinstance(v, float) for v in m.values)
    ]
    if len(places) < 2:
        return members
    values = {(type(v), v): v for i in places for v in members[i].values}
    first = replace(members[places[0]], values=tuple(values.values()))
    return [
        first if index == places[0] else m
        for index, m in enumerate(members)
        if index not in places[1:]
    ]
