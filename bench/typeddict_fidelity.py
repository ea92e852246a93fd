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
           [--examples N] [--timeout S] [--workers N] [--update-gaps] [--json FILE]
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
from modelgen.build import build_document  # noqa: E402
from modelgen.ir import TypeRef  # noqa: E402
from modelgen.load import load_spec  # noqa: E402
from modelgen.render.examples import declared_only  # noqa: E402
from modelgen.render.filters import pyrepr  # noqa: E402
from modelgen.targets.typeddict import TARGET  # noqa: E402

OPENAI = REPO.parent / "shared" / "specs" / "openai"
GAPS_FILE = REPO / "tests" / "fidelity_gaps_typeddict.json"
PACKAGE = "tdpkg"

# Why a valid instance does not type-check, by bucket.
BUCKETS = {
    "extra-key": "an open object: valid JSON may carry properties the schema does "
    "not name, and a TypedDict lists every key (typed extra keys, PEP 728, are "
    "not in mypy yet); the instance type-checks once they are left out",
    "missing-key": "a key one part of the schema requires but the type checked "
    "against does not know of (an allOf of a union and an object)",
    "null": "the component itself is nullable: null is one of its values, and a "
    "TypedDict class is no Optional (the properties that use it are `X | None`)",
    "type": "a value the schema allows but the annotation does not",
    "list-in-union": "mypy does not infer a list literal against a union of several "
    "list types (`str | list[str] | list[A | B]`) from the TypedDict items: the "
    "same value type-checks against `list[A | B]` alone",
}
LINE = re.compile(r"^check\.py:(\d+): error: (.*)$")


def bucket(message: str) -> str:
    if 'expression has type "None"' in message:
        return "null"
    if 'expression has type "list[' in message and message.count("list[") > 2:
        return "list-in-union"
    return "missing-key" if "Missing key" in message else "type"


def class_of(spec: Path) -> dict[str, str]:
    """component → class, from `modelgen list --target typeddict` (the model
    named after the component, else the last)."""
    from modelgen.naming import class_name

    argv = [sys.executable, "-m", "modelgen", "list", str(spec), "--target"]
    listing = subprocess.run(argv + ["typeddict"], capture_output=True, text=True)
    found = {}
    for line in listing.stdout.splitlines():
        component, sep, rest = line.partition(": ")
        names = re.findall(r"([A-Za-z_]\w*) \(\w+\.py\)", rest)
        if sep and names:
            named = [n for n in names if n == class_name(component)]
            found[component] = (named or names)[-1]
    return found


def mypy_rejects(workdir: Path, lines: list[str], first: int) -> dict[int, str]:
    """Line index (from `first`) → mypy's first complaint about it."""
    (workdir / "check.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--strict"]
        + ["--hide-error-context", "--no-error-summary", "--show-error-codes"]
        + ["--cache-dir", str(workdir / ".mypy"), "check.py"],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    found: dict[int, str] = {}
    for line in result.stdout.splitlines():
        match = LINE.match(line)
        if match:
            found.setdefault(int(match.group(1)) - first, match.group(2)[:300])
    return found


def generate(spec: Path, out: Path) -> None:
    argv = [sys.executable, "-m", "modelgen", "generate", str(spec)]
    argv += ["--output", str(out), "--target", "typeddict", "--no-docs"]
    result = subprocess.run(argv + ["--force", "-q"], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"modelgen failed on {spec.name}: {result.stderr[-2000:]}")


def measure(prepared: Any, workdir: Path) -> dict[str, Any]:
    """{"valid": n, "typed": n, "gaps": {component: {bucket: first message}}}.

    A rejected instance is checked again without the properties its
    TypedDicts do not declare: if that passes, its bucket is "extra-key"."""
    generate(prepared.spec, workdir / PACKAGE)
    classes = class_of(prepared.spec)
    cases = [c for c in prepared.cases if c.valid and c.component in classes]
    head = [f"from {PACKAGE}.models import {n}" for n in sorted(set(classes.values()))]
    typed = [f"{classes[c.component]} = {pyrepr(c.instance)}" for c in cases]
    rejected = mypy_rejects(
        workdir, head + [f"v{i}: {t}" for i, t in enumerate(typed)], len(head) + 1
    )
    document, _ = build_document(load_spec(str(prepared.spec)), names=TARGET.names)
    models = {m.name: m for m in document.models}
    again = sorted(i for i in rejected if 0 <= i < len(cases))
    trimmed = [
        f"v{i}: {classes[cases[i].component]} = "
        + pyrepr(
            declared_only(
                TypeRef("model", model=classes[cases[i].component]),
                cases[i].instance,
                models,
            )
        )
        for i in again
    ]
    still = mypy_rejects(workdir, head + trimmed, len(head) + 1)
    gaps: dict[str, dict[str, str]] = {}
    for position, index in enumerate(again):
        found = gaps.setdefault(cases[index].component, {})
        if position in still:
            found.setdefault(bucket(still[position]), still[position])
        else:
            found.setdefault("extra-key", rejected[index])
    return {
        "valid": len(cases),
        "typed": len(cases) - len(again),
        "typed_declared_only": len(cases) - len(still),
        "gaps": gaps,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("specs", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--examples", type=int, default=20)
    parser.add_argument("--per-instance", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
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
            progress=lambda text: print(
                f"{spec.name}: {text}", file=sys.stderr, flush=True
            ),
            workers=args.workers,
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
            f"({share:.2f}%), {found['typed_declared_only']} without undeclared "
            f"properties; components with gaps: {len(found['gaps'])} {counts}; "
            f"{time.monotonic() - start:.0f} s"
        )
    if args.update_gaps:  # the specs measured now replace their entries
        listed = json.loads(GAPS_FILE.read_text()) if GAPS_FILE.exists() else {}
        listed["reasons"] = BUCKETS
        for spec, found in results.items():
            listed[spec] = {
                component: sorted(kinds)
                for component, kinds in sorted(found["gaps"].items())
            }
        GAPS_FILE.write_text(json.dumps(listed, indent=1, ensure_ascii=False) + "\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
