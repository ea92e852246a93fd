"""What the command line shows on stderr besides errors: warnings and a progress bar."""

from __future__ import annotations

import sys
from typing import Any, Callable

import click


def progress_bar(quiet: bool) -> Callable[[int], Any] | None:
    """A progress bar on stderr for long runs, only on a terminal."""
    if quiet or not sys.stderr.isatty():
        return None

    def bar(count: int) -> Any:
        if count < 50:
            import contextlib

            return contextlib.nullcontext(None)
        return click.progressbar(length=count, label="formatting", file=sys.stderr)

    return bar


def report(warnings: list[Any], quiet: bool) -> None:
    if quiet:
        return
    for item in warnings:
        click.echo(f"modelgen: warning: {item.render()}", err=True)
