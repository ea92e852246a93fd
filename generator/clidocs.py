"""The commands beside generating and checking: `changes`, `docs` and `watch`."""

from __future__ import annotations

from typing import Any

import click

from .changes.options import changes_options
from .cliutil import DRIFT, OK, guarded, remote_options
from .siteopts import LINK_BASE, SITE_OPTIONS, site
from .targetopt import TARGET
from .terminal import report


@click.command()
@click.argument("old_spec", metavar="OLD")
@click.argument("new_spec", metavar="NEW")
@changes_options
def changes(old_spec: str, new_spec: str, **options: Any) -> None:
    """Grade the changes from OLD to NEW for clients (files or REV:path)."""

    def action() -> int:
        from .changes.command import run_options

        text, failed, notes = run_options(old_spec, new_spec, options)
        report(notes, False)
        click.echo(text)
        return DRIFT if failed else OK

    guarded(action)


@click.command()
@click.argument("spec", metavar="SPEC")
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="DIR",
    help="Directory for docs/ (and mkdocs.yml).",
)
@click.option(
    "-s",
    "--schema",
    "schemas",
    multiple=True,
    help="Document this component and what it references.",
)
@click.option(
    "--mkdocs",
    is_flag=True,
    help="Also write mkdocs.yml so `mkdocs build --strict` works.",
)
@click.option(
    "--package",
    default="",
    help="Package name the Example blocks import from (default: OUTPUT's name).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Write into a non-empty directory that modelgen did not create.",
)
@click.option(
    "--operation-models",
    is_flag=True,
    help="Also make models of inline request/response schemas.",
)
@LINK_BASE
@SITE_OPTIONS
@TARGET
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@remote_options
def docs(
    spec: str,
    output: str,
    schemas: tuple[str, ...],
    mkdocs: bool,
    package: str,
    force: bool,
    operation_models: bool,
    link_base: str,
    build: bool,
    site_dir: str,
    changes_from: str,
    target: str,
    quiet: bool,
    allow_remote: tuple[str, ...],
    refresh_remote: bool,
) -> None:
    """Write only the Markdown docs of SPEC into OUTPUT/docs (for a docs site)."""

    def action() -> int:
        from .pipeline import Request, generate as run

        request = Request(
            spec,
            output,
            schemas,
            True,
            force,
            code=False,
            mkdocs=mkdocs,
            package=package,
            operations=operation_models,
            allow_remote=allow_remote,
            refresh_remote=refresh_remote,
            link_base=link_base,
            target=target,
            changes=build or bool(site_dir),
        )
        produced: list[Any] = []
        summary, warnings = run(request, produced)
        report(warnings, quiet)
        if not quiet:
            click.echo(summary.line(), err=True)
        if build or site_dir or changes_from:
            site(request, site_dir, changes_from, quiet, produced)
        return OK

    guarded(action)


@click.command()
@click.argument("spec", required=False, metavar="SPEC")
@click.option("-o", "--output", metavar="DIR", help="Package directory to write.")
@click.option("-s", "--schema", "schemas", multiple=True)
@click.option("--no-docs", is_flag=True, help="Do not write docs/.")
@click.option("--operation-models", is_flag=True)
@click.option("--job", "job_name", help="Watch only this [tool.modelgen] job.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors and summaries only.")
@click.option("-v", "--verbose", is_flag=True, help="List the files written.")
@remote_options
def watch(
    spec: str | None,
    output: str | None,
    schemas: tuple[str, ...],
    no_docs: bool,
    operation_models: bool,
    job_name: str | None,
    quiet: bool,
    verbose: bool,
    allow_remote: tuple[str, ...],
    refresh_remote: bool,
) -> None:
    """Regenerate SPEC (or the [tool.modelgen] jobs) whenever an input file changes."""

    def action() -> int:
        from .check import requests
        from .pipeline import Request
        from .watch import WatchError, watch as run

        if spec and not output:
            raise WatchError("watch SPEC needs --output DIR")

        template = Request(
            spec or "",
            output or "",
            schemas,
            not no_docs,
            operations=operation_models,
            allow_remote=allow_remote,
            refresh_remote=refresh_remote,
        )
        echo = (lambda line: click.echo(line, err=True)) if not quiet else _summaries
        return run(requests(template, job_name), echo, verbose)

    guarded(action)


def _summaries(line: str) -> None:
    """--quiet: errors and the summary line of each run."""
    if not line.startswith(("modelgen: warning:", "wrote ", "removed ", "watching ")):
        click.echo(line, err=True)
