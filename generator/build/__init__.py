"""Stage 2: schemas → `Document` (models, fields, types) plus diagnostics.

`build_document` names every component first (so references resolve to
stable names whatever the order), then builds each component in document
order, depth first, which is also the order inline models are named in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

from .. import naming
from ..diagnostics import Diagnostic, error, join_pointer
from ..ir import ClassName, Document, Model
from ..load import SpecFiles
from ..refs import resolve_ref
from .context import Builder, Options, Trail, Where
from .dialect import Dialect, describes_data, detect_dialect
from .discriminators import complete_discriminators
from .models import MAKERS, build_named
from .objects import check_late_defaults
from .operations import build_operation_models
from .subclasses import children_of, complete_subclasses, schema_name
from .tags import operation_tags

__all__ = ["build_document", "select_models", "Options", "Dialect", "Record"]


def component_sets(
    b: Builder, root: dict[str, Any]
) -> list[tuple[str, str, dict[str, Any]]] | Diagnostic:
    """(document, pointer, mapping) of each mapping of named schemas the dialect has.

    A mapping written as a `$ref` to another file (`schemas: {$ref: schemas.json}`) is read there.
    """
    found = []
    for tokens in b.options.dialect.roots:
        file, pointer = b.files.root, join_pointer("", *tokens)
        value: Any = root
        for token in tokens:
            value = value.get(token) if isinstance(value, dict) else None
        if value is None:
            continue
        if (
            isinstance(value, dict)
            and isinstance(value.get("$ref"), str)
            and len(value) == 1
        ):
            target = resolve_ref(b.files, value["$ref"], file)
            if isinstance(target, str):
                return error(b.shown(file), join_pointer(pointer, "$ref"), target)
            file, pointer, value = target.path, target.pointer, target.value
        if not isinstance(value, dict):
            return error(
                b.shown(file), pointer, "must be a mapping of schema names to schemas"
            )
        found.append((file, pointer, value))
    return found


@dataclass
class Record:
    """How a document was built, for building one component again later (`partial`)."""

    trails: dict[str, Trail] = field(default_factory=dict)  # by component
    order: list[str] = field(default_factory=list)  # components, as built
    names: dict[str, str] = field(default_factory=dict)  # component → class name
    base: str = ""  # pointer of the mapping of components
    tagged: list[Model] = field(
        default_factory=list
    )  # before `complete_discriminators`
    single: bool = False  # one file, components only: a component can be rebuilt alone


def build_document(
    files: SpecFiles,
    operations: bool = False,
    names: naming.NameRules = naming.PLAIN,
    record: Record | None = None,
) -> tuple[Document, list[Diagnostic]]:
    """The IR of the spec; `names`: what the target's generated classes reserve.
    `record`, when given, is filled with how it was built."""
    root = files.root_document
    dialect = detect_dialect(root)
    if isinstance(dialect, str):
        return Document("", "", "", ()), [error(files.root_display, "", dialect)]
    options = Options(
        dialect=dialect, operations=operations and dialect.operations, names=names
    )
    b = Builder(files, options, MAKERS)
    sets = component_sets(b, root)
    if isinstance(sets, Diagnostic):
        return Document("", "", "", ()), [sets]
    named = document_model(b, root)
    for file, base, schemas in sets:
        for raw in schemas:
            b.locations[(file, join_pointer(base, str(raw)))] = b.new_class(str(raw))
    for file, base, schemas in sets:
        for raw, schema in schemas.items():
            pointer = join_pointer(base, str(raw))
            where = Where(file, pointer, b.locations[(file, pointer)], str(raw))
            named.append((schema, where))
    if options.operations:
        build_operation_models(b, root)
        while b.pending:
            build_named(b, *b.pending.pop(0))
    for schema, where in named:
        b.begin(where.component)
        build_named(b, ClassName(where.hint), schema, where)
        while b.pending:
            build_named(b, *b.pending.pop(0))
    check_late_defaults(b)
    primary = sets[0][:2] if sets else (files.root, join_pointer("", *dialect.roots[0]))
    tagged = tag_models(b, root, primary)
    lookup: dict[str, Model] = {m.name: m for m in tagged}
    models = complete_discriminators(
        complete_subclasses(
            tagged, lookup, children_of(tagged), schema_name(dialect.roots)
        ),
        annotation_only=not dialect.mapping_decides,
    )
    if record is not None:
        record.trails, record.tagged = b.trails, tagged
        record.order = [where.component for _, where in named]
        record.names = {where.component: where.hint for _, where in named}
        record.base = sets[0][1] if sets else ""
        record.single = (
            len(files.documents) == 1
            and len(sets) == 1
            and not options.operations
            and len(named) == len(sets[0][2])
            and all(m.component in record.names for m in tagged)
        )
    if not models:
        b.warn(
            Where(files.root, primary[1], "", ""),
            "no schemas found: nothing to generate",
        )
    info = (
        root.get("info")
        if isinstance(root.get("info"), dict)
        else root if dialect.document_schema else {}
    )
    document = Document(
        title=_text(info.get("title")),
        version=_text(info.get("version")),
        description=_text(info.get("description")),
        models=assign_modules(models),
        inputs=tuple(
            sorted(
                (os.path.relpath(p, files.base_dir), d)
                for p, d in files.digests.items()
            )
        ),
    )
    return document, sorted(b.diagnostics, key=Diagnostic.sort_key)


def document_model(b: Builder, root: dict[str, Any]) -> list[tuple[Any, Where]]:
    """A JSON Schema document that describes data is itself a model (named by its title or file)."""
    if not (b.options.dialect.document_schema and describes_data(root)):
        return []
    stem = os.path.splitext(os.path.basename(b.files.display(b.files.root)))[0]
    raw = _text(root.get("title")) or stem.strip("<>") or "Model"
    name = b.locations[(b.files.root, "")] = b.new_class(raw)
    return [(root, Where(b.files.root, "", name, raw))]


def tag_models(
    b: Builder, root: dict[str, Any], components: tuple[str, str]
) -> list[Model]:
    """Give each model the tags of the operations that reach it."""
    file, base = components
    direct = operation_tags(root, b.options.dialect.component_prefix)
    tags: dict[str, set[str]] = {}
    by_name = b.models
    todo: list[tuple[str | None, set[str]]] = [
        (b.locations.get((file, join_pointer(base, c))), t) for c, t in direct.items()
    ]
    while todo:
        name, labels = todo.pop()
        if not name or name not in by_name or labels <= tags.get(name, set()):
            continue
        tags.setdefault(name, set()).update(labels)
        todo.extend((ref, labels) for ref in by_name[name].references())
    return [
        replace(m, tags=tuple(sorted(tags.get(m.name, ())))) for m in by_name.values()
    ]


def _text(value: Any) -> str:
    return (
        value.strip() if isinstance(value, str) else "" if value is None else str(value)
    )


def assign_modules(models: Any) -> tuple[Model, ...]:
    modules = naming.Namer(sep="_")
    return tuple(
        replace(m, module=modules.claim(naming.module_name(m.name))) for m in models
    )


def select_models(document: Document, wanted: list[str]) -> tuple[Document, list[str]]:
    """The models of the components in `wanted` and all they reference."""
    by_name: dict[str, Model] = {m.name: m for m in document.models}
    todo: list[str] = []
    missing = []
    for item in wanted:
        found: list[str] = [m.name for m in document.models if m.component == item] or (
            [item] if item in by_name else []
        )
        if not found:
            missing.append(item)
        todo.extend(found)
    keep: dict[str, None] = {}
    while todo:
        name = todo.pop()
        if name in keep or name not in by_name:
            continue
        keep[name] = None
        todo.extend(by_name[name].references())
        below = by_name[name].subclasses  # what decoding it may give
        todo.extend(t for _, t in below.values) if below else None
    return (
        replace(document, models=tuple(m for m in document.models if m.name in keep)),
        missing,
    )
