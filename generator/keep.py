"""What a run of `generate` keeps for the next one into the same output (see
`incremental`): the spec cut into parts, how each component was built, and
the models, each pickled on its own and unpickled only when used.

An entry lives in the cache folder (`again/`), keyed by the output folder,
the options and the generator, and names the sha256 of the manifest written
with it: it describes that output and no other. It is an optimisation only:
anything wrong with it (damaged, foreign, stale) sends the caller down the
full path.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import pickle
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import cache
from .build import Record
from .build.context import Trail
from .build.dialect import detect_dialect
from .diagnostics import Diagnostic, join_pointer
from .ir import Document, Model
from .load import SpecFiles
from .toolchain import non_ascii
from .write import MANIFEST, sha256

FORMAT = "modelgen-again-2"


class Kept(Mapping[str, Model]):
    """Models by name in document order, each unpickled on first use; saving
    pickles again only the models given anew (`updated`)."""

    def __init__(self, blobs: dict[str, bytes], made: dict[str, Model]) -> None:
        self._blobs, self._made = blobs, made

    @classmethod
    def of(cls, models: Any) -> "Kept":
        return cls({}, {m.name: m for m in models})

    def __getitem__(self, name: str) -> Model:
        model = self._made.get(name)
        if model is None:
            model = self._made[name] = pickle.loads(self._blobs[name])
        return model

    def __iter__(self) -> Iterator[str]:
        return iter(self._blobs or self._made)

    def __len__(self) -> int:
        return len(self._blobs or self._made)

    def __contains__(self, name: object) -> bool:
        return name in (self._blobs or self._made)

    def updated(self, models: dict[str, Model]) -> "Kept":
        if not self._blobs:
            return Kept({}, {**self._made, **models})
        blobs = {n: b for n, b in self._blobs.items()}
        for name in models:
            blobs[name] = b""  # made anew: pickled when saved
        made = {n: m for n, m in self._made.items() if n not in models}
        return Kept(blobs, {**made, **models})

    def __getstate__(self) -> dict[str, Any]:
        blobs = {
            n: self._blobs.get(n) or pickle.dumps(self[n], pickle.HIGHEST_PROTOCOL)
            for n in self
        }
        return {"blobs": blobs}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._blobs, self._made = state["blobs"], {}


@dataclass
class Parts:
    """The spec cut into its components and the rest (all but the components)."""

    base: str  # pointer of the mapping of components
    rest: bytes  # digest of the rest
    digests: dict[str, bytes]  # component → digest of its schema
    characters: dict[str, frozenset[int]]  # non-ASCII ones by part ("": the rest)

    def all_characters(self) -> set[int]:
        return set().union(*self.characters.values())


@dataclass
class Snapshot:
    """What the next run needs of this one."""

    key: str  # output folder, options, generator: see `snapshot_key`
    parts: Parts  # of the spec it was made from
    trails: dict[str, Trail]  # how each component was built ("": before any)
    order: list[str]  # components in build order
    names: dict[str, str]  # component → class name
    models: Kept  # finished models (modules assigned, unions completed)
    components: dict[str, str]  # model → its component, in document order
    uncompleted: dict[str, Any]  # union model → its root before completion
    users: dict[str, list[str]]  # model → the models referencing it
    rows: dict[str, tuple[str, tuple[str, ...], str]]  # the docs index, by model
    info: tuple[str, str, str]  # the document's title, version and description
    warnings: list[Diagnostic]  # the target's
    manifest: str = ""  # sha256 of the manifest written with this output
    # output file → (size, mtime in ns) just after it was written: a file whose
    # stat still says so is taken as unchanged, as git takes its work tree
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)

    def document(self, names: Any = None, inputs: Any = ()) -> Document:
        """The document of the models `names` (all when None), in document order."""
        chosen = self.components if names is None else names
        models = tuple(self.models[n] for n in self.components if n in chosen)
        return Document(*self.info, models=models, inputs=tuple(inputs))


def snapshot_key(output: str, meta: dict[str, Any]) -> str:
    text = json.dumps([os.path.realpath(output), meta], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _path(key: str) -> Any:
    return cache.cache_dir() / "again" / key[:32]


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
        old = known.parts if known is not None else None
        edit = _one_edit(files, old, tokens, mapping)
        digests = {
            k: (
                old.digests[k]
                if old is not None and edit is not None and k != edit
                else hashlib.sha256(marshal.dumps(v, 2)).digest()
            )
            for k, v in mapping.items()
        }
        shell: Any = list(mapping)
        for parent, token in zip(reversed(parents[:-1]), reversed(tokens)):
            shell = {**parent, token: shell}
        rest = (
            old.rest
            if old is not None and edit is not None and edit != ""
            else hashlib.sha256(marshal.dumps(shell, 2)).digest()
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
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


def _one_edit(
    files: SpecFiles, old: Parts | None, tokens: list[str], mapping: dict[str, Any]
) -> str | None:
    """What changed since the parts `old` were cut, when the parse cache re-parsed
    one entry of the text they were cut from: the component holding it, "" for
    the rest (its digest alone is computed again); None: compute every digest."""
    edits = files.cache.edits if files.cache is not None else {}
    if old is None or len(edits) != 1 or list(old.digests) != list(mapping):
        return None
    _, entry = next(iter(edits.values()))
    size = len(tokens)
    if list(entry[:size]) == tokens and len(entry) > size:
        return entry[size]  # inside one component
    if list(entry[: min(len(entry), size)]) == tokens[: len(entry)]:
        return None  # the mapping of components, or what holds it
    return ""


def make_snapshot(
    key: str,
    record: Record,
    document: Document,
    warnings: list[Diagnostic],
    parts: Parts | None,
    row: Any,  # model → its docs index row (`render.markdown.index_row`)
) -> Snapshot | None:
    """What to keep of a full run (None: this spec cannot be regenerated in part)."""
    if not record.single or parts is None or parts.base != record.base:
        return None
    finished: dict[str, Model] = {m.name: m for m in document.models}
    uncompleted: dict[str, Any] = {
        m.name: m.root for m in record.tagged if m.root != finished[m.name].root
    }
    return Snapshot(
        key,
        parts,
        record.trails,
        record.order,
        record.names,
        Kept.of(document.models),
        {m.name: m.component for m in document.models},
        uncompleted,
        users_of(document.models),
        {m.name: row(m) for m in document.models},
        (document.title, document.version, document.description),
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
