"""Property test: randomly mutated real specs never crash the generator.

Each example takes a small corpus spec, applies 1-4 random mutations (rename a
key, replace text, change a `type`, delete a component, replace a subtree with
random JSON, point a `$ref` somewhere else, add enum/default/const/example
values), writes it as JSON and runs `modelgen generate` in-process. Either it
generates (exit 0, every module parses, a sample also imports in a fresh
interpreter) or it rejects (exit 2, only `modelgen: error: ` lines, no output
directory). Never exit 3, a traceback, or a file outside the output directory.

50 derandomized examples by default (reproducible in CI); `make fuzz` (the
test marked `fuzz`) runs 2000 random ones; MODELGEN_FUZZ_EXAMPLES overrides both.

The strategies include the edge values that crashed the generator when this
file was written (NaN/Infinity, lone surrogates, integers over 4300 digits,
huge minItems, `$ref` tokens such as "¹", NUL in a `$ref`); test_hostile.py pins each of them.
"""

from __future__ import annotations

import ast
import copy
import functools
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from helpers import CACHE_DIR, ERROR_PREFIX, SHARED, import_all, python_files

CORPUS = SHARED / "specs" / "corpus"
SPECS = (
    "oai-v3.0-petstore-expanded.yaml",
    "readme-3.0-discriminators.yaml",
    "readme-3.0-schema-circular.yaml",
    "opc-3.1-enums.yaml",
)
EXAMPLES = os.environ.get("MODELGEN_FUZZ_EXAMPLES")
IMPORT_EVERY = int(os.environ.get("MODELGEN_FUZZ_IMPORT_EVERY", 10))  # 0: never import

KNOWN_TYPES = ["string", "integer", "number", "boolean", "array", "object", "null"]
TEXT = st.text(
    st.characters(exclude_categories=()), max_size=24
)  # control characters and lone surrogates
HUGE_INT = "@@HUGE_INT@@"  # replaced by a 5001-digit integer in the JSON text (repr() of one raises)
EDGES = st.sampled_from(
    [
        float("nan"),
        float("inf"),
        -float("inf"),
        HUGE_INT,
        10**11,
        10**6,
        -0.0,
        1e308,
        "\ud800",
        "\u00b9",
        "\x00",
        "",
        "\u2028",
        '"""',
        "\\",
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-1000, 1000)
    | st.floats(width=32)
    | TEXT
    | EDGES
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
TYPES = (
    st.sampled_from(KNOWN_TYPES + ["file", "any", "Object", "", "int"])
    | SCALARS
    | st.lists(st.sampled_from(KNOWN_TYPES), max_size=3)
    | JSON
)


@functools.lru_cache(maxsize=None)
def base_specs() -> tuple[Any, ...]:
    from modelgen.load import load_spec

    missing = [name for name in SPECS if not (CORPUS / name).is_file()]
    if missing:
        pytest.skip(f"corpus specs not found under {CORPUS}: {missing}")
    return tuple(load_spec(str(CORPUS / name)).root_document for name in SPECS)


def slots(node: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key) below `node`, depth first."""
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node) if isinstance(node, list) else ()
    )
    for key, value in items:
        out.append((node, key))
        slots(value, out)
    return out


def components(doc: dict[str, Any]) -> dict[str, Any]:
    found = doc["components"].get("schemas")
    return found if isinstance(found, dict) else {}


def schemas_in(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The components mapping, then every mapping below it (schemas, properties, ...)."""
    found = components(doc)
    return [found] + [c[k] for c, k in slots(found, []) if isinstance(c[k], dict)]


def pointers(doc: dict[str, Any]) -> list[str]:
    names = list(components(doc))
    return [f"#/components/schemas/{n}" for n in names] + [
        f"#/components/schemas/{n}/properties" for n in names
    ]


def pick(data: st.DataObject, items: list[Any], label: str) -> Any:
    return (
        items[data.draw(st.integers(0, len(items) - 1), label=label)] if items else None
    )


def rename_key(data: st.DataObject, doc: dict[str, Any]) -> None:
    target = pick(data, [d for d in schemas_in(doc) if d], "mapping")
    if target is not None:
        old = pick(data, list(target), "key")
        renamed = data.draw(TEXT, label="new key")
        items = [(renamed if k == old else k, v) for k, v in target.items()]
        target.clear()
        target.update(items)


def replace_text(data: st.DataObject, doc: dict[str, Any]) -> None:
    found = [(c, k) for c, k in slots(doc, []) if isinstance(c[k], str)]
    if found:
        container, key = pick(data, found, "string")
        text = data.draw(TEXT, label="text")
        container[key] = text


def change_type(data: st.DataObject, doc: dict[str, Any]) -> None:
    target = pick(data, schemas_in(doc)[1:], "schema")
    if target is not None:
        target["type"] = data.draw(TYPES, label="type")


def delete_component(data: st.DataObject, doc: dict[str, Any]) -> None:
    found = components(doc)
    if found:
        del found[pick(data, list(found), "component")]


def replace_subtree(data: st.DataObject, doc: dict[str, Any]) -> None:
    found = slots(doc["components"], [])
    if found:
        container, key = pick(data, found, "subtree")
        container[key] = data.draw(JSON, label="json")


def retarget_ref(data: st.DataObject, doc: dict[str, Any]) -> None:
    target = pick(data, schemas_in(doc)[1:], "schema")
    if target is not None:
        ref = data.draw(
            st.sampled_from(pointers(doc))
            | TEXT.map(lambda t: "#/components/schemas/" + t),
            label="ref",
        )
        target.clear()
        target["$ref"] = ref


def add_values(data: st.DataObject, doc: dict[str, Any]) -> None:
    target = pick(data, schemas_in(doc)[1:], "schema")
    if target is not None:
        key = data.draw(
            st.sampled_from(
                [
                    "enum",
                    "default",
                    "const",
                    "example",
                    "title",
                    "description",
                    "pattern",
                    "format",
                    "minimum",
                    "maxLength",
                    "minItems",
                    "multipleOf",
                ]
            )
        )
        target[key] = data.draw(
            st.lists(SCALARS, max_size=5) if key == "enum" else JSON, label=key
        )


MUTATIONS = [
    rename_key,
    replace_text,
    change_type,
    delete_component,
    replace_subtree,
    retarget_ref,
    add_values,
]


def mutated(data: st.DataObject) -> dict[str, Any]:
    doc = copy.deepcopy(data.draw(st.sampled_from(base_specs()), label="spec"))
    doc.setdefault("components", {}).setdefault("schemas", {})
    for _ in range(data.draw(st.integers(1, 4), label="count")):
        data.draw(st.sampled_from(MUTATIONS), label="mutation")(data, doc)
    return doc


def run_in_process(spec: Path, out: Path) -> Any:
    from click.testing import CliRunner

    from modelgen.cli import main

    runner = CliRunner()
    return runner.invoke(
        main,
        ["generate", str(spec), "--output", str(out), "-q"],
        env={"MODELGEN_CACHE_DIR": str(CACHE_DIR)},
        catch_exceptions=True,
    )


def check_verdict(result: Any, root: Path, out: Path, do_import: bool) -> None:
    stderr = result.stderr
    assert result.exit_code in (
        0,
        2,
    ), f"exit {result.exit_code}: {stderr[-2000:]} {result.exception!r}"
    assert "Traceback" not in stderr, stderr[-2000:]
    outside = {p.relative_to(root).as_posix() for p in root.rglob("*")} - {"spec.json"}
    assert all(p == "out" or p.startswith("out/") for p in outside), sorted(outside)[
        :10
    ]
    if result.exit_code == 2:
        assert stderr.strip(), "exit 2 without a message"
        assert all(
            line.startswith(ERROR_PREFIX) for line in stderr.splitlines()
        ), stderr[-2000:]
        assert not out.exists(), "output written although the spec was rejected"
        return
    for path in python_files(out):
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    if do_import:
        import_all(out, cwd=root)


COUNTER = {"generated": 0}


def fuzz_settings(examples: int, random: bool) -> settings:
    """`random`: a new seed each run, failures kept in hypothesis' database."""
    return settings(
        max_examples=int(EXAMPLES or examples),
        deadline=None,
        derandomize=not random,
        print_blob=True,
        database=settings().database if random else None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


@pytest.mark.filterwarnings("ignore")
@fuzz_settings(50, random=False)
@given(data=st.data())
def test_mutated_specs_generate_or_reject_cleanly(data: st.DataObject) -> None:
    check_mutated(data)


@pytest.mark.fuzz
@pytest.mark.filterwarnings("ignore")
@fuzz_settings(2000, random=True)
@given(data=st.data())
def test_mutated_specs_long_random_run(data: st.DataObject) -> None:
    check_mutated(data)


def check_mutated(data: st.DataObject) -> None:
    doc = mutated(data)
    with tempfile.TemporaryDirectory(prefix="modelgen-fuzz-") as scratch:
        root = Path(scratch)
        spec = root / "spec.json"
        text = json.dumps(doc).replace(f'"{HUGE_INT}"', "1" + "0" * 5000)
        spec.write_text(text, encoding="ascii")  # \uXXXX escapes carry lone surrogates
        out = root / "out"
        result = run_in_process(spec, out)
        event(f"exit {result.exit_code}")
        if result.exit_code == 0:
            COUNTER["generated"] += 1
        do_import = (
            bool(IMPORT_EVERY)
            and result.exit_code == 0
            and COUNTER["generated"] % IMPORT_EVERY == 1
        )
        check_verdict(result, root, out, do_import)


def test_unmutated_corpus_specs_generate_and_import(tmp_path: Path) -> None:
    """The fuzz bases themselves are good input (else every mutation would start from a failure)."""
    for index, doc in enumerate(base_specs()):
        root = tmp_path / str(index)
        root.mkdir()
        (root / "spec.json").write_text(json.dumps(doc), encoding="utf-8")
        result = run_in_process(root / "spec.json", root / "out")
        assert result.exit_code == 0, (SPECS[index], result.stderr)
        check_verdict(result, root, root / "out", do_import=True)
