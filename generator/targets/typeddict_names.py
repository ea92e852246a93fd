"""The names a TypedDict module's annotations use.

Aliases in a reference cycle through TypedDict classes are spelled out in the
keys that use them: mypy checks every alias that can reach itself for
divergence along every path through the classes it reaches, which is
exponential in the size of the cycle (hours for a cycle of hundreds of
classes). Spelled out, no alias reaches itself through a class; the key's
type is the same, only its name is gone from the annotation.
"""

from __future__ import annotations

from dataclasses import replace

from ..ir import Field, Model, TypeRef, lineage
from ..render.pycode import Peers


def is_typeddict(model: Model, models: dict[str, Model]) -> bool:
    """Object models with properties (or closed) are TypedDicts; an open object
    without properties is a `dict` alias, which every valid value fits."""
    return model.kind == "object" and (
        model.closed or any(m.fields for m in lineage(model, models))
    )


def own_fields(
    model: Model, models: dict[str, Model]
) -> tuple[str | None, list[Field]]:
    """(base class, the fields the class declares). A TypedDict may not
    redeclare an inherited key, so a model that narrows one lists them all."""
    base = models.get(model.base or "")
    chain = lineage(model, models)
    if base is not None and is_typeddict(base, models):
        inherited = {f.name for m in chain[1:] for f in m.fields}
        if not any(f.name in inherited for f in model.fields):
            return base.name, [f for f in model.fields if f.name]
    merged = {f.name: f for m in reversed(chain) for f in m.fields}
    return None, [f for f in merged.values() if f.name]  # "" is no key (see `warnings`)


def alias_value(model: Model, models: dict[str, Model]) -> TypeRef | None:
    """The type an alias of a root model or an open map stands for (None for
    a TypedDict or an enum, whose `Literal` names no class)."""
    if model.kind == "enum" or is_typeddict(model, models):
        return None
    if model.kind == "root":
        return model.root or TypeRef("any")
    return TypeRef("dict", args=(model.extra or TypeRef("any"),))


def spelled_out(
    models: dict[str, Model], peers: dict[str, Peers]
) -> dict[str, TypeRef]:
    """The aliases in a reference cycle with a TypedDict, and their values."""
    found: dict[str, TypeRef] = {}
    for name, model in models.items():
        if name not in peers:
            continue  # not reached by the models rendered (a partial run)
        value = alias_value(model, models)
        cyclic = any(is_typeddict(models[p], models) for p in peers[name].same)
        if value is not None and cyclic:
            found[name] = value
    return found


def spell(
    ref: TypeRef, inline: dict[str, TypeRef], seen: frozenset[str] = frozenset()
) -> TypeRef:
    """`ref` with the aliases of `inline` replaced by their values (an alias
    met again inside its own value keeps its name); unions flattened."""
    if ref.kind == "model" and ref.model in inline and ref.model not in seen:
        return spell(inline[ref.model], inline, seen | {ref.model})
    if not ref.args:
        return ref
    args = tuple(spell(a, inline, seen) for a in ref.args)
    if all(a is b for a, b in zip(args, ref.args)):
        return ref  # nothing spelled out: the same object
    if ref.kind == "union":
        args = tuple(m for a in args for m in (a.args if a.kind == "union" else (a,)))
    return replace(ref, args=args)


class Forwards:
    """Names `typing.get_type_hints` looks up in a module: quoted names reach it
    through aliases (their value is used in place) and inherited annotations."""

    def __init__(self, models: dict[str, Model], peers: dict[str, Peers]) -> None:
        self.models, self.peers = models, peers
        self.inline = spelled_out(models, peers)
        self.memo: dict[str, set[str]] = {}

    def refs(self, model: Model) -> tuple[str | None, set[str]]:
        """(the kept base, the models the module's annotations name)."""
        if is_typeddict(model, self.models):
            base, fields = own_fields(model, self.models)
            spelt = [spell(f.type, self.inline) for f in fields]
            return base, {n for ref in spelt for n in ref.models()}
        return None, set(model.references()) | {model.name}

    def needed(self, name: str) -> set[str]:
        """What `name`'s annotations (with inherited ones) leave to resolve."""
        base, refs = self.refs(self.models[name])
        found = refs | {n for r in refs for n in self.exposed(r)}
        return found | (self.needed(base) if base else set())

    def exposed(self, name: str) -> set[str]:
        """The quoted names inside an alias's value, through the aliases it uses."""
        model = self.models.get(name)
        if model is None or is_typeddict(model, self.models):
            return set()
        if name not in self.memo:
            self.memo[name] = set()  # a recursive alias: cut
            refs = self.refs(model)[1]
            quoted = refs & (self.peers[name].same | {name})
            inner = {n for r in refs - {name} for n in self.exposed(r)}
            self.memo[name] = quoted | inner
        return self.memo[name]
