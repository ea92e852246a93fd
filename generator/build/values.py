"""Does a JSON value fit a type? Used to vet defaults and examples at build time."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Callable, Protocol

from ..ir import Model, TypeRef, lineage, size_bounds
from ..regex import linear_match

MAX_DEPTH = 40


class HasModels(Protocol):
    models: dict[str, Model]


def conforms(value: Any, ref: TypeRef, b: HasModels, depth: int = 0) -> bool:
    """A conservative check: False when `value` is surely not of type `ref`."""
    if depth > MAX_DEPTH:
        return False
    kind = ref.kind
    if kind == "any":
        return True
    if kind == "null":
        return value is None
    if kind == "union":
        return any(conforms(value, arg, b, depth + 1) for arg in ref.args)
    if kind == "literal":
        return any(value == v and type(value) is type(v) for v in ref.values)
    if kind == "list":
        return (
            isinstance(value, list)
            and _sized(value, ref)
            and all(conforms(v, ref.args[0], b, depth + 1) for v in value)
        )
    if kind == "tuple":
        return (
            isinstance(value, list)
            and len(value) == len(ref.args)
            and all(conforms(v, arg, b, depth + 1) for v, arg in zip(value, ref.args))
        )
    if kind == "dict":
        return (
            isinstance(value, dict)
            and _sized(list(value), ref)
            and (
                len(ref.args) < 2
                or all(conforms(k, ref.args[1], b, depth + 1) for k in value)
            )
            and all(conforms(v, ref.args[0], b, depth + 1) for v in value.values())
        )
    if kind == "model":
        return _model(value, b.models.get(ref.model), b, depth)
    return _scalar(value, ref)


def _sized(value: list[Any] | str, ref: TypeRef) -> bool:
    low, high = size_bounds(ref)
    return (low is None or len(value) >= low) and (high is None or len(value) <= high)


def _scalar(value: Any, ref: TypeRef) -> bool:
    kind = ref.kind
    if kind == "bool":
        return isinstance(value, bool)
    if kind in ("int", "float"):
        ok = not isinstance(value, bool) and isinstance(
            value, int if kind == "int" else (int, float)
        )
        return ok and _bounded(value, dict(ref.constraints))
    if not isinstance(value, str):
        return False
    if kind == "str":
        pattern = dict(ref.constraints).get("pattern")
        return _sized(value, ref) and (pattern is None or _matches(str(pattern), value))
    parsers: dict[str, Callable[[str], object]] = {
        "datetime": datetime.fromisoformat,
        "date": date.fromisoformat,
        "uuid": uuid.UUID,
    }
    try:
        parsed = parsers[kind](
            value.replace("Z", "+00:00") if kind == "datetime" else value
        )
    except (ValueError, KeyError):
        return False
    return not (kind == "datetime" and getattr(parsed, "tzinfo", None) is None)


def _matches(pattern: str, value: str) -> bool:
    """Checked with the linear-time engine only: spec regexes never run on `re`
    here (a pattern only `re` runs is not tried: taken as matching)."""
    return linear_match(pattern, value) is not False


def _bounded(value: float, limits: dict[str, Any]) -> bool:
    checks = {
        "minimum": lambda v, x: v >= x,
        "maximum": lambda v, x: v <= x,
        "exclusiveMinimum": lambda v, x: v > x,
        "exclusiveMaximum": lambda v, x: v < x,
        "multipleOf": lambda v, x: x == 0 or (v / x) == int(v / x),
    }
    return all(checks[k](value, x) for k, x in limits.items() if k in checks)


def _model(value: Any, model: Model | None, b: HasModels, depth: int) -> bool:
    if model is None:
        return isinstance(value, dict)
    if model.kind == "enum":
        return any(
            value == m.value and type(value) is type(m.value) for m in model.members
        )
    if model.kind == "root":
        return (
            model.root is not None
            and conforms(value, model.root, b, depth + 1)
            and all(
                _model(value, b.models.get(name), b, depth + 1) for name in model.also
            )
        )
    if not isinstance(value, dict):
        return False
    chain = lineage(model, b.models)
    fields = {f.name: f for m in reversed(chain) for f in m.fields}
    if model.closed and set(value) - set(fields):
        return False
    if any(m.presence is not None and not m.presence.allows(value) for m in chain):
        return False
    for name, field in fields.items():
        if name not in value:
            if field.required:
                return False
            continue
        if value[name] is None:
            if not field.nullable:
                return False
        elif not conforms(value[name], field.type, b, depth + 1):
            return False
    return True
