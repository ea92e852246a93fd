"""Regeneration and drift: minimal rewrites, stale files, check verdicts, changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import OPENAI, modelgen, need_shared

OLD, NEW = "openai-2024-12-16.yaml", "openai-2024-12-18.yaml"


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file() and ".modelgen" not in p.parts
    }


def generate(spec: str, out: Path, *extra: str) -> None:
    need_shared()
    result = modelgen("generate", str(OPENAI / spec), "--output", str(out), *extra)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def fresh_new(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, int]]:
    need_shared()
    out = tmp_path_factory.mktemp("fresh") / "oai"
    generate(NEW, out)
    return snapshot(out)


def test_regenerating_rewrites_only_what_changed(
    tmp_path: Path, fresh_new: dict[str, tuple[bytes, int]]
) -> None:
    out = tmp_path / "oai"
    generate(OLD, out)
    (out / "custom.py").write_text("# written by hand\n")
    before = snapshot(out)
    generate(NEW, out)
    after = snapshot(out)
    expected_changed = {
        p for p in fresh_new if p in before and before[p][0] != fresh_new[p][0]
    }
    expected_removed = {p for p in before if p not in fresh_new and p != "custom.py"}
    assert expected_changed and expected_removed  # the two specs really differ
    assert {p: after[p][0] for p in fresh_new} == {
        p: data for p, (data, _) in fresh_new.items()
    }
    assert not expected_removed & set(after)
    rewritten = {p for p in before if p in after and after[p][1] != before[p][1]}
    assert rewritten == expected_changed
    assert after["custom.py"] == before["custom.py"]


def test_check_verdicts(tmp_path: Path) -> None:
    out = tmp_path / "oai"
    generate(OLD, out, "--no-docs")
    args = [
        "check",
        str(OPENAI / OLD),
        "--output",
        str(out),
        "--no-docs",
        "--format",
        "json",
    ]

    def verdict() -> tuple[int, set[str]]:
        result = modelgen(*args)
        return result.returncode, {
            f["status"] for f in json.loads(result.stdout)["findings"]
        }

    assert verdict() == (0, set())
    module = out / "models" / "admin_api_key.py"
    victim = next(
        p
        for p in sorted((out / "models").glob("*.py"))
        if p.name not in ("__init__.py", "_base.py")
    )
    victim.write_text(victim.read_text() + "# edited\n")
    assert verdict() == (1, {"EDITED"})
    generate(OLD, out, "--no-docs")
    victim.unlink()
    assert verdict() == (1, {"MISSING"})
    generate(OLD, out, "--no-docs")
    result = modelgen(
        "check",
        str(OPENAI / NEW),
        "--output",
        str(out),
        "--no-docs",
        "--format",
        "json",
    )
    statuses = {f["status"] for f in json.loads(result.stdout)["findings"]}
    assert result.returncode == 1 and {"STALE", "MISSING", "CHANGED"} <= statuses
    assert not module.exists()
    generate(NEW, out, "--no-docs")
    assert (
        modelgen(
            "check", str(OPENAI / NEW), "--output", str(out), "--no-docs"
        ).returncode
        == 0
    )


def test_toolchain_verdict(tmp_path: Path) -> None:
    out = tmp_path / "oai"
    generate(OLD, out, "--no-docs", "--schema", "RealtimeSession")
    manifest = out / ".modelgen" / "manifest.json"
    data = json.loads(manifest.read_text())
    data["formatter"] = "black 1.0 default mode"
    manifest.write_text(json.dumps(data))
    result = modelgen(
        "check",
        str(OPENAI / OLD),
        "--output",
        str(out),
        "--no-docs",
        "--schema",
        "RealtimeSession",
    )
    assert result.returncode == 1
    assert result.stdout.startswith("TOOLCHAIN: ") and "black 1.0" in result.stdout
    assert len(result.stdout.splitlines()) == 2


def test_refuses_foreign_directory_without_force(tmp_path: Path) -> None:
    need_shared()
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    spec = str(OPENAI / OLD)
    refused = modelgen("generate", spec, "-o", str(out), "--schema", "RealtimeSession")
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    assert (
        modelgen(
            "generate", spec, "-o", str(out), "--schema", "RealtimeSession", "--force"
        ).returncode
        == 0
    )
    assert (out / "notes.txt").read_text() == "mine"


def test_changes_between_the_openai_specs() -> None:
    need_shared()
    result = modelgen(
        "changes", str(OPENAI / OLD), str(OPENAI / NEW), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"old", "new", "summary", "changes", "ignored"}
    found = {(c["id"], tuple(c["python"])): c["level"] for c in data["changes"]}
    assert found[("schema-removed", ("FinetuneChatRequestInput",))] == "warning"
    assert found[("response-schema-added", ("AdminApiKey",))] == "info"
    assert data["summary"]["error"] == sum(
        c["level"] == "error" for c in data["changes"]
    )
    failing = modelgen(
        "changes", str(OPENAI / OLD), str(OPENAI / NEW), "--fail-on-breaking"
    )
    assert failing.returncode == 1
    markdown = modelgen(
        "changes", str(OPENAI / OLD), str(OPENAI / NEW), "--format", "markdown"
    )
    assert markdown.stdout.startswith("### API changes:")


def test_no_op_regenerate_touches_nothing(tmp_path: Path) -> None:
    out = tmp_path / "oai"
    generate(OLD, out, "--schema", "RealtimeSession")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    result = modelgen(
        "generate", str(OPENAI / OLD), "-o", str(out), "--schema", "RealtimeSession"
    )
    assert result.stderr.strip().startswith("wrote 0 files")
    assert before == {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    shutil.rmtree(out / "docs")
    assert (
        modelgen(
            "check", str(OPENAI / OLD), "-o", str(out), "--schema", "RealtimeSession"
        ).returncode
        == 1
    )


def test_a_module_that_cannot_compile_is_never_written(tmp_path: Path) -> None:
    """The last check before writing compiles every module: code that parses but
    cannot run (a `return` outside a function) is refused too, and nothing is
    written."""
    from modelgen.render import RenderedFile
    from modelgen.state import OutputError
    from modelgen.write import write_output

    out = tmp_path / "out"
    for text in ("x = (\n", "return 1\n"):
        files = [
            RenderedFile("models/a.py", "A = 1\n"),
            RenderedFile("models/b.py", text),
        ]
        with pytest.raises(OutputError, match="models/b.py"):
            write_output(str(out), files, {})
        assert not (out / "models").exists()
