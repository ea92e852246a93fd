"""Part of `changes`: the keywords of one schema pair that hold values, not schemas.

Each function compares one family (type and format, enum and const, bounds,
pattern, flags, discriminator, additionalProperties) and reports through
`emit(kind, effect, message, old_tokens, new_tokens)`; the tokens lead from
the schema to the keyword in each version.
"""

from __future__ import annotations

import json
import math
from typing import Any, Callable

from .schema import covered, types

Emit = Callable[[str, str, str, tuple[object, ...], tuple[object, ...]], None]

# (keyword, kind stem, "max" when a smaller value narrows, "min" when a larger one does)
BOUNDS = (
    ("maxLength", "max-length", "max"),
    ("minLength", "min-length", "min"),
    ("maximum", "max", "max"),
    ("minimum", "min", "min"),
    ("exclusiveMaximum", "exclusive-max", "max"),
    ("exclusiveMinimum", "exclusive-min", "min"),
    ("maxItems", "max-items", "max"),
    ("minItems", "min-items", "min"),
    ("maxProperties", "max-properties", "max"),
    ("minProperties", "min-properties", "min"),
)
ZERO_IS_NONE = frozenset({"minLength", "minItems", "minProperties"})
# format → formats that accept all of its values
WIDER_FORMATS = {"int32": {"int64"}, "float": {"double"}}


def show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def type_change(o: dict[str, Any], n: dict[str, Any], emit: Emit) -> bool:
    """Compare `type`; False when the types have nothing in common (stop there)."""
    before, after = types(o), types(n)
    if before == after:
        return True
    text = f"type {_kinds(before)} -> {_kinds(after)}"
    if after is None or (before is not None and covered(before, after)):
        emit("type-generalized", "widens", text, ("type",), ("type",))
        return True
    if before is None or covered(after, before):
        emit("type-specialized", "narrows", text, ("type",), ("type",))
        return True
    emit("type-changed", "incomparable", text, ("type",), ("type",))
    return bool(before & after)


def _kinds(kinds: frozenset[str] | None) -> str:
    return "any" if kinds is None else "|".join(sorted(kinds)) or "null"


def format_change(o: dict[str, Any], n: dict[str, Any], emit: Emit) -> None:
    before, after = o.get("format"), n.get("format")
    if before == after:
        return
    text = f"format {show(before)} -> {show(after)}"
    if after is None or after in WIDER_FORMATS.get(str(before), ()):
        emit("format-generalized", "widens", text, ("format",), ("format",))
    elif before is None or before in WIDER_FORMATS.get(str(after), ()):
        emit("format-specialized", "narrows", text, ("format",), ("format",))
    else:
        emit("format-changed", "incomparable", text, ("format",), ("format",))


def enum_change(o: dict[str, Any], n: dict[str, Any], emit: Emit) -> None:
    before, after = _values(o.get("enum")), _values(n.get("enum"))
    if before is None and after is None:
        return
    if before is None:
        emit(
            "became-enum",
            "narrows",
            f"now limited to {len(after or ())} values",
            (),
            ("enum",),
        )
        return
    if after is None:
        emit(
            "enum-removed",
            "widens",
            "no longer limited to listed values",
            ("enum",),
            (),
        )
        return
    old_keys, new_keys = [show(v) for v in before], [show(v) for v in after]
    for index, key in enumerate(new_keys):
        if key not in old_keys:
            emit(
                "enum-value-added",
                "widens",
                f"enum value {key} added",
                ("enum",),
                ("enum", index),
            )
    for index, key in enumerate(old_keys):
        if key not in new_keys:
            emit(
                "enum-value-removed",
                "narrows",
                f"enum value {key} removed",
                ("enum", index),
                ("enum",),
            )


def _values(enum: Any) -> list[Any] | None:
    return [v for v in enum if v is not None] if isinstance(enum, list) else None


def const_change(o: dict[str, Any], n: dict[str, Any], emit: Emit) -> None:
    has_old, has_new = (
        "const" in o and o["const"] is not None,
        "const" in n and n["const"] is not None,
    )
    if has_old and has_new and show(o["const"]) != show(n["const"]):
        emit(
            "const-changed",
            "incomparable",
            f"const {show(o['const'])} -> {show(n['const'])}",
            ("const",),
            ("const",),
        )
    elif has_new and not has_old:
        emit(
            "const-added", "narrows", f"const {show(n['const'])} added", (), ("const",)
        )
    elif has_old and not has_new:
        emit(
            "const-removed",
            "widens",
            f"const {show(o['const'])} removed",
            ("const",),
            (),
        )


def _number(schema: dict[str, Any], key: str) -> float | None:
    value = schema.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if key in ZERO_IS_NONE and value == 0:
        return None
    return float(value) if math.isfinite(value) else None


def bound_changes(o: dict[str, Any], n: dict[str, Any], emit: Emit) -> None:
    for key, stem, side in BOUNDS:
        before, after = _number(o, key), _number(n, key)
        if isinstance(o.get(key), bool) or isinstance(n.get(key), bool):
            _exclusive_flag(o, n, key, stem, emit)
            continue
        if before == after:
            continue
        text = f"{key} {_num(before)} -> {_num(after)}"
        if before is None:
            emit(f"{stem}-set", "narrows", text, (), (key,))
        elif after is None:
            emit(f"{stem}-unset", "widens", text, (key,), ())
        else:
            smaller = after < before
            narrows = smaller if side == "max" else not smaller
            emit(
                f"{stem}-{'decreased' if smaller else 'increased'}",
                "narrows" if narrows else "widens",
                text,
                (key,),
                (key,),
            )


def _exclusive_flag(
    o: dict[str, Any], n: dict[str, Any], key: str, stem: str, emit: Emit
) -> None:
    """OpenAPI 3.0's `exclusiveMaximum: true` makes the bound beside it strict."""
    before, after = o.get(key) is True, n.get(key) is True
    if before != after:
        kind, effect = (
            (f"{stem}-set", "narrows") if after else (f"{stem}-unset", "widens")
        )
        emit(
            kind,
            effect,
            f"{key} {show(o.get(key))} -> {show(n.get(key))}",
            (key,),
            (key,),
        )


def _num(value: float | None) -> str:
    return (
        "none"
        if value is None
        else (str(int(value)) if value.is_integer() else str(value))
    )


def multiple_of_change(o: dict[str, Any], n: dict[str, Any], emit: Emit) -> None:
    before, after = _number(o, "multipleOf"), _number(n, "multipleOf")
    if before == after or before == 0 or after == 0:
        return
    text = f"multipleOf {_num(before)} -> {_num(after)}"
    if before is None:
        emit("multiple-of-set", "narrows", text, (), ("multipleOf",))
    elif after is None:
        emit("multiple-of-unset", "widens", text, ("multipleOf",), ())
    elif _divides(before, after):
        emit("multiple-of-narrowed", "narrows", text, ("multipleOf",), ("multipleOf",))
    elif _divides(after, before):
        emit("multiple-of-widened", "widens", text, ("multipleOf",), ("multipleOf",))
    else:
        emit(
            "multiple-of-changed",
            "incomparable",
            text,
            ("multipleOf",),
            ("multipleOf",),
        )


def _divides(small: float, big: float) -> bool:
    ratio = big / small
    return abs(ratio - round(ratio)) < 1e-9


def pattern_and_unique(o: dict[str, Any], n: dict[str, Any], emit: Emit) -> None:
    before, after = o.get("pattern"), n.get("pattern")
    if before != after:
        text = f"pattern {show(before)} -> {show(after)}"
        if before is None:
            emit("pattern-added", "narrows", text, (), ("pattern",))
        elif after is None:
            emit("pattern-removed", "widens", text, ("pattern",), ())
        else:
            emit("pattern-changed", "unknown", text, ("pattern",), ("pattern",))
    was, now = o.get("uniqueItems") is True, n.get("uniqueItems") is True
    if was != now:
        kind, effect = (
            ("unique-items-set", "narrows") if now else ("unique-items-unset", "widens")
        )
        emit(
            kind,
            effect,
            f"uniqueItems {show(was)} -> {show(now)}",
            ("uniqueItems",),
            ("uniqueItems",),
        )


def note_changes(before: dict[str, Any], after: dict[str, Any], emit: Emit) -> None:
    """readOnly, writeOnly, deprecated and default (gathered along wrappers)."""
    for key, word in (("readOnly", "read-only"), ("writeOnly", "write-only")):
        was, now = before.get(key) is True, after.get(key) is True
        if was != now:
            emit(
                f"became-{'' if now else 'not-'}{word}",
                "none",
                f"{key} {show(was)} -> {show(now)}",
                (key,),
                (key,),
            )
    was, now = before.get("deprecated") is True, after.get("deprecated") is True
    if was != now:
        emit(
            "deprecated" if now else "reactivated",
            "none",
            f"deprecated {show(was)} -> {show(now)}",
            ("deprecated",),
            ("deprecated",),
        )
    if "default" in before or "default" in after:
        old, new = show(before.get("default")), show(after.get("default"))
        verb = (
            "added"
            if "default" not in before
            else "removed" if "default" not in after else "changed"
        )
        if "default" not in before or "default" not in after or old != new:
            emit(
                f"default-value-{verb}",
                "none",
                f"default {old} -> {new}",
                ("default",),
                ("default",),
            )


def discriminator_change(o: dict[str, Any], n: dict[str, Any], emit: Emit) -> None:
    before, after = o.get("discriminator"), n.get("discriminator")
    if not isinstance(before, dict) and not isinstance(after, dict):
        return
    if not isinstance(before, dict) or not isinstance(after, dict):
        kind = (
            "discriminator-added"
            if isinstance(after, dict)
            else "discriminator-removed"
        )
        emit(
            kind, "none", kind.replace("-", " "), ("discriminator",), ("discriminator",)
        )
        return
    if before.get("propertyName") != after.get("propertyName"):
        emit(
            "discriminator-property-name-changed",
            "none",
            f"discriminator {show(before.get('propertyName'))} -> {show(after.get('propertyName'))}",
            ("discriminator", "propertyName"),
            ("discriminator", "propertyName"),
        )
    old_map, new_map = _mapping(before), _mapping(after)
    for value in sorted(set(old_map) | set(new_map)):
        token = ("discriminator", "mapping", value)
        if value not in new_map:
            emit(
                "discriminator-mapping-deleted",
                "none",
                f"mapping {show(value)} deleted",
                token,
                token[:2],
            )
        elif value not in old_map:
            emit(
                "discriminator-mapping-added",
                "none",
                f"mapping {show(value)} added",
                token[:2],
                token,
            )
        elif old_map[value] != new_map[value]:
            emit(
                "discriminator-mapping-changed",
                "none",
                f"mapping {show(value)}: {old_map[value]} -> {new_map[value]}",
                token,
                token,
            )


def _mapping(discriminator: dict[str, Any]) -> dict[str, str]:
    mapping = discriminator.get("mapping")
    return (
        {str(k): str(v) for k, v in mapping.items()}
        if isinstance(mapping, dict)
        else {}
    )


def additional_change(o: dict[str, Any], n: dict[str, Any], emit: Emit) -> None:
    """`additionalProperties: false` set or dropped (schemas on both sides are compared as schemas)."""
    was, now = (
        o.get("additionalProperties") is False,
        n.get("additionalProperties") is False,
    )
    if was != now:
        kind, effect = (
            ("additional-properties-closed", "narrows")
            if now
            else ("additional-properties-opened", "widens")
        )
        emit(
            kind,
            effect,
            f"additionalProperties {show(o.get('additionalProperties', True))} -> "
            f"{show(n.get('additionalProperties', True))}",
            ("additionalProperties",),
            ("additionalProperties",),
        )


VALUE_CHECKS = (
    format_change,
    enum_change,
    const_change,
    bound_changes,
    multiple_of_change,
    pattern_and_unique,
    discriminator_change,
    additional_change,
)
