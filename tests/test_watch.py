"""`modelgen watch`: a saved edit regenerates exactly the files it changes; Ctrl-C exits cleanly."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("watchfiles")

SPEC = """\
openapi: 3.0.3
info: {title: W, version: "1"}
paths: {}
components:
  schemas:
    Alpha:
      type: object
      properties: {a: {type: string}}
    Beta:
      description: first words
      type: object
      properties: {b: {type: integer}}
    Gamma:
      type: object
      properties: {beta: {$ref: "#/components/schemas/Beta"}}
"""


def snapshot(out: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(out).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in out.rglob("*")
        if p.is_file() and ".modelgen" not in p.parts
    }


def lines_until(lines: "queue.Queue[str]", marker: str, seen: list[str]) -> list[str]:
    got: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        got.append(line)
        if marker in line:
            return got
    raise AssertionError(f"no {marker!r} within 60 s: {seen}")


@pytest.mark.parametrize("command", ["watch", "generate --watch"])
def test_watch_rewrites_exactly_the_changed_files(tmp_path: Path, command: str) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC)
    out = tmp_path / "out"
    env = {**os.environ, "MODELGEN_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "modelgen",
            *command.split(),
            str(spec),
            "-o",
            str(out),
            "-v",
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # Ctrl-C as in a terminal: a run started in the background by a
        # non-interactive shell inherits SIGINT ignored, and so would the child
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    lines: "queue.Queue[str]" = queue.Queue()
    assert proc.stderr is not None
    reader = threading.Thread(
        target=lambda: [lines.put(line.rstrip("\n")) for line in proc.stderr or ()],
        daemon=True,
    )
    reader.start()
    seen: list[str] = []
    try:
        first = lines_until(lines, "watching", seen)
        assert sum(1 for line in first if line.startswith(f"{out}: wrote ")) == 1
        before = snapshot(out)
        time.sleep(0.3)
        spec.write_text(SPEC.replace("first words", "second words"))
        run = lines_until(lines, f"{out}: wrote", seen)
        written = {line[len("wrote ") :] for line in run if line.startswith("wrote ")}
        after = snapshot(out)
        changed = {p for p in after if after[p][1] != before.get(p, (0, b""))[1]}
        touched = {p for p in after if after[p][0] != before.get(p, (0, b""))[0]}
        assert written == changed == touched
        assert "models/beta.py" in changed and "models/alpha.py" not in changed
        assert f"{out}: wrote {len(changed)} files" in run[-1]
        time.sleep(0.3)
        spec.write_text(
            "openapi: 3.0.3\ninfo: {title: W, version: '1'}\ncomponents: {schemas: {X: {type: 7}}}\n"
        )
        broken = lines_until(lines, "not regenerated", seen)
        assert any("modelgen: error:" in line and "/X" in line for line in broken)
        assert snapshot(out) == after
        assert proc.poll() is None  # errors do not stop the watch
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=30)
    reader.join(timeout=5)
    while not lines.empty():
        seen.append(lines.get())
    assert code == 0, seen
    assert seen[-1] == "modelgen: watch stopped"
