"""A big YAML text parsed in two halves on two cores gives the whole text's parse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SHARED, need_shared
from modelgen import yamlhalves
from modelgen.load import has_anchor
from modelgen.yamlload import load_yaml_keyed

SPECS = sorted(
    p
    for folder in ("specs/corpus", "specs/openai")
    for p in (SHARED / folder).glob("**/*.yaml")
)


def same_or_none(text: str) -> bool:
    """Whether the halves' result is None or exactly the whole parse (order too)."""
    halves = yamlhalves.load_in_halves(text, load_yaml_keyed, False)
    if halves is None:
        return True
    try:
        whole = load_yaml_keyed(text)
    except (
        Exception
    ):  # noqa: BLE001 - the halves must not accept what the whole refuses
        return False
    return json.dumps(halves[0]) == json.dumps(whole[0]) and halves[1] == whole[1]


@pytest.fixture
def any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlhalves, "MIN_CHARACTERS", 0)


def test_the_big_spec_is_cut_and_joined_exactly() -> None:
    need_shared()
    text = (SHARED / "specs/openai/openai-2026-08.yaml").read_text(encoding="utf-8")
    assert not has_anchor(text.encode())
    halves = yamlhalves.load_in_halves(text, load_yaml_keyed, False)
    assert halves is not None
    whole = load_yaml_keyed(text)
    assert json.dumps(halves[0]) == json.dumps(whole[0])
    assert halves[1] == whole[1]


def test_every_real_spec_is_parsed_exactly_or_whole(any_size: None) -> None:
    need_shared()
    assert SPECS
    for path in SPECS:
        text = path.read_text(encoding="utf-8")
        if not has_anchor(text.encode()):
            assert same_or_none(text), path


def entries(count: int, body: str = "type: string", name: str = "Name") -> list[str]:
    return [f"    {name}{i}:\n      {body}" for i in range(count)]


def spec(*parts: str) -> str:
    return "\n".join(["openapi: 3.1.0", "components:", "  schemas:", *parts]) + "\n"


OPEN = [
    # a string opened above the middle, closed below it: the lines between only
    # look like entries (the whole parse accepts each)
    spec(*entries(40), "    Open:\n      description: 'a", *entries(45, name="In"))
    + "      end'\npaths:\n  x: 'y'\n",
    spec(*entries(40), '    Open:\n      description: "a', *entries(45, name="In"))
    + '      end"\npaths:\n  x: "y"\n',
    # the mapping is a block scalar: the lines below only look like entries
    "openapi: 3.1.0\ncomponents:\n  schemas: |\n" + "\n".join(entries(80)) + "\n",
]
REFUSED = [
    spec(*entries(40), *entries(40)),  # a key in both halves
    spec(*entries(40), *entries(40, "type: [unclosed", "More")),  # an error below
]


@pytest.mark.parametrize("text", OPEN + REFUSED)
def test_a_cut_that_is_not_sound_is_not_joined(any_size: None, text: str) -> None:
    assert same_or_none(text)
    if text in OPEN:
        load_yaml_keyed(text)  # valid YAML: only the halves could misread it


def test_small_texts_are_parsed_whole() -> None:
    assert yamlhalves.load_in_halves(spec(*entries(80)), load_yaml_keyed, False) is None
