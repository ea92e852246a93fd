"""The smaller faults: FIFO specs, closed pipes, an output that is a file, a held lock,
a folder name that is no package name, a damaged cache read in-process, the progress
count, and a manifest whose recorded toolchain differs in each field."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from pathlib import Path

import filelock
import pytest

from faults import Harness, tree
from modelgen.format import format_files
from modelgen.render import RenderedFile
from modelgen.toolchain import TOOLCHAIN_FIELDS

SPEC = """openapi: 3.0.3
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    Pet:
      description: Un animal de compagnie – café, naïve
      type: object
      required: [name]
      properties:
        name: {type: string}
        type: {type: string, enum: [cat, dog]}
        tags: {type: array, items: {type: string}}
"""


@pytest.fixture()
def harness(tmp_path: Path) -> Harness:
    (tmp_path / "pet.yaml").write_text(SPEC, encoding="utf-8")
    return Harness(tmp_path, [tmp_path / "pet.yaml"])


def test_fifo_spec_over_an_existing_output(harness: Harness) -> None:
    spec, out = harness.specs[0], harness.work / "out" / "oai"
    harness.generate(spec, out)
    fifo = harness.work / "pet-fifo.yaml"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as handle:
            handle.write(SPEC.replace("compagnie", "maison"))

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    result = subprocess.run(
        harness.command("generate", str(fifo), "-o", str(out)),
        env=harness.env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "maison" in (out / "models" / "pet.py").read_text(encoding="utf-8")


def test_check_into_a_closed_pipe_keeps_its_verdict(harness: Harness) -> None:
    spec, out = harness.specs[0], harness.work / "oai"
    harness.generate(spec, out)
    for path in (out / "models").glob("*.py"):
        path.write_text(path.read_text() + "# edited\n")
    command = " ".join(harness.command("check", str(spec), "-o", str(out), "--diff"))
    result = subprocess.run(
        ["bash", "-c", f"{command} | head -1; exit ${{PIPESTATUS[0]}}"],
        env=harness.env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and result.stdout.startswith("EDITED: ")
    assert "Broken pipe" not in result.stderr and "error" not in result.stderr


def test_check_of_an_output_that_is_a_file(harness: Harness) -> None:
    out = harness.work / "oai"
    out.write_text("not a folder")
    result = harness.run("check", str(harness.specs[0]), "-o", str(out))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"modelgen: error: {out} exists and is not a directory\n"


def test_a_held_lock_makes_a_run_wait_then_fail_with_one_line(harness: Harness) -> None:
    spec, out = harness.specs[0], harness.work / "oai"
    harness.generate(spec, out)
    (harness.work / "pet.yaml").write_text(SPEC.replace("cat", "cow"), encoding="utf-8")
    before = tree(out)
    with filelock.FileLock(str(out / ".modelgen" / "lock")):
        result = subprocess.run(
            harness.command("generate", str(spec), "-o", str(out)),
            env=dict(harness.env(), MODELGEN_LOCK_TIMEOUT="1"),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "being written by another modelgen run" in lines[0]
    assert tree(out) == before
    harness.generate(spec, out)
    assert '"cow"' in (out / "models" / "pet.py").read_text()


def test_folder_name_that_is_no_package_name(harness: Harness) -> None:
    out = harness.work / "my-pkg"
    result = harness.run("generate", str(harness.specs[0]), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "'my-pkg' is not a Python package name" in result.stderr
    docs = "".join(p.read_text() for p in (out / "docs").glob("*.md"))
    assert "from my_pkg.models import" in docs and "my-pkg." not in docs
    assert (
        json.loads((out / ".modelgen" / "manifest.json").read_text())["package"]
        == "my_pkg"
    )


def test_damaged_format_cache_entry_is_recomputed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MODELGEN_CACHE_DIR", str(tmp_path))
    ugly = RenderedFile("m.py", "x = {'a':1}\n")
    assert format_files([ugly])[0].text == 'x = {"a": 1}\n'
    (entry,) = [p for p in (tmp_path / "format").rglob("*") if p.is_file()]
    entry.write_bytes(entry.read_bytes()[:-3])
    notes: list[str] = []
    assert format_files([ugly], notes=notes)[0].text == 'x = {"a": 1}\n'
    assert len(notes) == 1 and "damaged cache entry" in notes[0]
    assert format_files([ugly], notes=notes)[0].text == 'x = {"a": 1}\n'
    assert len(notes) == 1  # the entry was stored again, whole


def test_progress_reaches_the_count(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MODELGEN_CACHE_DIR", str(tmp_path))
    ticks: list[int] = []

    class Bar:
        def __enter__(self) -> "Bar":
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def update(self, n: int) -> None:
            ticks.append(n)

    files = [RenderedFile(f"m{i}.py", f"x{i} = {{'a':{i}}}\n") for i in range(5)]
    format_files(files, progress=lambda count: Bar())
    assert sum(ticks) == 5


@pytest.mark.parametrize("field", TOOLCHAIN_FIELDS + ("characters",))
def test_forged_toolchain_field_is_reported(harness: Harness, field: str) -> None:
    spec, out = harness.specs[0], harness.work / "oai"
    harness.generate(spec, out)
    manifest = out / ".modelgen" / "manifest.json"
    data = json.loads(manifest.read_text())
    assert all(key in data for key in TOOLCHAIN_FIELDS)  # the spec has non-ASCII text
    data[field] = "e9 2013 1f600" if field == "characters" else f"forged {data[field]}"
    manifest.write_text(json.dumps(data))
    result = harness.run("check", str(spec), "-o", str(out))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    shown = "unicode" if field == "characters" else field
    assert first.startswith("TOOLCHAIN: ") and f"{shown} " in first, result.stdout
    harness.generate(spec, out)
    assert harness.check(spec, out) == 0
