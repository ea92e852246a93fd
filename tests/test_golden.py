"""Golden cases: each small spec of `tests/cases/` gives exactly its `expected/` tree.

A failure here means the output changed. If the change is intended, run
`make golden` and review the diff of `tests/cases/*/expected/`.
"""

from __future__ import annotations

import difflib
import importlib
import shutil
import sys
from pathlib import Path

import pytest

from golden import (
    CASES,
    EXPECTED,
    case_names,
    expected_files,
    expected_warnings,
    run_case,
)

NAMES = case_names()
HINT = "output changed: if intended, run `make golden` and review the diff"


def test_enough_cases() -> None:
    assert len(NAMES) >= 20, NAMES


def _diff(name: str, rel: str, want: bytes, got: bytes) -> str:
    lines = difflib.unified_diff(
        want.decode("utf-8", "replace").splitlines(),
        got.decode("utf-8", "replace").splitlines(),
        f"expected/{rel}",
        f"now/{rel}",
        lineterm="",
    )
    return "\n".join(list(lines)[:60])


@pytest.mark.parametrize("name", NAMES)
def test_golden(name: str) -> None:
    outcome = run_case(name)
    expected = expected_files(name)
    missing = sorted(set(expected) - set(outcome.files))
    extra = sorted(set(outcome.files) - set(expected))
    assert not missing and not extra, f"{HINT}\nno longer made: {missing}\nnew: {extra}"
    changed = [rel for rel in sorted(expected) if expected[rel] != outcome.files[rel]]
    if changed:
        first = changed[0]
        pytest.fail(
            f"{HINT}\nchanged: {changed}\n"
            + _diff(name, first, expected[first], outcome.files[first])
        )
    assert outcome.warnings == expected_warnings(name), HINT


def test_every_expected_package_imports(tmp_path: Path) -> None:
    """Every module of every expected tree imports (under the case's package name)."""
    for name in NAMES:
        shutil.copytree(CASES / name / EXPECTED, tmp_path / name)
    sys.path.insert(0, str(tmp_path))
    importlib.invalidate_caches()
    try:
        imported = 0
        for name in NAMES:
            for path in sorted((tmp_path / name).rglob("*.py")):
                parts = path.relative_to(tmp_path).with_suffix("").parts
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                module = importlib.import_module(".".join(parts))
                assert module.__name__ == ".".join(parts)
                imported += 1
        models = importlib.import_module(f"{NAMES[0]}.models")
        assert models.__all__, "the models package exports its models"
        assert imported > 5 * len(NAMES)
    finally:
        sys.path.remove(str(tmp_path))
        for module in [m for m in sys.modules if m.split(".")[0] in NAMES]:
            del sys.modules[module]
