"""Validation keywords → pydantic constraint arguments (`min_length`, `ge`, `pattern`, …)."""

from __future__ import annotations

import functools
import math
import re
from typing import Any

from ..ir import Presence
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
    for key, arg in (("minLength", "min_length"), ("maxLength", "max_length")):
        value = count_keyword(b, schema, key, where)
        if value is not None:
            found.append((arg, value))
    pattern = schema.get("pattern")
    if pattern is not None:
        if not isinstance(pattern, str):
            b.error(where, "pattern must be a string", "pattern")
        elif linear_pattern(pattern) is not None:
            found.append(("pattern", pattern))
        elif python_pattern(pattern):
            found.append(("pattern_re", pattern))
        else:
            b.warn(
                where,
                "pattern is not a regular expression Python understands; not enforced",
                "pattern",
            )
    return tuple(found)


@functools.lru_cache(maxsize=4096)
def linear_pattern(pattern: str) -> Any:
    """A validator for `pattern` with pydantic's default (linear-time, Rust) engine, if it has one."""
    from pydantic_core import SchemaValidator, SchemaError, core_schema

    try:
        return SchemaValidator(core_schema.str_schema(pattern=pattern))
    except SchemaError:
        return None


def python_pattern(pattern: str) -> bool:
    """Patterns the Rust engine lacks (look-around, back-references) fall back to `re`."""
    try:
        re.compile(pattern)
    except (re.error, OverflowError, RecursionError):
        return False
    return True


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
    if low is not None:
        found.append(("gt" if schema.get("exclusiveMinimum") is True else "ge", low))
    if high is not None:
        found.append(("lt" if schema.get("exclusiveMaximum") is True else "le", high))
    for key, arg in (
        ("exclusiveMinimum", "gt"),
        ("exclusiveMaximum", "lt"),
        ("multipleOf", "multiple_of"),
    ):
        value = _number(b, schema, key, where)
        if value is not None:
            found.append((arg, value))
    if low is not None and high is not None and low > high:
        b.warn(
            where,
            f"minimum {low} is greater than maximum {high}: no value is valid",
            "minimum",
        )
    return tuple(found)


def size_constraints(
    b: Builder, schema: dict[str, Any], where: Where
) -> tuple[tuple[str, Any], ...]:
    found = []
    for key, arg in (("minProperties", "min_length"), ("maxProperties", "max_length")):
        value = count_keyword(b, schema, key, where)
        if value is not None:
            found.append((arg, value))
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
