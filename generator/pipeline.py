"""The pipeline, as a sentence: load → build → render → format → write."""

from __future__ import annotations

import keyword
import os
from dataclasses import dataclass
from typing import Any

from . import incremental, keep
from .selection import (
    select,
    skip_broken,
    with_lines,
)
from .build import Record, build_document
from .diagnostics import (
    Diagnostic,
    Level,
    errors_of,
    raise_on_errors,
)
from .cache import cache_dir
from .fastpath import code_digest, current_meta, up_to_date
from .ir import Document
from .load import SpecFiles, load_spec
from .naming import module_name
from .remote import RemotePolicy
from .reparse import ParseCache
from .render import RenderedFile
from . import targets
from .targets import Target
from .toolchain import non_ascii, unicode_fields
from .twocores import render_and_format
from .write import Summary, read_manifest, write_output


@dataclass(frozen=True)
class Request:
    spec: str
    output: str
    schemas: tuple[str, ...] = ()
    docs: bool = True
    force: bool = False
    code: bool = True
    mkdocs: bool = False
    package: str = ""
    operations: bool = False
    keep_going: bool = False
    allow_remote: tuple[str, ...] = ()  # URL prefixes remote documents may come from
    refresh_remote: bool = (
        False  # fetch remote documents again instead of using the cache
    )
    python_version: str = ""  # oldest Python the package supports ("" = default)
    target: str = "pydantic"  # the model library (`modelgen.targets`)
    link_base: str = ""  # makes the spec's site-relative links absolute in the docs
    changes: bool = False  # keep the change report of each regeneration (`lastchange`)
    progress: Any = (
        None  # callable(n) → progress bar context, for long runs on a terminal
    )

    def options(self) -> dict[str, Any]:
        return {
            "schemas": list(self.schemas),
            "docs": self.docs,
            "code": self.code,
            "mkdocs": self.mkdocs,
            "package": self.package,
            "operations": self.operations,
            **({"allow_remote": list(self.allow_remote)} if self.allow_remote else {}),
            "python_version": self.python_version,
            "target": self.target,
            **({"link_base": self.link_base} if self.link_base else {}),
        }

    def model_target(self) -> Target:
        return targets.get(self.target)

    def policy(self) -> RemotePolicy:
        return RemotePolicy(allow=self.allow_remote, refresh=self.refresh_remote)


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


def package_name(output: str) -> str:
    """The import name of the package in `output`: its folder's name (not resolved, so a
    symlink's name counts), made a valid Python package name when it is not one."""
    name = folder_name(output)
    if name.isascii() and name.isidentifier() and not keyword.iskeyword(name):
        return name
    return module_name(name)


def folder_name(output: str) -> str:
    return os.path.basename(os.path.normpath(os.path.abspath(output)))


def effective_package(request: Request) -> str:
    return request.package or package_name(request.output)


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


def job_request(job: Any) -> Request:
    """The request a `[tool.modelgen]` job stands for."""
    return Request(
        job.spec,
        job.output,
        job.schemas,
        job.docs,
        operations=job.operations,
        allow_remote=job.allow_remote,
        python_version=job.python_version,
        link_base=job.link_base,
        target=job.target,
        changes=job.changes or job.site,
    )


def generate(
    request: Request, produced: list[Result] | None = None
) -> tuple[Summary, list[Diagnostic]]:
    """Write the output of `request`; what was made is added to `produced` (for the site)."""
    package = effective_package(request)
    if not request.refresh_remote and up_to_date(
        request.spec, request.output, request.options(), package
    ):
        manifest = read_manifest(request.output) or {}
        summary, warnings = Summary(unchanged=len(manifest.get("outputs", {}))), []
    else:
        result = produce(request, partial=True)
        if produced is not None:
            produced.append(result)
        summary = write_output(
            request.output,
            result.files,
            result.meta,
            force=request.force,
            kept=result.kept,
        )
        if result.again is not None:
            keep.save(result.again, request.output)
        summary.notes.extend(result.notes)
        warnings = result.warnings
    if request.changes:
        from .lastchange import track

        summary.notes.extend(track(request.spec, request.output, request.operations))
    return summary, warnings
