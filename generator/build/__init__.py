"""Stage 2: schemas → `Document` (models, fields, types) plus diagnostics.

`build_document` names every component first (so references resolve to
stable names whatever the order), then builds each component in document
order, depth first, which is also the order inline models are named in.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from .. import naming
from ..diagnostics import Diagnostic, error, join_pointer
from ..ir import Document, Model
from ..load import SpecFiles
from .context import Builder, Options, Where
from .discriminators import complete_discriminators
from .models import MAKERS, build_named
from .objects import check_late_defaults
from .operations import build_operation_models
from .tags import operation_tags

__all__ = ["build_document", "select_models", "Options"]


def detect_options(document: dict[str, Any]) -> Options | str:
    version = document.get("openapi")
    if isinstance(version, str) and version.startswith("3."):
        return Options(version31=not version.startswith("3.0"))
    if str(document.get("swagger", "")).startswith("2"):
        return Options(swagger2=True)
    return "not an OpenAPI document: no 'openapi: 3.x' or 'swagger: \"2.0\"' field"


def component_pointer(options: Options) -> tuple[str, ...]:
    return ("definitions",) if options.swagger2 else ("components", "schemas")


def build_document(
    files: SpecFiles, operations: bool = False
) -> tuple[Document, list[Diagnostic]]:
    root = files.root_document
    options = detect_options(root)
    if isinstance(options, str):
        return Document("", "", "", ()), [error(files.root_display, "", options)]
    b = Builder(files, replace(options, operations=operations), MAKERS)
    schemas = root
    for token in component_pointer(options):
        schemas = schemas.get(token, {}) if isinstance(schemas, dict) else None
    base = join_pointer("", *component_pointer(options))
    if not isinstance(schemas, dict):
        return Document("", "", "", ()), [
            error(
                files.root_display, base, "must be a mapping of schema names to schemas"
            )
        ]
    for raw in schemas:
        b.locations[(files.root, join_pointer(base, str(raw)))] = b.new_class(str(raw))
    if operations:
        build_operation_models(b, root)
        while b.pending:
            build_named(b, *b.pending.pop(0))
    for raw, schema in schemas.items():
        pointer = join_pointer(base, str(raw))
        name = b.locations[(files.root, pointer)]
        build_named(b, name, schema, Where(files.root, pointer, name, str(raw)))
        while b.pending:
            build_named(b, *b.pending.pop(0))
    check_late_defaults(b)
    models = complete_discriminators(
        tag_models(b, root, base), annotation_only=options.version31
    )
    if not models:
        b.warn(Where(files.root, base, "", ""), "no schemas found: nothing to generate")
    info = root.get("info") if isinstance(root.get("info"), dict) else {}
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


def tag_models(b: Builder, root: dict[str, Any], base: str) -> list[Model]:
    """Give each model the tags of the operations that reach it."""
    direct = operation_tags(root, "#" + base + "/")
    tags: dict[str, set[str]] = {}
    by_name = b.models
    todo: list[tuple[str | None, set[str]]] = [
        (b.locations.get((b.files.root, join_pointer(base, c))), t)
        for c, t in direct.items()
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
    return (
        replace(document, models=tuple(m for m in document.models if m.name in keep)),
        missing,
    )
