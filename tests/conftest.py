"""Shared fixtures: where things are, and generated packages built once per session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OPENAI = SHARED / "specs" / "openai"
MISSING_SHARED = (
    f"{SHARED} is missing: the real specs, the seed and the adversarial suite live "
    "there; put the shared folder beside the repository"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--require-shared",
        action="store_true",
        help="fail at once when ../shared is missing (always so when CI is set)",
    )


def pytest_configure(config: pytest.Config) -> None:
    required = config.getoption("--require-shared") or bool(os.environ.get("CI"))
    if required and not SHARED.is_dir():
        raise pytest.UsageError(MISSING_SHARED)


def modelgen(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user would, in a fresh interpreter (`env`: extra variables)."""
    return subprocess.run(
        [sys.executable, "-m", "modelgen", *args],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **env} if env else None,
    )


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter with `cwd` first on sys.path."""
    script = cwd / f"_script_{abs(hash(code))}.py"
    script.write_text(code, encoding="utf-8")
    try:
        return subprocess.run(
            [sys.executable, str(script)],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=900,
        )
    finally:
        script.unlink()


def need_shared() -> None:
    if not SHARED.is_dir():
        pytest.skip(MISSING_SHARED)


@pytest.fixture(scope="session")
def openai_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole 2024-12-18 OpenAI spec generated (models and docs) as package `oai`."""
    need_shared()
    out = tmp_path_factory.mktemp("openai") / "oai"
    result = modelgen(
        "generate", str(OPENAI / "openai-2024-12-18.yaml"), "--output", str(out)
    )
    assert result.returncode == 0, result.stderr
    return out
