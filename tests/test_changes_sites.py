"""`modelgen changes`: schemas in operations — inline bodies, parameters, Swagger 2.0,
operations in other files, added, removed and renamed operations."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from test_changes_rules import S, compare, document, obj

from modelgen.changes.findings import diff
from modelgen.changes.source import Sources


def test_inline_bodies_are_compared_by_operation_status_and_media_type(
    tmp_path: Path,
) -> None:
    old = document(obj(), "none")
    old["paths"] = {
        "/pets": {
            "post": {
                "requestBody": {"content": {"application/json": {"schema": obj(a=S)}}},
                "responses": {
                    "201": {
                        "description": "ok",
                        "content": {"application/json": {"schema": obj(("a",), a=S)}},
                    }
                },
            }
        }
    }
    new = copy.deepcopy(old)
    new["paths"]["/pets"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ]["required"] = ["a"]
    del new["paths"]["/pets"]["post"]["responses"]["201"]["content"][
        "application/json"
    ]["schema"]["required"]
    found = {f.id: f for f in compare(tmp_path, old, new)}
    body = "/paths/~1pets/post/requestBody/content/application~1json/schema"
    assert found["request-property-became-required"].level == "error"
    assert (
        found["request-property-became-required"].new_pointer == f"{body}/properties/a"
    )
    assert (
        found["request-property-became-required"].schema
        == "POST /pets request application/json"
    )
    assert found["response-property-became-optional"].level == "error"


def test_swagger2_bodies_and_parameters(tmp_path: Path) -> None:
    def spec(pet: Any, kinds: list[str]) -> dict[str, Any]:
        body = {
            "in": "body",
            "name": "b",
            "required": True,
            "schema": {"$ref": "#/definitions/Pet"},
        }
        query = {"in": "query", "name": "kind", "type": "string", "enum": kinds}
        listed = {"type": "array", "items": {"$ref": "#/definitions/Pet"}}
        operation = {
            "parameters": [body, query],
            "responses": {"200": {"description": "ok", "schema": listed}},
        }
        return {
            "swagger": "2.0",
            "info": {"title": "t", "version": "1"},
            "paths": {"/pets": {"post": operation}},
            "definitions": {"Pet": pet},
        }

    old = spec(obj(a=S), ["x", "y"])
    new = spec(obj(a={"type": "string", "x-nullable": True}), ["x"])
    found = {(f.id, f.level, f.new_pointer) for f in compare(tmp_path, old, new)}
    assert found == {
        ("response-property-became-nullable", "error", "/definitions/Pet/properties/a"),
        ("request-property-became-nullable", "info", "/definitions/Pet/properties/a"),
        (
            "request-parameter-enum-value-removed",
            "error",
            "/paths/~1pets/post/parameters/1/enum",
        ),
    }


def test_operations_in_other_files_are_followed(tmp_path: Path) -> None:
    for version, max_length in (("old", 9), ("new", 3)):
        folder = tmp_path / version
        (folder / "ops").mkdir(parents=True)
        body = {
            "type": "object",
            "properties": {"name": {"type": "string", "maxLength": max_length}},
        }
        operation = {
            "requestBody": {"content": {"application/json": {"schema": body}}},
            "responses": {"204": {"description": "done"}},
        }
        (folder / "ops" / "create.json").write_text(json.dumps(operation))
        doc = {
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/pets": {"post": {"$ref": "ops/create.json"}}},
        }
        (folder / "api.json").write_text(json.dumps(doc))
    with Sources() as sources:
        found = diff(
            sources.open(str(tmp_path / "old" / "api.json")),
            sources.open(str(tmp_path / "new" / "api.json")),
        )
    assert [(f.id, f.level, f.new_pointer, f.operations) for f in found] == [
        (
            "request-property-max-length-decreased",
            "error",
            "ops/create.json#/requestBody/content/application~1json/schema/properties/name/maxLength",
            ("POST /pets",),
        )
    ]


def test_a_removed_operation_is_an_error_and_a_new_one_is_not(tmp_path: Path) -> None:
    old, new = document(obj(a=S), "response"), document(obj(a=S), "response")
    new["paths"]["/cats"] = new["paths"].pop("/pets")
    found = {f.id: f for f in compare(tmp_path, old, new)}
    assert found["operation-removed"].level == "error"
    assert found["operation-removed"].old_pointer == "/paths/~1pets/post"
    assert found["operation-added"].level == "info"


def pets_by_id(
    name: str,
    extra: list[dict[str, Any]] | None = None,
    shared: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    param = {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "integer"},
    }
    item: dict[str, Any] = {
        "get": {
            "parameters": [param, *(extra or [])],
            "responses": {"204": {"description": "done"}},
        }
    }
    if shared:
        item["parameters"] = shared
    doc = document(obj(), "none")
    doc["paths"] = {f"/pets/{{{name}}}": item}
    return doc


def test_a_renamed_path_parameter_is_the_same_operation(tmp_path: Path) -> None:
    assert compare(tmp_path, pets_by_id("id"), pets_by_id("petId")) == []


def test_path_level_parameters_belong_to_each_operation(tmp_path: Path) -> None:
    tenant = {"name": "tenant", "in": "query", "schema": {"type": "string"}}
    old = pets_by_id("id", shared=[tenant])
    new = pets_by_id("id", shared=[tenant | {"required": True}])
    found = [(f.id, f.level, f.schema) for f in compare(tmp_path, old, new)]
    assert found == [
        (
            "request-parameter-became-required",
            "error",
            "GET /pets/{id} parameter query tenant",
        )
    ]
