"""Spec patterns checked without running them on a backtracking engine.

A pattern from a spec is untrusted: Python's `re` can take exponential time
on it. The generator tests values against patterns (examples, defaults)
only with a linear-time engine — the Rust `regex` crate, shipped in
pydantic-core, which modelgen depends on — and keeps a pattern that engine
cannot compile (look-around, back-references) when Python's `re` can.
"""

from __future__ import annotations

import functools
import re
from typing import Any


@functools.lru_cache(maxsize=4096)
def linear_pattern(pattern: str) -> Any:
    """A validator running `pattern` in linear time, or None when the linear
    engine cannot compile it."""
    from pydantic_core import SchemaError, SchemaValidator, core_schema

    try:
        return SchemaValidator(core_schema.str_schema(pattern=pattern))
    except SchemaError:
        return None


def python_pattern(pattern: str) -> bool:
    """Whether Python's `re` compiles `pattern` (the fallback engine)."""
    try:
        re.compile(pattern)
    except (re.error, OverflowError, RecursionError):
        return False
    return True


def linear_match(pattern: str, value: str) -> bool | None:
    """Whether `value` matches (searched, as JSON Schema says); None when only
    the backtracking engine could tell."""
    from pydantic_core import ValidationError

    validator = linear_pattern(pattern)
    if validator is None:
        return None
    try:
        validator.validate_python(value)
    except ValidationError:
        return False
    return True
