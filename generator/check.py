"""`modelgen check`: is the output on disk what the generator makes now?"""

from __future__ import annotations

import difflib
import json
import os

import click

from .config import ConfigError, Job, load_jobs
from .fastpath import up_to_date
from .pipeline import Request, produce
from .write import MANIFEST, MARKER, current_bytes, encode, read_manifest, safe_path, sha256


def findings(request: Request) -> list[dict[str, str]]:
    if up_to_date(request.spec, request.output, request.options()):
        return []
    result = produce(request)
    blobs = encode(result.files)
    manifest = read_manifest(request.output) or {}
    recorded = manifest.get("outputs", {})
    found = []
    if os.path.exists(os.path.join(request.output, MARKER)):
        found.append({"status": "INCOMPLETE", "path": MARKER, "detail": "a previous run was interrupted"})
    if not manifest:
        found.append({"status": "MISSING", "path": MANIFEST, "detail": "no manifest"})
    toolchain = manifest and (manifest.get("formatter"), manifest.get("tool")) != (result.meta["formatter"], result.meta["tool"])
    for rel, data in sorted(blobs.items()):
        have = current_bytes(safe_path(request.output, rel))
        if have is None:
            found.append({"status": "MISSING", "path": rel})
        elif have != data:
            if rel in recorded and sha256(have) != recorded[rel]:
                status = "EDITED"
            else:
                status = "TOOLCHAIN" if toolchain else "CHANGED"
            found.append({"status": status, "path": rel, "old": have.decode("utf-8", "replace"), "new": data.decode("utf-8")})
    for rel in sorted(set(recorded) - set(blobs)):
        if os.path.isfile(os.path.join(request.output, rel)):
            found.append({"status": "STALE", "path": rel})
    return found


def requests(spec: str | None, output: str | None, schemas: tuple[str, ...], docs: bool, job_name: str | None) -> list[Request]:
    if spec:
        if not output:
            raise ConfigError("check SPEC needs --output DIR")
        return [Request(spec, output, schemas, docs)]
    jobs: list[Job] = [j for j in load_jobs() if job_name in (None, j.name)]
    if not jobs:
        raise ConfigError(f"no job named {job_name!r} in [tool.modelgen]")
    return [Request(j.spec, j.output, j.schemas, j.docs) for j in jobs]


def run_check(spec: str | None, output: str | None, schemas: tuple[str, ...], docs: bool,
              job_name: str | None, diff: bool, fmt: str) -> int:
    everything = []
    for request in requests(spec, output, schemas, docs, job_name):
        for item in findings(request):
            everything.append(dict(item, output=request.output))
    if fmt == "json":
        slim = [{k: v for k, v in item.items() if k not in ("old", "new")} for item in everything]
        click.echo(json.dumps({"up_to_date": not everything, "findings": slim}, indent=2))
    else:
        for item in everything:
            click.echo(f"{item['status']}: {os.path.join(item['output'], item['path'])}")
            if diff and "old" in item:
                lines = difflib.unified_diff(item["old"].splitlines(True), item["new"].splitlines(True),
                                             f"a/{item['path']}", f"b/{item['path']}")
                click.echo("".join(lines), nl=False)
        if everything and any(i["status"] == "TOOLCHAIN" for i in everything):
            click.echo("The output was written by a different modelgen or black version; regenerate to update it.")
    return 1 if everything else 0
