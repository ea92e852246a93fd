"""RealtimeSession of the 2024-12-18 spec: the round trips the product promises."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_python

CASES = [
    {"max_response_output_tokens": "inf"},
    {"max_response_output_tokens": 5},
    {"turn_detection": None},
    {},
    {"unknown_field": {"kept": [1, 2]}},
    {
        "modalities": ["text", "audio"],
        "temperature": 0.8,
        "tools": [{"type": "function", "name": "f"}],
    },
    {"turn_detection": {"type": "server_vad", "threshold": 0.5}},
]
INVALID = [
    ({"modalities": ["video"]}, "modalities"),
    ({"max_response_output_tokens": "5"}, "max_response_output_tokens"),
    ({"temperature": "hot"}, "temperature"),
    ({"id": None}, "id"),
    ({"voice": "robot"}, "voice"),
]

SCRIPT = """
import json, sys
from pydantic import ValidationError
from oai.models import RealtimeSession
cases, invalid = json.loads(sys.argv[1]) if len(sys.argv) > 1 else json.loads(%r)
out = {"round": [], "errors": []}
for case in cases:
    model = RealtimeSession.from_dict(case)
    again = RealtimeSession.from_json(model.to_json())
    out["round"].append([model.to_dict(), again.to_dict()])
for case, field in invalid:
    try:
        RealtimeSession.from_dict(case)
        out["errors"].append(None)
    except ValidationError as exc:
        out["errors"].append([".".join(map(str, e["loc"])) for e in exc.errors()])
print(json.dumps(out))
"""


def test_round_trips_and_rejections(openai_package: Path) -> None:
    script = SCRIPT % json.dumps([CASES, INVALID])
    result = run_python(script, openai_package.parent)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    for case, (once, twice) in zip(CASES, out["round"]):
        assert once == case
        assert twice == case
    for (case, field), locations in zip(INVALID, out["errors"]):
        assert locations is not None, f"accepted {case}"
        assert any(loc.split(".")[0] == field for loc in locations), (case, locations)


def test_absent_and_null_differ(openai_package: Path) -> None:
    script = (
        "from oai.models import RealtimeSession as R\n"
        "print(R.from_dict({}).to_dict(), R.from_dict({'turn_detection': None}).to_dict())"
    )
    result = run_python(script, openai_package.parent)
    assert result.stdout.strip() == "{} {'turn_detection': None}"
