"""Every target in one run: cold generation, import of one model, decoding.

    python bench/targets.py [--runs N] [--quick]

For each target of `modelgen.targets.TARGETS`, on the same machine and in
the same run:
- cold generation (models and docs, empty cache) of the OpenAI 2024-12-18
  and 2026-08 specs, median of N runs, and its ratio to the pydantic target;
- `from PKG.models import M` for one mid-size model of 2026-08, median of
  fresh interpreters;
- decoding JSON bytes into model objects (`Model.from_json`) over the docs'
  example payloads of the pydantic package: the payloads every target
  accepts, the same for all, objects per second and the ratio to pydantic.
Results are printed and appended to `bench/RESULTS.md` as a section.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from imports import example_payloads, median_seconds, run_py  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OPENAI = ROOT.parent / "shared" / "specs" / "openai"
SPECS = ("openai-2024-12-18.yaml", "openai-2026-08.yaml")
MODEL = "RealtimeSessionCreateRequest"

IMPORT_ONE = """
import time
t = time.perf_counter()
from {package}.models import {model}
print(time.perf_counter() - t)
"""

DECODE = """
import importlib, json, time, warnings
warnings.simplefilter("ignore")
mod = importlib.import_module({module!r})
names = json.load(open({names!r}))
payloads = json.load(open({payloads!r}))
pairs = [(getattr(mod, n), json.dumps(payloads[n]).encode()) for n in names]
if pairs and not hasattr(pairs[0][0], "from_json"):  # no runtime decoding
    print("null"); raise SystemExit
ok = []
for cls, data in pairs:
    try:
        cls.from_json(data); ok.append((cls, data))
    except Exception:
        pass
if {count_only}:
    print(json.dumps([c.__name__ for c, _ in ok])); raise SystemExit
t = time.perf_counter(); n = 0
while time.perf_counter() - t < 2.0:
    for cls, data in ok:
        cls.from_json(data)
        n += 1
print(n / (time.perf_counter() - t))
"""


def targets() -> list[str]:
    from modelgen.targets import TARGETS

    return list(TARGETS)


def decoders() -> list[str]:
    """The targets with runtime decoding (`Model.from_json`)."""
    from modelgen.targets import get

    return [name for name in targets() if get(name).runtime]


def generate(spec: Path, out: Path, target: str, cache: Path) -> float:
    env = dict(os.environ, MODELGEN_CACHE_DIR=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: see benchtools.Tool.env
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "modelgen", "generate", str(spec), "-o", str(out)]
        + ["--target", target, "-q", "--force"],
        check=True,
        env=env,
    )
    return time.perf_counter() - start


def cold(spec: Path, target: str, scratch: Path, runs: int) -> tuple[float, Path]:
    times = []
    for index in range(runs):
        out = scratch / f"{target}_{spec.stem.replace('-', '_')}_{index}"
        times.append(generate(spec, out, target, scratch / f"cache-{target}-{index}"))
    return statistics.median(times), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one run each")
    args = parser.parse_args(argv)
    import compileall

    import modelgen

    # compiled once, as `pip install` leaves them: no run pays for compiling
    compileall.compile_dir(os.path.dirname(modelgen.__file__), quiet=1)
    runs = 1 if args.quick else args.runs
    rows: dict[str, dict[str, float | int]] = {}
    with tempfile.TemporaryDirectory(prefix="mg-targets-") as tmp:
        scratch = Path(tmp)
        packages: dict[str, Path] = {}
        for target in targets():
            row = rows.setdefault(target, {})
            for name in SPECS:
                seconds, out = cold(OPENAI / name, target, scratch, runs)
                row[name] = seconds
                packages[target] = out  # the 2026-08 package, last
            code = IMPORT_ONE.format(package=packages[target].name, model=MODEL)
            row["import"] = median_seconds(code, scratch, max(runs, 5))
        payload_file = scratch / "payloads.json"
        payload_file.write_text(json.dumps(example_payloads(packages["pydantic"])))
        names = set(json.loads(payload_file.read_text()))
        for target in decoders():
            names_file = scratch / "names.json"
            names_file.write_text(json.dumps(sorted(names)))
            accepted = json.loads(
                run_py(decode(packages[target], scratch, True), scratch)
            )
            names &= set(accepted)
        (scratch / "names.json").write_text(json.dumps(sorted(names)))
        for target in decoders():
            code = decode(packages[target], scratch, False)
            rows[target]["decode"] = statistics.median(
                float(run_py(code, scratch)) for _ in range(runs)
            )
            rows[target]["payloads"] = len(names)
    text = report(rows, runs)
    print(text)
    with open(ROOT / "bench" / "RESULTS.md", "a", encoding="utf-8") as handle:
        handle.write("\n" + text)
    return 0


def decode(package: Path, scratch: Path, count_only: bool) -> str:
    return DECODE.format(
        module=f"{package.name}.models",
        names=str(scratch / "names.json"),
        payloads=str(scratch / "payloads.json"),
        count_only=count_only,
    )


def report(rows: dict[str, dict[str, float | int]], runs: int) -> str:
    base = rows["pydantic"]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        f"## Targets ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
        "",
        f"`python bench/targets.py`; median of {runs} runs; load average at end: {load}.",
        f"Decoding: `Model.from_json(bytes)` over the {base['payloads']} docs example"
        " payloads of the 2026-08 spec that every target accepts.",
        "",
        "| target | cold 2024-12-18 s | cold 2026-08 s | import one model s"
        " | decode objects/s |",
        "|---|---|---|---|---|",
    ]
    for target, row in rows.items():
        cells = [f"{row[s]:.2f} (×{row[s] / base[s]:.2f})" for s in SPECS] + [
            f"{row['import']:.3f} (×{row['import'] / base['import']:.2f})",
            (
                f"{row['decode']:,.0f} (×{row['decode'] / base['decode']:.2f})"
                if "decode" in row
                else "n/a (no runtime decoding)"
            ),
        ]
        lines.append(f"| {target} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
