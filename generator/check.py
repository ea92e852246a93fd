"""`modelgen check`: is the output on disk what the generator makes now?"""

from __future__ import annotations

import difflib
import json
import os
import sys

import click

from .config import ConfigError, load_jobs, select_jobs
from .fastpath import up_to_date
from .pipeline import Request, effective_package, job_request
from .toolchain import toolchain_change
from .write import (
    MANIFEST,
    PENDING,
    TEMP_PREFIX,
    OutputError,
    current_bytes,
    encode,
    has_pending,
    read_manifest,
    read_pending,
    safe_path,
    sha256,
)


def findings(request: Request) -> list[dict[str, str]]:
    """What differs between the output on disk and what would be generated."""
    output = request.output
    if os.path.lexists(output) and not os.path.isdir(output):
        raise OutputError(f"{output} exists and is not a directory")
    if up_to_date(request.spec, output, request.options(), effective_package(request)):
        return []
    from .produce import produce

    result = produce(request)
    blobs = encode(result.files)
    manifest = read_manifest(output) or {}
    recorded = manifest.get("outputs", {})
    found: list[dict[str, str]] = []
    if has_pending(output):
        found.append(
            {
                "status": "INCOMPLETE",
                "path": PENDING,
                "detail": "a run was interrupted or is still writing",
            }
        )
    if not manifest:
        missing = not os.path.lexists(os.path.join(output, MANIFEST))
        detail = "no manifest" if missing else "the manifest is damaged"
        found.append({"status": "MISSING", "path": MANIFEST, "detail": detail})
    differing = []
    for rel, data in sorted(blobs.items()):
        have = current_bytes(safe_path(output, rel))
        if have is None:
            found.append({"status": "MISSING", "path": rel})
        elif rel in recorded and sha256(have) != recorded[rel]:
            found.append(
                {
                    "status": "EDITED",
                    "path": rel,
                    "old": _text(have),
                    "new": _text(data),
                }
            )
        elif have != data:
            differing.append(
                {
                    "status": "CHANGED",
                    "path": rel,
                    "old": _text(have),
                    "new": _text(data),
                }
            )
    for rel in sorted(set(recorded) - set(blobs)):
        if os.path.isfile(os.path.join(output, rel)):
            found.append({"status": "STALE", "path": rel})
    found += orphans(output, set(blobs) | set(recorded))
    toolchain = toolchain_change(manifest, result.meta)
    if toolchain and not any(
        f["status"] in ("MISSING", "STALE", "INCOMPLETE", "ORPHAN") for f in found
    ):
        detail = (
            f"{toolchain}; {len(differing)} files differ only because of it"
            if differing
            else toolchain
        )
        found.append({"status": "TOOLCHAIN", "path": MANIFEST, "detail": detail})
        for item in differing:
            item["status"] = "TOOLCHAIN"
        return found + [dict(d, quiet="1") for d in differing]
    return found + differing


def orphans(output: str, expected: set[str]) -> list[dict[str, str]]:
    """Files an unfinished run may have written that are not part of the output
    (foreign files no run has touched are not), and its temporary files."""
    found = []
    for rel, foreign in sorted(read_pending(output).items()):
        if rel in expected:
            continue
        try:
            data = current_bytes(safe_path(output, rel))
        except OutputError:
            continue
        if data is not None and sha256(data) != foreign:
            found.append(
                {"status": "ORPHAN", "path": rel, "detail": "left by an unfinished run"}
            )
    if has_pending(output):
        for directory, _, names in os.walk(output):
            for name in sorted(n for n in names if n.startswith(TEMP_PREFIX)):
                rel = os.path.relpath(os.path.join(directory, name), output)
                found.append(
                    {"status": "ORPHAN", "path": rel, "detail": "a temporary file"}
                )
    return found


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def requests(template: Request, job_name: str | None) -> list[Request]:
    if template.spec:
        if not template.output:
            raise ConfigError("check SPEC needs --output DIR")
        return [template]
    return [job_request(j) for j in select_jobs(load_jobs(), job_name)]


def run_check(template: Request, job_name: str | None, diff: bool, fmt: str) -> int:
    everything = []
    for request in requests(template, job_name):
        for item in findings(request):
            everything.append(dict(item, output=request.output))
    try:
        show(everything, diff, fmt)
    except BrokenPipeError:  # `check | head`: the verdict is still the exit code
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 1 if everything else 0


def show(everything: list[dict[str, str]], diff: bool, fmt: str) -> None:
    if fmt == "json":
        slim = [
            {k: v for k, v in item.items() if k not in ("old", "new", "quiet")}
            for item in everything
        ]
        click.echo(
            json.dumps({"up_to_date": not everything, "findings": slim}, indent=2)
        )
    else:
        for item in everything:
            if item.get("quiet") and not diff:
                continue
            detail = f" ({item['detail']})" if item.get("detail") else ""
            click.echo(
                f"{item['status']}: {os.path.join(item['output'], item['path'])}{detail}"
            )
            if diff and "old" in item:
                lines = difflib.unified_diff(
                    item["old"].splitlines(True),
                    item["new"].splitlines(True),
                    f"a/{item['path']}",
                    f"b/{item['path']}",
                )
                click.echo("".join(lines), nl=False)
        if everything and any(i["status"] == "TOOLCHAIN" for i in everything):
            click.echo(
                "The output was written by a different modelgen, template, library, black "
                "or Python version; "
                "regenerate with this toolchain (or install the recorded one) to update it."
            )
    sys.stdout.flush()
