#!/usr/bin/env python3
"""Static fidelity of `--target typeddict`: do valid instances type-check?

The fidelity harness's valid instances (tests/fidelity_spec.py: made by
hypothesis-jsonschema, judged by jsonschema, cached) are written as typed
assignments, `x: Model = {...}`, one line each, into one module next to the
generated package; `mypy` then reports the lines it rejects. Each rejected
instance gets a bucket from mypy's error code; `--update-gaps` lists them
per component, with the reason of each bucket, in
tests/fidelity_gaps_typeddict.json.

Usage: .venv/bin/python bench/typeddict_fidelity.py [SPEC ...] [--limit N]
           [--examples N] [--timeout S] [--update-gaps] [--json FILE]
SPEC defaults to both OpenAI specs of ../shared/specs/openai.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))  # the harness and its helper modules
sys.path.insert(0, str(REPO))


def _harness() -> Any:
    """tests/fidelity.py, loaded by path (bench/ has a fidelity.py too)."""
    spec = importlib.util.spec_from_file_location(
        "fidelity_harness", REPO / "tests" / "fidelity.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fidelity_harness"] = module
    spec.loader.exec_module(module)
    return module


harness = _harness()
from modelgen.render.filters import pyrepr  # noqa: E402

OPENAI = REPO.parent / "shared" / "specs" / "openai"
GAPS_FILE = REPO / "tests" / "fidelity_gaps_typeddict.json"
PACKAGE = "tdpkg"

# mypy's complaint → (bucket, why the schema's valid value is not expressible).
BUCKETS = [
    (
        "typeddict-unknown-key",
        "extra-key",
        "an open object: valid JSON may carry properties the schema does not "
        "name; a TypedDict lists every key (typed extra keys, PEP 728, are not "
        "in mypy yet)",
    ),
    (
        "Missing key",
        "missing-key",
        "a key required by one part of the schema (allOf with a union, presence "
        "rules) but not by the type the value was checked against",
    ),
    (
        "",
        "type",
        "a value the schema allows but the annotation does not (e.g. an "
        "intersection of a union and an object, which Python types cannot say)",
    ),
]
LINE = re.compile(r"^check\.py:(\d+): error: (.*?)(?:  \[([\w-]+)\])?$")


def bucket(message: str, code: str) -> str:
    for marker, name, _ in BUCKETS:
        if marker and (marker == code or marker in message):
            return name
    return "type"


def generate(spec: Path, out: Path) -> None:
    argv = [sys.executable, "-m", "modelgen", "generate", str(spec)]
    argv += ["--output", str(out), "--target", "typeddict", "--no-docs"]
    result = subprocess.run(argv + ["--force", "-q"], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"modelgen failed on {spec.name}: {result.stderr[-2000:]}")


def measure(prepared: Any, workdir: Path) -> dict[str, Any]:
    """{"valid": n, "typed": n, "gaps": {component: {bucket: first message}}}."""
    generate(prepared.spec, workdir / PACKAGE)
    targets = harness.modelgen_targets(prepared.spec)
    cases = [c for c in prepared.cases if c.valid and c.component in targets]
    names = sorted({targets[c.component][1] for c in cases})
    lines = [f"from {PACKAGE}.models import {name}" for name in names]
    first = len(lines) + 1
    for index, case in enumerate(cases):
        model = targets[case.component][1]
        lines.append(f"value_{index}: {model} = {pyrepr(case.instance)}")
    (workdir / "check.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--strict"]
        + ["--hide-error-context", "--no-error-summary", "--show-error-codes"]
        + ["--cache-dir", str(workdir / ".mypy"), "check.py"],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    gaps: dict[str, dict[str, str]] = {}
    rejected: set[int] = set()
    for line in result.stdout.splitlines():
        match = LINE.match(line)
        if not match:
            continue
        index = int(match.group(1)) - first
        if 0 <= index < len(cases):
            rejected.add(index)
            found = gaps.setdefault(cases[index].component, {})
            kind = bucket(match.group(2), match.group(3) or "")
            found.setdefault(kind, match.group(2)[:300])
    return {"valid": len(cases), "typed": len(cases) - len(rejected), "gaps": gaps}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("specs", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--examples", type=int, default=20)
    parser.add_argument("--per-instance", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--update-gaps", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    specs = args.specs or [
        OPENAI / "openai-2024-12-18.yaml",
        OPENAI / "openai-2026-08.yaml",
    ]
    results: dict[str, Any] = {}
    for spec in specs:
        start = time.monotonic()
        prepared = harness.prepare(
            spec,
            args.limit,
            args.examples,
            args.per_instance,
            args.timeout,
            progress=lambda text: print(text, file=sys.stderr, flush=True),
        )
        with tempfile.TemporaryDirectory(prefix="typeddict-fidelity-") as tmp:
            found = measure(prepared, Path(tmp))
        results[spec.name] = found
        share = 100.0 * found["typed"] / max(found["valid"], 1)
        counts: dict[str, int] = {}
        for kinds in found["gaps"].values():
            for kind in kinds:
                counts[kind] = counts.get(kind, 0) + 1
        print(
            f"{spec.name}: {found['typed']}/{found['valid']} valid instances type-check "
            f"({share:.2f}%); components with gaps: {len(found['gaps'])} {counts}; "
            f"{time.monotonic() - start:.0f} s"
        )
    if args.update_gaps:
        listed = {
            "reasons": {name: why for _, name, why in BUCKETS},
            **{
                spec: {
                    component: sorted(kinds)
                    for component, kinds in sorted(found["gaps"].items())
                }
                for spec, found in results.items()
            },
        }
        GAPS_FILE.write_text(json.dumps(listed, indent=1, ensure_ascii=False) + "\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
