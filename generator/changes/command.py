"""Part of `changes`: the command as a whole — read both versions, compare, filter, report."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic
from .findings import diff
from .ignore import apply_ignore, read_ignore
from .report import Outcome, render
from .source import Sources, git_spec


@dataclass(frozen=True)
class Options:
    old: str
    new: str
    fmt: str = "text"
    fail_on: str | None = None  # "error" or "warning"
    ignore: str | None = None
    operation_models: bool = False


def run(options: Options) -> tuple[str, bool, list[Diagnostic]]:
    """(the report, whether a change at or above --fail-on remains, warnings)."""
    entries = read_ignore(options.ignore) if options.ignore else []
    with Sources() as sources:
        old, new = sources.open(options.old), sources.open(options.new)
        findings = diff(old, new, options.operation_models)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    kept, ignored, notes = apply_ignore(findings, entries, options.ignore or "", today)
    outcome = Outcome(
        options.old,
        options.new,
        kept,
        ignored,
        options.fail_on,
        new_file="" if git_spec(options.new) else options.new,
    )
    failed = any(outcome.failing(f) for f in kept)
    return render(outcome, options.fmt), failed, notes


def run_options(
    old: str, new: str, given: dict[str, Any]
) -> tuple[str, bool, list[Diagnostic]]:
    """`run` with the options as the command line gives them."""
    fail_on = given.get("fail_on") or (
        "error" if given.get("fail_on_breaking") else None
    )
    return run(
        Options(
            old,
            new,
            given.get("fmt") or "text",
            fail_on,
            given.get("ignore_file"),
            bool(given.get("operation_models")),
        )
    )
