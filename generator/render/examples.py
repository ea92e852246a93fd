"""A realistic JSON instance of a model, for the docs' runnable Example.

The spec's own `example` is used when it fits the schema; otherwise one is
synthesized from the types (field examples and defaults first, then values
that satisfy the constraints). `None` means no valid instance was found.
"""

from __future__ import annotations

import json
from typing import Any

from ..build.values import conforms
from ..ir import Model, TypeRef, lineage, size_bounds

FAIL = object()
MAX_DEPTH = 6
SAMPLES = {
    "datetime": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "bool": True,
}


class Synthesizer:
    def __init__(self, models: dict[str, Model]) -> None:
        self.models = models

    def model_example(self, model: Model) -> Any:
        if model.example_json is not None:
            value = json.loads(model.example_json)
            if conforms(value, TypeRef("model", model=model.name), self):
                return value
        value = self.model(model, 0)
        return None if value is FAIL else value

    def model(self, model: Model, depth: int) -> Any:
        if depth > MAX_DEPTH:
            return FAIL
        if model.kind == "enum":
            return model.members[0].value if model.members else FAIL
        if model.kind == "root":
            value = self.value(model.root or TypeRef("any"), depth + 1)
            for (
                name
            ) in model.also:  # allOf of a union and an object: add the object's part
                part = self.models.get(name)
                extra = FAIL if part is None else self.model(part, depth + 1)
                if (
                    extra is FAIL
                    or not isinstance(value, dict)
                    or not isinstance(extra, dict)
                ):
                    return FAIL
                value = {**value, **extra}
            return value
        result: dict[str, Any] = {}
        for field in self.fields(model):
            if not field.required and depth > 1 and field.example_json is None:
                continue
            value = self.field(field, depth)
            if value is FAIL:
                if field.required:
                    return FAIL
                continue
            result[field.name] = value
        if model.presence is not None:
            result = model.presence.trim(result)
            if not model.presence.allows(result):
                return FAIL
        return result

    def fields(self, model: Model) -> list[Any]:
        return [f for m in reversed(lineage(model, self.models)) for f in m.fields]

    def field(self, field: Any, depth: int) -> Any:
        for candidate in (field.example_json, field.default_json):
            if candidate is not None:
                value = json.loads(candidate)
                if (value is None and field.nullable) or conforms(
                    value, field.type, self
                ):
                    return value
        return self.value(field.type, depth + 1)

    def value(self, ref: TypeRef, depth: int) -> Any:
        kind = ref.kind
        limits = dict(ref.constraints)
        if kind == "model":
            target = self.models.get(ref.model)
            return FAIL if target is None else self.model(target, depth)
        if kind == "literal":
            return ref.values[0]
        if kind == "null":
            return None
        if kind == "str":
            return self.string(ref)
        if kind in ("int", "float"):
            return self.number(kind, limits)
        if kind in SAMPLES:
            return SAMPLES[kind]
        if kind == "list":
            return self.array(ref, limits, depth)
        if kind == "tuple":
            items = [self.value(arg, depth + 1) for arg in ref.args]
            return FAIL if any(i is FAIL for i in items) else items
        if kind == "dict":
            item = self.value(ref.args[0], depth + 1)
            least, _ = size_bounds(ref)
            if least is not None and least > 1:
                return FAIL
            key = self.value(ref.args[1], depth + 1) if len(ref.args) > 1 else "key"
            if item is FAIL or key is FAIL:
                return FAIL if least else {}
            return {key: item}
        if kind == "union":
            for arg in ref.args:
                item = self.value(arg, depth)
                if item is not FAIL:
                    return self.tagged(ref, arg, item)
            return FAIL
        return "value"

    def tagged(self, ref: TypeRef, member: TypeRef, item: Any) -> Any:
        """A member's example with a tag value that routes to that member."""
        if not ref.tag or not isinstance(item, dict) or member.kind != "model":
            return item
        routes = (
            ref.routes.values if ref.routes else ((k, (v,)) for k, v in ref.mapping)
        )
        for value, members in routes:
            if members and members[0] == member.model:
                return {**item, ref.tag: value}
        return item

    def string(self, ref: TypeRef) -> Any:
        if "pattern" in dict(ref.constraints):
            return FAIL
        least, high = size_bounds(ref)
        low = least or 0
        text = "string" if low <= 6 else "s" * low
        return text[:high] if high is not None else text

    def number(self, kind: str, limits: dict[str, Any]) -> Any:
        low = limits.get("minimum", limits.get("exclusiveMinimum"))
        high = limits.get("maximum", limits.get("exclusiveMaximum"))
        step = 1 if kind == "int" else 0.5
        value: Any = (
            0 if low is None else low + (step if "exclusiveMinimum" in limits else 0)
        )
        if high is not None and value > high:
            value = high - (step if "exclusiveMaximum" in limits else 0)
        multiple = limits.get("multipleOf")
        if multiple:
            value = multiple * (int(value / multiple) + (1 if value % multiple else 0))
        value = int(value) if kind == "int" else float(value)
        probe = TypeRef(kind, constraints=tuple(limits.items()))  # type: ignore[arg-type]
        return value if conforms(value, probe, self) else FAIL

    def array(self, ref: TypeRef, limits: dict[str, Any], depth: int) -> Any:
        least, high = size_bounds(ref)
        low = least or 0
        if high == 0 or (depth > MAX_DEPTH and low == 0):
            return []
        item = self.value(ref.args[0], depth + 1)
        if item is FAIL:
            return [] if low == 0 else FAIL
        if low > 1:
            return FAIL if ref.unique or low > 10 else [item] * low
        return [item]


def declared_only(
    ref: TypeRef,
    value: Any,
    models: dict[str, Model],
    seen: frozenset[str] = frozenset(),
) -> Any:
    """`value` keeping, in each object of a model with properties, only the
    declared ones (valid JSON may have more; a typed dict display may not).
    `seen`: the models passed through for this same value (a cycle of aliases
    and unions ends there)."""
    kind = ref.kind
    if kind == "model" and ref.model in models:
        if ref.model in seen:
            return value
        model = models[ref.model]
        if model.kind == "root" and model.root is not None:
            return declared_only(model.root, value, models, seen | {model.name})
        fields = {f.name: f for m in lineage(model, models) for f in m.fields}
        if model.kind != "object" or not isinstance(value, dict) or not fields:
            extra = model.extra if model.kind == "object" else None
            if extra is None or not isinstance(value, dict):
                return value
            return {k: declared_only(extra, v, models) for k, v in value.items()}
        return {
            k: declared_only(fields[k].type, v, models)
            for k, v in value.items()
            if k in fields
        }
    if kind in ("list", "tuple") and isinstance(value, list):
        items = ref.args if kind == "tuple" else ref.args * len(value)
        return [declared_only(arg, v, models) for arg, v in zip(items, value)]
    if kind == "dict" and isinstance(value, dict):
        return {k: declared_only(ref.args[0], v, models) for k, v in value.items()}
    if kind == "union":
        probe = Synthesizer(models)
        member = next((a for a in ref.args if conforms(value, a, probe)), None)
        return value if member is None else declared_only(member, value, models, seen)
    return value
