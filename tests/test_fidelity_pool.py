"""The process pool of the fidelity harness: cached per component, resumable,
bounded in time, independent of the number of workers."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fidelity_pool  # noqa: E402

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="the pool forks its processes"
)


def maker(log: Path) -> Any:
    """An entry per component; each call is recorded in `log` (the calls run in other processes)."""

    def make(component: str) -> dict[str, Any]:
        with log.open("a", encoding="utf-8") as out:
            out.write(component + "\n")
        if component == "slow":
            time.sleep(60)
        if component == "dies":
            os._exit(3)
        return {"cases": [{"id": component + "#v0"}], "unsupported": None, "seconds": 0}

    return make


def calls(log: Path) -> list[str]:
    return sorted(log.read_text(encoding="utf-8").split()) if log.exists() else []


def test_every_component_once_in_order_and_cached(tmp_path: Path) -> None:
    names = ["b", "a/x", "c~1", "d"]
    log = tmp_path / "log"
    first = fidelity_pool.run(maker(log), names, tmp_path / "cache", workers=2)
    assert list(first) == names
    assert [e["cases"][0]["id"] for e in first.values()] == [n + "#v0" for n in names]
    assert calls(log) == sorted(names)
    again = fidelity_pool.run(maker(log), names + ["e"], tmp_path / "cache", workers=1)
    assert calls(log) == sorted(names + ["e"])  # only the new one was made
    assert {k: again[k] for k in names} == first


def test_same_entries_whatever_the_number_of_workers(tmp_path: Path) -> None:
    names = [f"c{i}" for i in range(7)]
    one = fidelity_pool.run(maker(tmp_path / "l1"), names, tmp_path / "one", 1)
    three = fidelity_pool.run(maker(tmp_path / "l3"), names, tmp_path / "three", 3)
    assert one == three


def test_a_process_that_outlives_the_limit_is_stopped_and_recorded(
    tmp_path: Path,
) -> None:
    log = tmp_path / "log"
    start = time.monotonic()
    found = fidelity_pool.run(
        maker(log), ["slow", "dies", "ok"], tmp_path / "cache", 2, hard_limit=1.0
    )
    assert time.monotonic() - start < 30
    assert found["slow"]["cases"] == [] and "stopped after 1 s" in str(
        found["slow"]["unsupported"]
    )
    assert found["dies"]["cases"] == [] and "exit 3" in str(
        found["dies"]["unsupported"]
    )
    assert found["ok"]["cases"]
    fidelity_pool.run(maker(log), ["slow", "dies", "ok"], tmp_path / "cache", 2)
    assert calls(log) == ["dies", "ok", "slow"]  # the verdicts were cached too


def test_without_a_cache_folder_nothing_is_kept(tmp_path: Path) -> None:
    found = fidelity_pool.run(maker(tmp_path / "log"), ["a"], None, 1)
    assert found["a"]["cases"] == [{"id": "a#v0"}]


def test_a_damaged_entry_is_made_again(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    fidelity_pool.run(maker(tmp_path / "log"), ["a"], folder, 1)
    fidelity_pool.entry_path(folder, "a").write_text("{not json", encoding="utf-8")
    found = fidelity_pool.run(maker(tmp_path / "log"), ["a"], folder, 1)
    assert found["a"]["cases"] and calls(tmp_path / "log") == ["a", "a"]
