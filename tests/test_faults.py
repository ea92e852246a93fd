"""Fault injection: after every fault `check` fails or the output is a fresh run's, and
the next plain `generate` restores a fresh run's output (the invariant, see faults.py).

The fast part (two small corpus specs, a few rounds) runs in `make test`; the
full part (the two OpenAI specs, more rounds) is marked `faults` and runs with
`make faults`, which prints how often each fault was injected and the outcomes.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest

from faults import (
    OUTCOMES,
    SHARED,
    Harness,
    can_mount,
    errors_are_one_line,
    interrupt,
    mount,
    report,
    tree,
    umount,
)

CORPUS = SHARED / "specs" / "corpus"
OPENAI = SHARED / "specs" / "openai"
SCALES = {
    "fast": ([CORPUS / "opc-baseline-3.1.yaml", CORPUS / "alertmanager.yaml"], 1),
    "full": ([OPENAI / "openai-2024-12-18.yaml", OPENAI / "openai-2026-08.yaml"], 3),
}


@pytest.fixture(
    scope="module", params=["fast", pytest.param("full", marks=pytest.mark.faults)]
)
def harness(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Harness:
    if not SHARED.is_dir():
        pytest.skip("../shared (the specs) is not beside the repo")
    specs, rounds = SCALES[request.param]
    work = tmp_path_factory.mktemp(f"faults-{request.param}")
    made = Harness(work, specs)
    made.rounds = rounds  # type: ignore[attr-defined]
    started = time.monotonic()
    assert made.run("--version").returncode == 0
    made.startup = time.monotonic() - started  # type: ignore[attr-defined]
    started = time.monotonic()
    made.fresh(specs[1])  # cold: parse, build, render and format everything
    made.cold = time.monotonic() - started  # type: ignore[attr-defined]
    made.fresh(specs[0])
    yield made
    print("\n" + report(work / "faults-report.json"))


def test_signals_at_random_points(harness: Harness) -> None:
    """SIGINT, SIGTERM and SIGKILL at random points of every stage, cold and warm caches."""
    a, b = harness.specs
    rng = random.Random(20261129)
    out = harness.work / "signals" / "oai"
    for round_ in range(6 * harness.rounds):  # type: ignore[attr-defined]
        prior, target = rng.choice([None, a, b]), rng.choice([a, b])
        if prior is not None:
            harness.generate(prior, out)
        signum = rng.choice([signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
        if rng.random() < 0.5:
            shutil.rmtree(harness.cache, ignore_errors=True)  # cold: the format stage
        start, cold = harness.startup, harness.cold  # type: ignore[attr-defined]
        delay = rng.uniform(0.8 * start, 1.1 * cold)
        outcome, _ = interrupt(harness, target, out, signum, delay)
        name = signal.Signals(signum).name
        harness.judge(f"{name} at a random point", out, [a, b], target, outcome)


def test_disk_full(harness: Harness) -> None:
    """ENOSPC from a small tmpfs: for the output (empty, or another spec's), and for the cache."""
    if not can_mount():
        pytest.skip("needs root and mount (a small tmpfs) on Linux")
    a, b = harness.specs
    need = sum(4096 + len(v) for v in harness.fresh(a).values())
    base = harness.work / "enospc"
    for prior in (None, b):
        disk = base / ("over-" + (prior.stem if prior else "empty"))
        disk.mkdir(parents=True)
        assert mount("-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk))
        try:
            out = disk / "oai"
            if prior is not None:
                harness.generate(prior, out)
            stat = os.statvfs(disk)
            used = (stat.f_blocks - stat.f_bfree) * stat.f_frsize
            # less room than the first writes need
            room = need // 3 if prior is None else 32768
            assert mount("-o", f"remount,size={used + room}", str(disk))
            result = harness.run("generate", str(a), "-o", str(out))
            assert result.returncode == 2, result.stderr[-1000:]
            assert any("No space left" in e for e in errors_are_one_line(result.stderr))
            assert mount("-o", "remount,size=64m", str(disk))
            harness.judge("ENOSPC writing the output", out, [a, b], a, "run failed")
        finally:
            umount(disk)
    cache_disk = base / "cache"
    cache_disk.mkdir()
    assert mount("-t", "tmpfs", "-o", "size=24k", "tmpfs", str(cache_disk))
    try:
        out = base / "with-full-cache" / "oai"
        result = harness.run("generate", str(a), "-o", str(out), cache=cache_disk)
        assert result.returncode == 0, result.stderr[-1000:]
        leftovers = [
            p for p in cache_disk.rglob("*") if p.is_file() and p.stat().st_size == 0
        ]
        assert [p for p in cache_disk.rglob(".modelgen-*")] == [] and leftovers == []
        harness.judge("ENOSPC writing the cache", out, [a], a, "run finished")
    finally:
        umount(cache_disk)


def test_read_only_subfolder(harness: Harness) -> None:
    a, b = harness.specs
    out = harness.work / "read-only" / "oai"
    harness.generate(b, out)
    models = out / "models"
    root = os.geteuid() == 0
    if root:
        if not (mount("--bind", str(models), str(models))):
            pytest.skip("cannot bind-mount")
        assert mount("-o", "remount,bind,ro", str(models))
    else:
        models.chmod(0o555)
    try:
        result = harness.run("generate", str(a), "-o", str(out))
        assert result.returncode == 2
        errors = errors_are_one_line(result.stderr)
        assert any(str(models) in e for e in errors), errors
    finally:
        umount(models) if root else models.chmod(0o755)
    harness.judge("read-only subfolder", out, [a, b], a, "run failed")


@pytest.mark.parametrize("same", [True, False], ids=["same spec", "different specs"])
def test_concurrent_runs(harness: Harness, same: bool) -> None:
    a, b = harness.specs
    rng = random.Random(7 + same)
    for round_ in range(2 * harness.rounds):  # type: ignore[attr-defined]
        out = harness.work / f"concurrent-{same}-{round_}" / "oai"
        first = harness.start("generate", str(a), "-o", str(out))
        time.sleep(rng.uniform(0, 0.8))
        second = harness.start("generate", str(a if same else b), "-o", str(out))
        for proc in (first, second):
            _, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err[-2000:]
        fault = "two concurrent runs, " + ("same spec" if same else "different specs")
        harness.judge(fault, out, [a, b], b, "both finished")


DAMAGE = {
    "zeroed": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "garbled": lambda data: data[:-40] + bytes(b ^ 0x5A for b in data[-40:]),
}


@pytest.mark.parametrize("kind", ["format", "parsed"])
@pytest.mark.parametrize("damage", sorted(DAMAGE) + ["swapped"])
def test_damaged_cache_entries(harness: Harness, kind: str, damage: str) -> None:
    a, _ = harness.specs
    cache = harness.work / f"cache-{kind}-{damage}"
    harness.run(
        "generate", str(a), "-o", str(cache.with_name(cache.name + "-out")), cache=cache
    )
    entries = sorted(p for p in (cache / kind).rglob("*") if p.is_file())
    if not entries and kind == "parsed":
        pytest.skip(f"{a.name} is never in the parse cache (it has YAML anchors)")
    assert entries, f"no {kind} cache entries to damage"
    blobs = [p.read_bytes() for p in entries]
    for index, path in enumerate(entries):
        if damage == "swapped":
            path.write_bytes(
                blobs[index - 1] if len(entries) > 1 else b"x\n" + blobs[0]
            )
        else:
            path.write_bytes(DAMAGE[damage](blobs[index]))
    out = harness.work / f"damaged-{kind}-{damage}" / "oai"
    result = harness.run("generate", str(a), "-o", str(out), "-v", cache=cache)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "damaged cache entry" in result.stderr
    assert tree(out) == harness.fresh(a)
    harness.judge(f"{damage} {kind} cache entries", out, [a], a, "run finished")


MANIFEST_DAMAGE = [
    "deleted",
    "truncated",
    "zeroed",
    "invalid JSON",
    "wrong shape",
    "another spec's",
]


@pytest.mark.parametrize("damage", MANIFEST_DAMAGE)
def test_damaged_manifest(harness: Harness, damage: str) -> None:
    a, b = harness.specs
    out = harness.work / f"manifest-{damage}" / "oai"
    harness.generate(a, out)
    manifest = out / ".modelgen" / "manifest.json"
    data = manifest.read_bytes()
    if damage == "deleted":
        manifest.unlink()
    elif damage == "another spec's":
        other = harness.work / "manifest-other" / "oai"
        if not other.exists():
            harness.generate(b, other)
        shutil.copy(other / ".modelgen" / "manifest.json", manifest)
    else:
        manifest.write_bytes(
            {
                "truncated": data[: len(data) // 2],
                "zeroed": b"\0" * len(data),
                "invalid JSON": b"{" + data,
                "wrong shape": b'{"outputs": ["models/_base.py"]}\n',
            }[damage]
        )
    harness.judge(f"{damage} manifest", out, [a, b], a, "damaged after a run")


def test_renamed_and_symlinked_output(harness: Harness) -> None:
    a, _ = harness.specs
    base = harness.work / "moved"
    harness.generate(a, base / "oai")
    (base / "oai").rename(base / "pkg")
    harness.judge("renamed output folder", base / "pkg", [a], a, "renamed")
    real, link = base / "real", base / "link"
    real.mkdir()
    link.symlink_to(real, target_is_directory=True)
    harness.generate(a, link)
    harness.judge("output written through a symlink", real, [a], a, "written as link")


def test_interrupted_first_run_resumes_without_force(harness: Harness) -> None:
    a, b = harness.specs
    out = harness.work / "first-run" / "oai"
    proc = harness.start("generate", str(a), "-o", str(out))
    while not (out / ".modelgen" / "pending.json").exists() and proc.poll() is None:
        time.sleep(0.005)
    proc.kill()
    proc.wait()
    harness.judge("SIGKILL during a first run", out, [a, b], a, "killed while writing")
