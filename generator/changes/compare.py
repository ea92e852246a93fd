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
from .keywords import VALUE_CHECKS, Emit, note_changes, show, type_change
from .rules import Delta
from .schema import Node, Settled, Side, is_null, settle, types

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
        if not reshaped:
            for composition in COMPOSITIONS:
                self.members(o, n, ctx, *composition)

    def reshaped(self, ov: dict[str, Any], nv: dict[str, Any], emit: Emit) -> bool:
        """A plain schema became a union of alternatives, or the other way round."""
        before, after = _alternatives(ov), _alternatives(nv)
        if not before and after and not _own_shape(nv):
            emit(
                "wrapped-in-one-of",
                "incomparable",
                f"now one of {len(after)} alternatives",
                (),
                (after[0],),
            )
            return True
        if before and not after and not _own_shape(ov):
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
        old_props, new_props = _mapping(o.value, "properties"), _mapping(
            n.value, "properties"
        )
        if not old_props and not new_props:
            return
        old_req, new_req = _required(o.value), _required(n.value)
        for name in list(old_props) + [k for k in new_props if k not in old_props]:
            po, pn = o.child("properties", name), n.child("properties", name)
            notes = (settle(self.old, po).notes if name in old_props else {}) | (
                settle(self.new, pn).notes if name in new_props else {}
            )
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
        before, after = _members(o.value, key), _members(n.value, key)
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
        tests = (
            lambda i, j: (self.old.component_ref(o.child(key, i)) or "\0old")
            == (self.new.component_ref(n.child(key, j)) or "\0new"),
            lambda i, j: show(o.value[key][i]) == show(n.value[key][j]),
            lambda i, j: not _is_ref(o.value[key][i])
            and not _is_ref(n.value[key][j])
            and _types(o.value[key][i]) == _types(n.value[key][j]),
        )
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


def _mapping(schema: dict[str, Any], key: str) -> dict[str, Any]:
    value = schema.get(key)
    return value if isinstance(value, dict) else {}


def _required(schema: dict[str, Any]) -> set[str]:
    value = schema.get("required")
    return (
        {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()
    )


def _members(schema: dict[str, Any], key: str) -> list[int]:
    value = schema.get(key)
    return (
        [i for i, m in enumerate(value) if not is_null(m)]
        if isinstance(value, list)
        else []
    )


def _alternatives(schema: dict[str, Any]) -> list[str]:
    return [k for k in ("oneOf", "anyOf") if _members(schema, k)]


def _own_shape(schema: dict[str, Any]) -> bool:
    return any(
        k in schema for k in ("type", "properties", "items", "enum", "const", "$ref")
    )


def _types(schema: Any) -> frozenset[str] | None:
    return types(schema) if isinstance(schema, dict) else None


def _is_ref(schema: Any) -> bool:
    return isinstance(schema, dict) and "$ref" in schema
