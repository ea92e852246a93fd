"""Dedicated semantic tests: recursion, discriminators, composition, 3.1, Swagger 2, operations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import OPENAI, SHARED, modelgen, need_shared, run_python

CORPUS = SHARED / "specs" / "corpus"


def generated(tmp_path: Path, spec: Path | dict, *extra: str) -> Path:
    if isinstance(spec, dict):
        path = tmp_path / "spec.yaml"
        path.write_text(yaml.safe_dump(spec, sort_keys=False))
        spec = path
    out = tmp_path / "pkg"
    result = modelgen("generate", str(spec), "-o", str(out), "--no-docs", *extra)
    assert result.returncode == 0, result.stderr
    return out


def outcomes(out: Path, cases: list[tuple[str, object]]) -> list[object]:
    """For each (model, instance): the dumped dict, or the first error's type and message."""
    script = f"""
import json
import pkg.models as m
out = []
for name, value in json.loads({json.dumps(json.dumps(cases))}):
    try:
        out.append(getattr(m, name).from_dict(value).to_dict())
    except Exception as exc:
        errors = getattr(exc, "errors", lambda: [{{"type": type(exc).__name__, "msg": str(exc)}}])()
        out.append({{"error": errors[0]["type"], "msg": errors[0]["msg"]}})
print(json.dumps(out))
"""
    result = run_python(script, out.parent)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def spec31(schemas: dict) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    }


def test_recursive_corpus_schemas_round_trip(tmp_path: Path) -> None:
    need_shared()
    out = generated(tmp_path, CORPUS / "readme-3.0-schema-circular.yaml")
    rules = {
        "transitions": [
            {
                "offsetBefore": {"id": "a", "rules": {"transitions": []}},
                "offsetAfter": {"id": "b"},
            }
        ]
    }
    results = outcomes(
        out,
        [
            ("ZoneRules", rules),
            ("ZoneId", {"rules": rules}),
            ("ZoneRules", {"transitions": [{"offsetBefore": {"id": 5}}]}),
        ],
    )
    assert results[0] == rules and results[1] == {"rules": rules}
    assert results[2]["error"] == "string_type"


def test_discriminated_unions_valid_invalid_and_wrong_tag(tmp_path: Path) -> None:
    need_shared()
    out = generated(
        tmp_path, CORPUS / "readme-3.0-discriminators.yaml", "--operation-models"
    )
    name = "OneOfWithTopLevelDiscriminatorAndMappingRequest"
    one = {"discrim": "Option One", "optionone": 1.5}
    two = {"discrim": "Option Two", "optiontwo": "x"}
    results = outcomes(
        out,
        [
            (name, one),
            (name, two),
            (name, {"discrim": "Option One", "optionone": "x"}),
            (name, {"discrim": "Option Nine"}),
            (name, {"optionone": 1}),
        ],
    )
    assert results[0] == one and results[1] == two
    assert results[2]["error"] == "float_type"
    assert (
        results[3]["error"] == "discriminator_tag"
        and "'discrim' must be one of" in results[3]["msg"]
    )
    assert results[4]["error"] == "discriminator_tag"


def test_discriminator_without_mapping_uses_schema_names_and_member_values(
    tmp_path: Path,
) -> None:
    schemas = {
        "Cat": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"const": "cat"}, "lives": {"type": "integer"}},
        },
        "Dog": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"const": "dog"}, "good": {"type": "boolean"}},
        },
        "Pet": {
            "oneOf": [
                {"$ref": "#/components/schemas/Cat"},
                {"$ref": "#/components/schemas/Dog"},
            ],
            "discriminator": {"propertyName": "kind"},
        },
    }
    out = generated(tmp_path, spec31(schemas))
    results = outcomes(
        out,
        [
            ("Pet", {"kind": "cat", "lives": 9}),
            ("Pet", {"kind": "dog", "good": True}),
            ("Pet", {"kind": "dog", "lives": "x"}),
            ("Pet", {"kind": "cow"}),
        ],
    )
    assert results[:2] == [{"kind": "cat", "lives": 9}, {"kind": "dog", "good": True}]
    assert results[2] == {"kind": "dog", "lives": "x"}  # unknown properties are kept
    assert results[3]["error"] == "discriminator_tag"


def _routing_schemas() -> dict:
    """A union like the OpenAI spec's items: an optional tag, a shared tag value,
    a nested union and a member whose tag is free-form."""

    def obj(tag: dict, required: list[str], **props: dict) -> dict:
        return {
            "type": "object",
            "required": required,
            "properties": {"type": tag, **props},
        }

    return {
        "UserMessage": obj(
            {"const": "message"}, ["type", "role"], role={"enum": ["user", "system"]}
        ),
        "AssistantMessage": obj(
            {"const": "message"}, ["type", "role"], role={"const": "assistant"}
        ),
        "Reference": obj({"const": "reference"}, ["id"], id={"type": "string"}),
        "CallA": obj({"const": "call_a"}, ["type", "a"], a={"type": "integer"}),
        "CallB": obj({"const": "call_b"}, ["type", "b"], b={"type": "integer"}),
        "Call": {
            "oneOf": [
                {"$ref": "#/components/schemas/CallA"},
                {"$ref": "#/components/schemas/CallB"},
            ],
            "discriminator": {"propertyName": "type"},
        },
        "Custom": obj(
            {"type": "string", "pattern": "^x-"},
            ["type", "payload"],
            payload={"type": "boolean"},
        ),
        "Item": {
            "oneOf": [
                {"$ref": f"#/components/schemas/{n}"}
                for n in (
                    "UserMessage",
                    "AssistantMessage",
                    "Reference",
                    "Call",
                    "Custom",
                )
            ],
            "discriminator": {
                "propertyName": "type",
                "mapping": {
                    "message": "#/components/schemas/UserMessage",
                    "reference": "#/components/schemas/Reference",
                },
            },
        },
    }


ROUTING_CASES = [
    {"type": "message", "role": "user"},  # the mapped member
    {"type": "message", "role": "assistant"},  # another member with the same tag value
    {"id": "r1"},  # no tag: only the member whose tag is optional
    {
        "type": "call_b",
        "b": 2,
    },  # a tag value declared one level down, in a nested union
    {
        "type": "x-custom",
        "payload": True,
    },  # a tag value only the free-form member takes
]


def test_discriminator_is_an_annotation_in_openapi_31(tmp_path: Path) -> None:
    """3.1: the discriminator must not change what validates; it only narrows the search."""
    out = generated(tmp_path, spec31(_routing_schemas()))
    bad = [
        {"type": "message", "role": "tool"},
        {"type": "call_b", "a": 1},
        {"role": "user"},
        {"type": 5},
        {"type": "call_a", "a": "1"},
    ]
    results = outcomes(out, [("Item", case) for case in ROUTING_CASES + bad])
    assert results[: len(ROUTING_CASES)] == ROUTING_CASES
    errors = results[len(ROUTING_CASES) :]
    assert all("error" in r for r in errors), errors
    assert (
        errors[2]["error"] == "missing"
    )  # no tag: tried as a Reference, which needs an id
    assert errors[3]["error"] == "discriminator_tag"
    listed = errors[3]["msg"].split("must be one of: ")[1].split(", ")
    assert listed[:2] == ["message", "reference"] and {"call_a", "call_b"} <= set(
        listed
    )
    assert "AssistantMessage" not in listed  # its implicit tag contradicts its const
    assert errors[4]["error"] == "int_type"  # the member's own error, not a tag error


def test_discriminator_mapping_decides_in_openapi_30(tmp_path: Path) -> None:
    """3.0: a tag value goes only to the members that claim it; an unknown tag is an error."""
    doc = spec31(_routing_schemas())
    doc["openapi"] = "3.0.3"
    doc["components"]["schemas"]["Custom"]["properties"]["type"] = {"type": "string"}
    out = generated(tmp_path, doc)
    results = outcomes(out, [("Item", case) for case in ROUTING_CASES])
    assert results[:4] == ROUTING_CASES[:4]
    assert results[4]["error"] == "discriminator_tag"


def test_openapi_31_keywords(tmp_path: Path) -> None:
    schemas = {
        "Item": {
            "type": "object",
            "required": ["n", "k"],
            "properties": {
                "n": {"type": ["integer", "null"]},
                "k": {"const": "fixed"},
                "tags": {"type": "array", "items": {"$ref": "#/$defs/Tag"}},
                "closed": {
                    "type": "object",
                    "properties": {"a": {"type": "string"}},
                    "unevaluatedProperties": False,
                },
            },
        },
    }
    spec = spec31(schemas)
    spec["$defs"] = {"Tag": {"type": "string", "minLength": 2}}
    out = generated(tmp_path, spec)
    good = {"n": None, "k": "fixed", "tags": ["ab"], "closed": {"a": "x"}}
    results = outcomes(
        out,
        [
            ("Item", good),
            ("Item", {"n": 1, "k": "other"}),
            ("Item", dict(good, tags=["a"])),
            ("Item", dict(good, closed={"a": "x", "b": 1})),
        ],
    )
    assert results[0] == good
    assert [r["error"] for r in results[1:]] == [
        "literal_error",
        "string_too_short",
        "extra_forbidden",
    ]


def test_allof_subclass_and_merge(tmp_path: Path) -> None:
    schemas = {
        "Base": {
            "type": "object",
            "required": ["id"],
            "properties": {"id": {"type": "string"}},
        },
        "Child": {
            "allOf": [
                {"$ref": "#/components/schemas/Base"},
                {"properties": {"extra": {"type": "integer"}}},
            ]
        },
        "Stricter": {
            "allOf": [
                {"$ref": "#/components/schemas/Base"},
                {
                    "required": ["note"],
                    "properties": {
                        "id": {"type": "string", "minLength": 3},
                        "note": {"type": "string"},
                    },
                },
            ]
        },
    }
    out = generated(
        tmp_path,
        {
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": schemas},
        },
    )
    child = (out / "models" / "child.py").read_text()
    assert "class Child(Base):" in child
    assert "class Stricter(ApiModel):" in (out / "models" / "stricter.py").read_text()
    results = outcomes(
        out,
        [
            ("Child", {"id": "a", "extra": 1}),
            ("Child", {"extra": 1}),
            ("Stricter", {"id": "abc", "note": "n"}),
            ("Stricter", {"id": "ab", "note": "n"}),
        ],
    )
    assert results[0] == {"id": "a", "extra": 1} and results[1]["error"] == "missing"
    assert (
        results[2] == {"id": "abc", "note": "n"}
        and results[3]["error"] == "string_too_short"
    )


def test_swagger2_definitions_and_x_nullable(tmp_path: Path) -> None:
    spec = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "definitions": {
            "Pet": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "x-nullable": True},
                    "owner": {"$ref": "#/definitions/Owner"},
                },
            },
            "Owner": {
                "type": "object",
                "properties": {"id": {"type": "integer", "format": "int64"}},
            },
        },
    }
    out = generated(tmp_path, spec)
    results = outcomes(
        out,
        [
            ("Pet", {"name": None, "owner": {"id": 3}}),
            ("Pet", {"name": "x", "owner": {"id": "3"}}),
        ],
    )
    assert results[0] == {"name": None, "owner": {"id": 3}}
    assert results[1]["error"] == "int_type"


def test_operation_models_are_named_like_openapi_generator() -> None:
    need_shared()
    result = modelgen(
        "list", str(OPENAI / "openai-2024-12-18.yaml"), "--operation-models"
    )
    assert result.returncode == 0, result.stderr
    assert (
        "AdminApiKeysCreateRequest (admin_api_keys_create_request.py)" in result.stdout
    )
    assert (
        "AdminApiKeysDelete200Response (admin_api_keys_delete200_response.py)"
        in result.stdout
    )
    plain = modelgen("list", str(OPENAI / "openai-2024-12-18.yaml"))
    assert "AdminApiKeysCreateRequest" not in plain.stdout


@pytest.mark.parametrize(
    "constraint, good, bad, error",
    [
        ({"type": "string", "pattern": "^a+$"}, "aaa", "ab", "string_pattern_mismatch"),
        ({"type": "number", "exclusiveMinimum": 1}, 1.5, 1, "greater_than"),
        ({"type": "integer", "multipleOf": 5}, 10, 12, "multiple_of"),
        (
            {"type": "array", "items": {"type": "integer"}, "uniqueItems": True},
            [1, 2],
            [1, 1],
            "value_error",
        ),
        (
            {"type": "array", "items": {"type": "integer"}, "maxItems": 1},
            [1],
            [1, 2],
            "too_long",
        ),
        (
            {
                "type": "object",
                "propertyNames": {"maxLength": 3},
                "additionalProperties": {"type": "integer"},
            },
            {"abc": 1},
            {"abcd": 1},
            "string_too_long",
        ),
        (
            {"type": "integer", "enum": [0, 1]},
            1,
            True,
            "value_error",
        ),  # True == 1 in Python, not in JSON
        ({"const": 0}, 0, False, "value_error"),
    ],
)
def test_constraints_are_enforced(
    tmp_path: Path, constraint: dict, good: object, bad: object, error: str
) -> None:
    out = generated(
        tmp_path, spec31({"Box": {"type": "object", "properties": {"v": constraint}}})
    )
    results = outcomes(out, [("Box", {"v": good}), ("Box", {"v": bad})])
    assert results[0] == {"v": good}
    assert results[1]["error"] == error


def test_prefix_items_and_property_counts(tmp_path: Path) -> None:
    schemas = {
        "Point": {
            "type": "object",
            "properties": {
                "xy": {
                    "type": "array",
                    "prefixItems": [{"type": "number"}, {"type": "string"}],
                    "items": False,
                },
                "labels": {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "minProperties": 1,
                },
            },
        }
    }
    out = generated(tmp_path, spec31(schemas))
    results = outcomes(
        out,
        [
            ("Point", {"xy": [1.5, "a"], "labels": {"k": "v"}}),
            ("Point", {"xy": [1.5]}),
            ("Point", {"labels": {}}),
        ],
    )
    assert results[0] == {"xy": [1.5, "a"], "labels": {"k": "v"}}
    assert results[1]["error"] == "missing" and results[2]["error"] == "too_short"


def test_tuple_items_stay_strict(tmp_path: Path) -> None:
    schemas = {
        "P": {
            "type": "object",
            "properties": {
                "xy": {
                    "type": "array",
                    "prefixItems": [{"type": "integer"}, {"type": "string"}],
                    "items": False,
                }
            },
        }
    }
    out = generated(tmp_path, spec31(schemas))
    assert outcomes(out, [("P", {"xy": ["1", "a"]})])[0]["error"] == "int_type"


def test_unions_of_required_lists_become_presence_rules(tmp_path: Path) -> None:
    """`anyOf`/`oneOf` of `required` lists next to `properties` keep the object model
    (fields and all) and check which properties go together."""
    props = {"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "integer"}}
    schemas = {
        "AnyAB": {
            "type": "object",
            "properties": props,
            "anyOf": [{"required": ["a"]}, {"required": ["b"]}],
            "not": {"required": ["a", "b"]},
        },
        "OneAC": {
            "type": "object",
            "properties": props,
            "oneOf": [{"required": ["a"]}, {"required": ["c", "b"]}],
        },
    }
    out = generated(tmp_path, spec31(schemas))
    cases = [
        ("AnyAB", {"a": "x", "c": 1}),
        ("AnyAB", {"b": "y"}),
        ("OneAC", {"c": 1, "b": "y"}),
        ("AnyAB", {"c": 1}),
        ("AnyAB", {"a": "x", "b": "y"}),
        ("OneAC", {"a": "x", "b": "y", "c": 1}),
        ("OneAC", {"c": 1}),
        ("AnyAB", {"a": 5}),
        ("AnyAB", None),
    ]
    results = outcomes(out, cases)
    assert results[:3] == [case for _, case in cases[:3]]
    assert [r["error"] for r in results[3:]] == ["value_error"] * 4 + [
        "string_type",
        "model_type",
    ]
    assert "needs at least one of: a or b" in results[3]["msg"]
    assert "must not have all of: a+b" in results[4]["msg"]
    assert "needs exactly one of: a or c+b" in results[5]["msg"]
    source = (out / "models" / "any_ab.py").read_text()
    assert "a: Omittable[str] = None" in source  # the fields are kept
    docs = tmp_path / "docs"
    result = modelgen("docs", str(tmp_path / "spec.yaml"), "-o", str(docs))
    assert result.returncode == 0, result.stderr
    page = (docs / "docs" / "AnyAB.md").read_text()
    assert (
        "At least one of: **a** or **b**." in page
        and "Never all of: **a** and **b**." in page
    )
    assert (
        "Exactly one of: **a** or **c** and **b**."
        in (docs / "docs" / "OneAC.md").read_text()
    )


def test_recursive_ref_refers_to_the_anchored_schema(tmp_path: Path) -> None:
    """`$recursiveRef: "#"` (as the OpenAI spec writes its compound filters) is the
    enclosing schema with `$recursiveAnchor: true`, not an anything-goes value."""
    schemas = {
        "Leaf": {
            "type": "object",
            "required": ["key"],
            "properties": {"type": {"const": "eq"}, "key": {"type": "string"}},
        },
        "Compound": {
            "$recursiveAnchor": True,
            "type": "object",
            "required": ["type", "filters"],
            "additionalProperties": False,
            "properties": {
                "type": {"enum": ["and", "or"]},
                "filters": {
                    "type": "array",
                    "items": {
                        "oneOf": [
                            {"$ref": "#/components/schemas/Leaf"},
                            {"$recursiveRef": "#"},
                        ]
                    },
                },
            },
        },
    }
    out = generated(tmp_path, spec31(schemas))
    nested = {
        "type": "and",
        "filters": [{"type": "or", "filters": [{"type": "eq", "key": "k"}]}],
    }
    results = outcomes(
        out,
        [
            ("Compound", nested),
            ("Compound", {"type": "and", "filters": [{"type": "or"}]}),
        ],
    )
    assert results[0] == nested
    assert "error" in results[1]  # a compound member without its filters


def test_defaults_are_checked_against_models_defined_later(tmp_path: Path) -> None:
    """A default is checked once every model is built, whatever the document order."""
    schemas = {
        "Session": {
            "type": "object",
            "properties": {
                "voice": {"$ref": "#/components/schemas/Voice", "default": "alloy"},
                "mode": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/Mode"},
                        {"type": "integer"},
                    ],
                    "default": "auto",
                },
                "bad": {"$ref": "#/components/schemas/Mode", "default": "sometimes"},
            },
        },
        "Voice": {"anyOf": [{"type": "string"}, {"enum": ["alloy", "ash"]}]},
        "Mode": {"enum": ["auto", "none"]},
    }
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec31(schemas), sort_keys=False))
    out = tmp_path / "pkg"
    result = modelgen("generate", str(path), "-o", str(out), "--no-docs")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "default" in line]
    assert (
        len(warnings) == 1 and "/properties/bad/default" in warnings[0]
    ), result.stderr
    check = run_python(
        "import pkg.models as m\ns = m.Session()\nprint(s.voice, s.mode.root.value, s.bad)",
        tmp_path,
    )
    assert check.stdout.split() == ["alloy", "auto", "None"], check.stderr


def test_allof_of_a_union_and_an_object_is_the_union_with_those_properties(
    tmp_path: Path,
) -> None:
    """`allOf: [{anyOf: [A, B]}, {properties: {lane}}]`: one of the branches, typed, and `lane` checked."""
    schemas = {
        "A": {
            "type": "object",
            "required": ["type", "a"],
            "properties": {"type": {"const": "a"}, "a": {"type": "integer"}},
        },
        "B": {
            "type": "object",
            "required": ["type", "b"],
            "properties": {"type": {"const": "b"}, "b": {"type": "string"}},
        },
        "Event": {
            "allOf": [
                {
                    "anyOf": [
                        {"$ref": "#/components/schemas/A"},
                        {"$ref": "#/components/schemas/B"},
                    ]
                },
                {"type": "object", "properties": {"lane": {"type": "string"}}},
            ]
        },
    }
    out = generated(tmp_path, spec31(schemas))
    good = [{"type": "a", "a": 1, "lane": "x"}, {"type": "b", "b": "y"}]
    bad = [{}, {"type": "a", "a": 1, "lane": 5}, {"type": "b", "b": 2}]
    results = outcomes(out, [("Event", case) for case in good + bad])
    assert results[:2] == good
    assert all("error" in r for r in results[2:]), results
    assert results[3]["error"] == "string_type"  # the object part's own check
    check = run_python(
        "import pkg.models as m\nprint(type(m.Event.from_dict({'type': 'b', 'b': 'y'}).root).__name__)",
        tmp_path,
    )
    assert check.stdout.strip() == "B", check.stderr  # the branch is a typed model


def test_union_without_discriminator_is_routed_by_its_constant_property(
    tmp_path: Path,
) -> None:
    """anyOf of objects that each require a constant `type`: routed by it (short errors),
    and still exactly what the schema accepts."""
    schemas = {
        "Up": {
            "type": "object",
            "required": ["type", "n"],
            "properties": {"type": {"const": "up"}, "n": {"type": "integer"}},
        },
        "Down": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"const": "down"}},
        },
        "Any": {"type": "object", "properties": {"note": {"type": "string"}}},
        "Move": {
            "anyOf": [
                {"$ref": "#/components/schemas/Up"},
                {"$ref": "#/components/schemas/Down"},
            ]
        },
        "Loose": {
            "anyOf": [
                {"$ref": "#/components/schemas/Up"},
                {"$ref": "#/components/schemas/Down"},
                {"$ref": "#/components/schemas/Any"},
            ]
        },
    }
    out = generated(tmp_path, spec31(schemas))
    assert "tag_union(" in (out / "models" / "move.py").read_text()
    cases = [
        ("Move", {"type": "up", "n": 1}),
        ("Move", {"type": "down"}),
        ("Loose", {"type": "sideways"}),
        ("Loose", {"note": "x"}),
        ("Move", {"type": "sideways"}),
        ("Move", {"type": "up", "n": "1"}),
    ]
    results = outcomes(out, cases)
    assert results[:4] == [case for _, case in cases[:4]]
    assert (
        results[4]["error"] == "discriminator_tag"
        and "'type' must be one of: up, down" in results[4]["msg"]
    )
    assert results[5]["error"] == "int_type"  # the chosen member's error only


def test_routing_keeps_members_with_non_string_tags_and_cycles_and_subclass_checks(
    tmp_path: Path,
) -> None:
    schemas = {
        "A": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"const": "a"}},
        },
        "B": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"const": "b"}},
        },
        "C": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"type": "integer"}},
        },
        "Abc": {
            "oneOf": [
                {"$ref": "#/components/schemas/A"},
                {"$ref": "#/components/schemas/B"},
                {"$ref": "#/components/schemas/C"},
            ]
        },
        # the object part refers back to the union: an import cycle
        "Node": {
            "allOf": [
                {
                    "oneOf": [
                        {"$ref": "#/components/schemas/A"},
                        {"$ref": "#/components/schemas/B"},
                    ]
                },
                {
                    "type": "object",
                    "properties": {
                        "children": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Node"},
                        }
                    },
                },
            ]
        },
        "Base": {
            "type": "object",
            "properties": {"p": {"type": "string"}, "q": {"type": "string"}},
            "oneOf": [{"required": ["p"]}, {"required": ["q"]}],
        },
        "Child": {
            "allOf": [
                {"$ref": "#/components/schemas/Base"},
                {"type": "object", "properties": {"r": {"type": "string"}}},
            ]
        },
    }
    out = generated(tmp_path, spec31(schemas))
    good = [
        ("Abc", {"type": 5}),
        ("Node", {"type": "a", "children": [{"type": "b"}]}),
        ("Child", {"p": "1", "r": "x"}),
    ]
    bad = [
        ("Node", {"type": "a", "children": [{"type": "c"}]}),
        ("Child", {"p": "1", "q": "2", "r": "x"}),
    ]
    results = outcomes(out, good + bad)
    assert results[:3] == [case for _, case in good]
    assert all("error" in r for r in results[3:]), results[3:]


@pytest.mark.parametrize("target", ["pydantic", "msgspec", "dataclasses"])
def test_an_optional_property_of_any_type_may_be_null(
    tmp_path: Path, target: str
) -> None:
    """`{}` admits every value, null too, whether the property is required or not;
    explicit null survives the round trip and absence stays absence."""
    schema = {
        "type": "object",
        "properties": {"anything": {}, "note": {"description": "any"}, "req": {}},
        "required": ["req"],
    }
    out = generated(tmp_path, spec31({"Thing": schema}), "--target", target)
    cases = [
        ("Thing", {"req": None, "anything": None, "note": {"a": None}}),
        ("Thing", {"req": 1}),
        ("Thing", {"anything": 1}),
    ]
    found = outcomes(out, cases)
    assert found[0] == {"req": None, "anything": None, "note": {"a": None}}
    assert found[1] == {"req": 1}
    assert "error" in found[2]


@pytest.mark.parametrize("target", ["pydantic", "msgspec", "dataclasses"])
def test_a_oneof_of_named_constants_is_an_enum_with_those_names(
    tmp_path: Path, target: str
) -> None:
    """The members take the branches' titles; the enum admits exactly the
    constants (no booleans, no numbers written as text)."""
    level = {
        "type": "integer",
        "oneOf": [{"const": 0, "title": "QUIET"}, {"const": 1, "title": "Loud"}],
    }
    thing = {
        "type": "object",
        "properties": {"level": {"$ref": "#/components/schemas/Level"}},
    }
    out = generated(
        tmp_path, spec31({"Level": level, "Thing": thing}), "--target", target
    )
    script = "import pkg.models as m\nprint([m.Level.QUIET.value, m.Level.LOUD.value])"
    result = run_python(script, out.parent)
    assert result.stdout.split() == ["[0,", "1]"], result.stderr
    values = [1, 0, True, "1", 2]
    found = outcomes(out, [("Thing", {"level": v}) for v in values])
    assert found[0] == {"level": 1} and found[1] == {"level": 0}
    assert ["error" in f for f in found[2:]] == [True, True, True]


@pytest.mark.parametrize("target", ["pydantic", "msgspec", "dataclasses"])
def test_kubernetes_int_or_string_holds_either(tmp_path: Path, target: str) -> None:
    """`format: int-or-string` (declared a string) is sent as an integer too."""
    schema = {
        "type": "object",
        "properties": {"port": {"type": "string", "format": "int-or-string"}},
    }
    out = generated(tmp_path, spec31({"Port": schema}), "--target", target)
    values = [8080, "http", 1.5, True]
    found = outcomes(out, [("Port", {"port": v}) for v in values])
    assert found[:2] == [{"port": 8080}, {"port": "http"}]
    assert ["error" in f for f in found[2:]] == [True, True]


def test_pydantic_refuses_what_its_json_could_not_hold(tmp_path: Path) -> None:
    """A naive datetime would be written without the offset `from_json` requires,
    a datetime in a date property as a date-time: both are refused when set."""
    schema = {
        "type": "object",
        "properties": {
            "at": {"type": "string", "format": "date-time"},
            "on": {"type": "string", "format": "date"},
        },
    }
    out = generated(tmp_path, spec31({"Event": schema}))
    script = """
from datetime import date, datetime, timezone
from pkg.models import Event
found = []
for kw in ({"at": datetime(2024, 1, 1)}, {"on": datetime(2024, 1, 1)},
           {"at": datetime(2024, 1, 1, tzinfo=timezone.utc)}, {"on": date(2024, 1, 1)}):
    try:
        event = Event(**kw)
        found.append(Event.from_json(event.to_json()) == event)
    except ValueError:
        found.append("refused")
print(found)
"""
    result = run_python(script, out.parent)
    assert result.stdout.strip() == "['refused', 'refused', True, True]", result.stderr


def test_a_misspelled_model_import_is_a_type_error(tmp_path: Path) -> None:
    """The lazy `models` package shows type checkers its imports, not `__getattr__`."""
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    out = generated(tmp_path, spec31({"Thing": schema}))
    (tmp_path / "app.py").write_text(
        "from pkg.models import Thing\nfrom pkg.models import Thingy\n"
    )
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "app.py"],
        cwd=out.parent,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Thingy" in result.stdout and result.stdout.count("error:") == 1
