"""SIGKILL during generation never leaves a half-written file or a passing check."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import OPENAI, REPO, modelgen, need_shared

SPECS = [OPENAI / "openai-2024-12-16.yaml", OPENAI / "openai-2024-12-18.yaml"]


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".modelgen" not in p.parts and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, bytes]]:
    need_shared()
    refs = []
    for spec in SPECS:
        out = tmp_path_factory.mktemp("ref") / "oai"
        assert modelgen("generate", str(spec), "-o", str(out)).returncode == 0
        refs.append(files(out))
    return refs


@pytest.mark.parametrize(
    "rounds", [3, pytest.param(20, marks=pytest.mark.slow)], ids=lambda n: f"{n}-rounds"
)
def test_sigkill_at_random_points(
    tmp_path: Path, references: list[dict[str, bytes]], rounds: int
) -> None:
    out = tmp_path / "oai"
    rng = random.Random(20261125)
    interrupted = 0
    for round_ in range(rounds):
        spec = SPECS[round_ % 2]
        env = dict(os.environ, MODELGEN_CACHE_DIR=str(tmp_path / "cache"))
        proc = subprocess.Popen(
            [sys.executable, "-m", "modelgen", "generate", str(spec), "-o", str(out)],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 4.0))
        proc.send_signal(signal.SIGKILL)
        finished = proc.wait() == 0
        interrupted += not finished
        for rel, data in files(out).items():
            name = rel.rsplit("/", 1)[-1]
            if name.startswith(".modelgen-"):
                continue  # a temporary, never a generated file
            assert any(
                ref.get(rel) == data for ref in references
            ), f"{rel} is neither version (round {round_})"
        verdict = modelgen("check", str(spec), "-o", str(out))
        if verdict.returncode == 0:  # killed after the last write, or not killed at all
            assert (
                files(out) == references[round_ % 2]
            ), f"check passed on an incomplete output (round {round_})"
        else:
            assert verdict.returncode == 1 and not finished, verdict.stdout[-500:]
    assert interrupted > 0
    time.sleep(0.5)
    leftovers = subprocess.run(
        ["pgrep", "-f", f"generate .* -o {out}"], capture_output=True, text=True
    ).stdout
    assert leftovers == "", "formatter workers outlived the killed run"
    spec = SPECS[(rounds - 1) % 2]
    assert modelgen("generate", str(spec), "-o", str(out)).returncode == 0
    assert modelgen("check", str(spec), "-o", str(out)).returncode == 0
    assert files(out) == references[(rounds - 1) % 2]
