"""Part of `changes`: its command-line options (click only, so the CLI loads fast)."""

from __future__ import annotations

from typing import Any, Callable

import click

FORMATS = ("text", "markdown", "json", "github", "junit")

OPTIONS = (
    click.option("--format", "fmt", type=click.Choice(FORMATS), default="text"),
    click.option(
        "--fail-on",
        type=click.Choice(["error", "warning"]),
        help="Exit 1 when a change at this level (or above) remains.",
    ),
    click.option("--fail-on-breaking", is_flag=True, help="Same as --fail-on error."),
    click.option(
        "--ignore",
        "ignore_file",
        metavar="FILE",
        help="Accepted changes (YAML/JSON list of id, pointer, reason, expires).",
    ),
    click.option(
        "--operation-models",
        is_flag=True,
        help="Name models as `generate --operation-models` does.",
    ),
)


def changes_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(OPTIONS):
        command = option(command)
    return command
