"""`modelgen check`: is the output on disk what the generator makes now?"""

from __future__ import annotations

import difflib
import json
import os
from typing import Any

import click

from .config import ConfigError, Job, load_jobs
from .fastpath import up_to_date
from .pipeline import Request, produce
from .write import (
    MANIFEST,
    MARKER,
    current_bytes,
    encode,
    read_manifest,
    safe_path,
    sha256,
)


def findings(request: Request) -> list[dict[str, str]]:
    """What differs between the output on disk and what would be generated."""
    if up_to_date(request.spec, request.output, request.options()):
        return []
    result = produce(request)
    blobs = encode(result.files)
    manifest = read_manifest(request.output) or {}
    recorded = manifest.get("outputs", {})
    found: list[dict[str, str]] = []
    if os.path.exists(os.path.join(request.output, MARKER)):
        found.append(
            {
                "status": "INCOMPLETE",
                "path": MARKER,
                "detail": "a previous run was interrupted",
            }
        )
    if not manifest:
        found.append({"status": "MISSING", "path": MANIFEST, "detail": "no manifest"})
    differing = []
    for rel, data in sorted(blobs.items()):
        have = current_bytes(safe_path(request.output, rel))
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
        if os.path.isfile(os.path.join(request.output, rel)):
            found.append({"status": "STALE", "path": rel})
    toolchain = _toolchain_change(manifest, result.meta)
    if toolchain and not any(
        f["status"] in ("MISSING", "STALE", "INCOMPLETE") for f in found
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


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _toolchain_change(manifest: dict[str, Any], meta: dict[str, Any]) -> str:
    if not manifest:
        return ""
    parts = [
        f"{key} {manifest.get(key)!r} recorded, {meta[key]!r} now"
        for key in ("tool", "formatter", "templates")
        if manifest.get(key) != meta[key]
    ]
    return "; ".join(parts)


def requests(template: Request, job_name: str | None) -> list[Request]:
    if template.spec:
        if not template.output:
            raise ConfigError("check SPEC needs --output DIR")
        return [template]
    jobs: list[Job] = [j for j in load_jobs() if job_name in (None, j.name)]
    if not jobs:
        raise ConfigError(f"no job named {job_name!r} in [tool.modelgen]")
    return [
        Request(
            j.spec,
            j.output,
            j.schemas,
            j.docs,
            operations=j.operations,
            allow_remote=j.allow_remote,
            python_version=j.python_version,
            link_base=j.link_base,
        )
        for j in jobs
    ]


def run_check(template: Request, job_name: str | None, diff: bool, fmt: str) -> int:
    everything = []
    for request in requests(template, job_name):
        for item in findings(request):
            everything.append(dict(item, output=request.output))
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
                "The output was written by a different modelgen, template or black version; "
                "regenerate with this toolchain (or install the recorded one) to update it."
            )
    return 1 if everything else 0
