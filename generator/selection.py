"""Which models and jobs a request means: `--schemas`, `--keep-going`, jobs by name,
and where in its file each problem is."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from .build import select_models
from .diagnostics import Diagnostic, Level, SpecError, did_you_mean, error
from .diagnostics import errors_of
from .ir import Document
from .pointer import split_pointer
from .refs import locate

if TYPE_CHECKING:
    from .pipeline import Request


def with_lines(diagnostics: list[Diagnostic], spec_dir: str) -> list[Diagnostic]:
    """Add line and column where the pointer can be found in the file."""
    located = []
    for item in diagnostics:
        path = (
            os.path.join(spec_dir, item.file)
            if not os.path.isabs(item.file)
            else item.file
        )
        if item.pointer and os.path.isfile(path) and os.path.getsize(path) < 8 * 2**20:
            line, column = locate(path, item.pointer)
            item = replace(item, line=line, column=column)
        located.append(item)
    return located


def skip_broken(
    document: Document, diagnostics: list[Diagnostic], request: Request
) -> tuple[Document, list[Diagnostic]]:
    """--keep-going: drop the components with errors and every model that needs them."""
    broken: set[str] = set()
    located = with_lines(errors_of(diagnostics), os.path.dirname(request.spec))
    for item in located:
        component = component_of(item.pointer)
        if component is None:
            raise SpecError(
                located
            )  # not confined to one schema: nothing sensible to keep
        broken.add(component)
    dropped = {m.name for m in document.models if m.component in broken}
    changed = True
    while changed:
        more = {
            m.name
            for m in document.models
            if m.name not in dropped and set(m.references()) & dropped
        }
        changed = bool(more)
        dropped |= more
    kept = tuple(m for m in document.models if m.name not in dropped)
    notes = [
        replace(d, level=Level.WARNING, message=f"skipped: {d.message}")
        for d in located
    ]
    if dropped:
        names = ", ".join(sorted(dropped))
        notes.append(
            Diagnostic(
                Level.WARNING,
                request.spec,
                "",
                f"--keep-going left out {len(dropped)} models: {names}",
            )
        )
    return (
        replace(document, models=kept),
        [d for d in diagnostics if d.level != Level.ERROR] + notes,
    )


def component_of(pointer: str) -> str | None:
    tokens = split_pointer(pointer)
    if tokens[:2] == ["components", "schemas"] and len(tokens) >= 3:
        return tokens[2]
    if tokens[:1] in (["definitions"], ["$defs"]) and len(tokens) >= 2:
        return tokens[1]
    return None


def select(document: Document, request: Request) -> Document:
    if not request.schemas:
        return document
    chosen, missing = select_models(document, list(request.schemas))
    if missing:
        known = sorted({m.component for m in document.models if m.component})
        raise SpecError(
            [
                error(
                    request.spec,
                    "/components/schemas",
                    f"no schema named {name!r}{did_you_mean(name, known)}",
                )
                for name in missing
            ]
        )
    return chosen
