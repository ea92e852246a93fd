"""The write protocol in-process: what a pending list makes ours, and what stays foreign."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from modelgen.render import RenderedFile
from modelgen.state import PENDING, pending_bytes
from modelgen.write import OutputError, write_output

META = {"tool": "t"}


def files(*names: str) -> list[RenderedFile]:
    return [RenderedFile(name, f"# {name}\n") for name in names]


def interrupted_run(
    out: Path, paths: dict[str, str | None], written: list[str]
) -> None:
    """What a run killed after writing `written` leaves: its pending list and those files."""
    (out / PENDING).write_bytes(pending_bytes(paths))
    for rel in written:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(f"# {rel} of the interrupted run\n")


def test_next_run_removes_what_an_interrupted_run_left(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    write_output(str(out), files("a.py", "b.py"), META)
    interrupted_run(
        out, {"a.py": None, "c.py": None, "d/e.py": None}, ["c.py", "d/e.py"]
    )
    summary = write_output(str(out), files("a.py"), META)  # no --force needed
    assert sorted(summary.removed) == ["b.py", "c.py", "d/e.py"]
    assert sorted(p.name for p in out.iterdir()) == [".modelgen", "a.py"]
    assert not (out / PENDING).exists()


def test_foreign_file_no_run_touched_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    write_output(str(out), files("a.py"), META)
    (out / "notes.py").write_text("# mine\n")
    mine = hashlib.sha256(b"# mine\n").hexdigest()
    interrupted_run(out, {"notes.py": mine, "c.py": None}, ["c.py"])
    summary = write_output(str(out), files("a.py"), META)
    assert summary.removed == ["c.py"]
    assert (out / "notes.py").read_text() == "# mine\n"


def test_pending_lists_of_interrupted_runs_are_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import modelgen.write as write

    out = tmp_path / "pkg"
    write_output(str(out), files("a.py"), META)
    interrupted_run(out, {"b.py": None}, ["b.py"])
    real = write.atomic_write

    def full_disk(path: str, data: bytes) -> None:
        if path.endswith("z.py"):
            raise OSError(28, "No space left on device", path)
        real(path, data)

    monkeypatch.setattr(write, "atomic_write", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_output(str(out), files("a.py", "y.py", "z.py"), META)
    monkeypatch.setattr(write, "atomic_write", real)
    pending = json.loads((out / PENDING).read_text())["paths"]
    assert {"b.py", "y.py", "z.py"} <= set(pending) and (out / "y.py").exists()
    summary = write_output(str(out), files("a.py"), META)
    assert sorted(summary.removed) == ["b.py", "y.py"]


def test_force_records_the_foreign_file_it_may_replace(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    out.mkdir()
    (out / "a.py").write_text("# mine\n")
    with pytest.raises(OutputError, match="--force"):
        write_output(str(out), files("a.py"), META)
    summary = write_output(str(out), files("a.py"), META, force=True)
    assert summary.written == ["a.py"] and not (out / PENDING).exists()
