"""Command line: parses options and calls the pipeline. Nothing else.

Exit codes: 0 done, 1 drift found by `check`, 2 bad input or usage.
Errors are one line each on stderr: `modelgen: error: FILE#POINTER: what`.
"""

from __future__ import annotations

import click

from . import __version__
from .clidocs import changes, docs, watch
from .cliutil import (
    DRIFT,
    OK,
    collect_rarely,
    fix_command,
    guarded,
    list_files,
    remote_options,
    run_jobs,
)
from .siteopts import LINK_BASE
from .targetopt import TARGET
from .terminal import progress_bar, report


@click.group(
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="modelgen")
@click.option(
    "--job", "job_name", help="Run only the [tool.modelgen] job with this name."
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option(
    "-v", "--verbose", is_flag=True, help="List the files written and removed."
)
@click.pass_context
def main(ctx: click.Context, job_name: str | None, quiet: bool, verbose: bool) -> None:
    """Generate typed Python models and Markdown docs from OpenAPI schemas.

    Without a command, run the jobs of [tool.modelgen] in pyproject.toml.
    """
    collect_rarely()
    if ctx.invoked_subcommand is None:
        guarded(lambda: run_jobs(job_name, quiet, verbose))


@main.command()
@click.argument("spec", metavar="SPEC")
@click.option(
    "-o", "--output", required=True, metavar="DIR", help="Package directory to write."
)
@click.option(
    "-s",
    "--schema",
    "schemas",
    multiple=True,
    help="Generate this component and what it references (repeatable).",
)
@click.option("--no-docs", is_flag=True, help="Do not write docs/.")
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
@click.option(
    "--keep-going",
    is_flag=True,
    help="Skip broken schemas (and what needs them) instead of stopping.",
)
@click.option(
    "--python-version",
    type=click.Choice(["3.10", "3.11"]),
    default=None,
    help="Oldest Python the generated package supports (decides the syntax);"
    " default: 3.10 (typeddict: 3.11, for `typing.NotRequired`).",
)
@TARGET
@LINK_BASE
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option(
    "-v", "--verbose", is_flag=True, help="List the files written and removed."
)
@click.option(
    "--watch",
    "watching",
    is_flag=True,
    help="Then regenerate on every save (Ctrl-C stops).",
)
@click.option(
    "--changes",
    "track_changes",
    is_flag=True,
    help="Keep the change report of each regeneration (for the docs site).",
)
@remote_options
def generate(
    spec: str,
    output: str,
    schemas: tuple[str, ...],
    no_docs: bool,
    force: bool,
    operation_models: bool,
    keep_going: bool,
    python_version: str | None,
    target: str,
    link_base: str,
    quiet: bool,
    verbose: bool,
    allow_remote: tuple[str, ...],
    refresh_remote: bool,
    watching: bool,
    track_changes: bool,
) -> None:
    """Write models (and docs) for SPEC into the package directory OUTPUT.

    SPEC is a file, `-` (standard input), a URL (see --allow-remote) or REV:PATH (a git revision).
    """

    def action() -> int:
        from .pipeline import Request
        from .pipeline import generate as run

        request = Request(
            spec,
            output,
            schemas,
            not no_docs,
            force,
            operations=operation_models,
            keep_going=keep_going,
            progress=progress_bar(quiet),
            allow_remote=allow_remote,
            refresh_remote=refresh_remote,
            link_base=link_base,
            python_version=python_version or "",
            target=target,
            changes=track_changes,
        )
        if watching:
            from .watch import watch

            return watch([request], lambda line: click.echo(line, err=True), verbose)
        summary, warnings = run(request)
        report(warnings, quiet)
        if verbose:
            list_files(summary)
        if not quiet:
            click.echo(summary.line(), err=True)
        return OK

    guarded(action)


@main.command(name="list")
@click.argument("spec", metavar="SPEC")
@click.option(
    "--operation-models",
    is_flag=True,
    help="Also make models of inline request/response schemas.",
)
@TARGET
@remote_options
def list_models(
    spec: str,
    operation_models: bool,
    target: str,
    allow_remote: tuple[str, ...],
    refresh_remote: bool,
) -> None:
    """Show each component schema with the model classes it yields."""

    def action() -> int:
        from .build import build_document
        from .diagnostics import raise_on_errors
        from .load import load_spec
        from .remote import RemotePolicy
        from .targets import get

        policy = RemotePolicy(allow=allow_remote, refresh=refresh_remote)
        document, diagnostics = build_document(
            load_spec(spec, policy=policy), operation_models, get(target).names
        )
        raise_on_errors(diagnostics)
        components: dict[str, list[str]] = {}
        for model in document.models:
            components.setdefault(model.component, []).append(
                f"{model.name} ({model.module}.py)"
            )
        for component, names in components.items():
            click.echo(f"{component}: {', '.join(names)}")
        return OK

    guarded(action)


@main.command()
@click.argument("spec", required=False, metavar="SPEC")
@click.option(
    "-o", "--output", metavar="DIR", help="Generated package directory to check."
)
@click.option("--diff", is_flag=True, help="Show a unified diff of changed files.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("-s", "--schema", "schemas", multiple=True)
@click.option("--no-docs", is_flag=True)
@click.option(
    "--docs-only", is_flag=True, help="The output was made by `modelgen docs`."
)
@click.option(
    "--mkdocs", is_flag=True, help="The output has an mkdocs.yml (docs --mkdocs)."
)
@click.option("--package", default="", help="As given to `modelgen docs --package`.")
@click.option(
    "--operation-models",
    is_flag=True,
    help="Also make models of inline request/response schemas.",
)
@click.option("--job", "job_name")
@remote_options
@click.option("-q", "--quiet", is_flag=True, help="Print only the verdict lines.")
@LINK_BASE
@TARGET
def check(
    spec: str | None,
    output: str | None,
    diff: bool,
    fmt: str,
    schemas: tuple[str, ...],
    no_docs: bool,
    docs_only: bool,
    mkdocs: bool,
    package: str,
    operation_models: bool,
    job_name: str | None,
    allow_remote: tuple[str, ...],
    refresh_remote: bool,
    quiet: bool,
    link_base: str,
    target: str,
) -> None:
    """Exit 1 when the generated output is not what SPEC would give now."""

    def action() -> int:
        from .check import run_check
        from .pipeline import Request

        template = Request(
            spec or "",
            output or "",
            schemas,
            not no_docs,
            code=not docs_only,
            mkdocs=mkdocs,
            package=package,
            operations=operation_models,
            allow_remote=allow_remote,
            refresh_remote=refresh_remote,
            link_base=link_base,
            target=target,
        )
        code = run_check(template, job_name, diff, fmt)
        if fmt == "text" and not quiet:
            if code == OK:
                click.echo("modelgen: up to date", err=True)
            elif code == DRIFT:
                click.echo(
                    f"modelgen: to update, run: {fix_command(spec, output, job_name)}",
                    err=True,
                )
        return code

    guarded(action)


for _command in (changes, docs, watch):
    main.add_command(_command)
