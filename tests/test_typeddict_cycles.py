"""`--target typeddict` on classes that reach each other through union aliases
(Stripe's expandable fields: `customer: str | Customer`). mypy checks an alias
that reaches itself along every path through the classes it reaches, so such
aliases are spelled out in the keys: mypy stays fast, the types stay the same.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

from test_target_typeddict import generate, stdlib_python

SIZE = 10  # classes that all reach each other (before: minutes of mypy; now: seconds)


def web(size: int) -> dict[str, object]:
    """`size` classes, each with a nullable `string | S<j>` key for every other one."""
    schemas = {
        f"S{i}": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                **{
                    f"r{j}": {
                        "anyOf": [
                            {"type": "string"},
                            {"$ref": f"#/components/schemas/S{j}"},
                        ],
                        "nullable": True,
                    }
                    for j in range(size)
                    if j != i
                },
            },
        }
        for i in range(size)
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Web", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    }


def test_keys_spell_out_aliases_of_a_cycle_and_mypy_stays_fast(tmp_path: Path) -> None:
    spec = tmp_path / "web.json"
    spec.write_text(json.dumps(web(SIZE)), encoding="utf-8")
    generate(spec, tmp_path / "pkg", "--no-docs")
    models = tmp_path / "pkg" / "models"
    s0 = (models / "s0.py").read_text(encoding="utf-8")
    assert re.search(r'^    r1: NotRequired\[Union\[str, "S1", None\]\]$', s0, re.M), s0
    aliases = [p for p in models.glob("s*_r*.py")]
    assert aliases, "the aliases themselves are still generated"
    for path in models.glob("*.py"):
        keys = re.findall(r"^    \w+: .*$", path.read_text(encoding="utf-8"), re.M)
        assert not any(re.search(r"\bS\d+R\d+\b", k) for k in keys), (path, keys)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "pkg"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    assert time.perf_counter() - start < 60
    check = "import typing, pkg.models as m\nprint(sorted(typing.get_type_hints(m.S0)['r1'].__args__, key=str))"
    hints = stdlib_python(tmp_path, check)
    assert "pkg.models.s1.S1'" in hints and "NoneType" in hints, hints
