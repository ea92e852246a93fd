"""`mypy --strict` over the package of every corpus spec, for each target
without a runtime of its own to hide behind: msgspec, typeddict, dataclasses.

`make corpus-mypy` runs it (marker `corpus_mypy`; pick a target with
`-k msgspec`). Each spec is generated as its own package `p_<spec>` next to
the others of its target, and one mypy cache per target is shared by its
runs, so the standard library and msgspec's stubs are analysed once. Every
run prints its seconds and the number of files checked. A spec refused with
clean errors (exit 2) is skipped.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import modelgen
from test_corpus import SPEC_LIST, Outcome, Spec, check_exit, summarize_mypy

TARGETS = ("msgspec", "typeddict", "dataclasses")
MYPY = [sys.executable, "-m", "mypy", "--strict", "--hide-error-context"]
MYPY += ["--no-pretty", "--show-error-codes"]


def package_name(spec: Spec) -> str:
    return "p_" + re.sub(r"\W+", "_", spec.id.split("/", 1)[1]).strip("_").lower()


@pytest.fixture(scope="module")
def workdirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One folder per target: the packages and the target's mypy cache."""
    return {t: tmp_path_factory.mktemp(f"mypy_{t}") for t in TARGETS}


@pytest.fixture(scope="module")
def tally() -> Iterator[dict[str, list[tuple[bool, int, float]]]]:
    """Per target: (passed, files, seconds) of each run; summed up at the end."""
    runs: dict[str, list[tuple[bool, int, float]]] = {t: [] for t in TARGETS}
    yield runs
    for target, rows in runs.items():
        if rows:
            passed = sum(ok for ok, _, _ in rows)
            files = sum(n for _, n, _ in rows)
            seconds = sum(s for _, _, s in rows)
            print(
                f"\n[mypy] {target}: {passed}/{len(rows)} packages pass, "
                f"{files} files, {seconds:.1f}s of mypy"
            )


def generate(spec: Spec, target: str, root: Path) -> Path | None:
    """The package of `spec` under `root`, or None when it is refused cleanly."""
    out = root / package_name(spec)
    start = time.perf_counter()
    result = modelgen(
        "generate", str(spec.path), "--output", str(out),
        "--target", target, "--no-docs", "-q",
    )  # fmt: skip
    outcome = Outcome(
        spec, out, result.returncode, result.stdout, result.stderr,
        time.perf_counter() - start,
    )  # fmt: skip
    check_exit(outcome)
    return out if result.returncode == 0 else None


@pytest.mark.corpus_mypy
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("spec", [pytest.param(s, id=s.id) for s in SPEC_LIST])
def test_mypy_strict(
    spec: Spec,
    target: str,
    workdirs: dict[str, Path],
    tally: dict[str, list[tuple[bool, int, float]]],
) -> None:
    root = workdirs[target]
    out = generate(spec, target, root)
    if out is None:
        pytest.skip("refused with clean errors")
    files = sum(1 for _ in out.rglob("*.py"))
    start = time.perf_counter()
    result = subprocess.run(
        [*MYPY, "--cache-dir", str(root / ".mypy_cache"), "-p", out.name],
        cwd=root, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    tally[target].append((result.returncode == 0, files, seconds))
    print(
        f"\n[mypy] {target} {spec.id}: {files} files, exit {result.returncode}, {seconds:.1f}s"
    )
    assert result.returncode == 0, summarize_mypy(result.stdout + result.stderr)
