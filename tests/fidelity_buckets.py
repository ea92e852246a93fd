"""Buckets for the fidelity harness: the likely root cause of each failure.

`classify(case, status, payload, defs)` is None when the model behaved
(valid: came back unchanged; invalid: raised), else (bucket, detail). A
rejected valid instance is bucketed from pydantic's errors, with the
converted schema consulted to tell "null allowed by a nullable target" and
"schema without `type`" apart from plain type errors; a changed one from
its first difference; an accepted invalid one by the JSON Schema keyword
it violates.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fidelity_cases import ABSENT, differences
from fidelity_schema import admits_null, subschemas, typeless

REJECT_BUCKETS = (  # pydantic error type (prefix) → bucket
    ("string_pattern_mismatch", "pattern-rejects-valid"),
    ("datetime", "format-rejects-valid"),
    ("date", "format-rejects-valid"),
    ("time", "format-rejects-valid"),
    ("uuid", "format-rejects-valid"),
    ("url", "format-rejects-valid"),
    ("union_tag", "discriminator-rejects-valid"),
    ("discriminator", "discriminator-rejects-valid"),
    ("extra_forbidden", "closed-object-rejects-valid"),
    ("int_from_float", "integral-float-rejected"),
    ("too_long", "constraint-rejects-valid"),
    ("too_short", "constraint-rejects-valid"),
    ("string_too", "constraint-rejects-valid"),
    ("greater_than", "constraint-rejects-valid"),
    ("less_than", "constraint-rejects-valid"),
    ("multiple_of", "constraint-rejects-valid"),
    ("literal_error", "enum-rejects-valid"),
    ("enum", "enum-rejects-valid"),
    ("missing", "required-rejects-valid"),
)
# When a union reports the errors of every member, the most telling bucket wins.
PRIORITY = (
    "discriminator-rejects-valid",
    "null-rejects-valid (nullable $ref target)",
    "null-rejects-valid",
    "null-rejects-valid (nullable component, at the root)",
    "typeless-schema-rejects-valid",
    "pattern-rejects-valid",
    "format-rejects-valid",
    "closed-object-rejects-valid",
    "integral-float-rejected",
    "constraint-rejects-valid",
    "unique-rejects-valid",
    "required-rejects-valid",
)
TYPE_ERRORS = frozenset(
    "model_type dict_type model_attributes_type list_type string_type int_type float_type "
    "bool_type none_required tuple_type".split()
)


def classify(
    case: Any, status: str, payload: Any, defs: dict[str, Any]
) -> tuple[str, str] | None:
    """None when the model behaved; else (bucket, detail)."""
    if status == "error":
        return crash_bucket(str(payload)), str(payload)
    if not case.valid:
        if status == "raised":
            return None
        return "accepts-invalid: " + case.keyword, case.label
    if status == "raised":
        errors = payload.get("errors", [])
        detail = "; ".join(
            f"{'/'.join(e.get('loc', [])) or '/'}: {e.get('type')} {e.get('msg')}"
            for e in errors[:4]
        )
        return reject_bucket(payload, case, defs), detail + (
            f" (+{len(errors) - 4} more)" if len(errors) > 4 else ""
        )
    diffs = differences(case.instance, payload)
    if not diffs:
        return None
    where, expected, got = diffs[0]
    detail = f"{where or '/'}: expected {show(expected)}, got {show(got)}" + (
        f" (+{len(diffs) - 1} more)" if len(diffs) > 1 else ""
    )
    return diff_bucket(expected, got), detail


def crash_bucket(text: str) -> str:
    if "does not import" in text:
        return "model-import-error"
    if text.startswith("no model"):
        return "missing-model"
    if "not fully defined" in text:
        return "model-not-defined"
    return "crash: " + text.split(":", 1)[0]


def reject_bucket(payload: dict[str, Any], case: Any, defs: dict[str, Any]) -> str:
    if not payload.get("validation"):
        return "enum-rejects-valid"
    errors = payload.get("errors", [])
    found = [error_bucket(e, case, defs) for e in errors]
    if wrong_member(errors, case.instance):
        return "discriminator-picks-wrong-member"
    for bucket in PRIORITY:
        if bucket in found:
            return bucket
    return found[0] if found else "rejects-valid"


def error_bucket(error: dict[str, Any], case: Any, defs: dict[str, Any]) -> str:
    kind, message = str(error.get("type") or ""), str(error.get("msg") or "")
    if kind in TYPE_ERRORS or (kind == "value_error" and "null" in message):
        value, path = value_at(case.instance, error.get("loc", []))
        candidates = subschemas(defs, defs.get(case.component, True), path)
        if value is None and any(admits_null(c) for c, _ in candidates):
            if not path:
                return "null-rejects-valid (nullable component, at the root)"
            via_ref = any(admits_null(c) and r for c, r in candidates)
            return (
                "null-rejects-valid (nullable $ref target)"
                if via_ref
                else "null-rejects-valid"
            )
        if any(typeless(c) for c, _ in candidates):
            return "typeless-schema-rejects-valid"
    if kind == "value_error" and "unique" in message:
        return "unique-rejects-valid"
    for prefix, bucket in REJECT_BUCKETS:
        if kind.startswith(prefix):
            return bucket
    return "type-rejects-valid: " + kind


def value_at(instance: Any, loc: list[str]) -> tuple[Any, list[Any]]:
    """The instance value a pydantic error location points at, and its path (union member names skipped)."""
    value, path, _ = walk_loc(instance, loc)
    return value, path


def walk_loc(instance: Any, loc: list[str]) -> tuple[Any, list[Any], tuple[str, ...]]:
    """(value, instance path, the loc parts that are not in the instance: union member tags)."""
    value: Any = instance
    path: list[Any] = []
    members: list[str] = []
    for part in loc:
        if isinstance(value, dict) and part in value:
            value = value[part]
            path.append(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
            path.append(int(part))
        else:
            members.append(f"{len(path)}:{part}")
    return value, path, tuple(members)


def wrong_member(errors: list[dict[str, Any]], instance: Any) -> bool:
    """A tagged union tried one member only, and that member's enum/const rejects the value.

    A plain union reports the errors of every member; a discriminated one
    those of the member its tag chose. When all errors come from one member
    and one of them is an enum mismatch, the tag led to the wrong member
    (the tag value is shared by several members).
    """
    if not errors or not any(e.get("type") == "literal_error" for e in errors):
        return False
    chosen = {walk_loc(instance, e.get("loc", []))[2] for e in errors}
    return len(chosen) == 1 and bool(next(iter(chosen)))


DATETIME = re.compile(
    r"^\d{4}-\d\d-\d\d([Tt ]\d\d:\d\d(:\d\d(\.\d+)?)?([Zz]|[+-]\d\d:?\d\d)?)?$|^\d\d:\d\d"
)


def diff_bucket(expected: Any, got: Any) -> str:
    if got is ABSENT:
        return "drops-property"
    if expected is ABSENT:
        return "adds-property"
    if isinstance(expected, str) and isinstance(got, str):
        if DATETIME.match(expected) or DATETIME.match(got):
            return "datetime-normalized"
        return "string-changed"
    if isinstance(expected, bool) != isinstance(got, bool) and all(
        isinstance(v, (int, float)) for v in (expected, got)
    ):
        return "bool-int-confusion"
    if all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in (expected, got)
    ):
        return (
            "number-changed (precision)" if isinstance(got, float) else "number-changed"
        )
    if isinstance(expected, list) and isinstance(got, list):
        return "array-changed"
    if type(expected) is not type(got):
        return f"type-changed ({json_type(expected)} -> {json_type(got)})"
    return "value-changed"


def json_type(value: Any) -> str:
    return {
        dict: "object",
        list: "array",
        str: "string",
        bool: "boolean",
        int: "number",
        float: "number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def show(value: Any, limit: int = 160) -> str:
    if value is ABSENT:
        return "<absent>"
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."
