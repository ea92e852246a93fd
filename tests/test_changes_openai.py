"""`modelgen changes` on real versions of the OpenAI spec: stable, quiet against itself, right where checked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import OPENAI, modelgen

OLD, NEW, LATEST = (
    "openai-2024-12-16.yaml",
    "openai-2024-12-18.yaml",
    "openai-2026-08.yaml",
)


@pytest.fixture(scope="module")
def report() -> dict:
    if not (OPENAI / NEW).is_file():
        pytest.skip("the shared OpenAI specs are not here")
    result = modelgen(
        "changes", str(OPENAI / OLD), str(OPENAI / NEW), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_same_output_twice(report: dict) -> None:
    again = modelgen(
        "changes", str(OPENAI / OLD), str(OPENAI / NEW), "--format", "json"
    )
    assert json.loads(again.stdout) == report


@pytest.mark.parametrize("name", [NEW, LATEST])
def test_nothing_against_itself(name: str, tmp_path: Path) -> None:
    if not (OPENAI / name).is_file():
        pytest.skip("the shared OpenAI specs are not here")
    copy = tmp_path / name
    shutil.copy(OPENAI / name, copy)
    for other in (str(OPENAI / name), str(copy)):
        result = modelgen("changes", str(OPENAI / name), other, "--fail-on", "warning")
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "0 changes: 0 errors, 0 warnings, 0 info"


def find(report: dict, rule: str, python: str) -> dict:
    hits = [c for c in report["changes"] if c["id"] == rule and python in c["python"]]
    assert len(hits) >= 1, f"{rule} {python} not found"
    return hits[0]


def test_checked_findings(report: dict) -> None:
    # n_epochs left `required` of the fine-tuning job's hyperparameters, which clients read
    optional = find(
        report,
        "response-property-became-optional",
        "FineTuningJobHyperparameters.n_epochs",
    )
    assert optional["level"] == "error"
    assert "GET /fine_tuning/jobs" in optional["operations"]
    # a model name a chat completion request could send is gone
    removed = find(
        report,
        "request-property-enum-value-removed",
        "CreateChatCompletionRequest.model",
    )
    assert removed["level"] == "error"
    assert removed["old_pointer"].startswith(
        "/components/schemas/CreateChatCompletionRequest/properties/model/"
    )
    # a new optional request field breaks nobody
    assert (
        find(
            report,
            "request-optional-property-added",
            "CreateChatCompletionRequest.reasoning_effort",
        )["level"]
        == "info"
    )
    # the realtime event schemas are used by no HTTP operation
    assert all(
        c["level"] == "info"
        for c in report["changes"]
        if c["schema"].startswith("RealtimeServerEvent")
    )
