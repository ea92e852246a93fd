"""`--target typeddict`: TypedDict classes and Literal aliases, checked by mypy.

The generated packages must pass `mypy --strict`, import with the standard
library alone (`python -S`: no site-packages) and resolve their annotations
with `typing.get_type_hints`; payloads the schema accepts must type-check
and those it rejects must not; every docs Example must type-check and run.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from modelgen.render.filters import pyrepr

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "tests" / "cases"
SHARED = REPO.parent / "shared"
CASE_SPECS = sorted(
    next(p for p in sorted(d.iterdir()) if p.suffix in (".yaml", ".json"))
    for d in CASES.iterdir()
    if d.is_dir()
)


def generate(spec: Path, out: Path, *options: str) -> None:
    argv = [sys.executable, "-m", "modelgen", "generate", str(spec), "-o", str(out)]
    argv += ["--target", "typeddict", "--force", "-q", *options]
    result = subprocess.run(argv, capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr


def mypy(cwd: Path, *args: str) -> str:
    """mypy --strict's report; fails the test on any error."""
    argv = [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
    argv += ["--cache-dir", str(cwd / ".mypy_cache"), *args]
    result = subprocess.run(argv, capture_output=True, text=True, cwd=cwd)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return result.stdout


def stdlib_python(cwd: Path, code: str) -> str:
    """Run `code` with the standard library only (no site-packages)."""
    argv = [
        sys.executable,
        "-I",
        "-S",
        "-c",
        "import sys; sys.path.insert(0, '')\n" + code,
    ]
    result = subprocess.run(argv, capture_output=True, text=True, cwd=cwd)
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout


RESOLVE_ALL = """
import importlib, typing
for package in {packages!r}:
    models = importlib.import_module(package + ".models")
    for name in models.__all__:
        value = getattr(models, name)
        if hasattr(value, "__required_keys__"):
            typing.get_type_hints(value)
print("ok")
"""


@pytest.mark.parametrize(
    "python", [pytest.param("3.10", marks=pytest.mark.slow), "3.11"]
)
def test_golden_case_specs_type_check_and_import_with_stdlib_only(
    tmp_path: Path, python: str
) -> None:
    packages = []
    for spec in CASE_SPECS:
        package = f"td_{spec.parent.name}"
        generate(spec, tmp_path / package, "--no-docs", "--python-version", python)
        packages.append(package)
    mypy(tmp_path, "--python-version", python, *[f"-p={p}" for p in packages])
    assert stdlib_python(tmp_path, RESOLVE_ALL.format(packages=packages)) == "ok\n"


SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "T", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "required": ["name", "from", "kind"],
                "properties": {
                    "name": {"type": "string"},
                    "from": {"type": "string", "format": "date-time"},
                    "x-tag": {"type": ["integer", "null"]},
                    "kind": {"$ref": "#/components/schemas/Kind"},
                    "__private": {"type": "boolean"},
                    "weight": {"enum": [1.5, 2.5]},
                    "tree": {"$ref": "#/components/schemas/Tree"},
                },
            },
            "Kind": {"type": "string", "enum": ["cat", "dog"]},
            "Tree": {
                "type": "array",
                "items": {
                    "anyOf": [
                        {"type": "integer"},
                        {"$ref": "#/components/schemas/Tree"},
                    ]
                },
            },
            "Dog": {
                "allOf": [
                    {"$ref": "#/components/schemas/Pet"},
                    {
                        "type": "object",
                        "required": ["barks"],
                        "properties": {"barks": {"type": "boolean"}},
                    },
                ]
            },
            "Bag": {"type": "object", "additionalProperties": {"type": "integer"}},
        }
    },
}

# Payloads the schema accepts, then rejected ones, each with the error mypy
# must report (strict mode's warn_unused_ignores fails an ignore that is not needed).
PAYLOADS = """
from pkg.models import Bag, Dog, Kind, Pet, Tree

pet: Pet = {"name": "a", "from": "2024-01-01T00:00:00Z", "kind": "cat"}
full: Pet = {
    "name": "a", "from": "x", "kind": "dog", "x-tag": None, "__private": True,
    "weight": 2.5, "tree": [1, [2, [3]]],
}
dog: Dog = {"name": "a", "from": "x", "kind": "cat", "barks": True}
as_pet: Pet = dog
bag: Bag = {"any": 1, "key": 2}
kind: Kind = "dog"
tree: Tree = [[[]], 4]

missing: Pet = {"name": "a", "kind": "cat"}  # type: ignore[typeddict-item]
wrong: Pet = {"name": 1, "from": "x", "kind": "cat"}  # type: ignore[typeddict-item]
other: Kind = "cow"  # type: ignore[assignment]
no_bark: Dog = {"name": "a", "from": "x", "kind": "cat"}  # type: ignore[typeddict-item]
bad_tree: Tree = [["x"]]  # type: ignore[list-item]
bad_bag: Bag = {"a": "b"}  # type: ignore[dict-item]
"""

KEYS = """
from pkg.models import Dog, Pet
print(sorted(Pet.__required_keys__), sorted(Pet.__optional_keys__))
print(sorted(Dog.__required_keys__))
"""


@pytest.mark.parametrize("python", ["3.10", "3.11"])
def test_payloads_type_check_as_the_schema_says(tmp_path: Path, python: str) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(SPEC), encoding="utf-8")
    generate(spec, tmp_path / "pkg", "--python-version", python)
    (tmp_path / "payloads.py").write_text(PAYLOADS, encoding="utf-8")
    mypy(tmp_path, "--python-version", python, "payloads.py", "pkg")
    required, optional, dog = (
        stdlib_python(tmp_path, KEYS).replace("] [", "]\n[").splitlines()
    )
    assert required == "['from', 'kind', 'name']"
    assert optional == "['__private', 'tree', 'weight', 'x-tag']"
    assert dog == "['barks', 'from', 'kind', 'name']"
    pet = (tmp_path / "pkg" / "models" / "pet.py").read_text(encoding="utf-8")
    assert re.search(r'TypedDict\(\s*"_Pet\w+",', pet)  # `from`, `x-tag`: functional
    assert "weight" in pet and "float" in pet  # float enums are no Literal
    assert "pydantic" not in pet and not (tmp_path / "pkg/models/_base.py").exists()


def test_default_python_is_311_and_310_needs_no_not_required(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(SPEC), encoding="utf-8")
    generate(spec, tmp_path / "new", "--no-docs")
    generate(spec, tmp_path / "old", "--no-docs", "--python-version", "3.10")
    assert "NotRequired" in (tmp_path / "new/models/pet.py").read_text()
    old = "".join(p.read_text() for p in (tmp_path / "old/models").glob("*.py"))
    assert "NotRequired" not in old and "total=False" in old


def docs_examples(package: Path) -> list[str]:
    """The code of every docs Example block of a generated package."""
    blocks = []
    for page in sorted((package / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"(?ms)^(`{3,})python\n(.*?)^\1$", text):
            blocks.append(match.group(2))
    return blocks


def check_examples(tmp_path: Path, spec: Path) -> int:
    generate(spec, tmp_path / "pkg")
    blocks = docs_examples(tmp_path / "pkg")
    assert blocks
    for index, code in enumerate(blocks):
        assert re.search(r"^payload: \w+ = ", code, re.M), code
        (tmp_path / f"example_{index}.py").write_text(code, encoding="utf-8")
    mypy(tmp_path, *[f"example_{i}.py" for i in range(len(blocks))])
    run = "import runpy, contextlib, io\n" + "".join(
        f"with contextlib.redirect_stdout(io.StringIO()): runpy.run_path('example_{i}.py')\n"
        for i in range(len(blocks))
    )
    stdlib_python(tmp_path, run)
    return len(blocks)


@pytest.mark.parametrize(
    "spec",
    ["corpus/redocly-museum.yaml", "corpus/readme-3.0-discriminators.yaml"],
)
def test_docs_examples_type_check_and_run(tmp_path: Path, spec: str) -> None:
    path = SHARED / "specs" / spec
    if not path.exists():
        pytest.skip("../shared is not available")
    assert check_examples(tmp_path, path) > 5


@pytest.mark.slow
def test_openai_docs_examples_type_check_and_run(tmp_path: Path) -> None:
    path = SHARED / "specs" / "openai" / "openai-2024-12-18.yaml"
    if not path.exists():
        pytest.skip("../shared is not available")
    assert check_examples(tmp_path, path) > 500


def norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def adversarial_lines(cases: Path, out: Path) -> tuple[list[str], dict[int, bool]]:
    """Typed assignments of the adversarial cases' round-trip instances (to
    the class named by `schema`, else any class); line → whether it is valid."""
    lines: list[str] = []
    valid: dict[int, bool] = {}
    for expect in sorted(cases.glob("*.expect.json")):
        data = json.loads(expect.read_text(encoding="utf-8"))
        if data.get("expect") != "generate" or not data.get("roundtrip"):
            continue
        name = expect.name[: -len(".expect.json")]
        folder = cases / name
        spec = folder / data.get("spec", "openapi.yaml") if folder.is_dir() else None
        spec = spec or next(p for p in cases.glob(name + ".*") if p != expect)
        if "@@" in spec.read_text(encoding="utf-8", errors="replace"):
            continue  # a template the checker fills in
        package = "adv_" + re.sub(r"\W", "_", name)
        generate(spec, out / package, "--no-docs")
        init = (out / package / "models" / "__init__.py").read_text(encoding="utf-8")
        classes = re.findall(r'^    "(\w+)": ', init, re.M)
        lines.append(f"import {package}.models")
        for item in data["roundtrip"]:
            wanted = norm(item.get("schema") or "")
            named = [c for c in classes if norm(c) in (wanted, wanted + "model")]
            union = " | ".join(f"{package}.models.{c}" for c in named or classes)
            for value, ok in [(item["instance"], True)] + [
                (bad, False) for bad in item.get("invalid", [])
            ]:
                valid[len(lines) + 1] = ok
                lines.append(f"v{len(lines)}: {union} = {pyrepr(value)}")
    return lines, valid


@pytest.mark.slow
def test_adversarial_instances_type_check(tmp_path: Path) -> None:
    """The static side of the adversarial round trips: every valid instance
    type-checks against its class."""
    cases = SHARED / "adversarial" / "cases"
    if not cases.is_dir():
        pytest.skip("../shared is not available")
    lines, valid = adversarial_lines(cases, tmp_path)
    (tmp_path / "check.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    argv = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "check.py"]
    report = subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path).stdout
    rejected = {int(n) for n in re.findall(r"^check\.py:(\d+): error", report, re.M)}
    assert sum(valid.values()) > 40
    assert not {n for n, ok in valid.items() if ok} & rejected, report[-3000:]


def test_a_key_named_like_a_type_it_uses_is_no_type_error(tmp_path: Path) -> None:
    """`Driver: Driver` in a class body would hide the type from the keys after
    it (and `int: int` the builtin): such keys go into the functional form."""
    spec = tmp_path / "spec.json"
    driver = {"type": "object", "properties": {"Name": {"type": "string"}}}
    secret = {
        "type": "object",
        "properties": {
            "Driver": {"$ref": "#/components/schemas/Driver"},
            "Templating": {"$ref": "#/components/schemas/Driver"},
            "int": {"type": "integer"},
            "count": {"type": "integer"},
        },
    }
    spec.write_text(
        json.dumps(
            {
                "openapi": "3.1.0",
                "info": {"title": "t", "version": "1"},
                "paths": {},
                "components": {"schemas": {"Driver": driver, "Secret": secret}},
            }
        )
    )
    generate(spec, tmp_path / "pkg", "--no-docs")
    (tmp_path / "app.py").write_text(
        "from pkg.models import Secret\n"
        "s: Secret = {'Driver': {'Name': 'a'}, 'Templating': {}, 'int': 1, 'count': 2}\n"
    )
    mypy(tmp_path, "pkg", "app.py")
    pyright = Path(sys.executable).with_name("pyright")
    result = subprocess.run(
        [str(pyright), "--pythonpath", sys.executable, "pkg", "app.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_a_property_named_empty_is_left_out_with_a_warning(tmp_path: Path) -> None:
    """Type checkers refuse "" as a TypedDict key: the key is left out, and said."""
    spec = tmp_path / "spec.json"
    schema = {"type": "object", "properties": {"": {"type": "string"}, "a": {}}}
    spec.write_text(
        json.dumps(
            {
                "openapi": "3.1.0",
                "info": {"title": "t", "version": "1"},
                "paths": {},
                "components": {"schemas": {"Thing": schema}},
            }
        )
    )
    argv = [sys.executable, "-m", "modelgen", "generate", str(spec), "-o"]
    argv += [str(tmp_path / "pkg"), "--target", "typeddict", "--no-docs"]
    result = subprocess.run(argv, capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert (
        '#/components/schemas/Thing: typeddict: the property named ""' in result.stderr
    )
    pyright = Path(sys.executable).with_name("pyright")
    checked = subprocess.run(
        [str(pyright), "--pythonpath", sys.executable, "pkg"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout[-3000:]
