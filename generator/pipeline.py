"""The pipeline, as a sentence: load → build → render → format → write.

`generate` first asks the manifest whether the output is up to date
(`fastpath`); only when it is not are the stages loaded (`produce`).
"""

from __future__ import annotations

import keyword
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import targets
from .fastpath import up_to_date
from .naming import module_name
from .remote import RemotePolicy
from .write import Summary, read_manifest, write_output

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .produce import Result
    from .targets.base import Target


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
        from . import keep
        from .produce import produce

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
