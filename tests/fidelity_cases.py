"""Instances for the fidelity harness: valid ones from hypothesis-jsonschema,
invalid ones by mutating valid ones, and a JSON-faithful comparison.

Validity is always decided by `jsonschema` (Draft 2020-12, formats not
asserted) against the full converted schema, never by the generator of the
instance.
"""

from __future__ import annotations

import copy
import json
import random
import signal
import time
from dataclasses import dataclass
from typing import Any, Iterator

from modelgen.pointer import join_pointer
from hypothesis import HealthCheck, Phase, given, reject, settings
from hypothesis import strategies as st

from fidelity_schema import clear_strategy_cache, patch_hypothesis_jsonschema

patch_hypothesis_jsonschema()

from hypothesis_jsonschema import from_schema  # noqa: E402  (after the patch)

UNKNOWN = "zz_fidelity_unknown"
# Well-formed values for formats hypothesis-jsonschema does not know (formats
# are not asserted by the validator, but generated values should respect them).
FORMATS = {"uuid": st.uuids().map(str)}
NOT_IN_ENUM = "zz-fidelity-not-in-enum"


class GenerationTimeout(BaseException):
    """Raised by the alarm; a BaseException so Hypothesis does not catch it."""


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


@dataclass
class Drawn:
    instances: list[Any]
    problem: str = ""  # why the generator could not produce instances (unsupported)
    seconds: float = 0.0
    timed_out: bool = False  # fewer than asked: the time was up


def draw_valid(schema: Any, is_valid: Any, count: int, timeout: float) -> Drawn:
    """Up to `count` distinct instances of `schema` that `is_valid` accepts.

    `timeout` bounds everything, including hypothesis-jsonschema's
    canonicalisation of the schema (done when the strategy is made, which
    takes minutes for the largest unions)."""
    clear_strategy_cache()
    found: dict[str, Any] = {}
    start = time.monotonic()
    problem, timed_out = "", False
    previous = _arm(timeout)
    try:
        _collector(schema, is_valid, count, timeout, found, start)()
    except GenerationTimeout:
        problem, timed_out = "" if found else f"timeout after {timeout:.0f} s", True
    except Exception as exc:  # Unsatisfiable, InvalidArgument, strategy errors...
        if not found:
            problem = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
    finally:
        _disarm(previous)
    return Drawn(list(found.values()), problem, time.monotonic() - start, timed_out)


def _collector(
    schema: Any,
    is_valid: Any,
    count: int,
    timeout: float,
    found: dict[str, Any],
    start: float,
) -> Any:
    """The Hypothesis test that fills `found`. Its text (decorators and
    indentation included) seeds the derandomized run: changing it changes
    every instance."""

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(from_schema(schema, allow_x00=True, codec="utf-8", custom_formats=FORMATS))
    def collect(value: Any) -> None:
        if time.monotonic() - start > timeout:
            raise GenerationTimeout()
        key = canonical(value)
        if key in found or not is_valid(value):
            reject()
        found[key] = value

    return collect


def _arm(timeout: float) -> Any:
    if not hasattr(signal, "setitimer"):
        return None

    def ring(*_: Any) -> None:
        raise GenerationTimeout()

    previous = signal.signal(signal.SIGALRM, ring)
    # Repeats: an alarm raised inside a weakref callback is swallowed.
    signal.setitimer(signal.ITIMER_REAL, timeout + 2, 0.5)
    return previous


def _disarm(previous: Any) -> None:
    if hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous or signal.SIG_DFL)


# ----------------------------------------------------------------- mutations


def node_mutations(value: Any) -> Iterator[tuple[str, Any]]:
    """(label, replacement) for one node of an instance."""
    if isinstance(value, dict):
        for key in value:
            yield "drop property", {k: v for k, v in value.items() if k != key}
        yield "add unknown property", {**value, UNKNOWN: 1}
        yield "many properties", {**value, **{f"{UNKNOWN}_{i}": "x" for i in range(70)}}
        yield "long property name", {**value, UNKNOWN + "_" + "x" * 600: "x"}
        yield "object -> string", "not an object"
        yield "object -> array", [value]
        yield "empty object", {}
    elif isinstance(value, list):
        yield "array -> string", "not an array"
        yield "array -> object", {"0": value[0]} if value else {}
        yield "empty array", []
        if value:
            yield "duplicate item", value + [copy.deepcopy(value[0])]
            yield "longer array", value + [copy.deepcopy(value[0]) for _ in range(25)]
            yield "item -> wrong type", [
                {"zz": [1]} if not isinstance(value[0], dict) else "zz"
            ] + value[1:]
    elif isinstance(value, bool):
        yield "boolean -> integer", int(value)
        yield "boolean -> string", str(value).lower()
    elif isinstance(value, (int, float)):
        yield "number -> string", str(value)
        yield "number -> boolean", True
        yield "out of range (large)", 10**12 if isinstance(value, int) else 1e12
        yield "out of range (negative)", -1 - abs(value)
        yield "zero", 0 if isinstance(value, int) else 0.0
        if isinstance(value, int):
            yield "integer -> fraction", value + 0.5
    elif isinstance(value, str):
        yield "string -> number", 12345
        yield "string -> array", [value]
        yield "wrong enum value", NOT_IN_ENUM
        yield "empty string", ""
        yield "long string", "x" * 600
        yield "trailing newline", value + "\n"
    elif value is None:
        yield "null -> string", "null"
        yield "null -> object", {}
    if value is not None:
        yield "value -> null", None


def paths(
    value: Any, prefix: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield prefix, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, prefix + (index,))


def replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: replaced(value[head], rest, new)}
    out = list(value)
    out[head] = replaced(value[head], rest, new)
    return out


@dataclass
class Mutant:
    label: str  # what was done
    path: str  # where (JSON pointer)
    keyword: (
        str  # the JSON Schema keyword the result violates (jsonschema's best match)
    )
    instance: Any


def mutants(
    instance: Any, explain: Any, seed: str, wanted: int, budget: int = 60
) -> list[Mutant]:
    """Up to `wanted` invalid variants of `instance`, varied in kind.

    `explain(value)` returns None when jsonschema accepts `value`, else the
    violated keyword. Kinds of mutation are taken in a seeded random order
    (so rare kinds such as "add unknown property" get their turn), a few
    random places each, at most `budget` validations in all.
    """
    by_label: dict[str, list[tuple[tuple[Any, ...], Any]]] = {}
    for path, node in paths(instance):
        for label, new in node_mutations(node):
            by_label.setdefault(label, []).append((path, new))
    rng = random.Random(seed)
    labels = sorted(by_label)
    rng.shuffle(labels)
    chosen: list[Mutant] = []
    tried = 0
    for label in labels:
        places = by_label[label]
        for path, new in rng.sample(places, min(3, len(places))):
            if len(chosen) >= wanted or tried >= budget:
                return chosen
            mutated = replaced(instance, path, new)
            tried += 1
            keyword = explain(mutated)
            if keyword is not None:
                chosen.append(Mutant(label, pointer(path), keyword, mutated))
                break
    return chosen


def pointer(path: tuple[Any, ...]) -> str:
    return join_pointer("", *path)


# ----------------------------------------------------------------- comparison


def same(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0, but True != 1; key order ignored."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def differences(
    a: Any, b: Any, path: tuple[Any, ...] = ()
) -> list[tuple[str, Any, Any]]:
    """(pointer, expected, got) of each differing leaf; '<absent>' marks a missing key."""
    if same(a, b):
        return []
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in list(a) + [k for k in b if k not in a]:
            out.extend(
                differences(a.get(key, ABSENT), b.get(key, ABSENT), path + (key,))
            )
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            d
            for i, (x, y) in enumerate(zip(a, b))
            for d in differences(x, y, path + (i,))
        ]
    return [(pointer(path), a, b)]


class _Absent:
    def __repr__(self) -> str:
        return "<absent>"


ABSENT = _Absent()
