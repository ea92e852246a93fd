"""Part of `changes`: bounds on values — lengths, numbers, sizes, multipleOf, pattern, uniqueItems.

A bound set where there was none, or made stricter, narrows what is
accepted; one removed or relaxed widens it. A changed pattern cannot be
judged either way.
"""

from __future__ import annotations

import math
from typing import Any

from .keywords import Emit, show

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
