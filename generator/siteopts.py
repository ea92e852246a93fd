"""Command line options of the docs site (`docs --site`, `--link-base`), and its run."""

from __future__ import annotations

from typing import Any, Callable

import click


def _link_base(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not value:
        return value
    from .config import valid_link_base

    if not valid_link_base(value):
        raise click.BadParameter("must be an http(s) address, e.g. https://example.com")
    return value


LINK_BASE = click.option(
    "--link-base",
    default="",
    metavar="URL",
    callback=_link_base,
    help="Make the spec's links into its own site (/docs/...) absolute on URL.",
)


def SITE_OPTIONS(command: Callable[..., Any]) -> Callable[..., Any]:  # noqa: N802
    """--site, --site-dir, --changes-from."""
    for option in reversed(
        [
            click.option(
                "--site",
                "build",
                is_flag=True,
                help="Also build the docs site (MkDocs Material) into OUTPUT/site.",
            ),
            click.option(
                "--site-dir", default="", metavar="DIR", help="Build the site here."
            ),
            click.option(
                "--changes-from",
                default="",
                metavar="SPEC",
                help="Give the site a page of what changed for the models since SPEC.",
            ),
        ]
    ):
        command = option(command)
    return command


def site(
    request: Any, site_dir: str, changes_from: str, quiet: bool, produced: Any = ()
) -> None:
    """Build the site for `request` and report its warnings and a summary line.

    `produced`: what `generate(request, produced)` made in this run, if anything."""
    from .terminal import report
    from .site import build_site, site_dir as default_dir

    made = produced[-1] if produced else None
    result = build_site(request, default_dir(request, site_dir), changes_from, made)
    report(result.warnings, quiet)
    if not quiet:
        click.echo(result.line(), err=True)
