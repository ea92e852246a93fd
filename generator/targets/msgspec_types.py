"""How the msgspec target writes types: `TypeRef` → annotation text.

msgspec tells a union's members apart by JSON type (one member per type;
string literals only beside `str`) or by a tag that is part of each member
class; anything else becomes `OneOf[A | B, route]`, decoded by the runtime
in Python. Root models not in a reference cycle are written as their type
where they are used, so that msgspec decodes them natively.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..regex import python_pattern
from ..ir import Document, Model, TypeRef, lineage
from ..render.filters import pyrepr
from ..render.inplace import in_place, one_literal
from ..render.pycode import CONSTRAINT_ARGUMENTS, Imports, cycle_peers
from . import msgspec_tags as tags

META = CONSTRAINT_ARGUMENTS  # JSON Schema keyword → msgspec.Meta argument
FORMATS = {"datetime": "DateTime", "date": "Date", "time": "Time", "uuid": "UUID"}
# What each kind decodes from, for the union rule: msgspec tells members apart
# by JSON type only, one member per type (int and float may go together).
SORTS = {"str": "str", "int": "int", "float": "float", "bool": "bool", "null": "null"}
SORTS.update(dict.fromkeys(FORMATS, "str"))
SORTS.update(list="array", tuple="array", dict="object")


@dataclass(frozen=True)
class Plan:
    """What the modules of one document are written from."""

    models: dict[str, Model]
    peers: dict[str, Any]  # pycode.Peers of each model
    closed: set[str]  # see `closed_trees`
    inline: set[str]  # root models written as their type where used
    tags: dict[str, tuple[str, str]]  # see `msgspec_tags.tag_plan`

    @classmethod
    def of(cls, document: Document) -> Plan:
        peers = cycle_peers(document)
        inline = written_in_place(document, peers)
        models: dict[str, Model] = {m.name: m for m in document.models}
        plan = tags.tag_plan(document)
        return cls(models, peers, closed_trees(document), inline, plan)


def written_in_place(document: Document, peers: Any = None) -> set[str]:
    """The root models written as their type where they are used: every root
    `in_place` (unions of models too: msgspec decodes them natively)."""
    peers = cycle_peers(document) if peers is None else peers
    return {m.name for m in document.models if in_place(m, peers[m.name].same)}


def closed_trees(document: Document) -> set[str]:
    """Models from which no open object (one keeping unknown properties) is reachable."""
    models: dict[str, Model] = {m.name: m for m in document.models}
    edges: dict[str, set[str]] = {m.name: set(m.references()) for m in document.models}
    for model in document.models:
        edges[model.name].update(p.name for p in lineage(model, models)[1:])
    open_: set[str] = {
        m.name
        for m in document.models
        if (m.kind == "object" and not m.closed)
        or any(map(has_tuple, kinds(m)))
        or any(tags.unnamable(f.name) for f in m.fields)
    }
    changed = True
    while changed:
        changed = False
        for name, targets in edges.items():
            if name not in open_ and targets & open_:
                open_.add(name)
                changed = True
    return {m.name for m in document.models if m.name not in open_}


def kinds(model: Model) -> list[TypeRef]:
    return [f.type for f in model.fields] + [t for t in (model.root, model.extra) if t]


def has_tuple(ref: TypeRef) -> bool:
    return ref.kind == "tuple" or any(map(has_tuple, ref.args))


def end_of_input(pattern: Any) -> Any:
    """A JSON Schema (ECMA 262) pattern for Python's `re`, which msgspec runs:
    `$` outside a character class becomes `\\Z` (Python's `$` also matches
    before a final newline)."""
    if not isinstance(pattern, str) or "$" not in pattern:
        return pattern
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = "\\Z"
        out.append(char)
    return "".join(out)


class Annotator(Imports):
    """Renders `TypeRef`s as annotations; `fallbacks` lists the unions it routes in Python."""

    third_party = ("msgspec",)

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.models = plan.models
        self.inline = plan.inline  # root models written as their type where used
        self.tags = plan.tags  # tagged members: model → (tag property, value)
        self.fallbacks: list[str] = []

    def base(self, name: str) -> str:
        return self.use("._base", name)

    def constrained(self, text: str, ref: TypeRef) -> str:
        args = [
            f"{META[k]}={pyrepr(end_of_input(v) if k == 'pattern' else v)}"
            for k, v in ref.constraints
            if k in META
            and (k != "pattern" or python_pattern(str(v)))
            and not (isinstance(v, int) and abs(v) >= 2**63)  # msgspec: int64 bounds
        ]
        if not args:
            return text
        meta = self.use("msgspec", "Meta")
        return f"{self.use('typing', 'Annotated')}[{text}, {meta}({', '.join(args)})]"

    def one_of(self, text: str, route: str = "") -> str:
        return f"{self.base('OneOf')}[{text}, {route or self.base('UNTAGGED')}]"

    def __call__(self, ref: TypeRef, member: bool = False) -> str:
        """`ref` as an annotation; `member`: of a union (a tagged class is
        written bare: a union of tagged classes requires the tag)."""
        kind = ref.kind
        if kind in ("str", "int", "float", "bool"):
            return self.constrained(kind, ref)
        if kind in FORMATS:
            return self.base(FORMATS[kind])
        if kind == "null":
            return "None"
        if kind == "literal":
            text = f"{self.use('typing', 'Literal')}[{', '.join(pyrepr(v) for v in ref.values)}]"
            return self.one_of(text) if self.sorts(ref) is None else text
        if kind == "model":
            target = self.models.get(ref.model)
            if target is not None and target.root and ref.model in self.inline:
                return self(target.root, member)
            self.classes.add(ref.model)
            if target is not None and target.kind == "enum" and not self.sorts(ref):
                return self.one_of(ref.model)  # float values: msgspec takes str or int
            if target is not None and not member and self.tag_of(target):
                return f"{self.base('Tagged')}[{ref.model}]"
            return ref.model
        if kind == "list":
            return self.constrained(f"list[{self(ref.args[0])}]", ref)
        if kind == "dict":
            key = self(ref.args[1]) if len(ref.args) > 1 else "str"
            return self.constrained(f"dict[{key}, {self(ref.args[0])}]", ref)
        if kind == "tuple":
            return f"tuple[{', '.join(self(a) for a in ref.args)}]"
        if kind == "union":
            return self.union(ref)
        return self.use("typing", "Any")

    def sorts(self, ref: TypeRef) -> tuple[str, ...] | None:
        """The JSON types `ref` decodes from, when msgspec decodes it alone
        inside a union (None: it needs the Python fallback). "str*": a
        string of a narrower type; "lit:str": string literals (they go
        with `str`, not with another string type)."""
        if ref.kind == "literal":
            if any(isinstance(v, float) for v in ref.values):
                return None
            names = {SORTS.get(type(v).__name__, "null") for v in ref.values}
            return tuple(sorted(f"lit:{n}" for n in names))
        if ref.kind == "model":
            target = self.models.get(ref.model)
            if target is not None and target.root and ref.model in self.inline:
                return self.sorts(target.root)
            if target is None or target.kind == "root":
                return None
            if target.kind == "enum":
                return (
                    None if target.enum_type == "float" else (f"{target.enum_type}*",)
                )
            tag = self.tag_of(target)
            return (f"tag:{tag[0]}:{tag[1]}",) if tag else ("object",)
        if ref.kind in FORMATS:
            return ("str*",)
        if ref.kind == "union" and not ref.tag:
            members = [a for a in ref.args if a.kind != "null"]
            if self.native(members):
                found = [s for a in members for s in self.sorts(a) or ()]
                return tuple(found) + (
                    ("null",) if len(members) < len(ref.args) else ()
                )
        return (SORTS[ref.kind],) if ref.kind in SORTS else None

    def union(self, ref: TypeRef) -> str:
        members = [a for a in ref.args if a.kind != "null"]
        if not members:
            return "None"
        if any(a.kind == "any" for a in members):
            inner = self.use("typing", "Any")
        elif len(members) == 1:
            inner = self(members[0])
        elif ref.tag:
            inner = self.tagged(ref, members)
        else:
            # each member once (as written), literals in one
            written: dict[str, TypeRef] = {}
            for member in one_literal(self.flat(members)):
                written.setdefault(self(member, member=True), member)
            inner = " | ".join(written)
            if not self.native(list(written.values())):
                self.fallbacks.append(inner)
                inner = self.one_of(inner)
        if len(members) < len(ref.args) and not inner.endswith(" | None"):
            return f"{inner} | None"  # (a member union may have written it)
        return inner

    def flat(self, members: list[TypeRef]) -> list[TypeRef]:
        """`members`, each union among them that is written as its members
        (no tag, no null, told apart by msgspec) replaced by those."""
        found: list[TypeRef] = []
        for member in members:
            target = self.models.get(member.model) if member.kind == "model" else None
            if target is not None and target.root and member.model in self.inline:
                member = target.root  # written in place, as `__call__` does
            inner = member.args
            if (
                member.kind == "union"
                and not member.tag
                and all(a.kind not in ("null", "any") for a in inner)
                and len(inner) > 1
                and self.native(inner)
            ):
                found.extend(self.flat(list(inner)))
            else:
                found.append(member)
        return found

    def native(self, members: list[TypeRef] | tuple[TypeRef, ...]) -> bool:
        """Whether msgspec tells the members apart: one per JSON type (int
        and float are two), literals only beside their plain type."""
        plain: list[str] = []
        literals: set[str] = set()
        for member in members:
            sorts = self.sorts(member)
            if sorts is None:
                return False
            plain.extend(s for s in sorts if not s.startswith("lit:"))
            literals.update(s[4:] for s in sorts if s.startswith("lit:"))
        bare = [s.rstrip("*") for s in plain]
        # tagged classes, one tag property for all, and no other object
        tagged = {s.split(":")[1] for s in bare if s.startswith("tag:")}
        return (
            len(bare) == len(set(bare))
            and not any(f"{lit}*" in plain for lit in literals)
            and (not tagged or (len(tagged) == 1 and "object" not in bare))
        )

    def tag_of(self, model: Model) -> tuple[str, str] | None:
        """The (property, value) msgspec tags `model`'s class with, its own or a parent's."""
        for part in lineage(model, self.models):
            if part.name in self.tags:
                return self.tags[part.name]
        return None

    def model_class(self, name: str) -> str:
        """A model by its class name (a float enum through `OneOf`)."""
        self.classes.add(name)
        target = self.models.get(name)
        if target is not None and target.kind == "enum" and target.enum_type == "float":
            return self.one_of(name)
        return name

    def tagged(self, ref: TypeRef, members: list[TypeRef]) -> str:
        """`A | B` (msgspec's tags), else
        `OneOf[A | B, Route(tag, {value: "A", ...}, absent=..., ...)]`."""
        if tags.native(ref, self.tags):
            return " | ".join(self(a, member=True) for a in members)
        # The route names members by class: root models stay classes here.
        inner = " | ".join(
            self.model_class(a.model) if a.kind == "model" else self(a) for a in members
        )
        self.fallbacks.append(f"Route\0{inner}")
        routes = tags.routes_of(ref)
        values = ", ".join(
            f"{pyrepr(k)}: {pyrepr('|'.join(r))}" for k, r in routes.values if r
        )
        extra = "".join(
            f", {name}={pyrepr('|'.join(route))}"
            for name, route in (
                ("absent", routes.absent),
                ("other", routes.other),
                ("null", routes.null),
                ("other_json", routes.other_json),
            )
            if route
        )
        route = f"{self.base('Route')}({pyrepr(ref.tag)}, {{{values}}}{extra})"
        return self.one_of(inner, route)
