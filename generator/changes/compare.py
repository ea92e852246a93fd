"""Part of `changes`: walk two versions of a schema side by side and list its `Delta`s.

References to the spec's components are not followed when both versions
point at the same component (each component is compared once, on its own);
any other reference is followed, with a guard against cycles. Results of a
pair already walked are reused, so a schema shared by many operations is
compared once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..diagnostics import join_pointer
from . import bounds, keywords
from .keywords import Emit, mutability_change, note_changes, show, type_change
from .rules import Delta
from .schema import (
    Node,
    Settled,
    Side,
    alternatives,
    is_ref,
    mapping_of,
    members_of,
    own_shape,
    required_of,
    settle,
    simple_union,
    types_of,
)

VALUE_CHECKS = (
    keywords.format_change,
    keywords.enum_change,
    keywords.const_change,
    bounds.bound_changes,
    bounds.multiple_of_change,
    bounds.pattern_and_unique,
    keywords.discriminator_change,
    keywords.additional_change,
)
COMPOSITIONS = (
    ("oneOf", "one-of", "widens", "narrows"),
    ("anyOf", "any-of", "widens", "narrows"),
    ("allOf", "all-of", "narrows", "widens"),
)


@dataclass(frozen=True, slots=True)
class Ctx:
    root: bool = True
    read_only: bool = False
    write_only: bool = False

    def inner(self, read_only: bool = False, write_only: bool = False) -> "Ctx":
        return Ctx(False, self.read_only or read_only, self.write_only or write_only)


class Walk:
    def __init__(self, old: Side, new: Side) -> None:
        self.old, self.new = old, new
        self.deltas: list[Delta] = []
        self.active: set[tuple[str, str, str, str, Ctx]] = set()
        self.memo: dict[tuple[str, str, str, str, Ctx], list[Delta]] = {}

    def run(self, o: Node, n: Node) -> list[Delta]:
        self.deltas = []
        self.schema(o, n, Ctx())
        return self.deltas

    def emitter(self, o: Node, n: Node, ctx: Ctx) -> Emit:
        def emit(
            kind: str,
            effect: str,
            message: str,
            old: tuple[object, ...],
            new: tuple[object, ...],
        ) -> None:
            self.deltas.append(
                Delta(
                    kind,
                    effect,
                    self.old.where(Node(o.file, join_pointer(o.pointer, *old), None)),
                    self.new.where(Node(n.file, join_pointer(n.pointer, *new), None)),
                    message,
                    ctx.root,
                    ctx.read_only,
                    ctx.write_only,
                )
            )

        return emit

    def schema(self, o: Node, n: Node, ctx: Ctx) -> None:
        a, b = settle(self.old, o), settle(self.new, n)
        if not (a.component and a.component == b.component):
            a, b = settle(self.old, o, stop=False), settle(self.new, n, stop=False)
        emit = self.emitter(o, n, ctx)
        if a.nullable != b.nullable:
            kind, effect = (
                ("became-nullable", "widens")
                if b.nullable
                else ("became-not-nullable", "narrows")
            )
            emit(kind, effect, kind.replace("-", " "), (), ())
        note_changes(a.notes, b.notes, emit)
        if a.component and a.component == b.component:
            return
        key = (a.node.file, a.node.pointer, b.node.file, b.node.pointer, ctx)
        if key in self.memo:
            self.deltas.extend(self.memo[key])
            return
        if key in self.active:
            return
        self.active.add(key)
        start = len(self.deltas)
        try:
            self.core(a, b, ctx)
        finally:
            self.active.discard(key)
        self.memo[key] = self.deltas[start:]

    def core(self, a: Settled, b: Settled, ctx: Ctx) -> None:
        o, n = a.node, b.node
        ov, nv = o.value, n.value
        if not isinstance(ov, dict) or not isinstance(nv, dict):
            if show(ov) != show(nv):
                self.emitter(o, n, ctx)(
                    "type-changed",
                    "incomparable",
                    f"schema {show(ov)[:40]} -> {show(nv)[:40]}",
                    (),
                    (),
                )
            return
        emit = self.emitter(o, n, ctx)
        reshaped = self.reshaped(ov, nv, emit)
        if not reshaped and not type_change(ov, nv, emit):
            return
        for check in VALUE_CHECKS:
            check(ov, nv, emit)
        self.properties(o, n, ctx)
        for key in ("items", "additionalProperties"):
            if isinstance(ov.get(key), dict) and isinstance(nv.get(key), dict):
                self.schema(o.child(key), n.child(key), ctx.inner())
        plain = simple_union(ov) or simple_union(nv)  # compared as types
        for composition in COMPOSITIONS:
            if not reshaped and not (plain and composition[0] != "allOf"):
                self.members(o, n, ctx, *composition)

    def reshaped(self, ov: dict[str, Any], nv: dict[str, Any], emit: Emit) -> bool:
        """A plain schema became a union of alternatives, or the other way round."""
        if simple_union(ov) or simple_union(nv):
            return False
        before, after = alternatives(ov), alternatives(nv)
        if not before and after and not own_shape(nv):
            emit(
                "wrapped-in-one-of",
                "incomparable",
                f"now one of {len(after)} alternatives",
                (),
                (after[0],),
            )
            return True
        if before and not after and not own_shape(ov):
            emit(
                "unwrapped-from-one-of",
                "narrows",
                "no longer a union of alternatives",
                (before[0],),
                (),
            )
            return True
        return False

    def properties(self, o: Node, n: Node, ctx: Ctx) -> None:
        old_props, new_props = mapping_of(o.value, "properties"), mapping_of(
            n.value, "properties"
        )
        if not old_props and not new_props:
            return
        old_req, new_req = required_of(o.value), required_of(n.value)
        for name in list(old_props) + [k for k in new_props if k not in old_props]:
            po, pn = o.child("properties", name), n.child("properties", name)
            old_notes = settle(self.old, po).notes if name in old_props else {}
            new_notes = settle(self.new, pn).notes if name in new_props else {}
            notes = old_notes | new_notes
            inner = ctx.inner(
                notes.get("readOnly") is True, notes.get("writeOnly") is True
            )
            emit = self.emitter(o, n, inner)
            if name not in new_props:
                required = name in old_req
                emit(
                    f"{'required' if required else 'optional'}-property-removed",
                    "widens" if required else "none",
                    f"property {show(name)} removed",
                    ("properties", name),
                    ("properties",),
                )
            elif name not in old_props:
                required = name in new_req
                emit(
                    f"{'required' if required else 'optional'}-property-added",
                    "narrows" if required else "none",
                    f"property {show(name)} added",
                    ("properties",),
                    ("properties", name),
                )
            else:
                required = name in old_req or name in new_req
                mutability_change(
                    old_notes, new_notes, required, self.emitter(po, pn, ctx.inner())
                )
                if (name in old_req) != (name in new_req):
                    now = name in new_req
                    emit(
                        "became-required" if now else "became-optional",
                        "narrows" if now else "widens",
                        f"property {show(name)} became {'required' if now else 'optional'}",
                        ("properties", name),
                        ("properties", name),
                    )
                self.schema(po, pn, inner)

    def members(
        self, o: Node, n: Node, ctx: Ctx, key: str, word: str, added: str, removed: str
    ) -> None:
        before, after = members_of(o.value, key), members_of(n.value, key)
        if not before and not after:
            return
        pairs, gone, new = self.match(o, n, key, before, after)
        for i, j in pairs:
            self.schema(o.child(key, i), n.child(key, j), ctx.inner())
        emit = self.emitter(o, n, ctx)
        old_list = (key,) if key in o.value else ()
        new_list = (key,) if key in n.value else ()
        for i in gone:
            label = self.label(self.old, o.child(key, i))
            emit(
                f"{word}-removed",
                removed,
                f"{key} member {label} removed",
                (key, i),
                new_list,
            )
        for j in new:
            label = self.label(self.new, n.child(key, j))
            emit(
                f"{word}-added",
                added,
                f"{key} member {label} added",
                old_list,
                (key, j),
            )

    def match(
        self, o: Node, n: Node, key: str, before: list[int], after: list[int]
    ) -> tuple[list[tuple[int, int]], list[int], list[int]]:
        """Pair the members: same component, then same text, then in order."""
        pairs: list[tuple[int, int]] = []
        left, right = list(before), list(after)
        values_o, values_n = o.value.get(key) or [], n.value.get(key) or []

        def same_component(i: int, j: int) -> bool:
            name = self.old.component_ref(o.child(key, i))
            return name is not None and name == self.new.component_ref(n.child(key, j))

        def same_text(i: int, j: int) -> bool:
            return show(values_o[i]) == show(values_n[j])

        def same_kind(i: int, j: int) -> bool:
            a, b = values_o[i], values_n[j]
            return not is_ref(a) and not is_ref(b) and types_of(a) == types_of(b)

        tests = (same_component, same_text, same_kind)
        for same in tests:
            for i in list(left):
                j = next((j for j in right if same(i, j)), None)
                if j is not None:
                    pairs.append((i, j))
                    left.remove(i)
                    right.remove(j)
        return pairs, left, right

    @staticmethod
    def label(side: Side, node: Node) -> str:
        return side.component_ref(node) or "#" + node.pointer.rsplit("/", 1)[-1]
