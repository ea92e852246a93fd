"""The fault-injection harness of test_faults.py: run the CLI, inject, judge, count.

The invariant, after every fault: for each spec that could be the answer,
either `modelgen check SPEC -o OUT` exits non-zero, or OUT is byte-identical
to a fresh run of SPEC; and then a plain `modelgen generate` (no --force)
makes OUT a fresh run's output, which `check` accepts.
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OUTCOMES: dict[str, collections.Counter[str]] = collections.defaultdict(
    collections.Counter
)


def tree(root: Path) -> dict[str, bytes]:
    """The generated files of `root` (not the state folder, not bytecode)."""
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file()
        and ".modelgen" not in p.relative_to(root).parts
        and "__pycache__" not in p.parts
    }


class Harness:
    def __init__(self, work: Path, specs: list[Path]) -> None:
        self.work = work
        self.specs = specs
        self.cache = work / "cache"
        self._fresh: dict[tuple[str, str], dict[str, bytes]] = {}

    def env(self, cache: Path | None = None) -> dict[str, str]:
        return dict(
            os.environ,
            MODELGEN_CACHE_DIR=str(cache or self.cache),
            PYTHONDONTWRITEBYTECODE="1",
            MODELGEN_LOCK_TIMEOUT="120",
        )

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "modelgen", *args]

    def run(
        self, *args: str, cache: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args),
            cwd=REPO,
            env=self.env(cache),
            capture_output=True,
            text=True,
            timeout=600,
        )

    def start(self, *args: str, cache: Path | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.command(*args),
            cwd=REPO,
            env=self.env(cache),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, as a terminal would make
        )

    def generate(self, spec: Path, out: Path, *extra: str) -> None:
        result = self.run("generate", str(spec), "-o", str(out), *extra)
        assert result.returncode == 0, result.stderr[-2000:]

    def check(self, spec: Path, out: Path) -> int:
        return self.run("check", str(spec), "-o", str(out)).returncode

    def fresh(self, spec: Path, package: str = "oai") -> dict[str, bytes]:
        """The output of a fresh run of `spec` into an empty folder named `package`."""
        key = (str(spec), package)
        if key not in self._fresh:
            out = self.work / "fresh" / f"{spec.stem}" / package
            self.generate(spec, out)
            self._fresh[key] = tree(out)
        return self._fresh[key]

    def judge(
        self,
        fault: str,
        out: Path,
        candidates: list[Path],
        restore: Path,
        run: str = "injected",
    ) -> None:
        """Assert the invariant on `out`, count the outcome, restore `restore`'s output."""
        package = out.name
        verdicts = []
        for spec in candidates:
            code = self.check(spec, out)
            assert code in (0, 1, 2), f"{fault}: check exited {code}"
            if code == 0:
                assert tree(out) == self.fresh(spec, package), (
                    f"{fault}: check passed for {spec.name} on output "
                    "that is not a fresh run's"
                )
            verdicts.append(code == 0)
        verdict = "check passed, output fresh" if any(verdicts) else "check failed"
        OUTCOMES[fault][f"{run}, {verdict}"] += 1
        report(self.work / "faults-report.json")  # so far, should the run be stopped
        self.generate(restore, out)
        assert tree(out) == self.fresh(restore, package), f"{fault}: not restored"
        assert self.check(restore, out) == 0, f"{fault}: check fails after restore"
        leftovers = [p for p in out.rglob(".modelgen-*")]
        assert leftovers == [], f"{fault}: temporary files left: {leftovers}"


def interrupt(
    harness: Harness, spec: Path, out: Path, signum: int, delay: float
) -> tuple[str, subprocess.Popen[str]]:
    """Start `generate`, send `signum` after `delay` s; ('interrupted'|'finished', process)."""
    proc = harness.start("generate", str(spec), "-o", str(out))
    time.sleep(delay)
    if proc.poll() is None:
        if signum == signal.SIGINT:  # Ctrl-C: the whole group, formatter workers too
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
    _, err = proc.communicate(timeout=300)
    if proc.returncode == 0:
        return "finished", proc
    if signum == signal.SIGKILL:
        return "interrupted", proc
    if "modelgen: " not in err and (
        proc.returncode == -signum
        or err.strip() == "Aborted!"
        or err.strip().endswith("KeyboardInterrupt")
    ):  # before the command began: Python's (or click's) own handling, nothing written
        return "interrupted while starting", proc
    # 130, or death by the signal itself (a shell shows both as 130)
    assert proc.returncode in (130, -signum), err[-2000:]
    lines = err.strip().splitlines()
    assert lines == ["modelgen: error: interrupted"], err[-2000:]
    return "interrupted", proc


def errors_are_one_line(stderr: str) -> list[str]:
    """The error lines, checked: one line, naming a real path (never a temporary file)."""
    errors = [line for line in stderr.splitlines() if line.startswith("modelgen: ")]
    assert errors and "Traceback" not in stderr, stderr[-2000:]
    for line in errors:
        assert ".modelgen-" not in line, line
        assert "error: :" not in line and "internal error" not in line, line
    return errors


def can_mount() -> bool:
    return (
        sys.platform.startswith("linux")
        and os.geteuid() == 0
        and bool(shutil.which("mount"))
    )


def mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


def report(path: Path) -> str:
    """The outcome table (also written to `path` as JSON)."""
    data = {fault: dict(counts) for fault, counts in sorted(OUTCOMES.items())}
    path.write_text(json.dumps(data, indent=2) + "\n")
    lines = [f"{'fault':44} injected  outcomes"]
    for fault, counts in data.items():
        outcomes = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
        lines.append(f"{fault:44} {sum(counts.values()):8}  {outcomes}")
    return "\n".join(lines)
