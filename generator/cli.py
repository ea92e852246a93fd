"""Command line: parses options and calls the pipeline. Nothing else.

Exit codes: 0 done, 1 drift found by `check`, 2 bad input or usage.
Errors are one line each on stderr: `modelgen: error: FILE#POINTER: what`.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, NoReturn

import click

from . import __version__

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


def stop_on_sigterm() -> None:
    """SIGTERM ends the command as Ctrl-C does: temporary files removed, one line, exit 130."""
    import signal

    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, signal.default_int_handler)


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


@click.group(
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="modelgen")
@click.option(
    "--job", "job_name", help="Run only the [tool.modelgen] job with this name."
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.pass_context
def main(ctx: click.Context, job_name: str | None, quiet: bool) -> None:
    """Generate typed Python models and Markdown docs from OpenAPI schemas.

    Without a command, run the jobs of [tool.modelgen] in pyproject.toml.
    """
    if ctx.invoked_subcommand is None:
        guarded(lambda: run_jobs(job_name, quiet))


def run_jobs(job_name: str | None, quiet: bool) -> int:
    from .config import ConfigError, load_jobs
    from .pipeline import Request, generate

    jobs = [j for j in load_jobs() if job_name in (None, j.name)]
    if not jobs:
        raise ConfigError(f"no job named {job_name!r} in [tool.modelgen]")
    for job in jobs:
        summary, warnings = generate(
            Request(
                job.spec, job.output, job.schemas, job.docs, operations=job.operations
            )
        )
        report(warnings, quiet)
        if not quiet:
            click.echo(f"{job.output}: {summary.line()}", err=True)
    return OK


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
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option(
    "-v", "--verbose", is_flag=True, help="List the files written and removed."
)
def generate(
    spec: str,
    output: str,
    schemas: tuple[str, ...],
    no_docs: bool,
    force: bool,
    operation_models: bool,
    keep_going: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Write models (and docs) for SPEC into the package directory OUTPUT."""

    def action() -> int:
        from .pipeline import Request, generate as run

        summary, warnings = run(
            Request(
                spec,
                output,
                schemas,
                not no_docs,
                force,
                operations=operation_models,
                keep_going=keep_going,
                progress=progress_bar(quiet),
            )
        )
        report(warnings, quiet)
        if verbose:
            for note in summary.notes:
                click.echo(f"modelgen: note: {note}", err=True)
            for path in summary.written:
                click.echo(f"wrote {path}", err=True)
            for path in summary.removed:
                click.echo(f"removed {path}", err=True)
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
def list_models(spec: str, operation_models: bool) -> None:
    """Show each component schema with the model classes it yields."""

    def action() -> int:
        from .build import build_document
        from .diagnostics import Level, SpecError
        from .load import load_spec

        document, diagnostics = build_document(load_spec(spec), operation_models)
        errors = [d for d in diagnostics if d.level == Level.ERROR]
        if errors:
            raise SpecError(errors)
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
        )
        return run_check(template, job_name, diff, fmt)

    guarded(action)


@main.command()
@click.argument("old_spec", metavar="SPEC")
@click.argument("new_spec", metavar="SPEC")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text"
)
@click.option(
    "--fail-on-breaking", is_flag=True, help="Exit 1 when a change is breaking."
)
def changes(old_spec: str, new_spec: str, fmt: str, fail_on_breaking: bool) -> None:
    """Report what changed for the models between OLD_SPEC and NEW_SPEC."""

    def action() -> int:
        from .changes import diff_documents, load_document, render_changes

        found = diff_documents(load_document(old_spec), load_document(new_spec))
        click.echo(render_changes(found, fmt))
        return DRIFT if fail_on_breaking and any(c.breaking for c in found) else OK

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
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def docs(
    spec: str,
    output: str,
    schemas: tuple[str, ...],
    mkdocs: bool,
    package: str,
    force: bool,
    operation_models: bool,
    quiet: bool,
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
        )
        summary, warnings = run(request)
        report(warnings, quiet)
        if not quiet:
            click.echo(summary.line(), err=True)
        return OK

    guarded(action)
