"""Command line: parses options and calls the pipeline. Nothing else.

Exit codes: 0 done, 1 drift found by `check`, 2 bad input or usage.
Errors are one line each on stderr: `modelgen: error: FILE#POINTER: what`.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, NoReturn

import click

from . import __version__
from .changes.options import changes_options
from .siteopts import LINK_BASE, SITE_OPTIONS, site
from .targetopt import TARGET
from .terminal import progress_bar, report

OK, DRIFT, BAD_INPUT, INTERNAL = 0, 1, 2, 3


def fail(lines: list[str], code: int = BAD_INPUT) -> NoReturn:
    for line in lines:
        click.echo(f"modelgen: error: {line}", err=True)
    sys.exit(code)


def guarded(action: Callable[[], int]) -> NoReturn:
    """Run `action`; turn every expected failure into one-line errors."""
    stop_on_sigterm()
    try:
        from .config import ConfigError
        from .diagnostics import SpecError, one_line
        from .write import OutputError
    except KeyboardInterrupt:
        fail(["interrupted"], 130)

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 8000))
    try:
        code = action()
    except SpecError as exc:
        fail([d.render() for d in exc.diagnostics])
    except (OutputError, ConfigError) as exc:
        fail([one_line(str(exc))])
    except OSError as exc:
        fail([one_line(f"{exc.filename or ''}: {exc.strerror or exc}")])
    except KeyboardInterrupt:
        fail(["interrupted"], 130)
    except (RecursionError, MemoryError) as exc:
        fail(
            [
                f"the spec is too large or too deeply nested to process ({type(exc).__name__})"
            ]
        )
    except Exception as exc:  # a bug: still one line, but a distinct exit code
        fail([f"internal error: {type(exc).__name__}: {one_line(str(exc))}"], INTERNAL)
    sys.exit(code)


def remote_options(command: Callable[..., None]) -> Callable[..., None]:
    """`--allow-remote PREFIX` (repeatable) and `--refresh-remote`."""
    command = click.option(
        "--refresh-remote",
        is_flag=True,
        help="Fetch allowed remote documents again instead of using the cache.",
    )(command)
    return click.option(
        "--allow-remote",
        "allow_remote",
        multiple=True,
        metavar="PREFIX",
        help="Allow remote $refs (and a SPEC URL) under this URL prefix (repeatable).",
    )(command)


def stop_on_sigterm() -> None:
    """SIGTERM ends the command as Ctrl-C does: temporary files removed, one line, exit 130."""
    import signal

    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, signal.default_int_handler)


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
    if ctx.invoked_subcommand is None:
        guarded(lambda: run_jobs(job_name, quiet, verbose))


def run_jobs(job_name: str | None, quiet: bool, verbose: bool = False) -> int:
    from .config import load_jobs
    from .pipeline import generate, job_request, select_jobs

    for job in select_jobs(load_jobs(), job_name):
        request = job_request(job)
        produced: list[Any] = []
        summary, warnings = generate(request, produced)
        report(warnings, quiet)
        if verbose:
            list_files(summary)
        if not quiet:
            click.echo(f"{job.output}: {summary.line()}", err=True)
        if job.site:
            site(request, "", "", quiet, produced)
    return OK


def list_files(summary: Any) -> None:
    for note in summary.notes:
        click.echo(f"modelgen: note: {note}", err=True)
    for path in summary.written:
        click.echo(f"wrote {path}", err=True)
    for path in summary.removed:
        click.echo(f"removed {path}", err=True)


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
    " default: 3.10, or the oldest the target supports.",
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
        from .pipeline import Request, generate as run
        from .watch import watch

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


def fix_command(spec: str | None, output: str | None, job: str | None) -> str:
    """The command that brings the checked output up to date."""
    import shlex

    if spec:
        return f"modelgen generate {shlex.quote(spec)} --output {shlex.quote(output or '')}"
    return f"modelgen --job {shlex.quote(job)}" if job else "modelgen"


@main.command()
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


@main.command()
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


@main.command()
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
