"""`--target dataclasses` on real specs: every corpus spec imports with the
standard library and passes `mypy --strict`; the fidelity harness on the
OpenAI specs (gaps with reasons in fidelity_gaps_dataclasses.json); the
shared adversarial suite."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SHARED, modelgen
from fidelity import (
    FULL_2026,
    TARGET_VALID,
    load_gaps,
    measure_modelgen,
    prepare,
    summary,
    unlisted,
)
from test_corpus import SPEC_LIST, Outcome, Spec, _param, check_exit
from test_target_dataclasses import isolated

LOAD_ALL = r"""
import importlib
models = importlib.import_module("pkg.models")
base = importlib.import_module("pkg.models._base")
for name in models.__all__:
    cls = getattr(models, name)
    if hasattr(cls, "from_dict"):
        base.loader(cls)  # the converter of every class, as its first use makes it
foreign = sorted(m for m in sys.modules if m.split(".")[0] not in sys.stdlib_module_names)
assert set(foreign) <= {"pkg", "pkg.models", "__main__"} | {m for m in foreign if m.startswith("pkg.")}, foreign
print(len(models.__all__))
"""


def corpus_package(spec: Spec, tmp_path: Path) -> Path | None:
    """The spec generated into `tmp_path/pkg`, or None when it is refused with clean errors."""
    start = time.perf_counter()
    result = modelgen(
        "generate", str(spec.path), "--output", str(tmp_path / "pkg"),
        "--target", "dataclasses", "--no-docs", "-q",
    )  # fmt: skip
    outcome = Outcome(
        spec,
        tmp_path / "pkg",
        result.returncode,
        result.stdout,
        result.stderr,
        time.perf_counter() - start,
    )
    check_exit(outcome)
    return outcome.out if result.returncode == 0 else None


QUICK = {"corpus/oai-v3.0-petstore-expanded.yaml", "corpus/readme-3.0-discriminators.yaml", "corpus/redocly-museum.yaml"}  # fmt: skip


def quick_or_slow(spec: Spec) -> object:
    """A few small specs in the default run; the rest with `make full` (`slow`)."""
    marks = [] if spec.id in QUICK else [pytest.mark.slow]
    return pytest.param(spec, id=spec.id, marks=marks)


@pytest.mark.parametrize("spec", [quick_or_slow(s) for s in SPEC_LIST])
def test_corpus_spec_imports_with_the_standard_library(
    spec: Spec, tmp_path: Path
) -> None:
    out = corpus_package(spec, tmp_path)
    if out is not None:
        assert int(isolated(LOAD_ALL, tmp_path)) >= 0


@pytest.mark.parametrize("spec", [_param(s, mypy=True) for s in SPEC_LIST])
def test_corpus_spec_mypy_strict(spec: Spec, tmp_path: Path) -> None:
    out = corpus_package(spec, tmp_path)
    if out is None:
        pytest.skip("refused with clean errors")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "pkg"],
        cwd=tmp_path, capture_output=True, text=True, timeout=7200,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]


# ------------------------------------------------------------------ fidelity and hostile input


TARGET_INVALID = (
    90.0  # invalid instances rejected, in %: the target's acceptance figure
)
FIDELITY = [
    pytest.param(("openai-2024-12-18.yaml", 40, 5, 8.0), id="2024-12-18-sample"),
    pytest.param(
        ("openai-2024-12-18.yaml", None, 20, 30.0),
        id="2024-12-18",
        marks=pytest.mark.fidelity,
    ),
    pytest.param(
        ("openai-2026-08.yaml", None, *FULL_2026),
        id="2026-08",
        marks=pytest.mark.fidelity,
    ),
]


@pytest.mark.parametrize("run", FIDELITY)
def test_fidelity(
    run: tuple[str, int | None, int, float],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Schema-made instances: valid ones come back unchanged, invalid ones raise;
    every failure is a gap listed (with its reason) in fidelity_gaps_dataclasses.json.
    """
    spec, limit, examples, timeout = run
    prepared = prepare(SHARED / "specs" / "openai" / spec, limit, examples, 2, timeout)
    result = measure_modelgen(prepared, tmp_path, "dataclasses")
    with capsys.disabled():
        print("\n" + summary(result))
    assert result.valid_total > 0 and result.invalid_total > 0
    new = unlisted(result, load_gaps("dataclasses"))
    assert not new, json.dumps(new, indent=1) + "\n" + summary(result)
    if limit is None:
        assert result.valid_pct >= TARGET_VALID and result.invalid_pct >= TARGET_INVALID


def test_every_listed_gap_has_a_reason() -> None:
    gaps = load_gaps("dataclasses")
    listed = {
        bucket
        for spec, entries in gaps.items()
        if not spec.startswith("$")
        for buckets in entries.values()
        for bucket in buckets
    }
    assert listed and listed <= set(gaps["$reasons"]), sorted(
        listed - set(gaps["$reasons"])
    )


# A case of the shared suite whose contract differs from this target's, and why.
ADVERSARIAL_KNOWN = {
    "inj_defaults": "expects an empty instance to dump the spec defaults; this target's "
    "to_dict writes back exactly what was read (absent stays absent), as the "
    "fidelity harness requires",
}


@pytest.mark.slow
def test_shared_adversarial_suite(tmp_path: Path) -> None:
    checker = SHARED / "adversarial" / "check.py"
    modelgen_bin = Path(sys.executable).with_name("modelgen")
    cmd = f"{modelgen_bin} generate {{spec}} --output {{out}} --target dataclasses"
    result = subprocess.run(
        [sys.executable, str(checker), "--cmd", cmd, "--python", sys.executable, "--scratch", str(tmp_path)],
        capture_output=True, text=True, timeout=3600,
    )  # fmt: skip
    failed = {
        line.split()[1].rstrip(":")
        for line in result.stdout.splitlines()
        if line.startswith("FAIL")
    }
    passed = [line for line in result.stdout.splitlines() if line.startswith("PASS")]
    assert passed and failed <= set(ADVERSARIAL_KNOWN), result.stdout[-3000:]
