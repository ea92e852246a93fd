"""Stages 1 to 4 for one request: load → build → render → format, up to the bytes of
each file (`produce`), in full or, when an edit allows it, in part (`incremental`).

Only a run with work to do imports this module (and through it the parser,
the builder, the renderer and the formatter): `pipeline.generate` proves
first, from the manifest alone, that there is none.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from . import incremental, keep
from .build import Record, build_document
from .cache import cache_dir
from .diagnostics import Diagnostic, Level, errors_of, raise_on_errors
from .fastpath import code_digest, current_meta
from .ir import Document
from .load import SpecFiles, load_spec
from .pipeline import Request, effective_package, folder_name
from .rendered import RenderedFile
from .reparse import ParseCache
from .selection import select, skip_broken, with_lines
from .toolchain import non_ascii, unicode_fields
from .twocores import render_and_format
from .write import read_manifest


@dataclass(frozen=True)
class Result:
    files: list[RenderedFile]
    warnings: list[Diagnostic]
    meta: dict[str, Any]
    notes: list[str]
    document: Document | None = None  # the models the files were made from
    again: Any = None  # what the next run needs to regenerate in part (`incremental`)
    in_part: int = -1  # files rendered when regenerated in part; -1: a full run
    kept: dict[str, str] | None = None  # in part: the other files (path → sha256)


def produce(request: Request, partial: bool = False) -> Result:
    """Everything up to the bytes of each file; raises `SpecError` on bad input.
    `partial`: build and render only what an edit reached, when that can be proven."""
    notes: list[str] = []
    files = load_spec(
        request.spec, parse_cache(request.output, notes), request.policy()
    )
    package = effective_package(request)
    meta = current_meta(request.options(), package)
    key = keep.snapshot_key(request.output, meta)
    target = request.model_target()
    folder = folder_warning(request, package)
    kept = partial and in_part(request, files)
    snapshot = keep.load(key, request.output, notes) if kept else None
    parts = keep.split_spec(files, snapshot) if kept else None
    characters = (
        parts.all_characters()
        if parts is not None
        else set().union(*map(non_ascii, files.documents.values()))
    )
    meta.update(unicode_fields(characters))
    if snapshot is not None and parts is not None:
        done = again(request, files, snapshot, parts, package, notes)
        if done is not None:
            meta["inputs"] = dict(done.document.inputs)
            return Result(
                done.files,
                done.diagnostics + folder + done.warnings,
                meta,
                notes,
                done.document,
                done.snapshot,
                done.rendered,
                done.kept,
            )
    record = Record()
    document, diagnostics = prepare(request, files, record)
    diagnostics = diagnostics + folder
    extra = target.warnings(document) if request.code and target.warnings else []
    rendered = renderer(request, package, notes)(document, None, None)
    meta["inputs"] = dict(document.inputs)
    if files.remote:  # the remote documents used (read while building): their sha256
        meta["remote"] = dict(sorted(files.remote.items()))
    snapshot = (
        keep.make_snapshot(key, record, document, extra, parts, index_row(request))
        if kept
        else None
    )
    return Result(rendered, diagnostics + extra, meta, notes, document, snapshot)


def renderer(request: Request, package: str, notes: list[str]) -> Any:
    """Stages 3 and 4 for `request`: (document, only, rows) → the files, formatted
    (`only`, `rows`: a partial run's, see `render_files`)."""

    def render(
        document: Document, only: frozenset[str] | None, rows: Any
    ) -> list[RenderedFile]:
        return render_and_format(
            document,
            package,
            request.docs,
            request.code,
            request.mkdocs,
            request.link_base,
            origin=os.path.basename(request.spec),
            python=request.python_version,
            target=request.model_target(),
            progress=request.progress if only is None else None,
            notes=notes,
            only=only,
            rows=rows,
        )

    return render


def in_part(request: Request, files: SpecFiles) -> bool:
    """Whether this request's output may be regenerated in part."""
    return not (
        request.schemas
        or request.keep_going
        or request.operations
        or files.remote
        or request.refresh_remote
    )


def again(
    request: Request,
    files: SpecFiles,
    snapshot: keep.Snapshot,
    parts: keep.Parts,
    package: str,
    notes: list[str],
) -> incremental.Again | None:
    target = request.model_target()
    render = renderer(request, package, notes)
    return incremental.regenerate(
        snapshot,
        files,
        target.names,
        target,
        render,
        index_row(request),
        request.output,
        parts,
        request.code,
    )


def index_row(request: Request) -> Any:
    """model → its row in the docs index, for a partial run's index."""
    from .render.markdown import index_row as row

    return lambda model: row(model, request.link_base)


def folder_warning(request: Request, package: str) -> list[Diagnostic]:
    if request.docs and not request.package and package != folder_name(request.output):
        return [
            Diagnostic(
                Level.WARNING,
                request.output,
                "",
                f"the folder name {folder_name(request.output)!r} is not a Python "
                f"package name; the docs import from {package!r}",
            )
        ]
    return []


def prepare(
    request: Request, files: SpecFiles | None = None, record: Record | None = None
) -> tuple[Document, list[Diagnostic]]:
    """The spec (`files`: already loaded) built into the models the request asks for;
    `record`: filled with how it was built."""
    if files is None:
        files = load_spec(request.spec, parse_cache(request.output), request.policy())
    document, diagnostics = build_document(
        files, request.operations, request.model_target().names, record
    )
    if request.keep_going and errors_of(diagnostics):
        document, diagnostics = skip_broken(document, diagnostics, request)
    raise_on_errors(diagnostics, lambda e: with_lines(e, os.path.dirname(request.spec)))
    return select(document, request), diagnostics


def parse_cache(output: str, notes: list[str] | None = None) -> ParseCache:
    """Earlier parses, and the inputs the output was last made from (to re-parse only an edit)."""
    manifest = read_manifest(output) or {}
    inputs = manifest.get("inputs")
    previous = (
        {k: v for k, v in inputs.items() if isinstance(k, str) and isinstance(v, str)}
        if isinstance(inputs, dict)
        else {}
    )
    return ParseCache(cache_dir() / "parsed", code_digest(), previous, notes)
