"""A model library against the pydantic target, on the same spec and payloads.

    python bench/targets.py [--target msgspec] [--spec SPEC] [--model NAME] [--runs N]

For each target (pydantic, then the one given):
- cold generation: `modelgen generate SPEC` into an empty folder with an empty
  cache (median of N runs);
- `from PKG.models import MODEL` in a fresh interpreter (median of N);
- decode: JSON bytes of the docs' example payloads → objects
  (`Model.from_json(bytes)`), over the payloads both targets accept; the
  median of N rounds, each round decoding every payload 20 times.
Prints one table with the ratio of each figure (target / pydantic).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPEC = ROOT.parent / "shared" / "specs" / "openai" / "openai-2026-08.yaml"
sys.path.insert(0, str(ROOT / "bench"))
from imports import example_payloads, median_seconds  # noqa: E402

IMPORT_ONE = """
import time
t = time.perf_counter()
from {package}.models import {model}
print(time.perf_counter() - t)
"""

ACCEPTED = """
import importlib, json
mod = importlib.import_module({module!r})
ok = []
for name, payload in json.load(open({payloads!r})).items():
    try:
        getattr(mod, name).from_json(json.dumps(payload).encode())
        ok.append(name)
    except Exception:
        pass
print(json.dumps(sorted(ok)))
"""

DECODE = """
import importlib, json, statistics, time
mod = importlib.import_module({module!r})
payloads = json.load(open({payloads!r}))
pairs = [(getattr(mod, n).from_json, json.dumps(p).encode()) for n, p in payloads.items()]
for decode, data in pairs:  # warm up: types resolved, decoders built
    decode(data)
rounds = []
for _ in range({runs}):
    t = time.perf_counter()
    for _ in range(20):
        for decode, data in pairs:
            decode(data)
    rounds.append(time.perf_counter() - t)
print(statistics.median(rounds))
"""


def run_py(code: str, cwd: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-1500:])
    return result.stdout.strip().splitlines()[-1]


def generate(spec: Path, out: Path, target: str, cache: Path) -> float:
    """Seconds of one cold `modelgen generate` (empty output folder and cache)."""
    env = dict(os.environ, MODELGEN_CACHE_DIR=str(cache))
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "modelgen", "generate", str(spec), "-o", str(out)]
        + ["--target", target, "-q"],
        check=True,
        env=env,
        capture_output=True,
    )
    return time.perf_counter() - start


def cold_generation(
    spec: Path, targets: list[str], work: Path, runs: int
) -> dict[str, float]:
    """Median seconds of each target's cold generation, the targets taking
    turns (a machine whose load changes weighs on both alike)."""
    times: dict[str, list[float]] = {t: [] for t in targets}
    for run in range(runs):
        for target in targets:
            base = work / f"gen-{target}-{run}"
            out = base / f"pkg_{target}"
            times[target].append(generate(spec, out, target, base / "cache"))
    return {t: statistics.median(found) for t, found in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", default="msgspec")
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC)
    parser.add_argument("--model", default="RealtimeSessionCreateRequest")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    targets = ["pydantic", args.target]
    rows: dict[str, dict[str, float]] = {t: {} for t in targets}
    with tempfile.TemporaryDirectory(prefix="bench-targets-") as tmp:
        work = Path(tmp)
        print(f"cold generation x{args.runs}", file=sys.stderr)
        cold = cold_generation(args.spec, targets, work, args.runs)
        for target in targets:
            rows[target]["cold"] = cold[target]
            rows[target]["import"] = median_seconds(
                IMPORT_ONE.format(package=f"pkg_{target}", model=args.model),
                work / f"gen-{target}-0",
                args.runs,
            )
        payloads = example_payloads(work / "gen-pydantic-0" / "pkg_pydantic")
        path = work / "payloads.json"
        path.write_text(json.dumps(payloads))
        for target in targets:
            module = f"pkg_{target}.models"
            code = ACCEPTED.format(module=module, payloads=str(path))
            accepted = set(json.loads(run_py(code, work / f"gen-{target}-0")))
            payloads = {n: p for n, p in payloads.items() if n in accepted}
        path.write_text(json.dumps(payloads))
        for target in targets:
            print(f"{target}: decode {len(payloads)} payloads", file=sys.stderr)
            code = DECODE.format(
                module=f"pkg_{target}.models", payloads=str(path), runs=args.runs
            )
            rows[target]["decode"] = float(run_py(code, work / f"gen-{target}-0"))
    print(render(args, rows, len(payloads)))
    return 0


def render(args: argparse.Namespace, rows: dict[str, dict[str, float]], n: int) -> str:
    base, other = rows["pydantic"], rows[args.target]
    lines = [
        f"spec {args.spec.name}, medians of {args.runs} runs; "
        f"decode: {n} docs example payloads x 20 per round",
        f"{'':<34}{'pydantic':>12}{args.target:>12}{'ratio':>10}",
    ]
    labels = {
        "cold": "cold generation (s)",
        "import": f"import {args.model} (ms)",
        "decode": "decode JSON bytes, one round (ms)",
    }
    for key, label in labels.items():
        scale = 1 if key == "cold" else 1000
        a, b = base[key] * scale, other[key] * scale
        lines.append(f"{label:<34}{a:>12.2f}{b:>12.2f}{b / a:>9.2f}x")
    speedup = base["decode"] / other["decode"]
    lines.append(f"decode speed-up of {args.target} over pydantic: {speedup:.1f}x")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
