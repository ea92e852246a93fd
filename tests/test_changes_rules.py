"""`modelgen changes`: every kind of schema change, graded for requests and for responses.

Each case is a small pair of specs in which the component `Pet` changes in
one way. The component is sent in a request body, received in a response
body, or both; every finding's id, level and pointers in both versions are
checked for each direction.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from modelgen.changes.findings import Finding, diff
from modelgen.changes.source import Sources

PET = "/components/schemas/Pet"


def document(pet: dict[str, Any], where: str, version: str = "3.0.3") -> dict[str, Any]:
    """A spec whose POST /pets sends and/or returns `Pet` (`where`: request, response, both, none)."""
    ref = {"$ref": "#/components/schemas/Pet"}
    operation: dict[str, Any] = {"responses": {"204": {"description": "done"}}}
    if where in ("request", "both"):
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": ref}},
        }
    if where in ("response", "both"):
        operation["responses"] = {
            "200": {
                "description": "ok",
                "content": {"application/json": {"schema": ref}},
            }
        }
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {"/pets": {"post": operation}} if where != "none" else {},
        "components": {"schemas": {"Pet": pet, **ANIMALS}},
    }


def compare(tmp_path: Path, old: Any, new: Any) -> list[Finding]:
    (tmp_path / "old.json").write_text(json.dumps(old))
    (tmp_path / "new.json").write_text(json.dumps(new))
    with Sources() as sources:
        return diff(
            sources.open(str(tmp_path / "old.json")),
            sources.open(str(tmp_path / "new.json")),
        )


def obj(required: tuple[str, ...] = (), **props: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        schema["required"] = list(required)
    return schema


S, I = {"type": "string"}, {"type": "integer"}
ANIMALS = {
    name: {"type": "object", "properties": {"kind": S, name.lower(): S}}
    for name in ("Cat", "Dog", "Bird")
}
CAT, DOG, BIRD = ({"$ref": f"#/components/schemas/{n}"} for n in ANIMALS)
P = f"{PET}/properties/p"

# (name, old Pet, new Pet, kind, request level, response level, old pointer, new pointer)
# fmt: off
CASES: list[tuple[str, Any, Any, str, str, str, str, str]] = [
    ("optional property added", obj(a=S), obj(a=S, p=S), "optional-property-added", "info", "info", f"{PET}/properties", P),
    ("required property added", obj(a=S), obj(("p",), a=S, p=S), "required-property-added", "error", "info", f"{PET}/properties", P),
    ("optional property removed", obj(a=S, p=S), obj(a=S), "optional-property-removed", "warning", "info", P, f"{PET}/properties"),
    ("required property removed", obj(("p",), a=S, p=S), obj(a=S), "required-property-removed", "warning", "error", P, f"{PET}/properties"),
    ("became required", obj(p=S), obj(("p",), p=S), "became-required", "error", "info", P, P),
    ("became optional", obj(("p",), p=S), obj(p=S), "became-optional", "info", "error", P, P),
    ("became nullable", obj(p=S), obj(p={"type": "string", "nullable": True}), "became-nullable", "info", "error", P, P),
    ("became not nullable", obj(p={"type": "string", "nullable": True}), obj(p=S), "became-not-nullable", "error", "info", P, P),
    ("type changed", obj(p=S), obj(p=I), "type-changed", "error", "error", f"{P}/type", f"{P}/type"),
    ("type generalized", obj(p=I), obj(p={"type": "number"}), "type-generalized", "info", "error", f"{P}/type", f"{P}/type"),
    ("type specialized", obj(p={"type": "number"}), obj(p=I), "type-specialized", "error", "info", f"{P}/type", f"{P}/type"),
    ("format changed", obj(p={"type": "string", "format": "date"}), obj(p={"type": "string", "format": "uuid"}), "format-changed", "error", "error", f"{P}/format", f"{P}/format"),
    ("format added", obj(p=S), obj(p={"type": "string", "format": "date"}), "format-specialized", "error", "info", f"{P}/format", f"{P}/format"),
    ("format widened", obj(p={"type": "integer", "format": "int32"}), obj(p={"type": "integer", "format": "int64"}), "format-generalized", "info", "error", f"{P}/format", f"{P}/format"),
    ("enum value added", obj(p={"type": "string", "enum": ["a", "b"]}), obj(p={"type": "string", "enum": ["a", "b", "c"]}), "enum-value-added", "info", "error", f"{P}/enum", f"{P}/enum/2"),
    ("enum value removed", obj(p={"type": "string", "enum": ["a", "b"]}), obj(p={"type": "string", "enum": ["a"]}), "enum-value-removed", "error", "info", f"{P}/enum/1", f"{P}/enum"),
    ("became enum", obj(p=S), obj(p={"type": "string", "enum": ["a"]}), "became-enum", "error", "info", P, f"{P}/enum"),
    ("enum dropped", obj(p={"type": "string", "enum": ["a"]}), obj(p=S), "enum-removed", "info", "error", f"{P}/enum", P),
    ("const added", obj(p=S), obj(p={"type": "string", "const": "x"}), "const-added", "error", "info", P, f"{P}/const"),
    ("const removed", obj(p={"type": "string", "const": "x"}), obj(p=S), "const-removed", "info", "error", f"{P}/const", P),
    ("const changed", obj(p={"type": "string", "const": "x"}), obj(p={"type": "string", "const": "y"}), "const-changed", "error", "error", f"{P}/const", f"{P}/const"),
    ("maxLength decreased", obj(p={"type": "string", "maxLength": 9}), obj(p={"type": "string", "maxLength": 5}), "max-length-decreased", "error", "info", f"{P}/maxLength", f"{P}/maxLength"),
    ("maxLength increased", obj(p={"type": "string", "maxLength": 5}), obj(p={"type": "string", "maxLength": 9}), "max-length-increased", "info", "error", f"{P}/maxLength", f"{P}/maxLength"),
    ("maxLength set", obj(p=S), obj(p={"type": "string", "maxLength": 5}), "max-length-set", "error", "info", P, f"{P}/maxLength"),
    ("maxLength unset", obj(p={"type": "string", "maxLength": 5}), obj(p=S), "max-length-unset", "info", "error", f"{P}/maxLength", P),
    ("minLength increased", obj(p={"type": "string", "minLength": 1}), obj(p={"type": "string", "minLength": 3}), "min-length-increased", "error", "info", f"{P}/minLength", f"{P}/minLength"),
    ("minLength decreased", obj(p={"type": "string", "minLength": 3}), obj(p={"type": "string", "minLength": 1}), "min-length-decreased", "info", "error", f"{P}/minLength", f"{P}/minLength"),
    ("maximum decreased", obj(p={"type": "integer", "maximum": 9}), obj(p={"type": "integer", "maximum": 5}), "max-decreased", "error", "info", f"{P}/maximum", f"{P}/maximum"),
    ("minimum decreased", obj(p={"type": "integer", "minimum": 5}), obj(p={"type": "integer", "minimum": 1}), "min-decreased", "info", "error", f"{P}/minimum", f"{P}/minimum"),
    ("minimum set", obj(p=I), obj(p={"type": "integer", "minimum": 1}), "min-set", "error", "info", P, f"{P}/minimum"),
    ("exclusive maximum set (3.0)", obj(p={"type": "integer", "maximum": 5}), obj(p={"type": "integer", "maximum": 5, "exclusiveMaximum": True}), "exclusive-max-set", "error", "info", f"{P}/exclusiveMaximum", f"{P}/exclusiveMaximum"),
    ("maxItems decreased", obj(p={"type": "array", "items": S, "maxItems": 9}), obj(p={"type": "array", "items": S, "maxItems": 3}), "max-items-decreased", "error", "info", f"{P}/maxItems", f"{P}/maxItems"),
    ("minItems unset", obj(p={"type": "array", "items": S, "minItems": 2}), obj(p={"type": "array", "items": S}), "min-items-unset", "info", "error", f"{P}/minItems", P),
    ("maxProperties set", obj(p={"type": "object"}), obj(p={"type": "object", "maxProperties": 3}), "max-properties-set", "error", "info", P, f"{P}/maxProperties"),
    ("multipleOf narrowed", obj(p={"type": "integer", "multipleOf": 2}), obj(p={"type": "integer", "multipleOf": 4}), "multiple-of-narrowed", "error", "info", f"{P}/multipleOf", f"{P}/multipleOf"),
    ("multipleOf widened", obj(p={"type": "integer", "multipleOf": 4}), obj(p={"type": "integer", "multipleOf": 2}), "multiple-of-widened", "info", "error", f"{P}/multipleOf", f"{P}/multipleOf"),
    ("uniqueItems set", obj(p={"type": "array", "items": S}), obj(p={"type": "array", "items": S, "uniqueItems": True}), "unique-items-set", "error", "info", f"{P}/uniqueItems", f"{P}/uniqueItems"),
    ("pattern added", obj(p=S), obj(p={"type": "string", "pattern": "^a"}), "pattern-added", "error", "info", P, f"{P}/pattern"),
    ("pattern removed", obj(p={"type": "string", "pattern": "^a"}), obj(p=S), "pattern-removed", "info", "error", f"{P}/pattern", P),
    ("pattern changed", obj(p={"type": "string", "pattern": "^a"}), obj(p={"type": "string", "pattern": "^b"}), "pattern-changed", "warning", "warning", f"{P}/pattern", f"{P}/pattern"),
    ("oneOf member added", obj(p={"oneOf": [CAT, DOG]}), obj(p={"oneOf": [CAT, DOG, BIRD]}), "one-of-added", "info", "error", f"{P}/oneOf", f"{P}/oneOf/2"),
    ("oneOf member removed", obj(p={"oneOf": [CAT, DOG]}), obj(p={"oneOf": [CAT, BIRD]}), "one-of-removed", "error", "info", f"{P}/oneOf/1", f"{P}/oneOf"),
    ("anyOf member added", obj(p={"anyOf": [CAT, DOG]}), obj(p={"anyOf": [CAT, DOG, BIRD]}), "any-of-added", "info", "error", f"{P}/anyOf", f"{P}/anyOf/2"),
    ("anyOf member removed", obj(p={"anyOf": [CAT, DOG, BIRD]}), obj(p={"anyOf": [CAT, DOG]}), "any-of-removed", "error", "info", f"{P}/anyOf/2", f"{P}/anyOf"),
    ("allOf member added", obj(p={"allOf": [obj(a=S), obj(b=I)]}), obj(p={"allOf": [obj(a=S), obj(b=I), obj(c=S)]}), "all-of-added", "error", "info", f"{P}/allOf", f"{P}/allOf/2"),
    ("allOf member removed", obj(p={"allOf": [obj(a=S), obj(b=I), obj(c=S)]}), obj(p={"allOf": [obj(a=S), obj(b=I)]}), "all-of-removed", "info", "error", f"{P}/allOf/2", f"{P}/allOf"),
    ("wrapped in oneOf", obj(p=obj(a=S)), obj(p={"oneOf": [obj(a=S), obj(b=I)]}), "wrapped-in-one-of", "error", "error", P, f"{P}/oneOf"),
    ("oneOf of bare types is a type list", obj(p=S), obj(p={"oneOf": [S, I]}), "type-generalized", "info", "error", f"{P}/type", f"{P}/type"),
    ("became read-only", obj(p=S), obj(p={"type": "string", "readOnly": True}), "became-read-only", "info", "info", f"{P}/readOnly", f"{P}/readOnly"),
    ("became write-only", obj(p=S), obj(p={"type": "string", "writeOnly": True}), "became-write-only", "info", "info", f"{P}/writeOnly", f"{P}/writeOnly"),
    ("required became write-only", obj(("p",), p=S), obj(("p",), p={"type": "string", "writeOnly": True}), "became-write-only", "info", "error", f"{P}/writeOnly", f"{P}/writeOnly"),
    ("default changed", obj(p={"type": "string", "default": "a"}), obj(p={"type": "string", "default": "b"}), "default-value-changed", "info", "info", f"{P}/default", f"{P}/default"),
    ("deprecated", obj(p=S), obj(p={"type": "string", "deprecated": True}), "deprecated", "info", "info", f"{P}/deprecated", f"{P}/deprecated"),
    ("additionalProperties closed", obj(p=obj(a=S)), obj(p=obj(a=S) | {"additionalProperties": False}), "additional-properties-closed", "warning", "info", f"{P}/additionalProperties", f"{P}/additionalProperties"),
    ("additionalProperties opened", obj(p=obj(a=S) | {"additionalProperties": False}), obj(p=obj(a=S)), "additional-properties-opened", "info", "warning", f"{P}/additionalProperties", f"{P}/additionalProperties"),
]
# fmt: on

DISCRIMINATED = {
    "oneOf": [
        {"$ref": "#/components/schemas/Cat"},
        {"$ref": "#/components/schemas/Dog"},
    ],
    "discriminator": {
        "propertyName": "kind",
        "mapping": {"cat": "#/components/schemas/Cat"},
    },
}


def unscoped(kind: str) -> bool:
    return kind.endswith(("-property-added", "-property-removed"))


@pytest.mark.parametrize("direction", ["request", "response"])
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_kind_in_each_direction(
    tmp_path: Path, case: tuple[Any, ...], direction: str
) -> None:
    _, old, new, kind, request_level, response_level, old_pointer, new_pointer = case
    found = compare(tmp_path, document(old, direction), document(new, direction))
    expected_id = (
        f"{direction}-{kind}" if unscoped(kind) else f"{direction}-property-{kind}"
    )
    hits = [f for f in found if f.id == expected_id]
    assert hits, f"no {expected_id} in {[f.id for f in found]}"
    hit = hits[0]
    assert hit.level == (request_level if direction == "request" else response_level)
    assert (hit.old_pointer, hit.new_pointer) == (old_pointer, new_pointer)
    assert hit.direction == direction and hit.kind == kind
    assert hit.operations == ("POST /pets",)


@pytest.mark.parametrize("case", CASES[:12], ids=[c[0] for c in CASES[:12]])
def test_a_schema_used_both_ways_is_graded_for_each(
    tmp_path: Path, case: tuple[Any, ...]
) -> None:
    _, old, new, kind, request_level, response_level, _, _ = case
    found = compare(tmp_path, document(old, "both"), document(new, "both"))
    graded = {f.direction: f.level for f in found if f.kind == kind}
    assert graded == {"request": request_level, "response": response_level}


@pytest.mark.parametrize("case", CASES[:12], ids=[c[0] for c in CASES[:12]])
def test_a_schema_no_operation_uses_is_info(
    tmp_path: Path, case: tuple[Any, ...]
) -> None:
    _, old, new, kind, *_ = case
    found = compare(tmp_path, document(old, "none"), document(new, "none"))
    hit = next(f for f in found if f.kind == kind)
    assert (
        hit.level == "info" and hit.direction == "none" and hit.id.startswith("schema-")
    )


NULLABLE_SPELLINGS = [
    ("3.0.3", {"type": "string", "nullable": True}),
    ("3.1.0", {"type": ["string", "null"]}),
    ("3.1.0", {"oneOf": [{"type": "string"}, {"type": "null"}]}),
    ("3.1.0", {"anyOf": [{"type": "null"}, {"type": "string"}]}),
]


@pytest.mark.parametrize("version,spelling", NULLABLE_SPELLINGS)
def test_the_nullable_spellings_are_one_change(
    tmp_path: Path, version: str, spelling: Any
) -> None:
    found = compare(
        tmp_path,
        document(obj(p=S), "response", version),
        document(obj(p=spelling), "response", version),
    )
    assert [(f.id, f.level, f.old_pointer, f.new_pointer) for f in found] == [
        ("response-property-became-nullable", "error", P, P)
    ]


@pytest.mark.parametrize("version,before", NULLABLE_SPELLINGS)
@pytest.mark.parametrize("after_index", range(len(NULLABLE_SPELLINGS)))
def test_switching_between_nullable_spellings_changes_nothing(
    tmp_path: Path, version: str, before: Any, after_index: int
) -> None:
    after = NULLABLE_SPELLINGS[after_index][1]
    found = compare(
        tmp_path,
        document(obj(p=before), "both", "3.1.0"),
        document(obj(p=after), "both", "3.1.0"),
    )
    assert found == []


def test_a_nullable_reference_in_each_spelling(tmp_path: Path) -> None:
    tag = {"type": "string"}
    ref = {"$ref": "#/components/schemas/Tag"}
    spellings = [
        {"allOf": [ref], "nullable": True},
        {"oneOf": [ref, {"type": "null"}]},
        {"anyOf": [ref, {"type": "null"}]},
    ]
    for index, spelling in enumerate(spellings):
        old = document(obj(p=ref), "response", "3.1.0")
        new = document(obj(p=spelling), "response", "3.1.0")
        for doc in (old, new):
            doc["components"]["schemas"]["Tag"] = tag
        folder = tmp_path / str(index)
        folder.mkdir()
        found = compare(folder, old, new)
        assert [(f.id, f.level) for f in found] == [
            ("response-property-became-nullable", "error")
        ]


def test_a_read_only_property_is_not_graded_as_a_request_change(tmp_path: Path) -> None:
    old = obj(p={"type": "string", "readOnly": True})
    new = obj(("p",), p={"type": "string", "readOnly": True, "maxLength": 3})
    found = compare(tmp_path, document(old, "both"), document(new, "both"))
    levels = {(f.direction, f.kind): f.level for f in found}
    assert levels[("request", "became-required")] == "info"
    assert levels[("request", "max-length-set")] == "info"
    assert levels[("response", "became-required")] == "info"


def test_a_change_at_the_top_of_a_body_is_a_body_change(tmp_path: Path) -> None:
    found = compare(
        tmp_path,
        document(obj(p=S), "response"),
        document(obj(p=S) | {"nullable": True}, "response"),
    )
    assert [(f.id, f.level, f.old_pointer) for f in found] == [
        ("response-body-became-nullable", "error", PET)
    ]


def test_discriminator_changes(tmp_path: Path) -> None:
    pets = {"Cat": obj(kind=S), "Dog": obj(kind=S)}
    old = document(obj(p=DISCRIMINATED), "response")
    changed = copy.deepcopy(DISCRIMINATED)
    changed["discriminator"] = {
        "propertyName": "type",
        "mapping": {"dog": "#/components/schemas/Dog"},
    }
    new = document(obj(p=changed), "response")
    for doc in (old, new):
        doc["components"]["schemas"].update(pets)
    found = {f.id: f for f in compare(tmp_path, old, new)}
    assert (
        found["response-property-discriminator-property-name-changed"].level
        == "warning"
    )
    assert (
        found["response-property-discriminator-property-name-changed"].new_pointer
        == f"{P}/discriminator/propertyName"
    )
    assert (
        found["response-property-discriminator-mapping-deleted"].old_pointer
        == f"{P}/discriminator/mapping/cat"
    )
    assert found["response-property-discriminator-mapping-added"].level == "info"


def test_generated_names_are_reported(tmp_path: Path) -> None:
    old = obj(turn_detection=obj(type=S), name=S)
    new = obj(
        turn_detection=obj(type={"type": "string", "enum": ["a"]}),
        name={"type": "string", "nullable": True},
    )
    found = {
        f.kind: f
        for f in compare(tmp_path, document(old, "response"), document(new, "response"))
    }
    assert found["became-nullable"].python == ("Pet.name",)
    assert found["became-enum"].python == ("PetTurnDetection.type",)


def test_nothing_changes_against_itself(tmp_path: Path) -> None:
    spec = document(CASES[0][2], "both")
    assert compare(tmp_path, spec, copy.deepcopy(spec)) == []
