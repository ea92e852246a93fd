"""Generated code in use: import time and validation throughput, against peers.

    python bench/imports.py [--spec SPEC] [--model NAME] [--baseline REV] [--runs N]

In one run, on the same spec and the same pydantic:
- modelgen (this checkout), modelgen at git revision REV (the baseline: the
  package layout before the lazy package), and datamodel-code-generator's
  single-module output (from `make peers`);
- `from PKG.models import M` for one mid-size model (median of N fresh
  interpreters); importing every model and completing its validator;
- validation throughput over the docs' example payloads (dict and JSON), on
  the models whose class name is the same in both packages.
Results are printed and appended to `bench/RESULTS.md` as a section.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_SPEC = SHARED / "specs" / "openai" / "openai-2026-08.yaml"
FENCE = re.compile(r"^```python\n(.*?)^```$", re.M | re.S)

IMPORT_ONE = """
import time, sys
t = time.perf_counter()
from {module} import {model}
print(time.perf_counter() - t)
"""

IMPORT_ALL = """
import importlib, time
t = time.perf_counter()
mod = importlib.import_module({module!r})
names = {names!r} or [n for n in dir(mod) if not n.startswith("_")]
for name in names:
    cls = getattr(mod, name)
    if hasattr(cls, "__pydantic_validator__"):
        cls.__pydantic_validator__  # the validator, built
print(time.perf_counter() - t)
"""

THROUGHPUT = """
import importlib, json, time, warnings
warnings.simplefilter("ignore")
mod = importlib.import_module({module!r})
payloads = json.load(open({payloads!r}))
pairs = [(getattr(mod, n), p, json.dumps(p)) for n, p in payloads.items()]
for cls, p, text in pairs:  # warm up, and keep only what validates
    cls.model_validate(p)
out = {{}}
for kind in ("dict", "json"):
    t = time.perf_counter(); n = 0
    while time.perf_counter() - t < 2.0:
        for cls, p, text in pairs:
            cls.model_validate(p) if kind == "dict" else cls.model_validate_json(text)
            n += 1
    out[kind] = n / (time.perf_counter() - t)
print(json.dumps(out))
"""


def run_py(code: str, cwd: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-1500:])
    return result.stdout.strip().splitlines()[-1]


def median_seconds(code: str, cwd: Path, runs: int) -> float:
    return statistics.median(float(run_py(code, cwd)) for _ in range(runs))


def generate_current(spec: Path, out: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "modelgen", "generate", str(spec), "-o", str(out), "-q"],
        check=True,
    )


def generate_baseline(rev: str, spec: Path, out: Path, scratch: Path) -> None:
    """The package as the generator at `rev` writes it (run from its sources)."""
    src = scratch / "baseline-src"
    archive = scratch / "baseline.tar"
    subprocess.run(
        ["git", "-C", str(ROOT), "archive", "-o", str(archive), rev], check=True
    )
    with tarfile.open(archive) as tar:
        tar.extractall(src, filter="data")
    # Run from its own sources: the source folder is importable as `generator`
    # at every revision (relative imports), whatever is installed.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            str(spec),
            "-o",
            str(out),
            "-q",
        ],
        cwd=src,
        capture_output=True,
        text=True,
    )
    if result.returncode == 0:
        return
    raise RuntimeError(f"baseline {rev} could not generate: {result.stderr[-500:]}")


def generate_dcg(spec: Path, out: Path) -> bool:
    exe = ROOT / ".peers" / "dcg" / "bin" / "datamodel-codegen"
    if not exe.exists():
        return False
    out.mkdir(parents=True)
    (out / "__init__.py").write_text("")
    subprocess.run(
        [str(exe), "--input", str(spec), "--input-file-type", "openapi"]
        + ["--output-model-type", "pydantic_v2.BaseModel", "--formatters", "builtin"]
        + ["--disable-timestamp", "--output", str(out / "models.py")],
        check=True,
        capture_output=True,
    )
    return True


def example_payloads(package: Path) -> dict[str, object]:
    found: dict[str, object] = {}
    for page in sorted((package / "docs").glob("*.md")):
        for code in FENCE.findall(page.read_text(encoding="utf-8")):
            match = re.search(
                r"^payload = (.*?)^instance = (\w+)\.from_dict", code, re.M | re.S
            )
            if match:
                found[match.group(2)] = eval(match.group(1), {})  # our own literal
    return found


def shared_payloads(
    payloads: dict[str, object], module: str, cwd: Path, out: Path
) -> dict[str, object]:
    """The payloads whose model (same class name) validates them in `module`."""
    out.write_text(json.dumps(payloads))
    code = (
        "import importlib, json, warnings\nwarnings.simplefilter('ignore')\n"
        f"mod = importlib.import_module({module!r})\nok = {{}}\n"
        f"for n, p in json.load(open({str(out)!r})).items():\n"
        "    cls = getattr(mod, n, None)\n"
        "    try:\n        cls.model_validate(p); ok[n] = p\n"
        "    except Exception:\n        pass\n"
        "print(json.dumps(sorted(ok)))"
    )
    names = json.loads(run_py(code, cwd))
    return {n: payloads[n] for n in names}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC)
    parser.add_argument("--model", default="RealtimeSessionCreateRequest")
    parser.add_argument("--baseline", default="df13864")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-results", action="store_true")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="modelgen-imports-"))
    try:
        generate_current(args.spec, scratch / "mg")
        generate_baseline(args.baseline, args.spec, scratch / "base", scratch)
        has_dcg = generate_dcg(args.spec, scratch / "dcg")
        packages = {"modelgen": "mg.models", f"modelgen@{args.baseline}": "base.models"}
        if has_dcg:
            packages["datamodel-codegen"] = "dcg.models"
        rows = {}
        for label, module in packages.items():
            one = median_seconds(
                IMPORT_ONE.format(module=module, model=args.model), scratch, args.runs
            )
            every = median_seconds(
                IMPORT_ALL.format(module=module, names=None),
                scratch,
                max(1, args.runs // 2),
            )
            rows[label] = {"one": one, "all": every}
        payloads = example_payloads(scratch / "mg")
        common = shared_payloads(payloads, "mg.models", scratch, scratch / "p.json")
        if has_dcg:
            common = shared_payloads(common, "dcg.models", scratch, scratch / "p.json")
        (scratch / "common.json").write_text(json.dumps(common))
        for label, module in packages.items():
            rows[label].update(
                json.loads(
                    run_py(
                        THROUGHPUT.format(
                            module=module, payloads=str(scratch / "common.json")
                        ),
                        scratch,
                    )
                )
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report = render(args, rows, len(common))
    print(report)
    if not args.no_results:
        with open(ROOT / "bench" / "RESULTS.md", "a", encoding="utf-8") as handle:
            handle.write("\n" + report)
    return 0


def render(args: argparse.Namespace, rows: dict[str, dict[str, float]], n: int) -> str:
    mine = rows["modelgen"]
    lines = [
        f"## Generated code in use ({args.spec.name}, {time.strftime('%Y-%m-%d %H:%M')} UTC)",
        "",
        f"`python bench/imports.py`: median of {args.runs} fresh interpreters; "
        f"throughput over {n} docs example payloads valid in every package.",
        "",
        f"| package | `from PKG.models import {args.model}` | import + build every model "
        "| validate dict/s | validate JSON/s |",
        "|---|---|---|---|---|",
    ]
    for label, row in rows.items():
        ratio = (
            ""
            if label == "modelgen"
            else f" (modelgen ×{mine['one'] / row['one']:.2f})"
        )
        lines.append(
            f"| {label} | {row['one']:.3f} s{ratio} | {row['all']:.2f} s "
            f"| {row['dict']:,.0f} | {row['json']:,.0f} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
