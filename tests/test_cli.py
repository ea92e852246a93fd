"""The CLI end to end on this repo's own spec: determinism, errors, list, jobs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, modelgen

SPEC = REPO / "specs" / "realtime.yaml"


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def generate_with(out: Path, seed: str, cache: Path) -> None:
    env = dict(os.environ, PYTHONHASHSEED=seed, MODELGEN_CACHE_DIR=str(cache))
    result = subprocess.run(
        [sys.executable, "-m", "modelgen", "generate", str(SPEC), "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_output_is_byte_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    generate_with(tmp_path / "a" / "pkg", "0", tmp_path / "cache1")
    generate_with(tmp_path / "b" / "pkg", "12345", tmp_path / "cache2")
    first, second = tree(tmp_path / "a" / "pkg"), tree(tmp_path / "b" / "pkg")
    assert first == second
    for name, data in first.items():
        assert b"\r" not in data, name


def test_committed_output_is_up_to_date() -> None:
    result = modelgen("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_bad_spec_exits_2_with_pointer_and_writes_nothing(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    Pet:\n      type: object\n      properties:\n        name: {type: strng}\n"
        "        owner: {$ref: '#/components/schemas/Nobody'}\n"
    )
    out = tmp_path / "out"
    result = modelgen("generate", str(spec), "--output", str(out))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert all(line.startswith("modelgen: error: ") for line in lines)
    assert "#/components/schemas/Pet/properties/name/type" in result.stderr
    assert "#/components/schemas/Pet/properties/owner" in result.stderr
    assert "line 9" in lines[0] or "line 9" in lines[1]
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_list_shows_inline_model_names() -> None:
    result = modelgen("list", str(SPEC))
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    assert "RealtimeSessionTurnDetection" in lines["RealtimeSession"]
    assert "SessionUpdateParamsToolsInner" in lines["SessionUpdateParams"]


def test_schema_option_generates_the_closure(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    result = modelgen(
        "generate", str(SPEC), "-o", str(out), "--schema", "ErrorResponse"
    )
    assert result.returncode == 0, result.stderr
    modules = sorted(p.stem for p in (out / "models").glob("*.py"))
    assert modules == ["__init__", "_base", "error_detail", "error_response"]
    assert sorted(p.name for p in (out / "docs").glob("*.md")) == [
        "ErrorDetail.md",
        "ErrorResponse.md",
        "README.md",
    ]


def test_unknown_schema_and_usage_errors_exit_2(tmp_path: Path) -> None:
    result = modelgen(
        "generate", str(SPEC), "-o", str(tmp_path / "x"), "--schema", "Nope"
    )
    assert result.returncode == 2 and "Nope" in result.stderr
    assert modelgen("generate").returncode == 2
    missing = modelgen(
        "generate", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "y")
    )
    assert missing.returncode == 2 and missing.stderr.startswith("modelgen: error: ")


def test_console_script_and_module_agree() -> None:
    script = Path(sys.executable).parent / "modelgen"
    assert (
        subprocess.run(
            [str(script), "--version"], capture_output=True, text=True
        ).stdout
        == modelgen("--version").stdout
    )


def test_keep_going_generates_the_valid_part(tmp_path: Path) -> None:
    spec = tmp_path / "half.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    Good: {type: object, properties: {a: {type: string}}}\n"
        "    Broken: {type: object, properties: {b: {$ref: '#/components/schemas/Missing'}}}\n"
        "    NeedsBroken: {type: object, properties: {c: {$ref: '#/components/schemas/Broken'}}}\n"
    )
    out = tmp_path / "pkg"
    assert modelgen("generate", str(spec), "-o", str(out)).returncode == 2
    result = modelgen("generate", str(spec), "-o", str(out), "--keep-going")
    assert result.returncode == 0, result.stderr
    assert sorted(p.stem for p in (out / "models").glob("*.py")) == [
        "__init__",
        "_base",
        "good",
    ]
    assert (
        "#/components/schemas/Broken/properties/b" in result.stderr
        and "NeedsBroken" in result.stderr
    )


# What a run with nothing to do must not load: the parser, builder, renderer, formatter.
HEAVY = ("jinja2", "yaml", "filelock", "modelgen.build", "modelgen.render")
HEAVY += ("modelgen.produce", "modelgen.format")
_MODULES_AFTER = """import sys
from modelgen.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    assert not exit.code, exit.code
print(" ".join(sorted(sys.modules)))
"""


def test_nothing_to_do_loads_no_stage(tmp_path: Path) -> None:
    out, cache = tmp_path / "pkg", tmp_path / "cache"
    generate_with(out, "0", cache)
    env = dict(os.environ, MODELGEN_CACHE_DIR=str(cache))
    for command in ("generate", "check"):
        result = subprocess.run(
            [sys.executable, "-c", _MODULES_AFTER, command, str(SPEC), "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        loaded = result.stdout.split()
        assert "modelgen.fastpath" in loaded
        heavy = [
            m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY)
        ]
        assert heavy == [], command
