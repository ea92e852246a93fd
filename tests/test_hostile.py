"""Hostile input: the shared adversarial suite plus variants it does not list.

Generate cases: exit 0, every module imports in a fresh interpreter, no PWNED. Reject cases: exit 2,
one `modelgen: error: ` line per problem, no traceback, output directory not created. Tests whose
docstring says "Regression test" began as strict xfails and flipped when the generator was fixed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from helpers import (
    MODELGEN,
    SHARED,
    assert_clean_stderr,
    assert_either,
    assert_generated,
    assert_no_marker,
    assert_rejected,
    call_python,
    generate,
    markdown_tables,
    output_text,
    raw_html,
    raw_table_rows,
    ref,
    roundtrip,
    run_generate,
    section,
    shadowed_imports,
    spec_doc,
    tree,
    write_json,
)

NASTY = [
    "cr\rname",
    "ff\x0cname",
    "vt\x0bname",
    "ls\u2028name",
    "ps\u2029name",
    "nel\x85name",
    "nul\x00name",
    'dq"""name',
    "sq'''name",
    "trailing\\",
    "bs\\n",
    "\\x41\\u0041\\N{BULLET}",
    "{{ 111111 * 3 }}",
    "{% if true %}{{ 222222 * 3 }}{% endif %}",
    "{# c #}{%- raw %}",
    "</script><script>alert(1)</script>",
    "pipe|name",
    "nl\nname",
    "crlf\r\nname",
    "tab\tname",
    "esc\x1b[31m",
    "hash # not a comment",
    "`tick` ```fence",
    "${x}%(y)s{z}",
]
YAML_HEAD = 'openapi: 3.0.3\ninfo: {title: T, version: "1"}\ncomponents:\n  schemas:\n'


# --- a. the shared suite -----------------------------------------------------------------------


def test_shared_adversarial_suite(tmp_path: Path) -> None:
    checker = SHARED / "adversarial" / "check.py"
    if not checker.is_file():
        pytest.skip(f"shared adversarial suite not found at {checker}")
    cmd = f"{MODELGEN} generate {{spec}} --output {{out}}"
    result = subprocess.run(
        [
            sys.executable,
            str(checker),
            "--cmd",
            cmd,
            "--python",
            sys.executable,
            "--scratch",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    failures = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert re.fullmatch(r"\d+ passed, 0 failed", last), (
        last,
        failures,
        result.stderr[-2000:],
    )


# --- b. strings that must survive as data ------------------------------------------------------


def nasty_spec() -> dict:
    props = {
        n: {"type": "string", "description": n, "title": n, "default": n, "example": n}
        for n in NASTY
    }
    return spec_doc(
        {
            "Text": {
                "type": "object",
                "title": NASTY[7],
                "description": "\n".join(NASTY),
                "properties": props,
            },
            "Choice": {"type": "string", "enum": NASTY, "description": NASTY[10]},
            "Holder": {
                "type": "object",
                "properties": {"choice": {**ref("Choice"), "default": NASTY[0]}},
            },
        },
        title="T \\ {{ 111111 * 3 }} </script>",
        version="1\r\n\u2028'''",
    )


def test_control_characters_survive_in_names_values_and_text(tmp_path: Path) -> None:
    result, out = generate(tmp_path, nasty_spec())
    assert_generated(result, out, tmp_path)
    instance = {n: n for n in NASTY}
    assert roundtrip(out, "Text", instance) == instance
    values = call_python(
        "from out.models import Choice, Holder, Text\n"
        "print(json.dumps([[m.value for m in Choice], Holder().choice.value,"
        " Text().model_dump(by_alias=True)]))",
        out,
    )
    assert values == [NASTY, NASTY[0], instance]
    assert not re.search(
        "333333|666666", output_text(out)
    ), "template syntax from the spec was evaluated"


def test_docs_tables_keep_one_row_of_four_cells_per_property(tmp_path: Path) -> None:
    names = NASTY + [
        "a\\|b",
        "a\\\\|b",
        "`code|span`",
        "<br>",
        "&#124;",
        "*bold*",
        "[x](javascript:alert(1))",
    ]
    props = {
        n: {
            "type": "string",
            "description": f"{n}\n\n| x | y |\n|---|---|\n{n}",
            "default": n + "|",
        }
        for n in names
    }
    doc = spec_doc(
        {
            "Table": {
                "type": "object",
                "description": "| a | b |\n| - | - |\n</td>",
                "properties": props,
            },
            "Other": {
                "type": "object",
                "description": "x | y\r\n\r\n|z|",
                "properties": {"p": {}},
            },
        }
    )
    result, out = generate(tmp_path, doc)
    assert_generated(result, out, tmp_path)
    page = (out / "docs" / "Table.md").read_text(encoding="utf-8")
    rows = raw_table_rows(page, "## Properties")
    assert len(rows) == len(names) and all(len(r) == 4 for r in rows), rows
    props_table = markdown_tables(section(page, "## Properties"))[0]
    assert all(len(r) == 4 for r in props_table)
    shown = [cells[0] for cells in props_table]
    assert shown == [re.sub(r"\s+", " ", n.replace("\x00", " ")).strip() for n in names]
    for path in (out / "docs").glob("*.md"):
        assert raw_html(path.read_text(encoding="utf-8")) == [], path.name
    index = (out / "docs" / "README.md").read_text(encoding="utf-8")
    assert [len(r) for r in raw_table_rows(index, r"\| Model \|.*")] == [2, 2], index
    assert [len(r) for r in markdown_tables(index)[0]] == [2, 2]


def test_used_by_list_keeps_wire_names_inline(tmp_path: Path) -> None:
    """Regression test; before the fix: docs 'Used by' list (render/relations.used_by_lines) puts
    the raw wire name in a code span; a newline in the name ends the list item: raw <script> and headings
    """
    name = "x\n\n<script>alert(1)</script>\n\n# Injected"
    doc = spec_doc(
        {
            "A": {"type": "object", "properties": {name: ref("B")}},
            "B": {"type": "object", "properties": {"b": {"type": "string"}}},
        }
    )
    result, out = generate(tmp_path, doc)
    assert_generated(result, out, tmp_path)
    page = (out / "docs" / "B.md").read_text(encoding="utf-8")
    assert raw_html(page) == [] and "\n# Injected" not in page


# --- names that collide with what the generated code uses ---------------------------------------

SHADOW = [
    "Field",
    "Optional",
    "Literal",
    "List",
    "Dict",
    "Union",
    "Any",
    "ConfigDict",
    "BaseModel",
    "RootModel",
    "UniqueItems",
    "datetime",
    "UUID",
    "Self",
    "ClassVar",
    "Generic",
    "TypeVar",
    "AfterValidator",
    "Mapping",
    "Decimal",
]


def shadow_spec() -> dict:
    schemas = {
        "Annotated": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "s": {"type": "string"},
                "when": {"type": "string", "format": "date-time"},
                "tags": {
                    "type": "array",
                    "uniqueItems": True,
                    "items": {"type": "string"},
                },
                "kind": {**ref("Enum"), "default": "a"},
                "other": ref("NotNull"),
                "lit": {"enum": ["x"]},
            },
        },
        "NotNull": {
            "type": "object",
            "additionalProperties": {"type": "integer"},
            "properties": {
                "back": ref("Annotated"),
                "day": {"type": "string", "format": "date"},
            },
        },
        "Enum": {"type": "string", "enum": ["a", "b"]},
        "ApiModel": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
        "ApiRoot": {"type": "array", "items": {"type": "string", "format": "uuid"}},
        "Strict": {
            "allOf": [
                ref("Field"),
                {"type": "object", "properties": {"own": {"type": "integer"}}},
            ]
        },
        "TYPE_CHECKING": {"type": "object", "properties": {"x": ref("Strict")}},
    }
    schemas.update(
        {n: {"type": "object", "properties": {"x": {"type": "string"}}} for n in SHADOW}
    )
    return spec_doc(schemas)


def test_model_names_equal_to_names_the_generated_code_imports(tmp_path: Path) -> None:
    result, out = generate(tmp_path, shadow_spec())
    assert_generated(result, out, tmp_path)
    for path in (out / "models").glob("*.py"):
        assert shadowed_imports(path.read_text(encoding="utf-8")) == set(), path.name
    instance = {
        "s": "x",
        "when": "2024-01-01T00:00:00Z",
        "tags": ["a"],
        "kind": "b",
        "lit": "x",
        "other": {"back": {"s": "y"}, "extra": 1},
    }
    assert roundtrip(out, "AnnotatedModel", instance) == instance


def test_model_named_type_adapter_with_date_time_default(tmp_path: Path) -> None:
    """Regression test; before the fix: schema named TypeAdapter shadows the `from pydantic import
    TypeAdapter` its own default_factory calls; naming.GENERATED_CODE_NAMES lacks it"""
    prop = {"type": "string", "format": "date-time", "default": "2024-01-01T00:00:00Z"}
    result, out = generate(
        tmp_path,
        spec_doc({"TypeAdapter": {"type": "object", "properties": {"when": prop}}}),
    )
    assert_generated(result, out, tmp_path)
    for path in (out / "models").glob("*.py"):
        assert shadowed_imports(path.read_text(encoding="utf-8")) == set(), path.name


def test_schema_named_globals_next_to_a_cycle(tmp_path: Path) -> None:
    """Regression test; before the fix: a schema named `globals` gets module models/globals.py;
    importing it rebinds `globals` in models/__init__.py, whose `X.model_rebuild(_types_namespace=globals())`
    then raises TypeError: 'module' object is not callable"""
    doc = spec_doc(
        {
            "globals": {"type": "object", "properties": {"x": {"type": "string"}}},
            "A": {"type": "object", "properties": {"b": ref("B")}},
            "B": {"type": "object", "properties": {"a": ref("A")}},
        }
    )
    result, out = generate(tmp_path, doc)
    assert_generated(result, out, tmp_path)


RESERVED = [
    "__pydantic_extra__",
    "model_config",
    "__class__",
    "__dict__",
    "__fields_set__",
    "model_fields",
    "__root__",
    "__init__",
    "pydantic_extra",
    "__slots__",
    "_abc",
    "exec",
    "self",
    "cls",
    "__pydantic_fields_set__",
    "__pydantic_private__",
    "__module__",
    "__qualname__",
    "__annotations__",
]


def test_reserved_property_names_round_trip(tmp_path: Path) -> None:
    props = {n: {"type": "string"} for n in RESERVED}
    schema = {
        "type": "object",
        "additionalProperties": {"type": "integer"},
        "properties": props,
    }
    result, out = generate(tmp_path, spec_doc({"R": schema}))
    assert_generated(result, out, tmp_path)
    instance = {**{n: n for n in RESERVED}, "extra_one": 5}
    assert roundtrip(out, "R", instance) == instance


# --- reference shapes ----------------------------------------------------------------------------

ALLOF_CYCLES: dict[str, dict[str, Any]] = {
    "alias_only": {"A": {"allOf": [ref("B")]}, "B": {"allOf": [ref("A")]}},
    "with_own_properties": {
        "A": {"allOf": [ref("B"), {"type": "object", "properties": {"a": {}}}]},
        "B": {"allOf": [ref("A"), {"type": "object", "properties": {"b": {}}}]},
    },
}


@pytest.mark.parametrize("case", sorted(ALLOF_CYCLES))
def test_allof_only_cycle(tmp_path: Path, case: str) -> None:
    """Regression test; before the fix: exit 0, but `class A(B)` / `ApiRoot[B]` with B imported only under
    TYPE_CHECKING raised NameError on import."""
    result, out = generate(tmp_path, spec_doc(ALLOF_CYCLES[case]))
    assert_either(result, out, tmp_path)


def test_subclass_of_a_model_in_a_cycle_is_usable(tmp_path: Path) -> None:
    """Regression test; before the fix: a model extending (allOf) a member of a reference cycle is
    never rebuilt: models/__init__ rebuilds only the cycle, so C.model_validate raises PydanticUserError 'C is
    not fully defined; you should define A'"""
    doc = spec_doc(
        {
            "A": {"type": "object", "properties": {"b": ref("B")}},
            "B": {"type": "object", "properties": {"a": ref("A")}},
            "C": {
                "allOf": [
                    ref("B"),
                    {"type": "object", "properties": {"c": {"type": "string"}}},
                ]
            },
        }
    )
    result, out = generate(tmp_path, doc)
    assert_generated(result, out, tmp_path)
    assert roundtrip(out, "C", {"c": "x", "a": {}}) == {"c": "x", "a": {}}


PROPERTY_REFS = {
    "self": {
        "A": {
            "type": "object",
            "properties": {"x": {"$ref": "#/components/schemas/A/properties/x"}},
        }
    },
    "mutual": {
        "A": {
            "type": "object",
            "properties": {"x": {"$ref": "#/components/schemas/B/properties/y"}},
        },
        "B": {
            "type": "object",
            "properties": {"y": {"$ref": "#/components/schemas/A/properties/x"}},
        },
    },
    "back_to_owner": {
        "A": {
            "type": "object",
            "properties": {
                "x": {"type": "object", "properties": {"back": ref("A")}},
                "y": {"$ref": "#/components/schemas/A/properties/x"},
            },
        }
    },
    "items_of_itself": {
        "A": {
            "type": "object",
            "properties": {
                "x": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/A/properties/x"},
                }
            },
        }
    },
}


@pytest.mark.parametrize("case", sorted(PROPERTY_REFS))
def test_ref_into_properties_that_refers_back(tmp_path: Path, case: str) -> None:
    result, out = generate(tmp_path, spec_doc(PROPERTY_REFS[case]))
    assert_either(result, out, tmp_path)


# --- the output directory and symlinks ------------------------------------------------------------

SIMPLE = spec_doc({"A": {"type": "object", "properties": {"a": {"type": "string"}}}})


def test_output_dir_that_is_a_symlink_writes_only_behind_it(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    spec = write_json(tmp_path, SIMPLE)
    before = tree(tmp_path)
    result, out = run_generate(spec, tmp_path / "out"), tmp_path / "out"
    assert_generated(result, out, tmp_path)
    changed = {k for k, v in tree(tmp_path).items() if before.get(k) != v}
    assert changed and all(k.startswith("elsewhere/") for k in changed), sorted(changed)


@pytest.mark.parametrize(
    "planted",
    [
        "models/a.py",
        "models/__init__.py",
        "docs/A.md",
        "docs",
        "models",
        ".modelgen",
        ".modelgen/manifest.json",
        "__init__.py",
    ],
)
def test_planted_symlink_in_output_is_never_followed(
    tmp_path: Path, planted: str
) -> None:
    result, out = generate(tmp_path, SIMPLE)
    assert result.returncode == 0, result.stderr
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim").write_text("victim\n")
    target = out / planted
    is_dir = target.is_dir()
    shutil.rmtree(target) if is_dir else target.unlink()
    target.symlink_to(
        outside if is_dir else outside / "victim", target_is_directory=is_dir
    )
    (tmp_path / "openapi.json").write_text(
        json.dumps(spec_doc({"A": {"type": "object"}, "B": {}}))
    )
    before = tree(outside)
    result = run_generate(tmp_path / "openapi.json", out)
    assert tree(outside) == before, "a file outside the output directory was changed"
    if result.returncode != 0:
        assert_clean_stderr(result)


def test_force_into_directory_with_symlink_named_like_output(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.py").write_text("victim = 1\n")
    out = tmp_path / "out"
    (out / "models").mkdir(parents=True)
    (out / "models" / "a.py").symlink_to(outside / "victim.py")
    before = tree(outside)
    result = run_generate(write_json(tmp_path, SIMPLE), out, "--force")
    assert tree(outside) == before
    if result.returncode != 0:
        assert_clean_stderr(result)


# --- the SPEC argument ---------------------------------------------------------------------------


def test_missing_spec_is_rejected(tmp_path: Path) -> None:
    result = run_generate(tmp_path / "nope.yaml", tmp_path / "out", cwd=tmp_path)
    assert_rejected(result, tmp_path / "out", "nope.yaml")


@pytest.mark.parametrize("which", ["spec_is_directory", "output_is_a_file"])
def test_path_arguments_of_the_wrong_kind(tmp_path: Path, which: str) -> None:
    """Regression test; before the fix: click.Path(dir_okay=False/file_okay=False) rejects these
    with a 3-line click usage message ('Usage: ...', 'Error: ...'), not `modelgen: error: ` lines
    """
    spec = write_json(tmp_path, SIMPLE)
    if which == "spec_is_directory":
        (tmp_path / "dir.yaml").mkdir()
        result, out = (
            run_generate(tmp_path / "dir.yaml", tmp_path / "out"),
            tmp_path / "out",
        )
        assert_rejected(result, out)
    else:
        (tmp_path / "out.txt").write_text("keep\n")
        result = run_generate(spec, tmp_path / "out.txt")
        assert_clean_stderr(result)
        assert (tmp_path / "out.txt").read_text() == "keep\n"


# --- YAML features ------------------------------------------------------------------------------

YAML_REJECT = {
    "python_name": "    A: {type: object, description: !!python/name:os.system }\n",
    "python_apply": "    A: !!python/object/apply:os.system ['touch PWNED']\n",
    "python_module": "    A: !!python/module:os\n",
    "binary_schema": "    A: {type: object, properties: {b: !!binary aGVsbG8=}}\n",
    "tab_indentation": "    A:\n\ttype: object\n",
    "unknown_local_tag": "    A: !pwned {type: object}\n",
}


@pytest.mark.parametrize("case", sorted(YAML_REJECT))
def test_yaml_tags_and_tabs_are_rejected(tmp_path: Path, case: str) -> None:
    result, out = generate(tmp_path, YAML_HEAD + YAML_REJECT[case], name="openapi.yaml")
    assert_rejected(result, out, "openapi.yaml")
    assert_no_marker(tmp_path)


MERGE = YAML_HEAD + """\
    Base: &base
      type: object
      properties: {a: {type: string}}
    Extra: &extra
      properties: {e: {type: integer}}
    A:
      <<: *base
      description: merged
    B:
      <<: [*extra, *base]
"""


def test_yaml_merge_keys(tmp_path: Path) -> None:
    result, out = generate(tmp_path, MERGE, name="openapi.yaml")
    assert_generated(result, out, tmp_path)
    assert roundtrip(out, "A", {"a": "x"}) == {"a": "x"}
    fields = call_python(
        "from out.models import A, B\n"
        "print(json.dumps([sorted(A.model_fields), sorted(B.model_fields), A.__doc__]))",
        out,
    )
    # PyYAML lets the *last* mapping of `<<: [*extra, *base]` win (the YAML merge spec says the first);
    # either way `<<` replaces `properties` wholesale, it never deep-merges.
    assert fields[0] == ["a"] and fields[1] in (["a"], ["e"]) and fields[2] == "merged"


YES_NO = YAML_HEAD + """\
    B:
      type: object
      properties:
        on: {type: string}
        off: {type: string}
        yes: {type: string, enum: [yes, no, on, off, y, n, NO, Off]}
        no: {type: string, default: no}
        y: {type: string, default: 2020-01-01}
        n: {type: string, format: date, default: 2020-01-01}
        NO: {type: string}
"""


def test_yaml_yes_no_on_off_stay_strings(tmp_path: Path) -> None:
    result, out = generate(tmp_path, YES_NO, name="openapi.yaml")
    assert_generated(result, out, tmp_path)
    instance = {
        "on": "a",
        "off": "b",
        "yes": "Off",
        "no": "c",
        "y": "d",
        "n": "2021-02-03",
        "NO": "e",
    }
    assert roundtrip(out, "B", instance) == instance
    defaults = call_python(
        "from out.models import B\nb = B()\n"
        "print(json.dumps([b.no, b.y, str(b.n)]))",
        out,
    )
    assert defaults == ["no", "2020-01-01", "2020-01-01"]


@pytest.mark.parametrize(
    "keys",
    [["null"], ["1", "true"], ["null", "~"]],
    ids=["null", "one_true", "null_tilde"],
)
def test_yaml_non_string_keys_are_not_renamed_or_merged(
    tmp_path: Path, keys: list[str]
) -> None:
    """Regression test; before the fix: non-string YAML keys were str()-ed Python-style: `null:`
    became property 'None', `true:` overwrote `1:` (True == 1) and `~:` overwrote `null:` silently.
    """
    props = "".join(f"        {k}: {{type: string}}\n" for k in keys)
    result, out = generate(
        tmp_path,
        YAML_HEAD + "    K:\n      type: object\n      properties:\n" + props,
        name="openapi.yaml",
    )
    assert_either(result, out, tmp_path)
    if result.returncode == 0:
        names = call_python(
            "from out.models import K\n"
            "print(json.dumps(sorted(f.serialization_alias or n for n, f in K.model_fields.items())))",
            out,
        )
        assert names == sorted(keys)


# --- odd but valid JSON ----------------------------------------------------------------------------

NUMERIC_NAMES = [
    "1",
    "0",
    "-1",
    "2.5",
    "1e3",
    "007",
    "\u0663",
    "1_000",
    "0x1F",
    "NaN",
    "Infinity",
]


def test_numbers_as_property_names(tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "required": ["1"],
        "properties": {n: {"type": "integer"} for n in NUMERIC_NAMES},
    }
    result, out = generate(
        tmp_path,
        spec_doc({"N": schema, "1": {"type": "object", "properties": {"2": {}}}}),
    )
    assert_generated(result, out, tmp_path)
    instance = {n: i for i, n in enumerate(NUMERIC_NAMES)}
    assert roundtrip(out, "N", instance) == instance


def test_five_megabyte_single_line_json(tmp_path: Path) -> None:
    props = {f"p{i}": {"type": "string", "description": "d" * 200} for i in range(2000)}
    doc = spec_doc(
        {
            "Big": {
                "type": "object",
                "description": "x|y\\" * 1_200_000,
                "properties": props,
            }
        }
    )
    spec = write_json(tmp_path, doc)
    assert spec.stat().st_size > 5_000_000 and spec.read_text().count("\n") == 0
    started = time.monotonic()
    result = run_generate(spec, tmp_path / "out")
    assert time.monotonic() - started < 60
    assert_generated(result, tmp_path / "out", tmp_path)


def test_tabs_as_json_whitespace_and_inside_strings(tmp_path: Path) -> None:
    text = (
        '{\t"openapi":\t"3.0.3",\t"info":\t{"title":\t"T\\t1",\t"version":\t"1"},\t"components":'
        '\t{"schemas":\t{"Tab\\tName":\t{"type":\t"object",\t"properties":\t{"a\\tb":\t{"type":\t"string",'
        '\t"description":\t"x\\ty",\t"enum":\t["\\t",\t"a\\tb"]}}}}}}\t\n'
    )
    result, out = generate(tmp_path, text, name="openapi.json")
    assert_generated(result, out, tmp_path)
    assert roundtrip(out, "TabName", {"a\tb": "\t"}) == {"a\tb": "\t"}


# --- inputs that crashed or misled the generator when these tests were written ----------------------

HUGE = "1" + "0" * 5000
EXIT3 = "exit 3 (internal error): "
NUMBER = "exit 0, but the model cannot be built: "


def number_prop(**schema: object) -> str:
    return json.dumps(spec_doc({"A": {"properties": {"a": schema}}}))


CRASHES: dict[str, tuple[str, str, str]] = (
    {  # case: (file type, spec text, what went wrong before the fix)
        "huge_int_json": (
            "json",
            '{"openapi":"3.0.3","info":{"title":"T","version":"1"},"components":{"schemas":'
            '{"A":{"type":"integer","maximum":%s}}}}' % HUGE,
            EXIT3
            + "json int() over 4300 digits raises ValueError, not caught in load.parse_bytes",
        ),
        "huge_int_yaml": (
            "yaml",
            YAML_HEAD + f"    A: {{type: integer, maximum: {HUGE}}}\n",
            EXIT3
            + "YAML int over 4300 digits raises ValueError, not caught in load.parse_bytes",
        ),
        "binary_enum": (
            "yaml",
            YAML_HEAD + "    A: {enum: [!!binary aGVsbG8=]}\n",
            EXIT3
            + "bytes enum value: TypeError 'not a JSON value: bytes' in filters.pyrepr",
        ),
        "binary_const": (
            "yaml",
            YAML_HEAD
            + "    A: {type: object, properties: {c: {const: !!binary aGVsbG8=}}}\n",
            EXIT3 + "bytes const: TypeError in filters.pyrepr",
        ),
        "timestamp_enum": (
            "yaml",
            YAML_HEAD + "    A: {enum: [!!timestamp 2020-01-01]}\n",
            EXIT3 + "explicit !!timestamp gives a date: TypeError in filters.pyrepr",
        ),
        "set_const": (
            "yaml",
            YAML_HEAD + "    A: {const: !!set {a: null}}\n",
            EXIT3
            + "explicit !!set gives a Python set: TypeError unhashable type in build",
        ),
        "surrogate_enum": (
            "json",
            json.dumps(spec_doc({"A": {"enum": ["a\ud800"]}})),
            EXIT3 + "lone surrogate: UnicodeEncodeError in write.encode",
        ),
        "surrogate_property": (
            "json",
            json.dumps(spec_doc({"A": {"properties": {"p\udfff": {}}}})),
            EXIT3 + "lone surrogate: UnicodeEncodeError in write.encode",
        ),
        "surrogate_description": (
            "json",
            json.dumps(spec_doc({"A": {"type": "object", "description": "\ud800"}})),
            EXIT3 + "lone surrogate: UnicodeEncodeError in write.encode",
        ),
        "surrogate_default": (
            "json",
            json.dumps(spec_doc({"A": {"properties": {"a": {"default": "\ud800"}}}})),
            EXIT3 + "lone surrogate: UnicodeEncodeError in write.encode",
        ),
        "ref_nul_byte": (
            "json",
            json.dumps(spec_doc({"A": {"$ref": "x\u0000.yaml#/B"}})),
            EXIT3
            + "load.resolve_ref: os.path.realpath/open raise ValueError 'embedded null byte'",
        ),
        "ref_superscript_digit": (
            "json",
            json.dumps(spec_doc({"Pet": {"$ref": "#/components/schemas/\u00b9"}})),
            EXIT3 + "load.walk: '¹'.isdigit() is True but int('¹') raises ValueError",
        ),
        "inf_multiple_of": (
            "yaml",
            YAML_HEAD + "    A: {properties: {a: {type: number, multipleOf: .inf, "
            "maximum: -.inf}}}\n",
            EXIT3 + "examples.number: ValueError cannot convert NaN to int",
        ),
        "nan_minimum": (
            "json",
            number_prop(type="number", minimum=float("nan")),
            NUMBER + "Field(ge=nan) names an undefined `nan`",
        ),
        "inf_maximum": (
            "json",
            number_prop(type="number", maximum=float("inf")),
            NUMBER + "Field(le=inf) names an undefined `inf`",
        ),
        "zero_multiple_of": (
            "json",
            number_prop(type="number", multipleOf=0),
            NUMBER + "pydantic refuses multiple_of=0 (JSON Schema requires > 0)",
        ),
        "negative_multiple_of": (
            "json",
            number_prop(type="integer", multipleOf=-2),
            NUMBER + "pydantic refuses multiple_of=-2 (JSON Schema requires > 0)",
        ),
        "title_triple_quotes": (
            "json",
            json.dumps(spec_doc({"A": {"type": "string"}}, title='a"""b')),
            EXIT3
            + "info.title went through pyrepr into the _base.py docstring; black choked",
        ),
        "title_breakout": (
            "json",
            json.dumps(
                spec_doc({"A": {"type": "string"}}, title='x""";open("PWNED","w");"""')
            ),
            "exit 0 with statements injected after the _base.py docstring (SyntaxError on import)",
        ),
    }
)


OPEN: set[str] = set()  # still failing: strict xfails


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            k, marks=[pytest.mark.xfail(strict=True, reason=v[2])] * (k in OPEN)
        )
        for k, v in sorted(CRASHES.items())
    ],
)
def test_input_that_crashes_or_breaks_the_output(tmp_path: Path, case: str) -> None:
    ext, text, _ = CRASHES[case]
    result, out = generate(tmp_path, text, name=f"openapi.{ext}")
    assert_either(result, out, tmp_path)


def test_regex_denial_of_service_in_pattern_and_default(tmp_path: Path) -> None:
    """Regression test; before the fix: build/values.conforms ran the spec's `pattern` on the
    spec's default with `re`: catastrophic backtracking hung generation (ReDoS)."""
    prop = {"type": "string", "pattern": "^(a|a)*$", "default": "a" * 40 + "!"}
    spec = write_json(
        tmp_path, spec_doc({"A": {"type": "object", "properties": {"a": prop}}})
    )
    try:
        result = run_generate(spec, tmp_path / "out", timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("generation did not finish in 10 s")
    assert_either(result, tmp_path / "out", tmp_path)


def test_huge_min_items_does_not_blow_up_the_output(tmp_path: Path) -> None:
    """Regression test; before the fix: render/examples.array built `[item] * minItems`, so a
    150-byte spec wrote an 11 MB docs page (and minItems 10**11 gave MemoryError, exit 2).
    """
    schema = {"type": "array", "minItems": 1_000_000, "items": {"type": "string"}}
    result, out = generate(tmp_path, spec_doc({"A": schema}))
    assert result.returncode == 0, result.stderr
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    assert size < 1_000_000, f"{size} bytes of output"
