"""Part of `changes`: the keywords of one schema pair that hold values, not schemas.

Each function compares one family (type and format, enum and const, flags,
discriminator, additionalProperties; bounds are in `bounds`) and reports through
`emit(kind, effect, message, old_tokens, new_tokens)`; the tokens lead from
the schema to the keyword in each version.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from .schema import covered, types

Emit = Callable[[str, str, str, tuple[object, ...], tuple[object, ...]], None]

# format → formats that accept all of its values
WIDER_FORMATS = {"int32": {"int64", "bigint"}, "int64": {"bigint"}, "float": {"double"}}


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
            f"now limited to {len(after or ())} value{'' if len(after or ()) == 1 else 's'}",
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


def mutability_change(
    before: dict[str, Any], after: dict[str, Any], required: bool, emit: Emit
) -> None:
    """readOnly and writeOnly of a property; a required one turned writeOnly vanishes from responses."""
    for key, word in (("readOnly", "read-only"), ("writeOnly", "write-only")):
        was, now = before.get(key) is True, after.get(key) is True
        if was != now:
            vanishes = now and required and key == "writeOnly"
            emit(
                f"became-{'' if now else 'not-'}{word}",
                "widens" if vanishes else "none",
                f"{key} {show(was)} -> {show(now)}",
                (key,),
                (key,),
            )


def note_changes(before: dict[str, Any], after: dict[str, Any], emit: Emit) -> None:
    """deprecated and default (gathered along wrappers)."""
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
