"""`modelgen changes OLD NEW`: what a spec change means for the models.

Each change is judged for a client that *parses responses* with the old
models: anything the old models would now reject (a removed model or
required field, a type change, a new enum value, a field that became
optional or nullable) is breaking; additions it tolerates are not.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from .build import build_document
from .diagnostics import raise_on_errors
from .ir import Document, Field, Model, TypeRef
from .load import load_spec


@dataclass(frozen=True)
class Change:
    model: str
    kind: str
    detail: str
    breaking: bool
    field: str = ""


def load_document(path: str) -> Document:
    document, diagnostics = build_document(load_spec(path))
    raise_on_errors(diagnostics)
    return document


def shape(ref: TypeRef) -> str:
    """The type without enum values (those are compared separately)."""
    if ref.kind == "literal":
        return "literal:" + ",".join(sorted({type(v).__name__ for v in ref.values}))
    if ref.args:
        inner = ",".join(shape(a) for a in ref.args)
        return f"{ref.kind}[{inner}]"
    return ref.model or ref.kind


def open_string(ref: TypeRef) -> bool:
    """Does the type accept any string (so new enum values cannot break it)?"""
    return ref.kind == "str" or any(
        open_string(a) for a in ref.args if ref.kind == "union"
    )


def values(ref: TypeRef) -> set[object]:
    found: set[object] = set(ref.values)
    for arg in ref.args:
        found |= values(arg)
    return found


NARROWER = {
    ("str", "literal:str"),
    ("float", "int"),
    ("float", "literal:int"),
    ("int", "literal:int"),
}


def type_change(
    model: str, old: TypeRef, new: TypeRef, field: str = ""
) -> list[Change]:
    before, after = shape(old), shape(new)
    if before == after:
        return []
    if (before, after) in NARROWER or before == "any":
        return [Change(model, "type_narrowed", f"{before} -> {after}", False, field)]
    return [Change(model, "type_changed", f"{before} -> {after}", True, field)]


def compare_fields(model: str, old: Field, new: Field) -> list[Change]:
    out = type_change(model, old.type, new.type, old.name)
    if old.required and not new.required:
        out.append(
            Change(model, "became_optional", "required -> optional", True, old.name)
        )
    if new.required and not old.required:
        out.append(
            Change(model, "became_required", "optional -> required", False, old.name)
        )
    if new.nullable and not old.nullable:
        out.append(Change(model, "became_nullable", "may now be null", True, old.name))
    before, after = values(old.type), values(new.type)
    for value in sorted(after - before if before else (), key=repr):
        out.append(
            Change(
                model,
                "enum_value_added",
                json.dumps(value),
                not open_string(old.type),
                old.name,
            )
        )
    for value in sorted(before - after, key=repr):
        out.append(
            Change(model, "enum_value_removed", json.dumps(value), False, old.name)
        )
    return out


def compare_models(old: Model, new: Model) -> list[Change]:
    out: list[Change] = []
    name = old.name
    if old.kind != new.kind:
        return [Change(name, "kind_changed", f"{old.kind} -> {new.kind}", True)]
    if old.root and new.root:
        out += type_change(name, old.root, new.root)
    before = {m.value for m in old.members} | (values(old.root) if old.root else set())
    after = {m.value for m in new.members} | (values(new.root) if new.root else set())
    tolerant = old.root is not None and open_string(old.root)
    out += [
        Change(name, "enum_value_added", json.dumps(v), not tolerant)
        for v in sorted(after - before if before else (), key=repr)
    ]
    out += [
        Change(name, "enum_value_removed", json.dumps(v), False)
        for v in sorted(before - after, key=repr)
    ]
    old_fields, new_fields = {f.name: f for f in old.fields}, {
        f.name: f for f in new.fields
    }
    removed = [f for f in old.fields if f.name not in new_fields]
    added = [f for f in new.fields if f.name not in old_fields]
    for gone in list(removed):
        twin = next(
            (
                f
                for f in added
                if shape(f.type) == shape(gone.type)
                and f.description == gone.description
            ),
            None,
        )
        if twin:
            removed.remove(gone)
            added.remove(twin)
            out.append(
                Change(
                    name,
                    "field_renamed",
                    f"{gone.name} -> {twin.name}",
                    gone.required or twin.required,
                    gone.name,
                )
            )
    out += [
        Change(
            name,
            "field_removed",
            "required" if f.required else "optional",
            f.required,
            f.name,
        )
        for f in removed
    ]
    out += [
        Change(
            name, "field_added", "required" if f.required else "optional", False, f.name
        )
        for f in added
    ]
    for field in old.fields:
        if field.name in new_fields:
            out += compare_fields(name, field, new_fields[field.name])
    if new.closed and not old.closed:
        out.append(
            Change(name, "closed", "additional properties are no longer allowed", False)
        )
    return out


def diff_documents(old: Document, new: Document) -> list[Change]:
    old_models, new_models = {m.name: m for m in old.models}, {
        m.name: m for m in new.models
    }
    changes = [
        Change(n, "model_removed", "", True) for n in old_models if n not in new_models
    ]
    changes += [
        Change(n, "model_added", "", False) for n in new_models if n not in old_models
    ]
    for name, model in old_models.items():
        if name in new_models:
            changes += compare_models(model, new_models[name])
    return sorted(changes, key=lambda c: (c.model.lower(), c.field, c.kind, c.detail))


def render_changes(changes: list[Change], fmt: str) -> str:
    breaking = sum(c.breaking for c in changes)
    if fmt == "json":
        return json.dumps(
            {
                "breaking": breaking,
                "total": len(changes),
                "changes": [asdict(c) for c in changes],
            },
            indent=2,
        )
    if fmt == "markdown":
        lines = [f"### Model changes: {len(changes)} ({breaking} breaking)", ""]
        if changes:
            lines += [
                "| Model | Field | Change | Detail | Breaking |",
                "| --- | --- | --- | --- | --- |",
            ]
            lines += [
                f"| {c.model} | {_md(c.field)} | {c.kind} | {_md(c.detail)} | {'yes' if c.breaking else 'no'} |"
                for c in changes
            ]
        return "\n".join(lines)
    lines = [
        f"{'BREAKING' if c.breaking else 'ok      '} {c.model}{'.' + c.field if c.field else ''}: {c.kind}"
        + (f" ({c.detail})" if c.detail else "")
        for c in changes
    ]
    lines.append(f"{len(changes)} changes, {breaking} breaking")
    return "\n".join(lines)


def _md(text: str) -> str:
    from .render.filters import md_name

    return md_name(text)
