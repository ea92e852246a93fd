"""The change report of the last regeneration, kept in the output's state folder.

With change tracking on (`generate --changes`, the `changes = true` job
option, and whenever the docs site is built: `site = true`, `docs --site`),
a run that writes an output also keeps, in its state folder `.modelgen/`, a
copy of the spec files the output was made from (`spec/`, listed with their
sha256 in `spec.json`). A later run made from other inputs first compares
that copy with the new spec (the `changes` command's Markdown report) and
keeps the report in `changes.json`, then copies the new spec. The docs site
shows the report as its "Changes" page while it was made for the inputs the
output's manifest records. Both are run state, not output: the manifest,
`check` and the removal of stale files leave them alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from typing import Any

from .atomic import atomic_write
from .state import META_DIR, output_lock, read_json, read_manifest

COPY = f"{META_DIR}/spec"
COPY_INDEX = f"{META_DIR}/spec.json"
REPORT = f"{META_DIR}/changes.json"
LOCK = f"{META_DIR}/lock"


def _sha256(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def _inputs(output: str) -> dict[str, str]:
    """The spec files (relative to the spec's folder) → sha256, as the manifest has them."""
    inputs = (read_manifest(output) or {}).get("inputs")
    if not isinstance(inputs, dict):
        return {}
    return {k: v for k, v in sorted(inputs.items()) if isinstance(v, str)}


def _place(rel: str, depth: int) -> str:
    """Where the copy keeps an input: under `depth` folders, so `../` stays inside."""
    return os.path.normpath(os.path.join(*(["up"] * depth), rel))


def _copy(output: str) -> dict[str, Any] | None:
    """The kept copy's index, when every file in it has the recorded sha256."""
    index = read_json(os.path.join(output, COPY_INDEX))
    if not isinstance(index, dict) or not isinstance(index.get("inputs"), dict):
        return None
    base = os.path.join(output, COPY)
    for rel, sha in index["inputs"].items():
        if _sha256(os.path.join(base, _place(rel, index["depth"]))) != sha:
            return None
    return index


def track(spec: str, output: str, operations: bool = False) -> list[str]:
    """After a run wrote `output` from `spec`: the report and the copy brought up to date."""
    inputs = _inputs(output)
    if not inputs or not os.path.isfile(spec):
        return [f"{spec}: the change report needs a spec file; none kept"]
    kept = _copy(output)
    if kept is not None and kept["inputs"] == inputs:
        return []
    folder = os.path.dirname(os.path.realpath(spec))
    if any(_sha256(os.path.join(folder, r)) != s for r, s in inputs.items()):
        return [f"{spec}: changed while it was read; the change report was not kept"]
    with output_lock(output, os.path.join(output, LOCK)):
        if kept is not None:
            old = os.path.join(output, COPY, _place(kept["main"], kept["depth"]))
            report = _report(old, spec, operations)
            data = {
                "old": kept["name"],
                "from": kept["inputs"],
                "to": inputs,
                "report": report,
            }
            text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)
            atomic_write(os.path.join(output, REPORT), (text + "\n").encode("utf-8"))
        _keep_copy(spec, output, inputs)
    return []


def _report(old: str, new: str, operations: bool) -> str:
    from .changes.command import Options, run

    report, _, _ = run(Options(old, new, "markdown", operation_models=operations))
    return report


def _keep_copy(spec: str, output: str, inputs: dict[str, str]) -> None:
    base = os.path.join(output, COPY)
    real = os.path.realpath(spec)
    depth = max(rel.replace(os.sep, "/").split("/").count("..") for rel in inputs)
    index = os.path.join(output, COPY_INDEX)
    if os.path.lexists(index):
        os.unlink(index)  # no index while the copy is incomplete
    shutil.rmtree(base, ignore_errors=True)
    for rel in inputs:
        target = os.path.join(base, _place(rel, depth))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(os.path.dirname(real), rel), target)
    data = {
        "main": os.path.basename(real),
        "name": os.path.basename(spec),
        "depth": depth,
        "inputs": inputs,
    }
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)
    atomic_write(index, (text + "\n").encode("utf-8"))


def last_report(output: str) -> tuple[str, str] | None:
    """(the earlier spec's file name, the Markdown report) of the output's last
    regeneration, while the output is still the one the report was made for."""
    data = read_json(os.path.join(output, REPORT))
    if not isinstance(data, dict) or data.get("to") != _inputs(output):
        return None
    old, report = data.get("old"), data.get("report")
    if not (isinstance(old, str) and isinstance(report, str)) or not data["to"]:
        return None
    return old, report
