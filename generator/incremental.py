"""Regenerate after an edit of a few schemas: build and render only what it reaches.

After each full run of `generate`, what the build did (`build.Record`: per
component the class names it took, the inline models it made or reused, the
places it read, its diagnostics) and the models it made are kept in the cache
folder, next to the sha256 of the manifest written with them. The next run
into the same output, with the same options and generator, compares the spec
with the kept digests, one per component plus one for everything else, and
when only components changed:

1. builds again the changed components and every component whose build read
   one of them (`build.partial`), and stops if the names or shared inline
   models a full build would choose could differ;
2. completes again the unions that reach a changed model, and takes every
   other model from the previous run;
3. renders and formats the models whose IR changed, the models that reach
   them (their docs' examples and types show them), the models they
   reference (their docs list who uses them; for targets whose classes
   depend on the unions they are in, the members of every union reached),
   and the docs index; every other file is read back from the output,
   checked against the manifest.

Anything else (an edit outside the components, a component added, removed
or renamed, several files, a changed name, a file changed on disk, no or a
damaged snapshot) returns None, and the caller runs the full pipeline. The
result is the same files, byte for byte, a full run would make.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from .build.dialect import detect_dialect
from .build.discriminators import complete_discriminators
from .build.partial import Previous, dependents, rebuild, same_references
from .build.subclasses import complete_subclasses, schema_name
from .diagnostics import Diagnostic, Level
from .ir import Document, Model
from .keep import Kept, Parts, Snapshot
from .load import SpecFiles
from .pointer import split_pointer
from .rendered import RenderedFile
from .write import read_manifest, sha256


@dataclass
class Again:
    """The outcome of a partial run: the same as a full run's."""

    document: Document  # the models rendered and all they need
    files: list[RenderedFile]  # the files rendered
    kept: dict[str, str]  # the others, as they are: path → sha256
    diagnostics: list[Diagnostic]  # the build's
    warnings: list[Diagnostic]  # the target's
    snapshot: Snapshot  # for the run after this one
    rendered: int  # files rendered (the rest were read back)


class _Tagged(Mapping[str, Model]):
    """The previous models as the build left them: no module, unions not completed
    (their `subclasses` as completed: see `_subclasses`)."""

    def __init__(
        self, snapshot: Snapshot, over: dict[str, Model] | None = None
    ) -> None:
        self.snapshot = snapshot
        self.cache: dict[str, Model] = dict(over or {})  # models built again

    def __getitem__(self, name: str) -> Model:
        found = self.cache.get(name)
        if found is None:
            model = self.snapshot.models[name]
            root = self.snapshot.uncompleted.get(name, model.root)
            found = self.cache[name] = replace(model, module="", root=root)
        return found

    def __iter__(self) -> Any:
        return iter(self.snapshot.models)

    def __len__(self) -> int:
        return len(self.snapshot.models)

    def __contains__(self, name: object) -> bool:
        return name in self.snapshot.models


def regenerate(
    snapshot: Snapshot,
    files: SpecFiles,
    names: Any,
    target: Any,
    render: Any,  # (document, only, rows) → rendered and formatted files
    row: Any,  # model → its docs index row
    output: str,
    parts: Parts,
    code: bool = True,
) -> Again | None:
    """The output for the edited spec in `files` (cut into `parts`), or None (run
    the full pipeline)."""
    old = snapshot.parts
    if (
        parts.base != old.base
        or parts.rest != old.rest
        or list(parts.digests) != list(old.digests)
    ):
        return None
    changed = {c for c, d in parts.digests.items() if old.digests[c] != d}
    tagged = _Tagged(snapshot)
    previous = Previous(
        snapshot.trails,
        snapshot.order,
        snapshot.names,
        tagged,
        old.base,
        snapshot.components,
    )
    base = split_pointer(old.base)
    again = dependents(previous, changed, lambda p: _component(p, base))
    built = rebuild(files, names, previous, again)
    if built is None:
        return None
    new, trails = built
    finished = snapshot.models
    new = {n: replace(m, tags=finished[n].tags) for n, m in new.items()}
    if not same_references(new.values(), finished):
        return None
    moved = {n for n, m in new.items() if m != tagged[n]}
    reach = _closure(moved, snapshot.users) | set(new)  # unions to complete again
    lookup = _Tagged(snapshot, new)
    dialect = detect_dialect(files.root_document)
    if isinstance(dialect, str):
        return None
    completed = _subclasses(snapshot, lookup, reach, dialect.roots)
    lookup = _Tagged(snapshot, new | completed)
    unions = [
        lookup[n] for n in snapshot.components if n in reach and _is_union(lookup[n])
    ]
    redone = {
        m.name: m
        for m in complete_discriminators(unions, not dialect.mapping_decides, lookup)
    }
    update = {n: lookup[n] for n in new} | completed | redone
    result = {n: replace(m, module=finished[n].module) for n, m in update.items()}
    differ = {n for n, m in result.items() if m != finished[n]}
    trails_all = {**snapshot.trails, **trails}
    diagnostics = sorted(
        (d for c in ["", *snapshot.order] for d in trails_all[c].diagnostics),
        key=Diagnostic.sort_key,
    )
    if any(d.level == Level.ERROR for d in diagnostics):
        return None  # the full path reports them, with lines
    models = finished.updated(result)
    fresh = replace(
        snapshot,
        parts=parts,
        trails=trails_all,
        models=models,
        uncompleted={n: r for n, r in snapshot.uncompleted.items() if n not in update}
        | {n: m.root for n, m in update.items() if m.root != result[n].root},
        rows={**snapshot.rows, **{n: row(result[n]) for n in differ}},
        manifest="",
        stats={},
    )
    show = _closure(differ, snapshot.users)
    whole = bool(getattr(target, "siblings", False))
    show |= {r for n in (show if whole else differ) for r in models[n].references()}
    inputs = sorted(files_inputs(files))
    document = fresh.document(
        None if whole else _needed(show, models, fresh.users), inputs
    )
    rendered = (
        render(document, frozenset(show), fresh.rows) if differ or changed else []
    )
    kept = _kept(output, {f.path for f in rendered}, snapshot.stats)
    if kept is None:
        return None
    warnings = target.warnings(fresh.document()) if code and target.warnings else []
    fresh.warnings = warnings
    return Again(document, rendered, kept, diagnostics, warnings, fresh, len(rendered))


def _subclasses(
    snapshot: Snapshot, lookup: _Tagged, reach: set[str], roots: Any
) -> dict[str, Model]:
    """The object models in `reach` with their `subclasses` completed again. A
    model's subclasses reference it: they are among its users, and `reach`
    holds every user of a model it holds (the rest keep theirs)."""

    def children(name: str) -> list[str]:
        return [u for u in snapshot.users.get(name, ()) if lookup[u].base == name]

    objects = [
        lookup[n]
        for n in snapshot.components
        if n in reach and lookup[n].kind == "object"
    ]
    done = complete_subclasses(objects, lookup, children, schema_name(roots))
    return {m.name: m for m in done}


def _needed(show: set[str], models: Kept, users: dict[str, list[str]]) -> set[str]:
    """The models rendering `show` reads: those, all they reach, and their users."""
    found, todo = set(show), list(show)
    while todo:
        for name in models[todo.pop()].references():
            if name not in found:
                found.add(name)
                todo.append(name)
    return found | {u for n in show for u in users.get(n, ())}


def _component(pointer: str, base: list[str]) -> str | None:
    tokens = split_pointer(pointer)
    if tokens[: len(base)] == base and len(tokens) > len(base):
        return tokens[len(base)]
    return None


def _closure(names: set[str], users: dict[str, list[str]]) -> set[str]:
    """`names` and every model that references one of them, transitively."""
    found, todo = set(names), list(names)
    while todo:
        for user in users.get(todo.pop(), ()):
            if user not in found:
                found.add(user)
                todo.append(user)
    return found


def _is_union(model: Model) -> bool:
    return model.root is not None and model.root.kind == "union"


def files_inputs(files: SpecFiles) -> list[tuple[str, str]]:
    return [(os.path.relpath(p, files.base_dir), d) for p, d in files.digests.items()]


def _kept(
    output: str, rendered: set[str], stats: dict[str, tuple[int, int]]
) -> dict[str, str] | None:
    """Every other file of the output, path → sha256 as in the manifest; None when
    one is not as the manifest says (the full path writes it again)."""
    manifest = read_manifest(output) or {}
    outputs = manifest.get("outputs")
    if not isinstance(outputs, dict) or not rendered <= set(outputs):
        return None
    kept = {}
    for rel, digest in outputs.items():
        if rel in rendered:
            continue
        path = os.path.join(output, *rel.split("/"))
        try:
            found = os.stat(path)
            if stats.get(rel) != (found.st_size, found.st_mtime_ns):
                with open(path, "rb") as handle:
                    if sha256(handle.read()) != digest:
                        return None
        except OSError:
            return None
        kept[rel] = digest
    return kept
