"""Part of `changes`: compare two versions and grade every change for its directions.

Each component schema present in both versions is compared once and graded
for every direction it travels in (in either version). Schemas written
inline in request and response bodies are matched by operation, status and
media type, and compared as well. The same change reached from several
places is reported once, with all the operations that reach it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

from .compare import Walk
from .names import Names
from .rules import NOWHERE, RANK, REQUEST, RESPONSE, Delta, level_of, rule_id
from .schema import Side
from .usage import Site, Usage, operation_pointers, sites, usage


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    level: str
    direction: str
    kind: str
    message: str
    schema: str  # the component, or the operation body, it was found in
    old_pointer: str
    new_pointer: str
    python: tuple[str, ...] = ()
    operations: tuple[str, ...] = ()

    def sort_key(self) -> tuple[int, str, str, str, str]:
        where = self.new_pointer or self.old_pointer
        return (-RANK[self.level], self.schema.lower(), where, self.id, self.message)


def same_spec(old: Side, new: Side) -> bool:
    """Nothing can differ: the same files, or equal documents that refer to no other file."""
    if old is new:
        return True
    return bool(old.root == new.root) and not refers_to_files(old.root)


def refers_to_files(document: object) -> bool:
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                return True
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class Report:
    """Collects graded findings, merging the same change met from several places."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str, str], Finding] = {}

    def add(
        self,
        deltas: Iterable[Delta],
        schema: str,
        reach: dict[str, set[str]],
        top: str,
    ) -> None:
        directions = [d for d in (REQUEST, RESPONSE) if reach.get(d)] or [NOWHERE]
        for delta in deltas:
            for direction in directions:
                finding = Finding(
                    rule_id(delta, direction, top),
                    level_of(delta, direction),
                    direction,
                    delta.kind,
                    delta.message,
                    schema,
                    delta.old,
                    delta.new,
                    operations=tuple(sorted(reach.get(direction, ()))),
                )
                key = (finding.id, finding.old_pointer, finding.new_pointer)
                known = self.found.get(key)
                if known is not None:
                    merged = set(known.operations) | set(finding.operations)
                    finding = replace(known, operations=tuple(sorted(merged)))
                self.found[key] = finding


def diff(old: Side, new: Side, operation_models: bool = False) -> list[Finding]:
    """Every change from `old` to `new`, graded, in a stable order."""
    if same_spec(old, new):
        return []
    walk, report = Walk(old, new), Report()
    old_use: dict[str, Usage] | None = None
    new_use: dict[str, Usage] | None = None
    names = list(old.components) + [
        c for c in new.components if c not in old.components
    ]
    for name in names:
        if name in old.components and name in new.components:
            deltas = walk.run(old.component(name), new.component(name))
        else:
            deltas = [_existence(old, new, name)]
        if not deltas:
            continue
        if old_use is None or new_use is None:
            old_use, new_use = usage(old), usage(new)
        reach, body = _reach(old_use.get(name), new_use.get(name))
        report.add(deltas, name, reach, "body" if body else "")
    old_ops, new_ops = operation_pointers(old), operation_pointers(new)
    for key in list(old_ops) + [k for k in new_ops if k not in old_ops]:
        if key not in new_ops or key not in old_ops:
            delta, label = _operation(key, old_ops, new_ops)
            report.add([delta], label, {REQUEST: {label}}, "")
    old_sites, new_sites = sites(old), sites(new)
    for key in list(old_sites) + [k for k in new_sites if k not in old_sites]:
        before, after = old_sites.get(key), new_sites.get(key)
        site = after or before
        assert site is not None
        if site.op_key in old_ops and site.op_key in new_ops:
            deltas = _site_deltas(walk, old, new, before, after)
            shown = key.replace(site.op_key, site.operation, 1)
            report.add(deltas, shown, {site.direction: {site.operation}}, site.what)
    named = (Names(new, operation_models), Names(old, operation_models))
    found = [_named(f, *named) for f in report.found.values()]
    return sorted(found, key=Finding.sort_key)


def _operation(
    key: str, old: dict[str, tuple[str, str]], new: dict[str, tuple[str, str]]
) -> tuple[Delta, str]:
    if key in new:
        label, where = new[key]
        return (
            Delta("operation-added", "none", "", where, f"{label} added", True),
            label,
        )
    label, where = old[key]
    return (
        Delta("operation-removed", "incomparable", where, "", f"{label} removed", True),
        label,
    )


def _existence(old: Side, new: Side, name: str) -> Delta:
    if name in old.components:
        return Delta(
            "schema-removed",
            "none",
            old.where(old.component(name)),
            new.base,
            f"schema {name!r} removed",
            True,
        )
    return Delta(
        "schema-added",
        "none",
        old.base,
        new.where(new.component(name)),
        f"schema {name!r} added",
        True,
    )


def _reach(
    before: Usage | None, after: Usage | None
) -> tuple[dict[str, set[str]], bool]:
    reach: dict[str, set[str]] = {}
    for use in (before, after):
        for direction, labels in (use.operations if use else {}).items():
            reach.setdefault(direction, set()).update(labels)
    return reach, bool((before and before.as_body) or (after and after.as_body))


def _site_deltas(
    walk: Walk,
    old: Side,
    new: Side,
    before: Site | None,
    after: Site | None,
) -> list[Delta]:
    """A request/response body or parameter: compared, added or removed."""
    if before and after:
        deltas = walk.run(before.node, after.node)
        if before.required != after.required and after.direction == REQUEST:
            now = "required" if after.required else "optional"
            deltas.append(
                Delta(
                    f"became-{now}",
                    "narrows" if after.required else "widens",
                    old.where(before.node),
                    new.where(after.node),
                    f"request {after.what} became {now}",
                    True,
                )
            )
        return deltas
    if after:
        kind, effect = f"{after.what}-added", "none"
        if after.direction == REQUEST:
            kind += "-required" if after.required else "-optional"
            effect = "narrows" if after.required else "none"
        return [
            Delta(kind, effect, "", new.where(after.node), f"{after.key} added", True)
        ]
    assert before is not None
    effect = (
        "none"
        if before.direction == RESPONSE and not before.success
        else ("narrows" if before.direction == REQUEST else "widens")
    )
    return [
        Delta(
            f"{before.what}-removed",
            effect,
            old.where(before.node),
            "",
            f"{before.key} removed",
            True,
        )
    ]


def _named(finding: Finding, new: Names, old: Names) -> Finding:
    """Name the field or model in the version that has it (the old one for a removal)."""
    places = [(new, finding.new_pointer), (old, finding.old_pointer)]
    if len(finding.old_pointer) > len(finding.new_pointer):
        places.reverse()
    for names, where in places:
        name = names.lookup(where)
        if name:
            return replace(finding, python=(name,))
    return finding
