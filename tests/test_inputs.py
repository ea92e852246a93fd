"""Inputs as users have them: standard input, a git revision, split specs, plain JSON
Schema documents (2020-12, 2019-09, draft-07) and lenient reading of near-misses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import modelgen, run_python

PETS = {
    "openapi": "3.0.3",
    "info": {"title": "Pets", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string"}},
            }
        }
    },
}


def models(out: Path) -> set[str]:
    return {p.name for p in (out / "models").glob("*.py") if not p.name.startswith("_")}


def test_spec_from_standard_input(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "modelgen", "generate", "-", "-o", str(out)],
        input=json.dumps(PETS),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert models(out) == {"pet.py"}
    broken = dict(PETS, components={"schemas": {"Pet": {"type": 3}}})
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "modelgen",
            "generate",
            "-",
            "-o",
            str(tmp_path / "bad"),
        ],
        input=json.dumps(broken),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith(
        "modelgen: error: <stdin>#/components/schemas/Pet/type: "
    )


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def test_spec_from_a_git_revision_leaves_the_working_tree_alone(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "api" / "parts").mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.com")
    git(repo, "config", "user.name", "t")
    split = dict(PETS, components={"schemas": {"$ref": "parts/schemas.json"}})
    (repo / "api" / "openapi.json").write_text(json.dumps(split))
    (repo / "api" / "parts" / "schemas.json").write_text(
        json.dumps(PETS["components"]["schemas"])
    )
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "one")
    edited = {"Cat": {"type": "object"}}
    (repo / "api" / "parts" / "schemas.json").write_text(json.dumps(edited))
    status = git(repo, "status", "--porcelain")
    out = tmp_path / "out"
    done = modelgen("generate", "HEAD:api/openapi.json", "-o", str(out), cwd=repo)
    assert done.returncode == 0, done.stderr
    assert models(out) == {"pet.py"}  # the committed file, not the edit
    assert json.loads((repo / "api" / "parts" / "schemas.json").read_text()) == edited
    assert git(repo, "status", "--porcelain") == status
    here = modelgen(
        "generate", "HEAD:./openapi.json", "-o", str(tmp_path / "o2"), cwd=repo / "api"
    )
    assert here.returncode == 0, here.stderr
    assert models(tmp_path / "o2") == models(out)
    missing = modelgen(
        "generate", "HEAD:api/none.json", "-o", str(tmp_path / "o3"), cwd=repo
    )
    assert missing.returncode == 2 and "no file 'api/none.json'" in missing.stderr
    escape = dict(PETS, components={"schemas": {"$ref": "../../outside.json"}})
    (repo / "api" / "openapi.json").write_text(json.dumps(escape))
    git(repo, "commit", "-qam", "two")
    left = modelgen(
        "generate", "HEAD:api/openapi.json", "-o", str(tmp_path / "o4"), cwd=repo
    )
    assert left.returncode == 2 and "leaves the spec's directory" in left.stderr


def test_components_schemas_as_a_ref_to_another_file(tmp_path: Path) -> None:
    (tmp_path / "spec" / "components").mkdir(parents=True)
    schemas = {
        "Pet": {"type": "object", "properties": {"owner": {"$ref": "#/Owner"}}},
        "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
    }
    (tmp_path / "spec" / "components" / "schemas.json").write_text(json.dumps(schemas))
    root = dict(
        PETS,
        components={"schemas": {"$ref": "./spec/components/schemas.json"}},
        paths={
            "/pets": {
                "get": {
                    "tags": ["pets"],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Pet"}
                                }
                            },
                        }
                    },
                }
            }
        },
    )
    (tmp_path / "openapi.json").write_text(json.dumps(root))
    out = tmp_path / "out"
    done = modelgen(
        "generate", str(tmp_path / "openapi.json"), "-o", str(out), "--operation-models"
    )
    assert done.returncode == 0, done.stderr
    assert models(out) == {"pet.py", "owner.py"}
    listed = modelgen("list", str(tmp_path / "openapi.json"))
    assert listed.stdout.splitlines() == [
        "Pet: Pet (pet.py)",
        "Owner: Owner (owner.py)",
    ]


def test_operations_split_over_files_make_their_models(tmp_path: Path) -> None:
    """A path item, an operation and a response may each be a `$ref` to another
    file (as split specs are written); their schemas, inline or in files of their
    own, become models, and so does a `properties` map kept in a file."""
    (tmp_path / "paths").mkdir()
    (tmp_path / "models").mkdir()
    write = lambda name, data: (tmp_path / name).write_text(json.dumps(data))
    write("models/attributes.json", {"name": {"type": "string"}})
    write(
        "models/pet.json",
        {"type": "object", "properties": {"$ref": "attributes.json"}},
    )
    ok = {"description": "ok", "content": {"application/json": {"schema": {}}}}
    ok["content"]["application/json"]["schema"] = {"$ref": "../models/pet.json"}
    write("paths/pet_ok.json", ok)
    write(
        "paths/pets_get.json",
        {"operationId": "listPets", "responses": {"200": {"$ref": "pet_ok.json"}}},
    )
    listed = {"type": "object", "properties": {"count": {"type": "integer"}}}
    item = {
        "post": {
            "operationId": "countPets",
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {"application/json": {"schema": listed}},
                }
            },
        }
    }
    write("paths/count.json", item)
    root = dict(
        PETS,
        components={},
        paths={
            "/pets": {"get": {"$ref": "paths/pets_get.json"}},
            "/pets/count": {"$ref": "paths/count.json"},
        },
    )
    write("openapi.json", root)
    out = tmp_path / "out"
    done = modelgen(
        "generate", str(tmp_path / "openapi.json"), "-o", str(out), "--operation-models"
    )
    assert done.returncode == 0, done.stderr
    assert models(out) == {"pet.py", "count_pets200_response.py"}
    assert "name: Omittable[str]" in (out / "models" / "pet.py").read_text()


def test_lenient_reading_warns_at_the_place(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: L, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    Thing:\n      type: object\n      required: null\n      properties:\n"
        "        a: {type: [string, null]}\n        b: {type: [null, integer]}\n"
        "    Nothing:\n      type: null\n"
    )
    out = tmp_path / "out"
    done = modelgen("generate", str(spec), "-o", str(out))
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "warning" in line]
    places = sorted(
        line.split("#", 1)[1].split(" ")[0].rstrip(":") for line in warnings
    )
    assert places == [
        "/components/schemas/Nothing/type",
        "/components/schemas/Thing/properties/a/type",
        "/components/schemas/Thing/properties/b/type",
        "/components/schemas/Thing/required",
    ]
    checked = run_python(
        "from out.models import Thing\n"
        "t = Thing.from_dict({'a': None, 'b': None})\n"
        "assert t.to_dict() == {'a': None, 'b': None}\n"
        "assert Thing.from_dict({'a': 'x', 'b': 2}).to_dict() == {'a': 'x', 'b': 2}\n"
        "Thing.from_dict({})\n",
        tmp_path,
    )
    assert checked.returncode == 0, checked.stderr


JSON_SCHEMAS: dict[str, tuple[dict[str, Any], list[Any]]] = {
    "draft-07": (
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "title": "Person",
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string"},
                "address": {"$ref": "#/definitions/Address"},
                "children": {"type": "array", "items": {"$ref": "#"}},
            },
            "definitions": {
                "Address": {
                    "type": "object",
                    "properties": {"street": {"type": "string"}},
                }
            },
        },
        [{"name": "a", "children": [{"name": "b", "address": {"street": "s"}}]}],
    ),
    "2019-09": (
        {
            "$schema": "https://json-schema.org/draft/2019-09/schema",
            "$defs": {
                "Tree": {
                    "$recursiveAnchor": True,
                    "type": "object",
                    "properties": {
                        "kids": {"type": "array", "items": {"$recursiveRef": "#"}}
                    },
                }
            },
        },
        [],
    ),
    "2020-12": (
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Order",
            "type": "object",
            "properties": {
                "pet": {"$ref": "#pet"},
                "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
                "any": True,
            },
            "additionalProperties": False,
            "$defs": {
                "Pet": {
                    "$anchor": "pet",
                    "oneOf": [{"type": "string"}, {"type": "integer"}, False],
                }
            },
        },
        [{"pet": "cat", "tags": ["x"], "any": [1, {"a": None}]}, {"pet": 3}],
    ),
}


@pytest.mark.parametrize("draft", sorted(JSON_SCHEMAS))
def test_json_schema_documents_generate_and_round_trip(
    tmp_path: Path, draft: str
) -> None:
    schema, instances = JSON_SCHEMAS[draft]
    spec = tmp_path / "doc.schema.json"
    spec.write_text(json.dumps(schema))
    out = tmp_path / "out"
    done = modelgen("generate", str(spec), "-o", str(out))
    assert done.returncode == 0, done.stderr
    names = models(out)
    assert names
    root = schema.get("title")
    if not instances:
        return
    checked = run_python(
        "import json, sys\n"
        f"from out.models import {root}\n"
        f"for x in json.loads({json.dumps(json.dumps(instances))}):\n"
        f"    assert {root}.from_dict(x).to_dict() == x, x\n",
        tmp_path,
    )
    assert checked.returncode == 0, checked.stderr


def test_not_a_schema_is_still_an_error(tmp_path: Path) -> None:
    spec = tmp_path / "x.json"
    spec.write_text(json.dumps({"hello": "world"}))
    done = modelgen("generate", str(spec), "-o", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "not an OpenAPI document or JSON Schema" in done.stderr


LAUGHS = "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n"
    for i in range(7)
)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("a: &a [1]\n" + LAUGHS, "aliases expand to more than 2,000,000 nodes"),
        ("a: &a {b: [1, 2]}\nc: *a\nd: [*a, *a]\n", None),
    ],
    ids=["bomb", "shared"],
)
def test_graph_check(text: str, problem: str | None) -> None:
    from modelgen.load import check_graph, load_yaml

    found = check_graph(load_yaml(text))
    assert found == problem or (problem and found and found.startswith(problem))


def nested(depth: int) -> list[object]:
    outer: list[object] = []
    inner = outer
    for _ in range(depth):
        inner.append([])
        inner = inner[-1]  # type: ignore[assignment]
    return outer


def test_graph_check_refuses_deep_nesting_and_a_node_within_itself() -> None:
    from modelgen.load import check_graph

    assert check_graph({"a": nested(399)}) is None
    assert check_graph({"a": nested(400)}) == "nesting deeper than 400 levels"
    loop: dict[str, object] = {"a": [1]}
    loop["b"] = {"c": loop}
    assert check_graph(loop) == (
        "a YAML alias refers to a node that contains it (recursive alias)"
    )
