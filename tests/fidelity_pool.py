"""Instances of many components at once: one forked process per component,
`workers` at a time, each component's result cached in its own file.

A component's instances depend only on the spec, the parameters and the
harness (its Hypothesis run is derandomized), never on the order or the
number of workers, so a run that is interrupted resumes where it stopped
and the same cache serves any `--limit`. `draw_valid` bounds the drawing
by its own timeout; a component whose process outlives `hard_limit`
(a draw stuck where the alarm cannot reach it) is killed and recorded as
having no instances, like a component the generator cannot serve.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

Entry = dict[str, Any]  # {"cases": [...], "unsupported": str | None, "seconds": float}
POLL = 0.05  # seconds between looks at the running processes


def entry_path(folder: Path, component: str) -> Path:
    """The cache file of one component (names may hold any character)."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", component)[:80]
    digest = hashlib.sha256(component.encode()).hexdigest()[:10]
    return folder / f"{safe}-{digest}.json"


def read_entry(path: Path) -> Entry | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # missing or damaged: made again
    return data if isinstance(data, dict) and "cases" in data else None


def write_entry(path: Path, entry: Entry) -> None:
    temp = path.with_name(path.name + f".{os.getpid()}.tmp")
    temp.write_text(json.dumps(entry, ensure_ascii=True), encoding="utf-8")
    os.replace(temp, path)


def _child(make: Callable[[str], Entry], component: str, path: str) -> None:
    write_entry(Path(path), make(component))


def run(
    make: Callable[[str], Entry],
    components: list[str],
    folder: Path | None,
    workers: int = 1,
    hard_limit: float = 300.0,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Entry]:
    """component → entry for every component, made by `make(component)` in a
    forked process unless `folder` already holds it."""
    if folder is None:
        with tempfile.TemporaryDirectory(prefix="fidelity-pool-") as tmp:
            return run(make, components, Path(tmp), workers, hard_limit, progress)
    folder.mkdir(parents=True, exist_ok=True)
    done: dict[str, Entry] = {}
    pending = []
    for component in components:
        cached = read_entry(entry_path(folder, component))
        if cached is None:
            pending.append(component)
        else:
            done[component] = cached
    if pending and progress is not None:
        progress(f"{len(done)} components cached, {len(pending)} to make")
    context = multiprocessing.get_context("fork")
    running: dict[str, tuple[Any, float]] = {}
    made = 0
    start = time.monotonic()
    while pending or running:
        while pending and len(running) < max(1, workers):
            component = pending.pop(0)
            path = str(entry_path(folder, component))
            process = context.Process(target=_child, args=(make, component, path))
            process.start()
            running[component] = (process, time.monotonic())
        time.sleep(POLL)
        for component, (process, began) in list(running.items()):
            spent = time.monotonic() - began
            if process.is_alive() and spent <= hard_limit:
                continue
            if process.is_alive():
                process.kill()
            process.join()
            del running[component]
            path = entry_path(folder, component)
            entry = read_entry(path)
            if entry is None:  # killed, or the process died
                why = (
                    f"no instances: stopped after {hard_limit:.0f} s"
                    if spent > hard_limit
                    else f"no instances: the process failed (exit {process.exitcode})"
                )
                entry = {"cases": [], "unsupported": why, "seconds": round(spent, 2)}
                write_entry(path, entry)
            done[component] = entry
            made += 1
            if progress is not None and made % 50 == 0:
                progress(
                    f"{made} made, {len(pending)} to go "
                    f"({time.monotonic() - start:.0f} s, {workers} workers)"
                )
    return {component: done[component] for component in components}
