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

import hashlib
import json
import marshal
import os
import pickle
from dataclasses import dataclass, field, replace
from typing import Any

from . import cache
from .build import Record
from .build.dialect import detect_dialect
from .build.discriminators import complete_discriminators
from .build.partial import Previous, dependents, rebuild, same_references
from .diagnostics import Diagnostic, Level, join_pointer
from .ir import Document, Model
from .load import SpecFiles
from .pointer import split_pointer
from .render import RenderedFile
from .toolchain import non_ascii
from .write import MANIFEST, read_manifest, sha256

FORMAT = "modelgen-again-1"


@dataclass
class Snapshot:
    """What the next run needs of this one (pickled into the cache)."""

    key: str  # output folder, options, generator: see `snapshot_key`
    parts: Parts  # of the spec it was made from
    previous: Previous  # how each component was built (`models`: finished ones)
    uncompleted: dict[str, Any]  # union model → its root before completion
    document: Document
    users: dict[str, list[str]]  # model → the models referencing it
    warnings: list[Diagnostic]  # the target's
    manifest: str = ""  # sha256 of the manifest written with this output
    # output file → (size, mtime in ns) just after it was written: a file whose
    # stat still says so is taken as unchanged, as git takes its work tree
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)
    # each model's pickle as loaded, reused on saving while the model is the same
    # object: a partial run re-pickles only the models it made
    blobs: dict[str, tuple[Model, bytes]] = field(default_factory=dict, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        models = []
        for model in self.document.models:
            kept = self.blobs.get(model.name)
            blob = kept[1] if kept and kept[0] is model else None
            models.append(blob or pickle.dumps(model, pickle.HIGHEST_PROTOCOL))
        state["document"] = replace(self.document, models=())
        state["previous"] = replace(self.previous, models={})
        state["blobs"] = models
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        models = tuple(pickle.loads(blob) for blob in state["blobs"])
        state["blobs"] = {m.name: (m, b) for m, b in zip(models, state["blobs"])}
        state["document"] = replace(state["document"], models=models)
        state["previous"] = replace(
            state["previous"], models={m.name: m for m in models}
        )
        self.__dict__.update(state)


def snapshot_key(output: str, meta: dict[str, Any]) -> str:
    text = json.dumps([os.path.realpath(output), meta], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _path(key: str) -> Any:
    return cache.cache_dir() / "again" / key[:32]


@dataclass
class Parts:
    """The spec cut into its components and the rest (all but the components)."""

    base: str  # pointer of the mapping of components
    rest: bytes  # digest of the rest
    digests: dict[str, bytes]  # component → digest of its schema
    characters: dict[str, frozenset[int]]  # non-ASCII ones by part ("": the rest)

    def all_characters(self) -> set[int]:
        return set().union(*self.characters.values())


def split_spec(files: SpecFiles, known: Snapshot | None = None) -> Parts | None:
    """The parts of a one-file spec (None: it cannot be cut); the characters of a
    part whose digest `known` has are taken from it.

    marshal's version 2 writes no back-references, so equal data gives equal
    bytes however its objects are shared (later versions depend on reference
    counts, which building changes)."""
    root = files.root_document
    dialect = detect_dialect(root)
    if len(files.documents) != 1 or isinstance(dialect, str) or not dialect.roots:
        return None
    tokens = list(dialect.roots[0])
    try:
        parents = [root]
        for token in tokens:
            parents.append(parents[-1][token])
        mapping = parents[-1]
        digests = {
            k: hashlib.sha256(marshal.dumps(v, 2)).digest() for k, v in mapping.items()
        }
        shell: Any = list(mapping)
        for parent, token in zip(reversed(parents[:-1]), reversed(tokens)):
            shell = {**parent, token: shell}
        rest = hashlib.sha256(marshal.dumps(shell, 2)).digest()
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    old = known.parts if known is not None else None
    characters = {}
    for part, digest, value in [("", rest, shell)] + [
        (k, digests[k], v) for k, v in mapping.items()
    ]:
        if (
            old is not None
            and (old.rest if not part else old.digests.get(part)) == digest
        ):
            found = old.characters.get(part, frozenset())
        else:
            found = frozenset(non_ascii(value))
        if found:
            characters[part] = found
    return Parts(join_pointer("", *tokens), rest, digests, characters)


def make_snapshot(
    key: str,
    files: SpecFiles,
    record: Record,
    document: Document,
    warnings: list[Diagnostic],
    parts: Parts | None,
) -> Snapshot | None:
    """What to keep of a full run (None: this spec cannot be regenerated in part)."""
    if not record.single or parts is None or parts.base != record.base:
        return None
    finished: dict[str, Model] = {m.name: m for m in document.models}
    uncompleted: dict[str, Any] = {
        m.name: m.root for m in record.tagged if m.root != finished[m.name].root
    }
    previous = Previous(
        record.trails, record.order, record.names, finished, record.base
    )
    return Snapshot(
        key,
        parts,
        previous,
        uncompleted,
        document,
        users_of(document.models),
        warnings,
    )


def users_of(models: Any) -> dict[str, list[str]]:
    users: dict[str, list[str]] = {}
    for model in models:
        for name in model.references():
            users.setdefault(name, []).append(model.name)
    return users


def save(snapshot: Snapshot, output: str) -> None:
    try:
        manifest = os.path.join(output, *MANIFEST.split("/"))
        with open(manifest, "rb") as handle:
            blob = handle.read()
        snapshot.manifest = sha256(blob)
        snapshot.stats = {}
        for rel in json.loads(blob).get("outputs", {}):
            found = os.stat(os.path.join(output, *rel.split("/")))
            snapshot.stats[rel] = (found.st_size, found.st_mtime_ns)
        payload = pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, ValueError, AttributeError, pickle.PicklingError, RecursionError):
        return  # only an optimisation
    cache.store(_path(snapshot.key), FORMAT + snapshot.key, payload)


def load(key: str, output: str, notes: list[str]) -> Snapshot | None:
    payload = cache.load(_path(key), FORMAT + key, notes)
    if payload is None:
        return None
    try:
        snapshot = pickle.loads(payload)
        with open(os.path.join(output, *MANIFEST.split("/")), "rb") as handle:
            manifest = sha256(handle.read())
    except Exception:  # a damaged or foreign entry: the full path decides
        return None
    if not isinstance(snapshot, Snapshot) or snapshot.manifest != manifest:
        return None
    return snapshot


@dataclass
class Again:
    """The outcome of a partial run: the same as a full run's."""

    document: Document
    files: list[RenderedFile]  # the files rendered
    kept: dict[str, str]  # the others, as they are: path → sha256
    diagnostics: list[Diagnostic]  # the build's
    warnings: list[Diagnostic]  # the target's
    snapshot: Snapshot  # for the run after this one
    rendered: int  # files rendered (the rest were read back)


def regenerate(
    snapshot: Snapshot,
    files: SpecFiles,
    names: Any,
    target: Any,
    render: Any,  # (document, only) → rendered and formatted files
    output: str,
    parts: Parts,
    code: bool = True,
) -> Again | None:
    """The output for the edited spec in `files` (cut into `parts`), or None (run
    the full pipeline)."""
    previous, old = snapshot.previous, snapshot.parts
    if (
        parts.base != previous.base
        or parts.rest != old.rest
        or list(parts.digests) != list(old.digests)
    ):
        return None
    changed = {c for c, d in parts.digests.items() if old.digests[c] != d}
    base = split_pointer(previous.base)
    again = dependents(previous, changed, lambda p: _component(p, base))
    finished = previous.models
    tagged = {
        n: replace(m, module="", root=snapshot.uncompleted.get(n, m.root))
        for n, m in finished.items()
    }
    prior = Previous(
        previous.trails, previous.order, previous.names, tagged, previous.base
    )
    built = rebuild(files, names, prior, again)
    if built is None:
        return None
    new, trails = built
    new = {n: replace(m, tags=finished[n].tags) for n, m in new.items()}
    if not same_references(new.values(), finished):
        return None
    moved = {n for n, m in new.items() if m != tagged[n]}
    reach = _closure(moved, snapshot.users) | set(new)  # unions to complete again
    lookup = {**tagged, **new}
    dialect = detect_dialect(files.root_document)
    if isinstance(dialect, str):
        return None
    unions = [
        lookup[m.name]
        for m in snapshot.document.models
        if m.name in reach and _is_union(lookup[m.name])
    ]
    redone = {
        m.name: m
        for m in complete_discriminators(
            unions, annotation_only=not dialect.mapping_decides, lookup=lookup
        )
    }
    update = {n: lookup[n] for n in new} | redone
    result = {n: replace(m, module=finished[n].module) for n, m in update.items()}
    differ = {n for n, m in result.items() if m != finished[n]}
    show = _closure(differ, snapshot.users)
    users = snapshot.users
    members = show if getattr(target, "siblings", False) else differ
    show |= {r for n in members for r in finished[n].references()}
    document = replace(
        snapshot.document,
        models=tuple(result.get(m.name, m) for m in snapshot.document.models),
        inputs=tuple(sorted(files_inputs(files))),
    )
    rendered = render(document, frozenset(show)) if differ or changed else []
    kept = _kept(output, {f.path for f in rendered}, snapshot.stats)
    if kept is None:
        return None
    trails_all = {**previous.trails, **trails}
    diagnostics = sorted(
        (d for c in ["", *previous.order] for d in trails_all[c].diagnostics),
        key=Diagnostic.sort_key,
    )
    if any(d.level == Level.ERROR for d in diagnostics):
        return None  # the full path reports them, with lines
    warnings = target.warnings(document) if code and target.warnings else []
    new_previous = Previous(
        trails_all,
        previous.order,
        previous.names,
        {m.name: m for m in document.models},
        previous.base,
    )
    uncompleted = {n: r for n, r in snapshot.uncompleted.items() if n not in update} | {
        n: m.root for n, m in update.items() if m.root != result[n].root
    }
    fresh = Snapshot(
        snapshot.key,
        parts,
        new_previous,
        uncompleted,
        document,
        users,
        warnings,
    )
    fresh.blobs = snapshot.blobs
    return Again(document, rendered, kept, diagnostics, warnings, fresh, len(rendered))


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
