"""Regenerating in part after an edit gives the files a full run gives, byte for byte."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from conftest import OPENAI, need_shared
from modelgen.pipeline import Request, generate
from modelgen.produce import Result

SPEC = "openai-2024-12-18.yaml"
Edit = Callable[[dict[str, Any]], None]


def schemas(doc: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = doc["components"]["schemas"]
    return found


def described(doc: dict[str, Any]) -> None:
    schemas(doc)["AssistantObject"]["description"] = "Edited. *Markdown* | pipe"


def leaf_described(doc: dict[str, Any]) -> None:
    schemas(doc)["ChatCompletionRole"]["description"] = "Who wrote the message."


def property_added(doc: dict[str, Any]) -> None:
    props = schemas(doc)["AssistantObject"]["properties"]
    props["owner"] = {"$ref": "#/components/schemas/ChatCompletionRole"}


def property_removed(doc: dict[str, Any]) -> None:
    del schemas(doc)["AssistantObject"]["properties"]["name"]


def type_changed(doc: dict[str, Any]) -> None:
    schemas(doc)["AssistantObject"]["properties"]["created_at"] = {"type": "string"}


def enum_changed(doc: dict[str, Any]) -> None:
    schemas(doc)["ChatCompletionRole"]["enum"].append("reviewer")


def made_nullable(doc: dict[str, Any]) -> None:
    schemas(doc)["ChatCompletionRole"]["nullable"] = True


def root_constraint_changed(doc: dict[str, Any]) -> None:
    """A root model written in place: the models using it show its constraint."""
    schemas(doc)["ChatCompletionModalities"]["maxItems"] = 2


def inline_object_added(doc: dict[str, Any]) -> None:
    props = schemas(doc)["AssistantObject"]["properties"]
    props["extra_settings"] = {
        "type": "object",
        "properties": {"level": {"type": "integer", "minimum": 1}},
    }


def inline_described(doc: dict[str, Any]) -> None:
    for schema in schemas(doc).values():
        for prop in (schema.get("properties") or {}).values():
            if prop.get("type") == "object" and prop.get("properties"):
                prop["description"] = "Edited inline."
                return
    raise AssertionError("no inline object")


def union_member_changed(doc: dict[str, Any]) -> None:
    for schema in schemas(doc).values():
        for key in ("oneOf", "anyOf"):
            members = schema.get(key) or []
            refs = [m["$ref"] for m in members if "$ref" in m]
            if len(refs) >= 2:
                target = schemas(doc)[refs[0].rsplit("/", 1)[1]]
                if "properties" in target:
                    target["properties"]["added"] = {"type": "boolean"}
                    return
    raise AssertionError("no union of references")


def title_changed(doc: dict[str, Any]) -> None:
    doc["info"]["title"] = "Edited API"


def component_added(doc: dict[str, Any]) -> None:
    schemas(doc)["ZzAdded"] = {
        "type": "object",
        "properties": {"a": {"type": "string"}},
    }


def broken(doc: dict[str, Any]) -> None:
    schemas(doc)["AssistantObject"]["properties"]["name"] = {"$ref": "#/nowhere"}


EDITS: list[Edit] = [
    described,
    leaf_described,
    property_added,
    property_removed,
    type_changed,
    enum_changed,
    made_nullable,
    root_constraint_changed,
    inline_object_added,
    inline_described,
    union_member_changed,
    title_changed,
    component_added,
]
IN_PART = {
    described,
    leaf_described,
    property_removed,
    type_changed,
    enum_changed,
    root_constraint_changed,
}


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    need_shared()
    doc: dict[str, Any] = yaml.safe_load((OPENAI / SPEC).read_text(encoding="utf-8"))
    return doc


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "lock"
    }


def run(
    spec: Path, out: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, **options: Any
) -> tuple[Result, list[str]]:
    monkeypatch.setenv("MODELGEN_CACHE_DIR", str(cache))
    produced: list[Result] = []
    _, warnings = generate(Request(str(spec), str(out), **options), produced)
    return produced[0], [d.render() for d in warnings]


def write(path: Path, doc: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return path


def check_edit(
    tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
    docs: list[dict[str, Any]],
    **options: Any,
) -> list[int]:
    """Generate docs[0], then each later doc into the same output; after each,
    compare with a full run of that doc into a fresh folder. The partial runs'
    counts of rendered files (-1: it ran in full)."""
    spec = tmp / "spec" / "openapi.json"
    out, cache = tmp / "kept" / "api", tmp / "cache-kept"
    write(spec, docs[0])
    run(spec, out, cache, monkeypatch, **options)
    counts = []
    for number, doc in enumerate(docs[1:]):
        write(spec, doc)
        result, warnings = run(spec, out, cache, monkeypatch, **options)
        counts.append(result.in_part)
        fresh = tmp / f"fresh{number}" / "api"
        full, full_warnings = run(
            spec, fresh, tmp / f"cache-fresh{number}", monkeypatch, **options
        )
        assert full.in_part == -1
        assert tree(out) == tree(fresh)
        assert warnings == full_warnings
    return counts


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e.__name__)
def test_an_edit_gives_what_a_full_run_gives(
    edit: Edit, base: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = copy.deepcopy(base)
    edit(edited)
    [count] = check_edit(tmp_path, monkeypatch, [base, edited])
    if edit in IN_PART:
        assert 0 < count < 60, count  # regenerated in part, a few files rendered


def test_edits_in_a_row_and_back(
    base: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each partial run leaves what the next one needs; undoing an edit restores."""
    one, two = copy.deepcopy(base), copy.deepcopy(base)
    described(one)
    described(two)
    enum_changed(two)
    counts = check_edit(tmp_path, monkeypatch, [base, one, two, one, base])
    assert all(c > 0 for c in counts), counts


@pytest.mark.parametrize("target", ["msgspec", "dataclasses", "typeddict"])
def test_other_targets(
    target: str, base: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = [base]
    for edit in (
        described,
        union_member_changed,
        enum_changed,
        root_constraint_changed,
    ):
        docs.append(copy.deepcopy(docs[-1]))
        edit(docs[-1])
    check_edit(tmp_path, monkeypatch, docs, target=target)


def test_a_broken_edit_is_reported_as_by_a_full_run(
    base: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from modelgen.diagnostics import SpecError

    spec, out = tmp_path / "openapi.json", tmp_path / "api"
    write(spec, base)
    run(spec, out, tmp_path / "cache", monkeypatch)
    before = tree(out)
    edited = copy.deepcopy(base)
    broken(edited)
    write(spec, edited)
    with pytest.raises(SpecError) as failure:
        run(spec, out, tmp_path / "cache", monkeypatch)
    [problem] = failure.value.diagnostics
    assert problem.pointer == "/components/schemas/AssistantObject/properties/name"
    assert problem.line > 0  # located in the file, as the full path does
    assert tree(out) == before


def test_a_file_changed_on_disk_is_restored(
    base: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec, out = tmp_path / "openapi.json", tmp_path / "api"
    write(spec, base)
    run(spec, out, tmp_path / "cache", monkeypatch)
    target = out / "models" / "chat_completion_role.py"
    original = target.read_bytes()
    target.write_text("# edited by hand\n")
    edited = copy.deepcopy(base)
    described(edited)
    write(spec, edited)
    result, _ = run(spec, out, tmp_path / "cache", monkeypatch)
    assert result.in_part == -1  # a file differs from the manifest: the full path
    assert target.read_bytes() == original


def test_anchor_test_matches_the_pattern() -> None:
    """`has_anchor` (looks only around each `&`) answers as the full pattern."""
    import random

    from modelgen.load import _ANCHOR, has_anchor

    rng = random.Random(7)
    cases = [b"&a", b"x: &a 1", b"a&b", b"[&x]", b"- &y", b"&", b"k:&z", b"\n&q"]
    cases += [bytes(rng.choice(b" a&[{,:-\n]}") for _ in range(8)) for _ in range(5000)]
    for case in cases:
        assert has_anchor(case) == bool(_ANCHOR.search(case)), case


def shared_inline_spec() -> dict[str, Any]:
    """Two components with an identical inline object (one model for both), a
    third that only references the first, and names that collide."""

    def inline() -> dict[str, Any]:
        return {"type": "object", "properties": {"x": {"type": "integer"}}}

    return {
        "openapi": "3.0.3",
        "info": {"title": "Shared", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "A": {"type": "object", "properties": {"p": inline()}},
                "B": {"type": "object", "properties": {"p": inline()}},
                "C": {"properties": {"a": {"$ref": "#/components/schemas/A"}}},
                "AP": {"type": "object", "properties": {"y": {"type": "string"}}},
                "D": {"type": "string", "enum": ["one", "two"]},
            }
        },
    }


def _edited(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    doc = shared_inline_spec()
    change(doc["components"]["schemas"])
    return doc


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s["A"]["properties"]["p"].update(description="now differs"),
        lambda s: s["B"]["properties"]["p"]["properties"].update(z={"type": "string"}),
        lambda s: s["A"].update(description="only a description"),
        lambda s: s["AP"].update(
            description="the class A's inline model collides with"
        ),
        lambda s: s["D"]["enum"].append("three"),
        lambda s: s["C"]["properties"].update(d={"$ref": "#/components/schemas/D"}),
    ],
    ids=[
        "inline-differs",
        "other-inline-differs",
        "described",
        "collider",
        "enum",
        "ref",
    ],
)
def test_shared_inline_models_and_colliding_names(
    change: Callable[[dict[str, Any]], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    check_edit(tmp_path, monkeypatch, [shared_inline_spec(), _edited(change)])


def test_a_damaged_snapshot_means_a_full_run(
    base: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec, out, cache = tmp_path / "openapi.json", tmp_path / "api", tmp_path / "cache"
    write(spec, base)
    run(spec, out, cache, monkeypatch)
    [entry] = (cache / "again").iterdir()
    entry.write_bytes(entry.read_bytes()[:-100] + b"\0" * 100)
    edited = copy.deepcopy(base)
    described(edited)
    write(spec, edited)
    result, _ = run(spec, out, cache, monkeypatch)
    assert result.in_part == -1
    described_again = copy.deepcopy(edited)
    enum_changed(described_again)
    write(spec, described_again)
    result, _ = run(spec, out, cache, monkeypatch)
    assert result.in_part > 0  # the full run left a sound snapshot behind
