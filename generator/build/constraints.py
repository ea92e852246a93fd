"""Validation keywords, checked and normalised; the IR keeps them as JSON Schema
keywords (`minLength`, `minimum`, `exclusiveMinimum` as a number, …) for any target."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from ..ir import Presence
from ..regex import linear_pattern, python_pattern
from .context import Builder, Where

_NOTES = frozenset("description title $comment".split())


def count_keyword(
    b: Builder, schema: dict[str, Any], key: str, where: Where
) -> int | None:
    value = schema.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        b.error(where, f"{key} must be a non-negative integer", key)
        return None
    return value


def string_constraints(
    b: Builder, schema: dict[str, Any], where: Where
) -> tuple[tuple[str, Any], ...]:
    found: list[tuple[str, Any]] = []
    for key in ("minLength", "maxLength"):
        value = count_keyword(b, schema, key, where)
        if value is not None:
            found.append((key, value))
    pattern = schema.get("pattern")
    if pattern is not None:
        if not isinstance(pattern, str):
            b.error(where, "pattern must be a string", "pattern")
        elif linear_pattern(pattern) is not None or python_pattern(pattern):
            found.append(("pattern", pattern))
        else:
            b.warn(
                where,
                "pattern is not a regular expression Python understands; not enforced",
                "pattern",
            )
    return tuple(found)


def _number(
    b: Builder, schema: dict[str, Any], key: str, where: Where
) -> float | int | None:
    value = schema.get(key)
    if value is None or isinstance(value, bool):
        return None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        b.error(where, f"{key} must be a finite number", key)
        return None
    if key == "multipleOf" and value <= 0:
        b.error(where, "multipleOf must be greater than 0", key)
        return None
    return value


def number_constraints(
    b: Builder, schema: dict[str, Any], where: Where
) -> tuple[tuple[str, Any], ...]:
    found: list[tuple[str, Any]] = []
    low, high = _number(b, schema, "minimum", where), _number(
        b, schema, "maximum", where
    )
    # Draft 4's boolean `exclusiveMinimum` makes `minimum` exclusive: kept as
    # the numeric form of later drafts.
    if low is not None:
        strict = schema.get("exclusiveMinimum") is True
        found.append(("exclusiveMinimum" if strict else "minimum", low))
    if high is not None:
        strict = schema.get("exclusiveMaximum") is True
        found.append(("exclusiveMaximum" if strict else "maximum", high))
    for key in ("exclusiveMinimum", "exclusiveMaximum", "multipleOf"):
        value = _number(b, schema, key, where)
        if value is not None:
            found.append((key, value))
    if low is not None and high is not None and low > high:
        b.warn(
            where,
            f"minimum {low} is greater than maximum {high}: no value is valid",
            "minimum",
        )
    return tuple(found)


def integer_constraints(
    found: tuple[tuple[str, Any], ...],
) -> tuple[tuple[str, Any], ...]:
    """Bounds and multiples of an integer made integers: `minimum: 0.5` is
    `minimum: 1`, `exclusiveMaximum: 2.5` is `maximum: 2`, `multipleOf: 1.5` is
    `multipleOf: 3`, `multipleOf: 0.5` nothing."""
    kept: list[tuple[str, Any]] = []
    for arg, value in found:
        if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
            kept.append((arg, int(value)))
        elif arg in LOWER:
            kept.append(("minimum", math.ceil(value)))
        elif arg in UPPER:
            kept.append(("maximum", math.floor(value)))
        elif arg == "multipleOf" and Fraction(value).numerator != 1:
            kept.append(("multipleOf", Fraction(value).numerator))
    low = [v + (arg == "exclusiveMinimum") for arg, v in kept if arg in LOWER]
    high = [v - (arg == "exclusiveMaximum") for arg, v in kept if arg in UPPER]
    if len({arg for arg, _ in kept}) == len(kept):  # no keyword twice: nothing to merge
        return tuple(kept)
    rest = [(arg, v) for arg, v in kept if arg not in LOWER + UPPER]
    return tuple(
        ([("minimum", max(low))] if low else [])
        + ([("maximum", min(high))] if high else [])
        + rest
    )


LOWER = ("minimum", "exclusiveMinimum")
UPPER = ("maximum", "exclusiveMaximum")


def size_constraints(
    b: Builder, schema: dict[str, Any], where: Where
) -> tuple[tuple[str, Any], ...]:
    found = []
    for key in ("minProperties", "maxProperties"):
        value = count_keyword(b, schema, key, where)
        if value is not None:
            found.append((key, value))
    return tuple(found)


def _required_set(member: Any) -> tuple[str, ...] | None:
    """The names of a schema that only says `required: [...]`, else None."""
    if not isinstance(member, dict) or set(member) - _NOTES != {"required"}:
        return None
    names = member["required"]
    if (
        not isinstance(names, list)
        or not names
        or not all(isinstance(n, str) for n in names)
    ):
        return None
    return tuple(dict.fromkeys(names))


def presence_rules(schema: dict[str, Any]) -> Presence | None:
    """The `anyOf`/`oneOf` of required-only members (and `not: {required}`) of an
    object schema with properties, or None when its unions are about types."""
    if not (
        isinstance(schema.get("properties"), dict) or schema.get("type") == "object"
    ):
        return None
    found: dict[str, tuple[tuple[str, ...], ...]] = {}
    for key in ("anyOf", "oneOf"):
        if key in schema:
            members = schema[key]
            sets = (
                [_required_set(m) for m in members]
                if isinstance(members, list) and members
                else [None]
            )
            if any(s is None for s in sets):
                return None
            found[key] = tuple(s for s in sets if s is not None)
    negated = _required_set(schema.get("not"))
    if not found and negated is None:
        return None
    return Presence(
        any_of=found.get("anyOf", ()),
        one_of=found.get("oneOf", ()),
        none_of=(negated,) if negated else (),
    )


def presence_only_unions(schema: dict[str, Any]) -> bool:
    """Whether the schema's `anyOf`/`oneOf` only say which properties are present."""
    return ("anyOf" in schema or "oneOf" in schema) and presence_rules(
        schema
    ) is not None
