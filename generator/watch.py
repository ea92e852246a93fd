"""`modelgen watch`: regenerate the jobs whose input files change, until Ctrl-C.

Each job runs once at the start; afterwards a job runs again when one of
its input files (the spec and every file it references, as its manifest
lists them) is saved. Each run prints one summary line; a spec with errors
prints them and the watch goes on. File events come from the `watchfiles`
library, an optional extra: `pip install 'modelgen[watch]'`.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Callable

from .config import ConfigError
from .diagnostics import SpecError
from .pipeline import Request, generate
from .write import read_manifest

Echo = Callable[[str], None]


class WatchError(ConfigError):
    """Watching cannot start (no watchable spec file, or the extra is missing)."""


def inputs_of(request: Request) -> set[str]:
    """Real paths of the job's input files: the spec and what its manifest lists."""
    spec = os.path.realpath(request.spec)
    found = {spec}
    manifest = read_manifest(request.output) or {}
    listed = manifest.get("inputs")
    for rel in listed if isinstance(listed, dict) else {}:
        found.add(os.path.realpath(os.path.join(os.path.dirname(spec), rel)))
    return found


def run_once(request: Request, echo: Echo, verbose: bool) -> None:
    """One regeneration: its summary line, or its errors (the watch goes on)."""
    started = time.monotonic()
    try:
        summary, warnings = generate(request)
    except SpecError as exc:
        for item in exc.diagnostics:
            echo(f"modelgen: error: {item.render()}")
        echo(f"{request.output}: not regenerated ({len(exc.diagnostics)} errors)")
        return
    for item in warnings:
        echo(f"modelgen: warning: {item.render()}")
    if verbose:
        for path in summary.written:
            echo(f"wrote {path}")
        for path in summary.removed:
            echo(f"removed {path}")
    echo(f"{request.output}: {summary.line()} in {time.monotonic() - started:.2f} s")


def watch(
    requests: list[Request],
    echo: Echo,
    verbose: bool = False,
    stop: threading.Event | None = None,
) -> int:
    """Run every job, then each job again when its inputs change; 0 on Ctrl-C or `stop`."""
    for request in requests:
        if request.spec == "-" or not os.path.isfile(request.spec):
            raise WatchError(
                f"{request.spec}: watch needs a spec file in the working tree"
            )
    try:
        import watchfiles
    except ImportError:
        raise WatchError(
            "watch needs the file watcher: pip install 'modelgen[watch]'"
        ) from None
    try:
        for request in requests:
            run_once(request, echo, verbose)
        watched = {id(r): inputs_of(r) for r in requests}
        folders = sorted(
            {os.path.dirname(p) for paths in watched.values() for p in paths}
        )
        echo(
            f"watching {sum(len(p) for p in watched.values())} input files; Ctrl-C to stop"
        )
        for changes in watchfiles.watch(
            *folders,
            stop_event=stop,
            raise_interrupt=False,
            debounce=200,
            step=50,
            recursive=False,
        ):
            changed = {os.path.realpath(path) for _, path in changes}
            for request in requests:
                if watched[id(request)] & changed:
                    run_once(request, echo, verbose)
                    watched[id(request)] = inputs_of(request)
    except KeyboardInterrupt:
        pass
    echo("modelgen: watch stopped")
    return 0
