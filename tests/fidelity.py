"""Fidelity harness: do the generated models accept exactly what the schema accepts?

For each component schema of a spec (converted to JSON Schema 2020-12 by
`fidelity_schema`), valid instances come from hypothesis-jsonschema and
invalid ones from mutating them (`fidelity_cases`); `jsonschema` is the
judge of both. One fresh interpreter per spec (`fidelity_runner.py`) then
feeds every instance to the component's model:

- a valid instance must come back unchanged: `Model.from_dict(x).to_dict() == x`
  (JSON equality: 1 == 1.0, True != 1);
- an invalid one must raise pydantic.ValidationError (ValueError for enums).

Each failure gets a bucket (its likely root cause). `fidelity_gaps.json`
lists the known ones as {"<spec file>": {"<component>": ["bucket", ...]}};
`unlisted` returns the failures it does not cover ("*" covers any bucket,
"__package__" a package that does not import). Used by
tests/test_fidelity.py (modelgen) and bench/fidelity.py (side by side
with datamodel-code-generator).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fidelity_spec
from fidelity_buckets import classify
from fidelity_report import (  # noqa: F401  (the harness's interface)
    GAPS_FILE,
    TARGET_INVALID,
    TARGET_VALID,
    gaps_file,
    load_gaps,
    save_gaps,
    stale,
    summary,
    to_json,
    unlisted,
)
from fidelity_spec import Case, Prepared

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
RUNNER = TESTS / "fidelity_runner.py"
# The full run of the 2026-08 spec (1,422 components): instances per component
# and seconds per component, about 30 minutes on 2 cores (2024-12-18: 20 and 30 s).
FULL_2026 = (10, 15.0)


@dataclass
class Failure:
    component: str
    bucket: str
    case: Case
    detail: str


@dataclass
class Measure:
    tool: str
    spec: str
    valid_total: int = 0
    valid_same: int = 0
    invalid_total: int = 0
    invalid_rejected: int = 0
    components: int = 0
    unsupported: dict[str, str] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    package_error: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    short: list[str] = field(
        default_factory=list
    )  # components whose instance drawing ran out of time
    unmapped: list[str] = field(
        default_factory=list
    )  # components with no identifiable class (not measured)
    revision: str = ""  # of the generator measured

    @property
    def valid_pct(self) -> float:
        return 100.0 * self.valid_same / self.valid_total if self.valid_total else 100.0

    @property
    def invalid_pct(self) -> float:
        return (
            100.0 * self.invalid_rejected / self.invalid_total
            if self.invalid_total
            else 100.0
        )

    def buckets(self) -> dict[str, list[Failure]]:
        found: dict[str, list[Failure]] = {}
        for failure in self.failures:
            found.setdefault(failure.bucket, []).append(failure)
        return dict(sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0])))

    def gaps(self) -> dict[str, list[str]]:
        found: dict[str, set[str]] = {}
        if self.package_error:
            found["__package__"] = {"package-import-error"}
        for failure in self.failures:
            found.setdefault(failure.component, set()).add(failure.bucket)
        return {k: sorted(v) for k, v in sorted(found.items())}


def prepare(
    spec: Path,
    limit: int | None,
    examples: int,
    per_instance: int,
    timeout: float,
    progress: Any = None,
    keep: int = 4,
    workers: int | None = None,
) -> Prepared:
    """`fidelity_spec.prepare` (cached instances, made by `workers` processes:
    default MODELGEN_FIDELITY_WORKERS, else 2), keeping the `keep` newest cache
    folders of the spec."""
    workers = workers or int(os.environ.get("MODELGEN_FIDELITY_WORKERS") or 2)
    prepared = fidelity_spec.prepare(
        spec, limit, examples, per_instance, timeout, progress, workers
    )
    path = fidelity_spec.cache_path(spec, [])
    if path is not None and path.parent.is_dir():
        mine = re.compile(re.escape(spec.stem) + r"-[0-9a-f]{16}(\.json)?")
        entries = sorted(
            (p for p in path.parent.iterdir() if mine.fullmatch(p.name)),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in entries[keep:]:
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)
    return prepared


def measure(
    tool: str,
    prepared: Prepared,
    python: str,
    mode: str,
    parent: Path,
    package: str,
    targets: dict[str, list[str]],
    skip_unmapped: bool = False,
) -> Measure:
    """Run `prepared` through one tool's models. Components missing from `targets` fail
    ("missing-model"), or with `skip_unmapped` are left out and listed in `unmapped`."""
    result = Measure(
        tool,
        prepared.spec.name,
        components=prepared.components,
        unsupported=dict(prepared.unsupported),
        seconds=dict(prepared.seconds),
        short=list(prepared.short),
    )
    cases = prepared.cases
    if skip_unmapped:
        result.unmapped = sorted(
            {c.component for c in cases if c.component not in targets}
        )
        cases = [c for c in cases if c.component in targets]
    result.package_error, outcomes = run_cases(
        python, mode, parent, package, targets, cases
    )
    return evaluate(result, cases, outcomes, prepared.defs)


def generate_modelgen(spec: Path, out: Path, target: str = "pydantic") -> None:
    """`modelgen generate SPEC --output OUT --no-docs --target T` (package name: OUT's name)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "modelgen",
            "generate",
            str(spec),
            "--output",
            str(out),
            "--no-docs",
            "--force",
            "-q",
            "--target",
            target,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"modelgen generate {spec.name} failed ({result.returncode}): {result.stderr[-3000:]}"
        )


def measure_modelgen(
    prepared: Prepared, workdir: Path, target: str = "pydantic"
) -> Measure:
    package = "mg_" + re.sub(r"\W", "_", prepared.spec.stem)
    out = workdir / package
    revision = modelgen_revision()
    generate_modelgen(prepared.spec, out, target)
    result = measure(
        "modelgen" if target == "pydantic" else f"modelgen --target {target}",
        prepared,
        sys.executable,
        "modelgen",
        workdir,
        package,
        modelgen_targets(prepared.spec),
    )
    result.revision = revision
    return result


def modelgen_revision() -> str:
    """The commit of the generator (+ "-dirty" when generator/ or templates/ have local changes)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "generator", "templates"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return head + ("-dirty" if dirty else "")


def modelgen_targets(spec: Path) -> dict[str, list[str]]:
    """component → [module, class] from `modelgen list` (the model named after it, else the last)."""
    sys.path.insert(0, str(REPO))
    from modelgen.naming import class_name

    result = subprocess.run(
        [sys.executable, "-m", "modelgen", "list", str(spec)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    targets: dict[str, list[str]] = {}
    for line in result.stdout.splitlines():
        component, sep, rest = line.partition(": ")
        models = re.findall(
            r"([A-Za-z_][A-Za-z0-9_]*) \(([A-Za-z_][A-Za-z0-9_]*)\.py\)", rest
        )
        if not sep or not models:
            continue
        named = [m for m in models if m[0] == class_name(component)]
        cls, module = (named or models)[-1]
        targets[component] = [module, cls]
    return targets


def run_cases(
    python: str,
    mode: str,
    parent: Path,
    package: str,
    targets: dict[str, list[str]],
    cases: list[Case],
) -> tuple[str | None, dict[str, tuple[str, Any]]]:
    """Feed every case to its model in one fresh interpreter; (package error, id → (status, payload))."""
    with tempfile.TemporaryDirectory(prefix="fidelity-") as tmp:
        job, out = Path(tmp, "job.json"), Path(tmp, "results.json")
        payload = {
            "mode": mode,
            "parent": str(parent),
            "package": package,
            "targets": targets,
            "cases": [[c.id, c.component, c.instance] for c in cases],
        }
        job.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        result = subprocess.run(
            [python, "-I", "-B", str(RUNNER), str(job), str(out)],
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=3600,
        )
        if result.returncode != 0 or not out.exists():
            raise RuntimeError(
                f"fidelity runner failed ({result.returncode}): {result.stderr[-3000:]}"
            )
        data = json.loads(out.read_text(encoding="utf-8"))
    return data["package_error"], {r[0]: (r[1], r[2]) for r in data["results"]}


def evaluate(
    measure: Measure,
    cases: list[Case],
    results: dict[str, tuple[str, Any]],
    defs: dict[str, Any],
) -> Measure:
    for case in cases:
        status, payload = results.get(case.id, ("error", "no result"))
        found = classify(case, status, payload, defs)
        if case.valid:
            measure.valid_total += 1
            measure.valid_same += found is None
        else:
            measure.invalid_total += 1
            measure.invalid_rejected += found is None
        if found is not None:
            measure.failures.append(Failure(case.component, found[0], case, found[1]))
    return measure
