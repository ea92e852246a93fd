"""The whole 2024-12-18 spec: imports, type-checks, is black-clean, examples run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import run_python

FENCE = re.compile(r"^(`{3,})python\n(.*?)^\1$", re.S | re.M)


def test_every_module_imports(openai_package: Path) -> None:
    modules = sorted(
        p.stem for p in (openai_package / "models").glob("*.py") if p.stem != "__init__"
    )
    code = "import importlib\n" + "".join(
        f"importlib.import_module('oai.models.{m}')\n" for m in modules
    )
    result = run_python(code, openai_package.parent)
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(modules) > 500


def test_mypy_strict_passes(openai_package: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "oai"],
        cwd=openai_package.parent,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_black_check_passes(openai_package: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "black", "--check", "-q", "oai"],
        cwd=openai_package.parent,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_every_docs_example_runs(openai_package: Path) -> None:
    pages = sorted((openai_package / "docs").glob("*.md"))
    blocks = []
    for page in pages:
        if page.name == "README.md":
            continue
        found = FENCE.findall(page.read_text())
        assert len(found) == 1, f"{page.name}: expected one Example block"
        blocks.append((page.name, found[0][1]))
    harness = "import sys, io, contextlib\nfailed = []\n"
    for name, code in blocks:
        harness += (
            f"try:\n    with contextlib.redirect_stdout(io.StringIO()):\n        exec({code!r}, {{}})\n"
            f"except Exception as exc:\n    failed.append(({name!r}, repr(exc)[:300]))\n"
        )
    harness += "print(len(failed)); [print(f) for f in failed[:20]]\n"
    result = run_python(harness, openai_package.parent)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines()[0] == "0", result.stdout
    assert len(blocks) == len(pages) - 1
