"""Part of `changes`: one spec version, and a schema as the comparison sees it.

A `Side` holds the loaded files of one version and answers where a `$ref`
leads. `settle` turns a schema into its core: it follows references and
drops the wrappers that do not change what is accepted (a single-member
`allOf`, a `oneOf`/`anyOf` whose other members only allow null). The three
spellings of "may be null" (`nullable: true` or `x-nullable`, a `null` in the
`type` list, a null member of `oneOf`/`anyOf`) all become one flag.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import join_pointer
from ..load import SpecFiles, Target, resolve_ref

# Keywords that describe a schema without changing which values it accepts.
ANNOTATIONS = frozenset(
    """description title example examples nullable x-nullable deprecated readOnly
    writeOnly default externalDocs $comment xml discriminator""".split()
)
NOTE_KEYS = ("readOnly", "writeOnly", "deprecated", "default")


@dataclass(frozen=True, slots=True)
class Node:
    """A schema in one version: the file holding it, its pointer there, its value."""

    file: str
    pointer: str
    value: Any

    def child(self, *tokens: object) -> "Node":
        value = self.value
        for token in tokens:
            if isinstance(value, dict):
                value = value.get(token)
            elif (
                isinstance(value, list)
                and isinstance(token, int)
                and token < len(value)
            ):
                value = value[token]
            else:
                value = None
        return Node(self.file, join_pointer(self.pointer, *tokens), value)


@dataclass
class Side:
    """One version of the spec: its files and its component schemas."""

    files: SpecFiles
    base: str = ""  # pointer of the component schemas
    components: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        root = self.files.root_document
        swagger2 = str(root.get("swagger", "")).startswith("2")
        tokens = ("definitions",) if swagger2 else ("components", "schemas")
        found: Any = root
        for token in tokens:
            found = found.get(token) if isinstance(found, dict) else None
        self.components = found if isinstance(found, dict) else {}
        self.base = join_pointer("", *tokens)

    @property
    def root(self) -> Any:
        return self.files.root_document

    def component(self, name: str) -> Node:
        return Node(
            self.files.root, join_pointer(self.base, name), self.components[name]
        )

    def component_ref(self, node: Node) -> str | None:
        """The component `node` is a `$ref` to, if it is one of this file's components."""
        ref = node.value.get("$ref") if isinstance(node.value, dict) else None
        prefix = "#" + self.base + "/"
        if node.file != self.files.root or not isinstance(ref, str):
            return None
        if not ref.startswith(prefix) or "/" in ref[len(prefix) :]:
            return None
        name = ref[len(prefix) :].replace("~1", "/").replace("~0", "~")
        return name if name in self.components else None

    def follow(self, node: Node) -> Node | None:
        """Where the `$ref` of `node` leads (None when it leads nowhere)."""
        target = resolve_ref(self.files, node.value.get("$ref"), node.file)
        return (
            Node(target.path, target.pointer, target.value)
            if isinstance(target, Target)
            else None
        )

    def where(self, node: Node) -> str:
        """The pointer as reported: bare in the root file, `file#pointer` elsewhere."""
        if node.file == self.files.root:
            return node.pointer
        return os.path.relpath(node.file, self.files.base_dir) + "#" + node.pointer


def is_null(schema: Any) -> bool:
    """Does this member schema allow null and nothing else?"""
    if not isinstance(schema, dict):
        return False
    kind = schema.get("type")
    return (
        kind == "null"
        or kind == ["null"]
        or schema.get("enum") == [None]
        or ("const" in schema and schema["const"] is None)
    )


def only_annotations(schema: dict[str, Any], *keys: str) -> bool:
    rest = set(schema) - set(keys) - ANNOTATIONS
    return all(k.startswith("x-") for k in rest)


def allows_null(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    enum = schema.get("enum")
    return (
        schema.get("nullable") is True
        or schema.get("x-nullable") is True
        or (isinstance(kind, list) and "null" in kind)
        or (isinstance(enum, list) and None in enum and len(enum) > 1)
        or any(
            isinstance(schema.get(k), list) and any(is_null(m) for m in schema[k])
            for k in ("oneOf", "anyOf")
        )
    )


@dataclass
class Settled:
    """A schema's core and what its wrappers said."""

    node: Node
    nullable: bool = False
    notes: dict[str, Any] = field(default_factory=dict)
    component: str | None = None  # set when stopped at a component `$ref`


def unwrap_once(node: Node) -> Node | None:
    """The single member a wrapper stands for, or None when `node` is no wrapper."""
    value = node.value
    for key in ("oneOf", "anyOf"):
        members = value.get(key)
        if isinstance(members, list) and only_annotations(value, key):
            rest = [i for i, m in enumerate(members) if not is_null(m)]
            if len(rest) == 1 and len(members) > 1:
                return node.child(key, rest[0])
    members = value.get("allOf")
    if (
        isinstance(members, list)
        and len(members) == 1
        and only_annotations(value, "allOf")
    ):
        return node.child("allOf", 0)
    return None


def settle(side: Side, node: Node, stop: bool = True, limit: int = 64) -> Settled:
    """Follow wrappers and `$ref`s down to the schema that decides what is accepted.

    `stop`: halt at a `$ref` to one of the spec's components (compared on its own).
    """
    out = Settled(node)
    for _ in range(limit):
        value = out.node.value
        if not isinstance(value, dict):
            return out
        out.nullable = out.nullable or allows_null(value)
        for key in NOTE_KEYS:
            if key in value and key not in out.notes:
                out.notes[key] = value[key]
        if "$ref" in value:
            name = side.component_ref(out.node)
            if stop and name is not None:
                out.component = name
                return out
            target = side.follow(out.node)
            if target is None:
                return out
            out.node = target
            continue
        inner = unwrap_once(out.node)
        if inner is None:
            return out
        out.node = inner
    return out


def types(schema: dict[str, Any]) -> frozenset[str] | None:
    """The JSON types a schema allows besides null; None when it does not say."""
    kind = schema.get("type")
    if isinstance(kind, str):
        found = {kind}
    elif isinstance(kind, list):
        found = {k for k in kind if isinstance(k, str)}
    elif simple_union(schema):
        found = set(simple_union(schema) or ())
    elif "properties" in schema or "additionalProperties" in schema:
        found = {"object"}
    elif "items" in schema:
        found = {"array"}
    else:
        return None
    return frozenset(found - {"null"})


def covered(kinds: frozenset[str], by: frozenset[str]) -> bool:
    """Is every type in `kinds` accepted by `by` (an integer is a number)?"""
    return all(k in by or (k == "integer" and "number" in by) for k in kinds)


def mapping_of(schema: dict[str, Any], key: str) -> dict[str, Any]:
    value = schema.get(key)
    return value if isinstance(value, dict) else {}


def required_of(schema: dict[str, Any]) -> set[str]:
    value = schema.get("required")
    return (
        {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()
    )


def members_of(schema: dict[str, Any], key: str) -> list[int]:
    value = schema.get(key)
    return (
        [i for i, m in enumerate(value) if not is_null(m)]
        if isinstance(value, list)
        else []
    )


def alternatives(schema: dict[str, Any]) -> list[str]:
    return [k for k in ("oneOf", "anyOf") if members_of(schema, k)]


def own_shape(schema: dict[str, Any]) -> bool:
    return any(
        k in schema for k in ("type", "properties", "items", "enum", "const", "$ref")
    )


def types_of(schema: Any) -> frozenset[str] | None:
    return types(schema) if isinstance(schema, dict) else None


def is_ref(schema: Any) -> bool:
    return isinstance(schema, dict) and "$ref" in schema


def simple_union(schema: dict[str, Any]) -> frozenset[str] | None:
    """The types of a `oneOf`/`anyOf` of bare `{type: X}` members (the same as a type list)."""
    if "type" in schema:
        return None
    for key in ("anyOf", "oneOf"):
        members = schema.get(key)
        if not isinstance(members, list) or not members:
            continue
        found: set[str] = set()
        for member in members:
            kind = member.get("type") if isinstance(member, dict) else None
            if not isinstance(kind, str) or not only_annotations(member, "type"):
                return None
            found.add(kind)
        return frozenset(found - {"null"}) or None
    return None
