"""Run one child command and measure its wall time and peak RSS.

Peak RSS is the ``ru_maxrss`` that wait4() reports for the child; on Linux
it covers every descendant that the child itself waited for, so it is the
largest resident set of any single process of the tree (e.g. the JVM started
by openapi-generator-cli's Python wrapper, or ruff run by
openapi-python-client).

The child is started through GNU ``/usr/bin/time -f %M`` when that exists.
A process's ru_maxrss includes the memory image it had before exec, i.e. the
benchmark's own RSS when it was forked (vfork'ed) from this script, which
would put a floor of this script's peak RSS under every figure; forking from
the tiny ``time`` process makes that floor ~1 MB.  Without /usr/bin/time
the figure comes from os.wait4 here directly.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class RunResult:
    """Outcome of one measured child run."""

    wall: float
    rss_kb: int
    rc: int | None
    timed_out: bool = False
    log: Path | None = None
    error: str | None = None  # failure to start (missing executable, ...)

    @property
    def ok(self) -> bool:
        return self.rc == 0 and not self.timed_out and self.error is None

    def describe_failure(self) -> str:
        """Short label for a failed run, as shown in the tables."""
        if self.error is not None:
            return "ERROR (not run)"
        if self.timed_out:
            return "TIMEOUT"
        return f"ERROR (rc={self.rc})"


def _kill_group(pgid: int, fired: list[bool]) -> None:
    fired.append(True)
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


GNU_TIME = Path("/usr/bin/time")


def _read_time_rss(stats: Path) -> int | None:
    """Peak RSS (KB) written by `time -f %M -o stats`, if it finished."""
    try:
        last = stats.read_text(encoding="utf-8", errors="replace").split()[-1]
        return int(last)
    except (OSError, IndexError, ValueError):
        return None


def run_measured(
    argv: list[str],
    env: dict[str, str],
    timeout: float,
    log_path: Path,
    cwd: Path | None = None,
) -> RunResult:
    """Run argv to completion (or timeout), output going to log_path."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    stats = log_path.with_suffix(".rss")
    stats.unlink(missing_ok=True)
    wrapped = argv
    if GNU_TIME.exists():
        wrapped = [str(GNU_TIME), "-f", "%M", "-o", str(stats), "--", *argv]
    with open(log_path, "wb") as log:
        log.write(("$ " + " ".join(argv) + "\n").encode())
        log.flush()
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(
                wrapped,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=cwd,
                start_new_session=True,  # own process group, killable as one
            )
        except OSError as exc:
            log.write(f"failed to start: {exc}\n".encode())
            return RunResult(0.0, 0, None, log=log_path, error=str(exc))
        fired: list[bool] = []
        timer = threading.Timer(timeout, _kill_group, (proc.pid, fired))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
    rc = os.waitstatus_to_exitcode(status)
    proc.returncode = rc  # reaped by wait4; keep Popen from waiting again
    rss = _read_time_rss(stats) if wrapped is not argv else None
    if rss is None:
        rss = usage.ru_maxrss
    return RunResult(wall, rss, rc, timed_out=bool(fired), log=log_path)


def log_tail(path: Path | None, lines: int = 6, width: int = 300) -> list[str]:
    """Last non-empty lines of a run log (each cut to width characters)."""
    if path is None or not path.exists():
        return []
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 64 * 1024))
        text = fh.read().decode("utf-8", "replace")
    kept = [ln.rstrip()[:width] for ln in text.splitlines() if ln.strip()]
    return kept[-lines:]


def capture(argv: list[str], env: dict[str, str] | None = None) -> str:
    """Output of a quick command (stdout+stderr), or '' when it fails."""
    try:
        done = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    if done.returncode != 0:
        return ""
    return done.stdout.decode("utf-8", "replace").strip()
