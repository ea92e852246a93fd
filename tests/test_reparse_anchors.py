"""Re-parsing only the edited entry of a spec with YAML anchors and aliases.

The entry is re-parsed alone when it shares no node with the rest of the file;
otherwise (an anchor it defines named outside it, an alias in it to an anchor
outside it, a merge key) the file is parsed in full. Either way the data, and
the output regenerated from it, are exactly what a full parse gives.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import OPENAI, need_shared
from modelgen import load, yamlload
from modelgen.pipeline import Request, generate
from test_reparse import check_splice

SMALL = """openapi: 3.0.3
info:
  title: Anchors
  version: '1'
paths: {}
components:
  schemas:
    Pet:
      type: object
      description: A pet.
      properties:
        name: &name
          type: string
          description: The name.
        nickname: *name
    Owner:
      type: object
      description: An owner.
      properties:
        age:
          type: integer
"""
SHARED_OUTSIDE = SMALL + "        alias: *name\n"


def edited(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.mark.parametrize(
    "text, old, new, spliced",
    [
        (SMALL, "An owner.", "An owner (edited).", True),  # anchors elsewhere
        (SMALL, "The name.", "The name (edited).", True),  # anchor and alias inside
        (SHARED_OUTSIDE, "The name.", "The name (edited).", False),  # alias outside
        (SMALL, "        age:\n", "        pet: *name\n        age:\n", False),
        (SMALL, "An owner.", "An owner.\n      x-more: &name 1", False),  # anchor twice
        (
            SMALL + "    Extra:\n      <<: {type: object}\n",
            "An owner.",
            "Edited.",
            False,
        ),
    ],
    ids=["elsewhere", "inside", "alias-outside", "alias-in", "anchor-twice", "merge"],
)
def test_spliced_only_when_nothing_is_shared(
    text: str, old: str, new: str, spliced: bool
) -> None:
    assert check_splice(text, edited(text, old, new)) is spliced


def openai_text() -> str:
    need_shared()
    return (OPENAI / "openai-2024-12-18.yaml").read_text(encoding="utf-8")


def test_openai_edits_beside_and_among_anchors_are_spliced() -> None:
    text = openai_text()
    assert load.has_anchor(text.encode())
    assert check_splice(text, _describe(text, "AssistantObject"))
    among = edited(text, "description: The token.\n", "description: Edited.\n")
    assert check_splice(text, among)  # the entry holds the anchors and their aliases


def _describe(text: str, component: str) -> str:
    """`text` with the first description of `component` edited."""
    start = text.index(f"\n    {component}:\n")
    at = text.index("description: ", start) + len("description: ")
    return text[:at] + "EDITED " + text[at:]


def parsed_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every text the loader parses from now on."""
    sizes: list[int] = []
    real = load.load_yaml_keyed

    def counted(text: str) -> tuple[Any, list[int]]:
        sizes.append(len(text))
        return real(text)

    monkeypatch.setattr(load, "load_yaml_keyed", counted)
    return sizes


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "lock"
    }


def regenerate(
    tmp: Path, monkeypatch: pytest.MonkeyPatch, text: str, new_text: str
) -> float:
    """Generate `text`, then `new_text` into the same output; the output must be what a
    fresh run of `new_text` gives. The share of `new_text` parsed the second time (1.0:
    the whole file)."""
    spec = tmp / "spec" / "api.yaml"
    spec.parent.mkdir()
    spec.write_text(text, encoding="utf-8")
    monkeypatch.setenv("MODELGEN_CACHE_DIR", str(tmp / "cache"))
    generate(Request(str(spec), str(tmp / "kept" / "api")))
    spec.write_text(new_text, encoding="utf-8")
    sizes = parsed_sizes(monkeypatch)
    generate(Request(str(spec), str(tmp / "kept" / "api")))
    share = max(sizes) / len(new_text)
    monkeypatch.setenv("MODELGEN_CACHE_DIR", str(tmp / "fresh-cache"))
    generate(Request(str(spec), str(tmp / "fresh" / "api")))
    shutil.rmtree(tmp / "spec")
    assert tree(tmp / "kept" / "api") == tree(tmp / "fresh" / "api")
    return share


@pytest.mark.parametrize(
    "text, old, new, spliced",
    [
        (SMALL, "The name.", "The name (edited).", True),
        (SHARED_OUTSIDE, "The name.", "The name (edited).", False),
    ],
    ids=["spliced", "shared"],
)
def test_small_spec_regenerates_as_a_fresh_run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    old: str,
    new: str,
    spliced: bool,
) -> None:
    new_text = edited(text, old, new)
    assert (regenerate(tmp_path, monkeypatch, text, new_text) < 1) is spliced


def test_openai_regenerates_as_a_fresh_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = openai_text()
    share = regenerate(tmp_path, monkeypatch, text, _describe(text, "AssistantObject"))
    assert share < 0.05  # the one component, not the file


def test_openai_shared_anchor_falls_back_to_a_full_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An alias elsewhere to an anchor of the edited entry: the file is parsed in full."""
    text = openai_text()
    start = text.index("\n    CompletionUsage:\n")  # after the anchors' component
    at = text.index("\n      properties:\n", start) + len("\n      properties:\n")
    shared = text[:at] + "        token: *a1\n" + text[at:]
    new_text = edited(shared, "description: The token.\n", "description: Edited.\n")
    assert regenerate(tmp_path, monkeypatch, shared, new_text) == 1
