"""Where a `$ref` leads: named places become models (queued for building),
`$recursiveRef` finds its anchor, a reference chain back to itself is caught."""

from __future__ import annotations

import os
from typing import Any

from ..ir import ClassName
from ..pointer import unescape_token
from ..refs import Target
from .context import Builder, Where
from .schemas import ANNOTATIONS, is_null_schema, nullable_flag

MODEL_CONTAINERS = ("schemas", "definitions", "$defs")


def recursive_anchor(b: Builder, ref: Any, where: Where) -> str | None:
    """`$recursiveRef: "#"` (JSON Schema 2019-09): the outermost enclosing model
    schema with `$recursiveAnchor: true`, as a `$ref`; None when there is none."""
    if ref != "#":
        return None
    tokens = where.pointer.split("/")
    for end in range(2, len(tokens)):
        pointer = "/".join(tokens[:end])
        if (where.file, pointer) not in b.locations:
            continue
        target = b.resolve("#" + pointer, where.file)
        if (
            not isinstance(target, str)
            and isinstance(target.value, dict)
            and target.value.get("$recursiveAnchor") is True
        ):
            return "#" + pointer
    return None


def admits_null(b: Builder, schema: Any) -> bool:
    """A named object schema that also allows null makes the places using it nullable."""
    if not isinstance(schema, dict):
        return False
    declared = schema.get("type")
    members = [
        m
        for key in ("anyOf", "oneOf")
        if isinstance(schema.get(key), list)
        for m in schema[key]
    ]
    values = schema.get("enum")
    enum: list[Any] = values if isinstance(values, list) else []
    return (
        nullable_flag(b, schema)
        or (isinstance(declared, list) and "null" in declared)
        or any(is_null_schema(m) for m in members)
        or None in enum
    )


def is_model_location(b: Builder, target: Target) -> bool:
    """Named places (components, definitions, $defs, other files) become models."""
    tokens = target.pointer.split("/")
    if target.path != b.files.root:
        return True
    return len(tokens) >= 3 and tokens[-2] in MODEL_CONTAINERS


def register_model(b: Builder, target: Target) -> ClassName:
    """Name a model for a referenced place and queue it for building."""
    last = unescape_token(target.pointer.rsplit("/", 1)[-1])
    raw = last or os.path.splitext(os.path.basename(target.path))[0]
    name = b.new_class(raw)
    b.locations[(target.path, target.pointer)] = name
    b.pending.append(
        (name, target.value, Where(target.path, target.pointer, name, raw))
    )
    return name


def is_self_alias(b: Builder, schema: Any, where: Where) -> bool:
    """A schema that is only a `$ref` chain leading back to itself."""
    seen = {(where.file, where.pointer)}
    file = where.file
    while isinstance(schema, dict) and set(schema) - ANNOTATIONS == {"$ref"}:
        target = b.resolve(schema["$ref"], file)
        if isinstance(target, str):
            return False
        if (target.path, target.pointer) in seen:
            return True
        seen.add((target.path, target.pointer))
        schema, file = target.value, target.path
    return False
