"""What every command shares: exit codes, one-line errors, the remote options,
the jobs of [tool.modelgen] and the file listing."""

from __future__ import annotations

import sys
from typing import Any, Callable, NoReturn

import click

from .siteopts import site
from .terminal import report

OK, DRIFT, BAD_INPUT, INTERNAL = 0, 1, 2, 3


def fail(lines: list[str], code: int = BAD_INPUT) -> NoReturn:
    for line in lines:
        click.echo(f"modelgen: error: {line}", err=True)
    sys.exit(code)


def collect_rarely() -> None:
    """For the process the command line runs in: the cyclic garbage collector
    runs a hundred times less often. A run builds many objects that live until
    it ends, and the collector walked them again and again (a quarter of a
    cold run's CPU on a big spec); what a run frees, reference counting frees.
    A library call leaves the process's settings alone."""
    import gc

    gc.set_threshold(100_000, 50, 100)


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


def run_jobs(job_name: str | None, quiet: bool, verbose: bool = False) -> int:
    from .config import load_jobs, select_jobs
    from .pipeline import generate, job_request

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


def fix_command(spec: str | None, output: str | None, job: str | None) -> str:
    """The command that brings the checked output up to date."""
    import shlex

    if spec:
        return f"modelgen generate {shlex.quote(spec)} --output {shlex.quote(output or '')}"
    return f"modelgen --job {shlex.quote(job)}" if job else "modelgen"
