#!/usr/bin/env python3
"""Fidelity of modelgen and datamodel-code-generator on the same instances, side by side.

The harness of tests/fidelity.py: per spec, valid instances from
hypothesis-jsonschema and invalid ones by mutation (jsonschema decides
which is which) are generated once, then fed to

  modelgen           Model.from_dict(x).to_dict()
  datamodel-codegen  Model.model_validate(x).model_dump(mode="json", by_alias=True, exclude_unset=True)
                     (generated with --input-file-type openapi
                      --output-model-type pydantic_v2.BaseModel; classes named after components)

A valid instance must come back unchanged, an invalid one must raise.

Usage: .venv/bin/python bench/fidelity.py [SPEC ...] [--limit N] [--examples N]
           [--per-instance N] [--timeout S] [--json FILE] [--examples-per-bucket N]
           [--workers N] [--update-gaps]
SPEC defaults to both OpenAI specs of ../shared/specs/openai. Runs one
process at a time. Needs the test dependencies (hypothesis-jsonschema,
jsonschema) and the datamodel-codegen venv in .peers/dcg (`make peers`).
"""

from __future__ import annotations

import argparse
import ast
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


def _harness() -> Any:
    """tests/fidelity.py, loaded by path: this script is also named fidelity.py."""
    spec = importlib.util.spec_from_file_location(
        "fidelity_harness", REPO / "tests" / "fidelity.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fidelity_harness"] = module
    spec.loader.exec_module(module)
    return module


harness = _harness()
TARGET_VALID, TARGET_INVALID = harness.TARGET_VALID, harness.TARGET_INVALID

OPENAI = REPO.parent / "shared" / "specs" / "openai"
DCG_BIN = REPO / ".peers" / "dcg" / "bin"  # --peers-dir sets it


def dcg_generate(spec: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    argv = [
        str(DCG_BIN / "datamodel-codegen"),
        "--input",
        str(spec),
        "--input-file-type",
        "openapi",
        "--output-model-type",
        "pydantic_v2.BaseModel",
        "--output",
        str(out / "models.py"),
    ]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise RuntimeError(
            f"datamodel-codegen failed on {spec.name}: {result.stderr[-3000:]}"
        )


def dcg_targets(models_py: Path, components: list[str]) -> dict[str, list[str]]:
    """component → ["", class]: the class named after the component (as the brief says dcg does)."""
    tree = ast.parse(models_py.read_text(encoding="utf-8"))
    classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    found = {}
    for component in components:
        names = [component]
        if not re.search(
            r"[^0-9A-Za-z]\d+$", component
        ):  # "X-2" becomes X2 or X21...: ambiguous
            names.append(re.sub(r"[^0-9A-Za-z]", "", component))
        for name in names:
            if name in classes and (name == component or name not in components):
                found[component] = ["", name]
                break
    return found


def measure_dcg(prepared: Any, workdir: Path) -> Any:
    out = workdir / "dcg"
    dcg_generate(prepared.spec, out)
    targets = dcg_targets(out / "models.py", list(prepared.defs))
    return harness.measure(
        "datamodel-codegen",
        prepared,
        str(DCG_BIN / "python"),
        "pydantic",
        out,
        "models",
        targets,
        skip_unmapped=True,
    )


def table(rows: list[tuple[str, Any, Any]]) -> str:
    head = f"{'spec':<26} {'instances':>16}  {'modelgen':>9}  {'datamodel-codegen':>17}  target"
    lines = [head, "-" * len(head)]
    for spec, ours, theirs in rows:
        valid = f"{theirs.valid_pct:>16.2f}%" if theirs else f"{'n/a':>17}"
        invalid = f"{theirs.invalid_pct:>16.2f}%" if theirs else f"{'n/a':>17}"
        lines.append(
            f"{spec:<26} {'valid ' + str(ours.valid_total):>16}  {ours.valid_pct:>8.2f}%  "
            f"{valid}  >= {TARGET_VALID}%  (round-trip unchanged)"
        )
        lines.append(
            f"{'':<26} {'invalid ' + str(ours.invalid_total):>16}  {ours.invalid_pct:>8.2f}%  "
            f"{invalid}  >= {TARGET_INVALID}%  (rejected)"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("specs", nargs="*", type=Path)
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="components per spec (spread evenly); default all",
    )
    parser.add_argument(
        "--examples", type=int, default=20, help="valid instances per component"
    )
    parser.add_argument(
        "--per-instance", type=int, default=2, help="invalid mutants per valid instance"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="seconds of instance generation per component",
    )
    parser.add_argument("--examples-per-bucket", type=int, default=1)
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="processes making instances (one component each; cached per component)",
    )
    parser.add_argument(
        "--json", type=Path, help="write both tools' results (with every failure) here"
    )
    parser.add_argument(
        "--peers-dir",
        type=Path,
        default=REPO / ".peers",
        help="folder of the peer venvs (datamodel-codegen in dcg/)",
    )
    parser.add_argument(
        "--target",
        default="pydantic",
        help="modelgen's model library (pydantic, msgspec, ...); the known gaps "
        "of a target other than pydantic are in tests/fidelity_gaps_<target>.json",
    )
    parser.add_argument(
        "--update-gaps",
        action="store_true",
        help="list modelgen's failures as the known gaps of these specs in tests/fidelity_gaps.json",
    )
    args = parser.parse_args()
    global DCG_BIN
    DCG_BIN = args.peers_dir.resolve() / "dcg" / "bin"
    specs = args.specs or [
        OPENAI / "openai-2024-12-18.yaml",
        OPENAI / "openai-2026-08.yaml",
    ]
    rows, dump = [], []
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
        print(
            f"{spec.name}: {len(prepared.cases)} instances for {prepared.components} components "
            f"in {time.monotonic() - start:.0f} s",
            file=sys.stderr,
        )
        with tempfile.TemporaryDirectory(prefix="fidelity-bench-") as tmp:
            ours = harness.measure_modelgen(prepared, Path(tmp), args.target)
            try:
                theirs = measure_dcg(prepared, Path(tmp))
            except (
                RuntimeError,
                OSError,
            ) as exc:  # e.g. Swagger 2.0, which it does not read as openapi
                print(
                    f"datamodel-codegen on {spec.name}: not measured: {str(exc).splitlines()[-1]}\n"
                )
                theirs = None
        rows.append((spec.name, ours, theirs))
        for result in (ours, theirs):
            if result is not None:
                dump.append(harness.to_json(result))
                print(harness.summary(result, args.examples_per_bucket) + "\n")
    print(table(rows))
    if args.update_gaps:
        harness.save_gaps([ours for _, ours, _ in rows], args.target)
    if args.json:
        args.json.write_text(
            json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
