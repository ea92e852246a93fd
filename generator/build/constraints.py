"""Validation keywords → pydantic constraint arguments (`min_length`, `ge`, `pattern`, …)."""

from __future__ import annotations

import re
from typing import Any

from .context import Builder, Where


def count_keyword(b: Builder, schema: dict[str, Any], key: str, where: Where) -> int | None:
    value = schema.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        b.error(where, f"{key} must be a non-negative integer", key)
        return None
    return value



def string_constraints(b: Builder, schema: dict[str, Any], where: Where) -> tuple[tuple[str, Any], ...]:
    found: list[tuple[str, Any]] = []
    for key, arg in (("minLength", "min_length"), ("maxLength", "max_length")):
        value = count_keyword(b, schema, key, where)
        if value is not None:
            found.append((arg, value))
    pattern = schema.get("pattern")
    if pattern is not None:
        if not isinstance(pattern, str):
            b.error(where, "pattern must be a string", "pattern")
        else:
            try:
                re.compile(pattern)
                found.append(("pattern", pattern))
            except (re.error, OverflowError, RecursionError):
                b.warn(where, "pattern is not a regular expression Python understands; not enforced", "pattern")
    return tuple(found)



def _number(b: Builder, schema: dict[str, Any], key: str, where: Where) -> float | int | None:
    value = schema.get(key)
    if value is None or isinstance(value, bool):
        return None
    if not isinstance(value, (int, float)):
        b.error(where, f"{key} must be a number", key)
        return None
    return value



def number_constraints(b: Builder, schema: dict[str, Any], where: Where) -> tuple[tuple[str, Any], ...]:
    found: list[tuple[str, Any]] = []
    low, high = _number(b, schema, "minimum", where), _number(b, schema, "maximum", where)
    if low is not None:
        found.append(("gt" if schema.get("exclusiveMinimum") is True else "ge", low))
    if high is not None:
        found.append(("lt" if schema.get("exclusiveMaximum") is True else "le", high))
    for key, arg in (("exclusiveMinimum", "gt"), ("exclusiveMaximum", "lt"), ("multipleOf", "multiple_of")):
        value = _number(b, schema, key, where)
        if value is not None:
            found.append((arg, value))
    if low is not None and high is not None and low > high:
        b.warn(where, f"minimum {low} is greater than maximum {high}: no value is valid", "minimum")
    return tuple(found)



def size_constraints(b: Builder, schema: dict[str, Any], where: Where) -> tuple[tuple[str, Any], ...]:
    found = []
    for key, arg in (("minProperties", "min_length"), ("maxProperties", "max_length")):
        value = count_keyword(b, schema, key, where)
        if value is not None:
            found.append((arg, value))
    return tuple(found)
