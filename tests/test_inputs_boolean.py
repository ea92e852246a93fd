"""Boolean schemas (`true` / `false`) are accepted wherever a schema may stand.

Property-based: hypothesis builds schema trees in which any place that takes
a schema (components, `$defs`, properties, items, prefixItems,
additionalProperties, the members of anyOf / oneOf / allOf, not, if / then /
else, propertyNames, contains) may hold a boolean, in OpenAPI 3.1 and in a
JSON Schema 2020-12 document; every one builds without an error and renders
Python that parses.
"""

from __future__ import annotations

import ast
import json
import os
import tempfile
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelgen.build import build_document
from modelgen.diagnostics import Level
from modelgen.load import load_spec
from modelgen.render import render_files

NAMES = st.sampled_from(["a", "b", "kind", "id"])
LEAVES = st.one_of(
    st.booleans(),
    st.just({"type": "string"}),
    st.just({"type": "integer"}),
    st.just({"type": "object"}),
    st.just({"$ref": "#/components/schemas/Base"}),
)


def _with(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    pair = st.lists(children, min_size=1, max_size=3)
    return st.one_of(
        st.builds(
            lambda p: {"type": "object", "properties": p},
            st.dictionaries(NAMES, children, max_size=3),
        ),
        st.builds(lambda s: {"type": "array", "items": s}, children),
        st.builds(
            lambda p, s: {"type": "array", "prefixItems": p, "items": s},
            pair,
            st.booleans(),
        ),
        st.builds(lambda s: {"type": "object", "additionalProperties": s}, children),
        st.builds(lambda p: {"anyOf": p}, pair),
        st.builds(lambda p: {"oneOf": p}, pair),
        st.builds(lambda p: {"allOf": p}, pair),
        st.builds(lambda s: {"not": s}, children),
        st.builds(
            lambda i, t, e: {"if": i, "then": t, "else": e},
            children,
            children,
            children,
        ),
        st.builds(lambda s: {"type": "object", "propertyNames": s}, children),
        st.builds(lambda s: {"type": "array", "contains": s}, children),
        st.builds(
            lambda s, r: {"type": "object", "properties": {"x": s}, "required": r},
            children,
            st.lists(NAMES, max_size=2, unique=True),
        ),
    )


BASE = {"type": "object", "properties": {"n": {"type": "integer"}}}
SCHEMAS = st.recursive(LEAVES, _with, max_leaves=8)
COMPONENTS = st.lists(SCHEMAS, min_size=1, max_size=4)


def accepted(document: dict[str, Any]) -> None:
    """The document builds without an error, and its Python parses."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "spec.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle)
        built, diagnostics = build_document(load_spec(path))
    errors = [d.render() for d in diagnostics if d.level == Level.ERROR]
    assert not errors, (errors, document)
    for item in render_files(built, "pkg", docs=True):
        if item.path.endswith(".py"):
            ast.parse(item.text, item.path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(COMPONENTS)
def test_booleans_anywhere_in_openapi_31(schemas: list[Any]) -> None:
    accepted(
        {
            "openapi": "3.1.0",
            "info": {"title": "B", "version": "1"},
            "paths": {},
            "components": {
                "schemas": {"Base": BASE, **{f"C{i}": s for i, s in enumerate(schemas)}}
            },
        }
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SCHEMAS, COMPONENTS)
def test_booleans_anywhere_in_json_schema(root: Any, defs: list[Any]) -> None:
    text = json.dumps(
        {"$defs": {"Base": BASE, **{f"C{i}": s for i, s in enumerate(defs)}}}
    )
    document = json.loads(text.replace("#/components/schemas/", "#/$defs/"))
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    if isinstance(root, dict):
        document.update(
            json.loads(json.dumps(root).replace("#/components/schemas/", "#/$defs/"))
        )
    accepted(document)


def test_boolean_documents_and_members_keep_their_meaning(tmp_path: Any) -> None:
    """`false` drops a union member and forbids a property; `true` adds nothing to allOf."""
    document = {
        "openapi": "3.1.0",
        "info": {"title": "B", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "M": {
                    "type": "object",
                    "properties": {
                        "gone": False,
                        "one": {"oneOf": [False, {"type": "integer"}]},
                        "text": {"allOf": [True, {"type": "string"}]},
                        "empty": {"type": "array", "items": False},
                    },
                }
            }
        },
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(document))
    built, diagnostics = build_document(load_spec(str(path)))
    assert not [d for d in diagnostics if d.level == Level.ERROR]
    (model,) = built.models
    fields = {f.name: f.type for f in model.fields}
    assert set(fields) == {"one", "text", "empty"}
    assert fields["one"].kind == "int" and fields["text"].kind == "str"
    assert (
        fields["empty"].kind == "list"
        and ("maxItems", 0) in fields["empty"].constraints
    )
