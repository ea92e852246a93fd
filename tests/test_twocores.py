"""Stages 3 and 4 on two processes make the files one process makes, in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import OPENAI, need_shared
from modelgen import twocores
from modelgen.pipeline import Request
from modelgen.produce import produce


@pytest.mark.parametrize("target", ["pydantic", "msgspec", "dataclasses", "typeddict"])
def test_two_processes_write_what_one_writes(
    target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    need_shared()
    monkeypatch.setenv("MODELGEN_CACHE_DIR", str(tmp_path / "cache"))
    request = Request(
        spec=str(OPENAI / "openai-2024-12-18.yaml"),
        output=str(tmp_path / "pkg"),
        target=target,
        mkdocs=True,
    )
    made = produce(request)
    assert made.document is not None
    assert len(made.document.models) >= twocores.PARALLEL_MODELS  # two processes
    two = [(f.path, f.text) for f in made.files]
    monkeypatch.setattr(twocores, "PARALLEL_MODELS", 10**9)
    one = [(f.path, f.text) for f in produce(request).files]
    assert two == one
