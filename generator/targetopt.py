"""The `--target` option of the commands that write or read a generated package."""

from __future__ import annotations

import click

from .targets import DEFAULT, TARGETS

TARGET = click.option(
    "--target",
    type=click.Choice(sorted(TARGETS)),
    default=DEFAULT,
    show_default=True,
    help="The model library of the generated package.",
)
