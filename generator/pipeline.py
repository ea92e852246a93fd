"""The pipeline, as a sentence: load → build → render → format → write."""

from __future__ import annotations

import difflib
import keyword
import os
from dataclasses import dataclass, replace
from typing import Any

from . import incremental
from .build import Record, build_document, select_models
from .diagnostics import (
    Diagnostic,
    Level,
    SpecError,
    error,
    errors_of,
    raise_on_errors,
)
from .cache import cache_dir
from .fastpath import code_digest, current_meta, up_to_date
from .ir import Document
from .load import SpecFiles, load_spec
from .naming import module_name
from .pointer import split_pointer
from .refs import locate
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


def produce(request: Request, partial: bool = False) -> Result:
    """Everything up to the bytes of each file; raises `SpecError` on bad input.
    `partial`: build and render only what an edit reached, when that can be proven."""
    notes: list[str] = []
    files = load_spec(
        request.spec, parse_cache(request.output, notes), request.policy()
    )
    package = effective_package(request)
    meta = current_meta(request.options(), package)
    if files.remote:  # the remote documents used, by URL: sha256 of their bytes
        meta["remote"] = dict(sorted(files.remote.items()))
    key = incremental.snapshot_key(request.output, meta)
    target = request.model_target()
    folder = folder_warning(request, package)
    kept = partial and in_part(request, files)
    snapshot = incremental.load(key, request.output, notes) if kept else None
    parts = incremental.split_spec(files, snapshot) if kept else None
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
    rendered = render_and_format(
        document,
        package,
        request.docs,
        request.code,
        request.mkdocs,
        request.link_base,
        origin=os.path.basename(request.spec),
        python=request.python_version,
        target=target,
        progress=request.progress,
        notes=notes,
    )
    meta["inputs"] = dict(document.inputs)
    snapshot = (
        incremental.make_snapshot(key, files, record, document, extra, parts)
        if kept
        else None
    )
    return Result(rendered, diagnostics + extra, meta, notes, document, snapshot)


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
    snapshot: incremental.Snapshot,
    parts: incremental.Parts,
    package: str,
    notes: list[str],
) -> incremental.Again | None:
    target = request.model_target()

    def render(document: Document, only: frozenset[str]) -> list[RenderedFile]:
        return render_and_format(
            document,
            package,
            request.docs,
            request.code,
            request.mkdocs,
            request.link_base,
            origin=os.path.basename(request.spec),
            python=request.python_version,
            target=target,
            notes=notes,
            only=only,
        )

    return incremental.regenerate(
        snapshot,
        files,
        target.names,
        target,
        render,
        request.output,
        parts,
        request.code,
    )


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


def select_jobs(jobs: list[Any], name: str | None) -> list[Any]:
    """The jobs named `name` (all when None); a did-you-mean error when none is."""
    from .config import ConfigError

    chosen = [j for j in jobs if name in (None, j.name)]
    if not chosen:
        names = [j.name for j in jobs]
        hint = did_you_mean(name or "", names) or f" (jobs: {', '.join(names)})"
        raise ConfigError(f"no job named {name!r} in [tool.modelgen]{hint}")
    return chosen


def did_you_mean(name: str, choices: list[str]) -> str:
    """`; did you mean 'Customer'?` for a close match, else the choices when few."""
    close = difflib.get_close_matches(name, choices, n=3)
    if close:
        return f"; did you mean {' or '.join(repr(c) for c in close)}?"
    if 0 < len(choices) <= 10:
        return f" (choices: {', '.join(choices)})"
    return ""


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
            incremental.save(result.again, request.output)
        summary.notes.extend(result.notes)
        warnings = result.warnings
    if request.changes:
        from .lastchange import track

        summary.notes.extend(track(request.spec, request.output, request.operations))
    return summary, warnings
