"""How the pydantic target spells a type: `TypeRef` → annotation text, and
the imports it needs (constraints as `Field` arguments, strict date-times,
discriminated unions routed by `tag_union`)."""

from __future__ import annotations

from typing import Any

from ..ir import Model, Routes, TypeRef
from ..regex import linear_pattern
from ..render.filters import pyrepr
from ..render.pycode import CONSTRAINT_ARGUMENTS, Imports

# JSON Schema keyword → pydantic's `Field` argument.
ARGUMENTS = CONSTRAINT_ARGUMENTS

LAX = {
    "datetime": ("DateTime", "._base"),
    "date": ("Date", "._base"),
    "uuid": ("UUID", "uuid"),
}


class Annotator(Imports):
    """Renders `TypeRef`s as annotations and records the names they need."""

    third_party = ("pydantic",)

    def __init__(
        self, models: dict[str, Model], quote: frozenset[str] = frozenset()
    ) -> None:
        super().__init__()
        self.models = models
        self.quote = quote  # names not yet defined when the class statement runs

    def argument(self, key: str, value: Any) -> str:
        """One constraint as a `Field` argument; a pattern that pydantic's
        linear-time engine cannot run is compiled with Python's `re`."""
        if key == "pattern" and linear_pattern(str(value)) is None:
            return f"pattern={self.use('re', 're')}.compile({pyrepr(value)})"
        return f"{ARGUMENTS[key]}={pyrepr(value)}"

    def constrained(self, text: str, ref: TypeRef) -> str:
        extras = []
        if ref.constraints:
            args = ", ".join(self.argument(k, v) for k, v in ref.constraints)
            extras.append(f"{self.use('pydantic', 'Field')}({args})")
        if ref.unique:
            extras.append(self.use("._base", "UniqueItems"))
        if not extras:
            return text
        return f"{self.use('typing', 'Annotated')}[{text}, {', '.join(extras)}]"

    def not_bool(self, text: str) -> str:
        return f"{self.use('typing', 'Annotated')}[{text}, {self.use('._base', 'NumbersOnly')}]"

    def __call__(self, ref: TypeRef) -> str:
        kind = ref.kind
        if kind in ("str", "int", "float", "bool"):
            return self.constrained(kind, ref)
        if kind in LAX:
            name, module = LAX[kind]
            if module == "._base":  # JSON text in RFC 3339 form only
                return self.use(module, name)
            return f"{self.use('._base', 'Lax')}[{self.use(module, name)}]"
        if kind == "null":
            return "None"
        if kind == "literal":
            text = f"{self.use('typing', 'Literal')}[{', '.join(pyrepr(v) for v in ref.values)}]"
            return self.not_bool(text) if numbers_only(ref.values) else text
        if kind == "model":
            target = self.models.get(ref.model)
            self.classes.add(ref.model)
            name = f'"{ref.model}"' if ref.model in self.quote else ref.model
            if target is not None and target.kind == "enum":
                text = f"{self.use('._base', 'Lax')}[{name}]"
                return self.not_bool(text) if target.enum_type != "str" else text
            if target is not None and target.subclasses is not None:
                # it may hold a subclass: written with the subclass's properties
                return f"{self.use('pydantic', 'SerializeAsAny')}[{name}]"
            return name
        if kind == "list":
            return self.constrained(f"list[{self(ref.args[0])}]", ref)
        if kind == "dict":
            key = self(ref.args[1]) if len(ref.args) > 1 else "str"
            return self.constrained(f"dict[{key}, {self(ref.args[0])}]", ref)
        if kind == "tuple":
            items = ", ".join(self(a) for a in ref.args)
            return f"{self.use('._base', 'Lax')}[tuple[{items}]]"
        if kind == "union":
            return self.union(ref)
        return self.use("typing", "Any")

    def union(self, ref: TypeRef) -> str:
        members = [a for a in ref.args if a.kind != "null"]
        if not members:
            return "None"
        if ref.tag and len(members) > 1:
            inner = self.tagged(ref, members)
        else:
            inner = self.either([self(a) for a in members])
        if len(members) < len(ref.args):
            return self.optional(inner)
        return inner

    def either(self, parts: list[str]) -> str:
        """`A | B`; `Union[...]` where a quoted forward reference takes part
        (a base class is evaluated at once, and `"A" | B` is an error there)."""
        if len(parts) == 1:
            return parts[0]
        if any(p.startswith('"') for p in parts):
            return f"{self.use('typing', 'Union')}[{', '.join(parts)}]"
        return " | ".join(parts)

    def optional(self, text: str) -> str:
        if text == "None":
            return text
        if text.startswith('"'):
            return f"{self.use('typing', 'Optional')}[{text}]"
        return f"{text} | None"

    def tagged(self, ref: TypeRef, members: list[TypeRef]) -> str:
        """A union that pydantic picks from by the discriminator property.

        Every member is a choice of its own (tagged with its class name); a
        tag value several members can hold gets a choice that is their union.
        """
        annotated, tag = self.use("typing", "Annotated"), self.use("pydantic", "Tag")
        routes = ref.routes or Routes(values=tuple((k, (v,)) for k, v in ref.mapping))
        parts = [f"{annotated}[{self(a)}, {tag}({pyrepr(a.model)})]" for a in members]
        choices: dict[tuple[str, ...], str] = {(a.model,): a.model for a in members}
        for route in [r for _, r in routes.values] + [
            routes.absent,
            routes.other,
            routes.null,
            routes.other_json,
        ]:
            if route and route not in choices:
                choices[route] = "|".join(route)
                union = self.either([self(TypeRef("model", model=m)) for m in route])
                parts.append(f"{annotated}[{union}, {tag}({pyrepr(choices[route])})]")
        mapping = (
            "{"
            + ", ".join(
                f"{pyrepr(k)}: {pyrepr(choices[r])}" for k, r in routes.values if r
            )
            + "}"
        )
        extra = "".join(
            f", {name}={pyrepr(choices[route])}"
            for name, route in (
                ("absent", routes.absent),
                ("other", routes.other),
                ("null", routes.null),
                ("other_json", routes.other_json),
            )
            if route
        )
        chooser = (
            f"{self.use('._base', 'tag_union')}({pyrepr(ref.tag)}, {mapping}{extra})"
        )
        return f"{annotated}[{self.either(parts)}, {chooser}]"


def numbers_only(values: tuple[object, ...]) -> bool:
    """Literal numbers, which `True`/`False` would pass for in Python."""
    return any(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in values
    ) and not any(isinstance(v, bool) for v in values)
