"""The same spec, generated under every Python >= 3.11 on the machine, gives the same bytes;
and `check` under one interpreter agrees with `generate` under it on another's output.

Interpreters: this one, `pythonX.Y` on PATH, pyenv's versions, and MODELGEN_PYTHONS
(paths separated by os.pathsep). Each other interpreter gets a venv with modelgen
installed (editable) under .venv/interpreters/. Specs: MODELGEN_INTERPRETER_SPECS
(paths), else the two OpenAI specs and the corpus.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from faults import REPO, SHARED, tree

pytestmark = pytest.mark.interpreters
VENVS = REPO / ".venv" / "interpreters"


def _version(python: str) -> tuple[int, ...] | None:
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print(*sys.version_info[:3])"],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.split()
        return tuple(int(part) for part in out)
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None


def interpreters() -> dict[tuple[int, ...], str]:
    """Version → a Python executable of that version (≥ 3.11), this one included."""
    found = {tuple(sys.version_info[:3]): sys.executable}
    candidates = [shutil.which(f"python3.{minor}") for minor in range(11, 20)]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates += [str(p) for p in sorted(pyenv.glob("3.*/bin/python3"))]
    candidates += os.environ.get("MODELGEN_PYTHONS", "").split(os.pathsep)
    for python in filter(None, candidates):
        version = _version(python)
        if version and version >= (3, 11) and version not in found:
            found[version] = python
    return found


def modelgen_under(version: tuple[int, ...], python: str) -> str:
    """A Python of `version` that has modelgen installed (a venv made once)."""
    if python == sys.executable:
        return python
    venv = VENVS / ".".join(map(str, version))
    target = venv / "bin" / "python"
    stamp = venv / "installed-from"
    source = (REPO / "pyproject.toml").read_text()
    if not (target.exists() and stamp.exists() and stamp.read_text() == source):
        subprocess.run([python, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [str(target), "-m", "pip", "install", "-q", "-e", str(REPO)],
            check=True,
            timeout=900,
        )
        stamp.write_text(source)
    return str(target)


@pytest.fixture(scope="module")
def pythons() -> dict[str, str]:
    found = interpreters()
    if len(found) < 2:
        pytest.skip(
            f"only one Python >= 3.11 on this machine ({sys.version.split()[0]}): "
            "nothing to compare (set MODELGEN_PYTHONS to add others)"
        )
    return {
        ".".join(map(str, v)): modelgen_under(v, p) for v, p in sorted(found.items())
    }


def specs() -> list[Path]:
    listed = os.environ.get("MODELGEN_INTERPRETER_SPECS")
    if listed:
        return [Path(p) for p in listed.split(os.pathsep)]
    corpus = SHARED / "specs" / "corpus"
    return [
        SHARED / "specs" / "openai" / "openai-2024-12-18.yaml",
        SHARED / "specs" / "openai" / "openai-2026-08.yaml",
    ] + sorted(p for p in corpus.glob("*.*") if p.suffix in (".yaml", ".json"))


def run(python: str, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MODELGEN_CACHE_DIR=str(cache), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [python, "-m", "modelgen", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.parametrize("spec", specs(), ids=lambda p: p.name)
def test_same_bytes_and_check_agrees_with_generate(
    spec: Path, pythons: dict[str, str], tmp_path: Path
) -> None:
    if not spec.is_file():
        pytest.skip(f"{spec} is not there")
    outputs = {}
    for version, python in pythons.items():
        out = tmp_path / version / "oai"
        result = run(
            python, tmp_path / f"cache-{version}", "generate", str(spec), "-o", str(out)
        )
        if result.returncode == 2 and version == next(iter(pythons)):
            pytest.skip(f"{spec.name} is refused: {result.stderr.splitlines()[:1]}")
        assert result.returncode == 0, f"Python {version}: {result.stderr[-1500:]}"
        outputs[version] = out
    trees = {version: tree(out) for version, out in outputs.items()}
    first, *others = trees
    for version in others:
        differing = sorted(
            rel
            for rel in set(trees[first]) | set(trees[version])
            if trees[first].get(rel) != trees[version].get(rel)
        )
        assert differing == [], f"Python {first} and {version} differ: {differing[:10]}"
    for version, python in pythons.items():
        for made_by, out in outputs.items():
            if made_by == version:
                continue
            copy = tmp_path / f"{made_by}-checked-by-{version}" / "oai"
            shutil.copytree(out, copy, symlinks=True)
            cache = tmp_path / f"cache-{version}"
            verdict = run(python, cache, "check", str(spec), "-o", str(copy))
            before = {
                **tree(copy),
                "manifest": (copy / ".modelgen" / "manifest.json").read_bytes(),
            }
            assert (
                run(python, cache, "generate", str(spec), "-o", str(copy)).returncode
                == 0
            )
            after = {
                **tree(copy),
                "manifest": (copy / ".modelgen" / "manifest.json").read_bytes(),
            }
            assert (verdict.returncode == 0) == (before == after), (
                f"check under {version} on the output of {made_by}: exit "
                f"{verdict.returncode}, but generate changed "
                f"{sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))[:10]}"
                f"\n{verdict.stdout[:1500]}"
            )
