"""The Example block of a model's docs page: code that runs against the package.

The shared example (every target with `from_dict`/`to_dict` helpers) builds
the model from the example payload, prints its JSON, checks the round trip,
and builds the same instance by keyword with the Python attribute names. A
target with another API gives its own (`Target.example`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..build.values import conforms
from ..ir import Model, TypeRef, lineage
from .examples import Synthesizer
from .filters import md_fence, pyrepr

if TYPE_CHECKING:
    from ..targets.base import Target


def example_block(
    model: Model,
    synth: Synthesizer,
    package: str,
    target: Target | None = None,
    inline: Collection[str] = (),
) -> tuple[str, str] | None:
    """The Example block (fenced, and the bare code), or None. `inline`: the
    root models the target writes as their type where they are used (their
    values are passed as such)."""
    value = synth.model_example(model)
    if value is None and (
        model.kind != "root"
        or not conforms(None, TypeRef("model", model=model.name), synth)
    ):
        return None  # no example could be made (null is one only where allowed)
    if target is not None and target.example is not None:
        from ..targets.base import ExampleContext

        context = ExampleContext(model, value, synth.models, package, inline)
        made = target.example(context)
        return (md_fence(made), made) if made else None
    payload = python_literal(value)
    if model.kind == "enum":
        code = "\n".join(
            [
                f"from {package}.models import {model.name}",
                "",
                f"value = {model.name}({payload})",
                "print(value.value)",
                f"assert {model.name}(value.value) is value",
            ]
        )
        return md_fence(code), code
    names: set[str] = {model.name}
    keywords = keyword_call(model, value, synth.models, names, inline)
    lines = [
        import_line(package, names),
        "",
        f"payload = {payload}",
        f"instance = {model.name}.from_dict(payload)",
        "print(instance.to_json())",
        f"assert {model.name}.from_dict(instance.to_dict()) == instance",
    ]
    if keywords:
        lines += ["", "# The same, built by the Python attribute names:", keywords]
        lines.append("assert built == instance")
    code = "\n".join(lines)
    return md_fence(code), code


def keyword_call(
    model: Model,
    value: Any,
    models: Mapping[str, Model],
    names: set[str],
    inline: Collection[str] = (),
) -> str | None:
    """`built = Model(attr=..., ...)` for an object example: nested objects by
    keywords too, unions by `from_dict`, enums by value, the root models in
    `inline` by their value (each argument has its declared type)."""
    used = set(names)
    try:
        call = _constructor(model, value, Names(models, used, inline), 0)
    except _NotBuilt:
        return None
    names.update(used)
    return f"built = {call}" if call else None


@dataclass(frozen=True)
class Names:
    """What a keyword call is written from: the models, the names it imports
    (filled in), and the root models written as their type where used."""

    models: Mapping[str, Model]
    used: set[str]
    inline: Collection[str]


def _constructor(model: Model, value: Any, names: Names, indent: int) -> str | None:
    if model.kind != "object" or not isinstance(value, dict):
        return None
    fields = {
        f.name: f for m in reversed(lineage(model, names.models)) for f in m.fields
    }
    if any(wire not in fields for wire in value):
        return None  # an extra property: only `from_dict` takes it
    pad = " " * (indent + 4)
    args = [
        f"{pad}{fields[wire].attr}="
        f"{_typed_value(fields[wire].type, item, names, indent + 4)},"
        for wire, item in value.items()
    ]
    names.used.add(model.name)
    if not args:
        return f"{model.name}()"
    return "\n".join([f"{model.name}(", *args, " " * indent + ")"])


class _NotBuilt(Exception):
    """A value the keyword example cannot write as its Python object exactly."""


def _typed_value(ref: TypeRef, value: Any, names: Names, indent: int) -> str:
    if ref.kind == "union":
        chosen = _union_member(ref, value, names)
        if chosen is not None:
            return _typed_value(chosen, value, names, indent)
    if ref.kind in STDLIB_TYPES and isinstance(value, str):
        if not EXACT[ref.kind].fullmatch(value):
            raise _NotBuilt(value)  # e.g. nanoseconds: no Python object holds them
        name, parse = STDLIB_TYPES[ref.kind]
        names.used.add(f"{name}.{parse}")
        text = value.replace("Z", "+00:00") if ref.kind == "datetime" else value
        return f"{parse}({pyrepr(text)})"
    target = names.models.get(ref.model) if ref.kind == "model" else None
    if target is not None and target.root is not None and target.name in names.inline:
        return _typed_value(target.root, value, names, indent)
    if target is not None and value is not None:
        built = _constructor(target, value, names, indent)
        if built:
            return built
        names.used.add(target.name)
        if target.kind == "enum":
            return f"{target.name}({pyrepr(value)})"
        return f"{target.name}.from_dict({python_literal(value, indent)})"
    if ref.kind == "list" and ref.args and isinstance(value, list) and value:
        inner = ref.args[0]
        items = [_typed_value(inner, v, names, indent + 4) for v in value]
        if inner.model in names.models and inner.model not in names.inline:
            return _lines("[", items, "]", indent)
        plain = [python_literal(v, indent + 4) for v in value]
        if items != plain:
            return _display("[", items, "]", indent)
    if ref.kind == "tuple" and isinstance(value, list) and len(value) == len(ref.args):
        items = [_typed_value(a, v, names, indent + 4) for a, v in zip(ref.args, value)]
        one = f"({items[0]},)" if len(items) == 1 else ""
        if one and "\n" not in one and len(one) + indent <= 72:
            return one
        return (
            _display("(", items, ")", indent)
            if not one
            else _lines("(", items, ")", indent)
        )
    if ref.kind == "dict" and ref.args and isinstance(value, dict) and value:
        typed = [
            _typed_value(ref.args[0], v, names, indent + 4) for v in value.values()
        ]
        plain = [python_literal(v, indent + 4) for v in value.values()]
        if typed != plain:
            keys = [f"{pyrepr(str(k))}: " for k in value]
            items = [k + v for k, v in zip(keys, typed)]
            return _display("{", items, "}", indent)
    return python_literal(value, indent)


def _union_member(ref: TypeRef, value: Any, names: Names) -> TypeRef | None:
    """The member of the union `ref` to write `value` as: the object model that
    holds it (`_member`), else the first member whose type holds it."""
    model = _member(ref, value, names)
    if model is not None:
        return TypeRef("model", model=model.name)
    return next((a for a in ref.args if _holds(a, value, names)), None)


def _holds(ref: TypeRef, value: Any, names: Names) -> bool:
    """Whether `value` (JSON data) is one of the values of the type `ref`."""
    kind = ref.kind
    target = names.models.get(ref.model) if kind == "model" else None
    if target is not None and target.root is not None and target.name in names.inline:
        return _holds(target.root, value, names)
    if value is None or kind in ("null", "any"):
        return kind in ("null", "any")
    if target is not None:
        if target.kind == "enum":
            return any(_same(value, m.value) for m in target.members)
        return target.kind == "object" and isinstance(value, dict)
    if kind in STDLIB_TYPES:
        return isinstance(value, str) and bool(EXACT[kind].fullmatch(value))
    if kind == "literal":
        return any(_same(value, v) for v in ref.values)
    if kind == "union":
        return _union_member(ref, value, names) is not None
    return isinstance(value, JSON_TYPES.get(kind, ())) and not (
        isinstance(value, bool) and kind in ("int", "float")
    )


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


JSON_TYPES: dict[str, type | tuple[type, ...]] = {
    "str": str,
    "int": int,
    "float": (int, float),
    "bool": bool,
    "list": list,
    "tuple": list,
    "dict": dict,
}


def _member(ref: TypeRef, value: Any, names: Names) -> Model | None:
    """The object model of the union `ref` that holds `value`, as far as the
    example can tell: the one the tag routes it to, else the first whose
    properties hold every key of `value`, with its required ones present and
    its constants equal; None when there is none."""
    if not isinstance(value, dict):
        return None
    if ref.tag and ref.routes is not None:
        tag = value.get(ref.tag)
        route = dict(ref.routes.values).get(tag, ()) if isinstance(tag, str) else ()
        return names.models.get(route[0]) if route else None
    for arg in ref.args:
        model = names.models.get(arg.model) if arg.kind == "model" else None
        if model is None or model.kind != "object":
            continue
        fields = {f.name: f for m in lineage(model, names.models) for f in m.fields}
        if all(
            k in fields and _may_be(fields[k].type, v, names) for k, v in value.items()
        ) and all(n in value for n, f in fields.items() if f.required):
            return model
    return None


def _may_be(ref: TypeRef, value: Any, names: Names) -> bool:
    """Whether `value` may be of the type `ref`, as far as its constants say."""
    if ref.kind == "literal":
        return value in ref.values
    target = names.models.get(ref.model) if ref.kind == "model" else None
    if target is not None and target.kind == "enum":
        return any(value == m.value for m in target.members)
    return True


def _display(open: str, items: list[str], close: str, indent: int) -> str:
    """A list or dict display: on one line when it fits, else an item a line."""
    line = f"{open}{', '.join(items)}{close}"
    if "\n" not in line and len(line) + indent <= 72:
        return line
    return _lines(open, items, close, indent)


def _lines(open: str, items: list[str], close: str, indent: int) -> str:
    pad = " " * (indent + 4)
    body = "\n".join(f"{pad}{item}," for item in items)
    return f"{open}\n{body}\n{' ' * indent}{close}"


# Keyword examples build these JSON-string types with their Python class:
# kind → (module, constructor expression).
STDLIB_TYPES = {
    "datetime": ("datetime", "datetime.fromisoformat"),
    "date": ("datetime", "date.fromisoformat"),
    "uuid": ("uuid", "UUID"),
}
# The texts each reads on every supported Python and writes back as they are
# (3.10's `fromisoformat` takes 3 or 6 digits of a second; a UUID is written
# lower-case).
EXACT = {
    "datetime": re.compile(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3}|\.\d{6})?(Z|[+-]\d{2}:\d{2})"
    ),
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "uuid": re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
}


def import_line(package: str, names: set[str]) -> str:
    """The example's imports: the standard library's, then the models."""
    stdlib = sorted({n for n in names if "." in n})
    models = sorted(n for n in names if "." not in n)
    grouped: dict[str, set[str]] = {}
    for module, parse in (n.split(".", 1) for n in stdlib):
        grouped.setdefault(module, set()).add(parse.split(".")[0])
    lines = [
        f"from {m} import {', '.join(sorted(grouped[m]))}" for m in sorted(grouped)
    ]
    line = f"from {package}.models import {', '.join(models)}"
    if len(line) <= 88:
        return "\n".join(lines + ["", line] if lines else [line])
    block = [f"from {package}.models import ("] + [f"    {n}," for n in models] + [")"]
    return "\n".join(lines + [""] + block if lines else block)


def python_literal(value: Any, indent: int = 0) -> str:
    """JSON data as a readable Python literal, one key per line (escaped by `pyrepr`)."""
    inline = pyrepr(value)
    if len(inline) + indent <= 72 or not isinstance(value, (dict, list)) or not value:
        return inline
    pad = " " * (indent + 4)
    if isinstance(value, dict):
        items = [
            f"{pad}{pyrepr(str(k))}: {python_literal(v, indent + 4)},"
            for k, v in value.items()
        ]
        return "{\n" + "\n".join(items) + "\n" + " " * indent + "}"
    items = [f"{pad}{python_literal(v, indent + 4)}," for v in value]
    return "[\n" + "\n".join(items) + "\n" + " " * indent + "]"
