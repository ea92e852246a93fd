"""`--target msgspec`: msgspec Structs that decode what the schema accepts, and only that.

The golden cases' specs (one schema feature each) are generated with the
msgspec target and their docs Examples run; the runtime's rules are checked
on small specs (strict types, absent vs null, closed and open objects,
tags, presence, uniqueItems); real specs generate, import and pass
`mypy --strict`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import call_python, ref, spec_doc, write_json
from usability import run_examples

pytest.importorskip("msgspec")

TESTS = Path(__file__).resolve().parent
CASES = sorted(p.parent for p in TESTS.glob("cases/*/openapi.*"))
CORPUS = TESTS.parent.parent / "shared" / "specs" / "corpus"


def generate(spec: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "modelgen", "generate", str(spec), "-o", str(out)]
        + ["--target", "msgspec", "--force", *extra],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def test_golden_case_examples_run(tmp_path: Path) -> None:
    """Every docs Example of every golden case: from_dict, to_json, to_dict, ==, keywords."""
    problems = []
    for case in CASES:
        out = tmp_path / f"p_{case.name}"
        generate(next(case.glob("openapi.*")), out)
        assert "msgspec" in (out / "models" / "_base.py").read_text(encoding="utf-8")
        problems += [f"{case.name}: {p}" for p in run_examples(out)]
    assert not problems, problems


FEATURES = {
    "Item": {
        "type": "object",
        "required": ["id", "note"],
        "properties": {
            "id": {"type": "integer", "minimum": 1},
            "note": {"type": "string", "nullable": True},
            "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
            "when": {"type": "string", "format": "date-time"},
            "kind": {"type": "string", "enum": ["a", "b"]},
            "first-name": {"type": "string", "maxLength": 3},
        },
    },
    "Closed": {
        "type": "object",
        "additionalProperties": False,
        "properties": {"x": {"type": "integer"}},
    },
    "Typed": {
        "type": "object",
        "additionalProperties": {"type": "integer"},
        "properties": {"x": {"type": "integer"}},
    },
    "Cat": {
        "type": "object",
        "required": ["pet"],
        "properties": {
            "pet": {"type": "string", "enum": ["cat"]},
            "lives": {"type": "integer"},
        },
    },
    "Dog": {
        "type": "object",
        "required": ["pet"],
        "properties": {
            "pet": {"type": "string", "enum": ["dog"]},
            "bark": {"type": "boolean"},
        },
    },
    "Pet": {
        "oneOf": [ref("Cat"), ref("Dog")],
        "discriminator": {"propertyName": "pet"},
    },
    "Owner": {
        "type": "object",
        "properties": {
            "pets": {"type": "array", "items": ref("Pet")},
            "item": ref("Item"),
            "best": ref("Cat"),  # a tagged class outside a union
        },
    },
    "Either": {"anyOf": [ref("Item"), ref("Closed")]},
    "Upload": {
        "type": "object",
        "properties": {"file_id": {"type": "string"}, "file": {"type": "string"}},
        "oneOf": [{"required": ["file_id"]}, {"required": ["file"]}],
    },
    # No discriminator, but a required constant tells the objects apart.
    "Circle": {
        "type": "object",
        "required": ["shape", "r"],
        "properties": {"shape": {"enum": ["circle"]}, "r": {"type": "number"}},
    },
    "Square": {
        "type": "object",
        "required": ["shape", "side"],
        "properties": {"shape": {"enum": ["square"]}, "side": {"type": "number"}},
    },
    "Drawing": {
        "type": "object",
        "properties": {
            "shapes": {
                "type": "array",
                "items": {"oneOf": [ref("Circle"), ref("Square"), {"type": "string"}]},
            },
            "main": ref("Circle"),
        },
    },
    # Constants that are optional: decoded in Python, by the constants first.
    "Pcm": {"type": "object", "properties": {"type": {"enum": ["pcm"]}}},
    "Mp3": {
        "type": "object",
        "properties": {"type": {"enum": ["mp3"]}, "bitrate": {"type": "integer"}},
    },
    "Format": {"oneOf": [ref("Pcm"), ref("Mp3")]},
    "Names": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
}

CHECK = """
import json, sys
import pkg.models as m
from pkg.models._base import UNSET
out = {}
def run(name, model, value):
    cls = getattr(m, model)
    try:
        out[name] = ["ok", cls.from_dict(value).to_dict()]
    except ValueError as exc:
        out[name] = ["raised", str(exc)]
for name, (model, value) in json.loads(sys.argv[1]).items():
    run(name, model, value)
item = m.Item.from_dict({"id": 1, "note": None})
out["unset"] = [item.tags is UNSET, item.note is None, item.first_name is UNSET]
out["built"] = m.Item(id=2, note="x", first_name="abc").to_dict()
out["json"] = m.Owner.from_json(b'{"pets": [{"pet": "dog", "bark": true}]}').to_json()
out["tag"] = m.Cat.from_dict({"pet": "cat"}).pet
out["equal"] = m.Item.from_dict({"id": 1, "note": None}) == item
def picked(data):
    return type(m.Format.from_json(data).root).__name__
out["picked"] = [picked(b'{"type": "mp3"}'), picked(b'{}'), picked(b'{"bitrate": 1}')]
def twice(cls, data):  # the second call takes the cached path
    found = []
    for _ in range(2):
        try:
            found.append(cls.from_json(data).to_json())
        except m._base.ValidationError as exc:
            found.append("raised: " + str(exc))
    return found
out["twice"] = {
    "names_ok": twice(m.Names, b'["a", "b"]'),
    "names_duplicates": twice(m.Names, b'["a", "a"]'),
    "format_other": twice(m.Format, b'{"type": "wav"}'),
    "drawing_untagged": twice(m.Drawing, b'{"shapes": [{"r": 1}]}'),
}
print(json.dumps(out))
"""

INPUTS: dict[str, tuple[str, Any]] = {
    "absent_and_null": ("Item", {"id": 1, "note": None}),
    "wire_name": ("Item", {"id": 1, "note": "n", "first-name": "abc"}),
    "open_extra": ("Item", {"id": 1, "note": "n", "extra": {"deep": [1]}}),
    "nested_extra": ("Owner", {"item": {"id": 1, "note": None, "x": 1}}),
    "date_time": ("Item", {"id": 1, "note": "n", "when": "2024-01-01T00:00:00Z"}),
    "tagged": ("Owner", {"pets": [{"pet": "cat", "lives": 9}, {"pet": "dog"}]}),
    "typed_extra": ("Typed", {"x": 1, "y": 2}),
    "either_closed": ("Either", {"x": 1}),
    "presence": ("Upload", {"file": "f"}),
    "inferred_tag": (
        "Drawing",
        {"shapes": [{"shape": "square", "side": 2}, "s", {"shape": "circle", "r": 1}]},
    ),
    "tag_outside_union": ("Drawing", {"main": {"shape": "circle", "r": 1}}),
    "discriminated_outside_union": ("Owner", {"best": {"pet": "cat"}}),
    "constant_member": ("Format", {"type": "mp3", "bitrate": 1}),
    # rejected
    "str_for_int": ("Item", {"id": "5", "note": None}),
    "bool_for_int": ("Item", {"id": True, "note": None}),
    "below_minimum": ("Item", {"id": 0, "note": None}),
    "missing_required": ("Item", {"id": 1}),
    "null_for_optional": ("Item", {"id": 1, "note": None, "tags": None}),
    "duplicates": ("Item", {"id": 1, "note": None, "tags": ["a", "a"]}),
    "naive_date_time": ("Item", {"id": 1, "note": None, "when": "2024-01-01T00:00:00"}),
    "unknown_enum": ("Item", {"id": 1, "note": None, "kind": "c"}),
    "too_long": ("Item", {"id": 1, "note": None, "first-name": "abcd"}),
    "closed_extra": ("Closed", {"x": 1, "y": 2}),
    "typed_extra_wrong": ("Typed", {"x": 1, "y": "2"}),
    "unknown_tag": ("Owner", {"pets": [{"pet": "cow"}]}),
    "missing_tag": ("Cat", {"lives": 1}),
    "presence_both": ("Upload", {"file": "f", "file_id": "i"}),
    "presence_none": ("Upload", {}),
    "inferred_missing_tag": ("Drawing", {"shapes": [{"side": 2}]}),
    "inferred_wrong_tag": ("Drawing", {"shapes": [{"shape": "circle", "side": 2}]}),
    "missing_tag_outside_union": ("Drawing", {"main": {"r": 1}}),
    "missing_discriminator_outside_union": ("Owner", {"best": {"lives": 1}}),
    "constant_other": ("Format", {"type": "wav"}),
    "constant_wrong_type": ("Format", {"type": "mp3", "bitrate": "1"}),
}
ACCEPTED = {
    "absent_and_null",
    "wire_name",
    "open_extra",
    "nested_extra",
    "date_time",
    "tagged",
    "typed_extra",
    "either_closed",
    "presence",
    "inferred_tag",
    "tag_outside_union",
    "discriminated_outside_union",
    "constant_member",
}


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    import json

    work = tmp_path_factory.mktemp("features")
    spec = write_json(work, spec_doc(FEATURES))
    result = generate(spec, work / "pkg", "--no-docs")
    outcome: dict[str, Any] = call_python(CHECK, work / "pkg", json.dumps(INPUTS))
    outcome["stderr"] = result.stderr
    return outcome


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_accepts_exactly_what_the_schema_accepts(
    features: dict[str, Any], name: str
) -> None:
    status, payload = features[name]
    if name in ACCEPTED:
        assert status == "ok", payload
        assert payload == INPUTS[name][1]  # back unchanged: absent, null, extras
    else:
        assert status == "raised", payload


def test_errors_name_the_json_path(features: dict[str, Any]) -> None:
    assert "$.pets[0]" in features["unknown_tag"][1]
    assert "$.id" in features["str_for_int"][1]


def test_absent_is_unset_and_null_is_none(features: dict[str, Any]) -> None:
    assert features["unset"] == [True, True, True]
    assert features["built"] == {"id": 2, "note": "x", "first-name": "abc"}
    assert features["equal"] is True


def test_tags_decode_natively_and_stay_readable(features: dict[str, Any]) -> None:
    assert features["json"] == '{"pets":[{"pet":"dog","bark":true}]}'
    assert features["tag"] == "cat"


def test_unions_route_by_constants(features: dict[str, Any]) -> None:
    # an optional constant: the member it names, else the first of those it allows
    assert features["picked"] == ["Mp3", "Pcm", "Mp3"]
    assert "$.shapes[0]" in features["inferred_missing_tag"][1]


def test_cached_decoding_checks_and_reports_as_the_first_call(
    features: dict[str, Any],
) -> None:
    twice = features["twice"]
    assert twice["names_ok"] == ['["a","b"]'] * 2
    for name in ("names_duplicates", "format_other", "drawing_untagged"):
        first, second = twice[name]
        assert first.startswith("raised: ") and first == second, (name, twice[name])
    assert "$.shapes[0]" in twice["drawing_untagged"][0]


def test_union_msgspec_cannot_tell_apart_is_named_in_a_warning(
    features: dict[str, Any],
) -> None:
    warnings = [line for line in features["stderr"].splitlines() if "msgspec:" in line]
    assert any("#/components/schemas/Either" in line for line in warnings), warnings
    assert not any("schemas/Owner" in line for line in warnings), warnings
    assert any("#/components/schemas/Format" in line for line in warnings), warnings
    assert not any("schemas/Drawing" in line for line in warnings), warnings


def test_generated_package_passes_mypy_strict(tmp_path: Path) -> None:
    packages = []
    for case in (
        "allof",
        "recursion",
        "root_models",
        "presence",
        "oneof_discriminator_31",
    ):
        out = tmp_path / f"p_{case}"
        generate(next((TESTS / "cases" / case).glob("openapi.*")), out, "--no-docs")
        packages += ["-p", out.name]
    # tags inferred from constants, tagged classes outside unions (`Tagged[A]`)
    generate(
        write_json(tmp_path, spec_doc(FEATURES)), tmp_path / "p_features", "--no-docs"
    )
    packages += ["-p", "p_features"]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *packages],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize(
    "name",
    ["redocly-museum.yaml", "readme-3.0-discriminators.yaml", "opc-3.1-specific.yaml"],
)
def test_corpus_spec_examples_run(tmp_path: Path, name: str) -> None:
    spec = CORPUS / name
    if not spec.exists():
        pytest.skip(f"{spec} not found")
    out = tmp_path / "pkg"
    generate(spec, out)
    assert run_examples(out) == []
