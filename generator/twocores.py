"""Stages 3 and 4 on two cores: a helper process renders the docs and the
last share of the model modules (and formats those), while this one renders,
proves and formats the package's own files and the other modules.

The helper is forked once the document is built, so it shares the document
without copying it; only its files come back (pickled). The output is the
same list, in the same order, as one process makes: Python modules, then
docs, then `mkdocs.yml`. Small specs, runs without docs or code, and systems
without `fork` stay in one process.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable, ContextManager

from .format import format_files, worker_setup
from .ir import Document
from .longlines import mark_long_lines
from .render import RenderedFile, render_files

if TYPE_CHECKING:
    from .targets.base import Target

PARALLEL_MODELS = 200  # fewer models: one process (a fork costs more than it saves)
# The share of the model modules the helper writes besides the docs. On the 2026-08
# spec (CPU s) the docs take 0.33; the modules 0.33 to render, 0.15 to prove
# black-stable, 0.07 to mark: a fifth of them gives each process about as much.
HELPER_SHARE = 0.2

Shared = tuple[list[RenderedFile], list[str]]  # the helper's files and notes
_DOCS_JOB: Callable[[], Shared] | None = None  # what the helper runs


def _run_docs_job() -> Shared:
    assert _DOCS_JOB is not None
    return _DOCS_JOB()


def render_and_format(
    document: Document,
    package: str,
    docs: bool,
    code: bool,
    mkdocs: bool,
    link_base: str,
    origin: str,
    python: str,
    progress: Callable[[int], ContextManager[Any]] | None = None,
    notes: list[str] | None = None,
    target: Target | None = None,
    only: frozenset[str] | None = None,
    rows: Any = None,
) -> list[RenderedFile]:
    """Every output file of `document` (with `only`: see `render_files`), Python
    modules formatted and marked."""

    def render(
        with_docs: bool,
        with_code: bool,
        modules: tuple[frozenset[str], bool] | None = None,
    ) -> list[RenderedFile]:
        return render_files(
            document,
            package,
            with_docs,
            with_code,
            mkdocs and with_docs,
            link_base,
            origin=origin,
            python=python,
            target=target,
            only=only,
            rows=rows,
            modules=modules,
        )

    def finish(files: list[RenderedFile]) -> list[RenderedFile]:
        return mark_long_lines(format_files(files, progress=progress, notes=notes))

    if (
        not (docs and code and hasattr(os, "fork"))
        or len(document.models) < PARALLEL_MODELS
        or only is not None
    ):
        return finish(render(docs, code))

    import multiprocessing  # only for big documents (a partial run has a few models)
    from concurrent.futures import ProcessPoolExecutor

    names = [m.name for m in document.models]
    cut = len(names) - int(len(names) * HELPER_SHARE)
    mine, theirs = frozenset(names[:cut]), frozenset(names[cut:])

    def helper() -> Shared:
        found: list[str] = []  # one process formats: no pool in the pool's worker
        modules = format_files(render(False, True, (theirs, False)), 1, notes=found)
        return mark_long_lines(modules) + render(True, False), found

    global _DOCS_JOB
    _DOCS_JOB = helper  # read by the forked helper
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=worker_setup,
        initargs=(os.getpid(),),
    )
    try:
        pending = pool.submit(_run_docs_job)
        models = finish(render(False, True, (mine, True)))
        shared, found = pending.result()
        if notes is not None:
            notes.extend(found)
        return models + shared
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        _DOCS_JOB = None
        pool.shutdown()
