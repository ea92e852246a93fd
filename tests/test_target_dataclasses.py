"""`--target dataclasses`: standard-library models that read and write JSON faithfully.

Over the golden cases' specs (one small spec per schema feature; the real
specs are in test_target_dataclasses_real.py): the package generates,
imports in an isolated interpreter
(`python -I -S`: no site-packages, so nothing but the standard library),
round-trips an instance of every model (`from_dict(x).to_dict() == x`,
`from_json`, construction by keyword, `==`), and passes `mypy --strict`.
A purpose-made spec checks what is rejected and the JSON path each error
names.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
import sys
from pathlib import Path

import pytest

from conftest import REPO, SHARED, modelgen

CASES = sorted(p for p in (REPO / "tests" / "cases").iterdir() if p.is_dir())
FENCE = re.compile(r"^```python\n(.*?)^```$", re.M | re.S)
PY310 = Path("/root/.pyenv/versions/3.10.13/bin/python")


def spec_of(case: Path) -> Path:
    return next(p for p in sorted(case.iterdir()) if p.suffix in (".yaml", ".json"))


def generate(spec: Path, out: Path, *options: str, docs: bool = False) -> None:
    result = modelgen(
        "generate", str(spec), "--output", str(out), "--target", "dataclasses",
        "--force", "-q", *options, *([] if docs else ["--no-docs"]),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]


def isolated(code: str, folder: Path, python: str = sys.executable) -> str:
    """Run `code` with `folder` on sys.path and no site-packages; its stdout."""
    result = subprocess.run(
        [python, "-I", "-S", "-c", f"import sys; sys.path.insert(0, {str(folder)!r})\n" + code],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def examples(spec: Path) -> dict[str, object]:
    """A synthesized valid instance of every model that has one (as the docs' Example)."""
    from modelgen.pipeline import Request
    from modelgen.produce import prepare
    from modelgen.render.examples import Synthesizer

    document, _ = prepare(Request(spec=str(spec), output="pkg", target="dataclasses"))
    synth = Synthesizer({m.name: m for m in document.models})
    found = {m.name: synth.model_example(m) for m in document.models}
    return {name: value for name, value in found.items() if value is not None}


ROUND_TRIP = r"""
import dataclasses, enum, importlib, json
pkg, data = sys.argv[1], json.loads(sys.argv[2])
models = importlib.import_module(pkg + ".models")
for name, value in data.items():
    cls = getattr(models, name)
    if issubclass(cls, enum.Enum):
        assert cls(value).value == value, name
        continue
    obj = cls.from_dict(value)
    assert json.dumps(obj.to_dict(), sort_keys=True) == json.dumps(value, sort_keys=True), (name, value, obj.to_dict())
    assert cls.from_json(json.dumps(value)) == obj, name
    assert json.loads(obj.to_json()) == value, name
    again = cls(**{f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)})
    assert again == obj, name
foreign = sorted(m.split(".")[0] for m in sys.modules if m.split(".")[0] not in sys.stdlib_module_names)
assert set(foreign) <= {pkg, "__main__"}, foreign
print(len(data))
"""


def round_trip(spec: Path, out: Path, python: str = sys.executable) -> int:
    data = examples(spec)
    code = ROUND_TRIP.replace(
        "sys.argv[1], json.loads(sys.argv[2])",
        f"{out.name!r}, json.loads({json.dumps(data)!r})",
    )
    return int(isolated(code, out.parent, python))


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every golden case's spec generated once, with docs: `p_<case>/`."""
    folder = tmp_path_factory.mktemp("golden")
    for case in CASES:
        generate(spec_of(case), folder / f"p_{case.name}", docs=True)
    return folder


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_spec_round_trips(case: Path, golden: Path) -> None:
    out = golden / f"p_{case.name}"
    assert "pydantic" not in "".join(p.read_text() for p in out.rglob("*.py"))
    count = round_trip(spec_of(case), out)
    assert count > 0 or case.name == "multi_file"
    blocks = [
        b for p in sorted(out.glob("docs/*.md")) for b in FENCE.findall(p.read_text())
    ]
    # the docs' Example code runs as written
    isolated("\n".join(f"exec({block!r}, {{}})" for block in blocks), golden)


TYPED = ("allof", "oneof_discriminator_31", "presence", "recursion", "root_models")


@pytest.mark.parametrize("cases", [
    pytest.param(TYPED, id="sample"),
    pytest.param(tuple(c.name for c in CASES), id="all", marks=pytest.mark.slow),
])  # fmt: skip
def test_mypy_strict_on_golden_specs(golden: Path, cases: tuple[str, ...]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *[f"p_{c}" for c in cases]],
        cwd=golden, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.skipif(not PY310.exists(), reason="no Python 3.10 on this machine")
def test_oldest_python(tmp_path: Path) -> None:
    spec = spec_of(REPO / "tests" / "cases" / "oneof_discriminator_31")
    generate(spec, tmp_path / "pkg", "--python-version", "3.10")
    assert round_trip(spec, tmp_path / "pkg", str(PY310)) > 0


FEATURES = {
    "openapi": "3.1.0",
    "info": {"title": "Features", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "Order": {
                "type": "object",
                "required": ["id", "items"],
                "properties": {
                    "id": {"type": "integer", "minimum": 1},
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}, "maxItems": 4},
                    "note": {"type": ["string", "null"], "maxLength": 5},
                    "when": {"type": "string", "format": "date-time"},
                    "day": {"type": "string", "format": "date"},
                    "ref": {"type": "string", "format": "uuid"},
                    "status": {"$ref": "#/components/schemas/Status"},
                    "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
                    "pet": {"$ref": "#/components/schemas/Pet"},
                    "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "step": {"type": "number", "multipleOf": 0.5, "exclusiveMaximum": 10},
                    "first-name": {"type": "string"},
                    "codes": {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}, "additionalProperties": {"type": "integer"}},
                },
            },
            "Item": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "pattern": "^[a-z]+$"},
                    "kind": {"const": "item"},
                },
            },
            "Status": {"type": "string", "enum": ["open", "closed"]},
            "Cat": {
                "type": "object",
                "required": ["type"],
                "properties": {"type": {"const": "cat"}, "lives": {"type": "integer"}},
            },
            "Dog": {
                "type": "object",
                "required": ["type"],
                "properties": {"type": {"const": "dog"}, "bark": {"type": "boolean"}},
            },
            "Pet": {
                "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                "discriminator": {"propertyName": "type"},
            },
            "Contact": {
                "type": "object",
                "properties": {"email": {"type": "string"}, "phone": {"type": "string"}},
                "anyOf": [{"required": ["email"]}, {"required": ["phone"]}],
            },
        }
    },
}  # fmt: skip

GOOD = {
    "id": 1.0,
    "items": [{"name": "a"}, {"name": "b", "kind": "item"}],
    "note": None,
    "when": "2024-02-29T23:59:60.123456789+05:30",
    "day": "2024-02-29",
    "ref": "3FA85F64-5717-4562-B3FC-2C963F66AFA6",
    "status": "open",
    "tags": ["x", "y"],
    "pet": {"type": "dog", "bark": True, "name": "Rex"},
    "counts": {"a": 1},
    "step": 9.5,
    "first-name": "Ann",
    "codes": {"ab": 2},
    "unknown": {"kept": [1, None]},
}
BAD = [  # (a change to GOOD, the error's path, a word of its message)
    ({"id": 0}, "$.id", "at least 1"),
    ({"id": True}, "$.id", "integer"),
    ({"id": "1"}, "$.id", "integer"),
    ({"id": 1.5}, "$.id", "integer"),
    (
        {"items": [{"name": "a"}, {"name": "b"}, {"name": 3}]},
        "$.items[2].name",
        "string",
    ),
    ({"items": [{"name": "A"}]}, "$.items[0].name", "does not match"),
    ({"items": [{"name": "ab\n"}]}, "$.items[0].name", "does not match"),
    ({"items": [{"name": "a", "extra": 1}]}, "$.items[0].extra", "closed"),
    ({"items": [{"name": "a", "kind": "other"}]}, "$.items[0].kind", "not one of"),
    ({"items": [{}]}, "$.items[0].name", "missing"),
    ({"items": [{"name": "a"}] * 5}, "$.items", "at most 4"),
    ({"items": None}, "$.items", "array"),
    ({"note": "toolong"}, "$.note", "at most 5"),
    ({"when": "2024-01-01T00:00:00"}, "$.when", "RFC 3339"),
    ({"when": "2024-02-30T00:00:00Z"}, "$.when", "date-time"),
    ({"day": "2024-1-1"}, "$.day", "date"),
    ({"ref": "not-a-uuid"}, "$.ref", "UUID"),
    ({"status": "gone"}, "$.status", "not one of"),
    ({"status": None}, "$.status", "not one of"),
    ({"status": ["open"]}, "$.status", "not one of"),
    ({"status": {"open": 1}}, "$.status", "not one of"),
    ({"tags": ["x", "x"]}, "$.tags", "unique"),
    ({"pet": {"type": "cow"}}, "$.pet.type", "one of"),
    ({"pet": {"type": "cat", "lives": "nine"}}, "$.pet.lives", "integer"),
    ({"pet": {}}, "$.pet.type", "one of"),
    ({"counts": {"a": "1"}}, "$.counts.a", "integer"),
    ({"step": 0.3}, "$.step", "multiple"),
    ({"step": 10}, "$.step", "less than"),
    ({"first-name": 1}, '$["first-name"]', "string"),
    ({"codes": {"AB": 2}}, "$.codes.AB", "does not match"),
]

CHECK = r"""
import json
from pkg.models import Contact, Order
from pkg.models._base import UNSET, ValidationError
good, bad = json.loads(GOOD), json.loads(BAD)
import threading
start, same = threading.Barrier(8), []
def first_use():  # the converters are made on first use, by whichever thread comes
    start.wait()
    same.append(Order.from_dict(good).to_dict() == good)
threads = [threading.Thread(target=first_use) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
assert same == [True] * 8, same
order = Order.from_dict(good)
assert order.to_dict() == good, order.to_dict()
assert order.note is None and order.first_name == "Ann" and order.id == 1
assert order.when.year == 2024 and order.when.second == 59 and order.when.utcoffset() is not None
assert order.extra_properties == {"unknown": {"kept": [1, None]}}
assert type(order.pet.root).__name__ == "Dog" and order.pet.root.extra_properties == {"name": "Rex"}
absent = Order.from_dict({"id": 2, "items": []})
assert absent.note is UNSET and absent.to_dict() == {"id": 2, "items": []}
assert Order(id=2, items=[]) == absent
for change, path, word in bad:
    try:
        Order.from_dict({**good, **change})
    except ValidationError as exc:
        assert isinstance(exc, ValueError)
        assert exc.path == path and word in str(exc), (change, str(exc))
        assert str(exc).startswith(path + ": "), str(exc)
    else:
        raise AssertionError(f"accepted {change}")
for value in ({}, {"email": 1}):
    try:
        Contact.from_dict(value)
    except ValueError:
        pass
    else:
        raise AssertionError(value)
assert Contact.from_dict({"phone": "1"}).to_dict() == {"phone": "1"}
for text in ("[", "[1]"):
    try:
        Order.from_json(text)
    except ValueError as exc:
        assert str(exc).startswith("$"), exc
    else:
        raise AssertionError(text)
print("ok")
"""


def test_rejects_with_json_paths(tmp_path: Path) -> None:
    spec = tmp_path / "features.json"
    spec.write_text(json.dumps(FEATURES), encoding="utf-8")
    generate(spec, tmp_path / "pkg")
    code = CHECK.replace("json.loads(GOOD)", repr(GOOD)).replace(
        "json.loads(BAD)", repr(BAD)
    )
    assert isolated(code, tmp_path).strip() == "ok"


def test_same_output_twice(tmp_path: Path) -> None:
    spec = spec_of(REPO / "tests" / "cases" / "allof")
    texts = []
    for name in ("a", "b"):
        generate(spec, tmp_path / name / "pkg")
        texts.append(
            {
                p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
                for p in (tmp_path / name).rglob("*.py")
            }
        )
    assert texts[0] == texts[1]


def test_an_absent_property_narrows_away_as_msgspec_s_does(tmp_path: Path) -> None:
    """`if x.p is not UNSET:` and `if x.p:` leave type checkers the property's
    type (`Unset` has one member, falsy by its type)."""
    spec = tmp_path / "spec.json"
    item = {"type": "object", "properties": {"n": {"type": "integer"}}}
    items = {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}
    bag = {"type": "object", "properties": {"items": items}}
    spec.write_text(
        json.dumps(
            {
                "openapi": "3.1.0",
                "info": {"title": "t", "version": "1"},
                "paths": {},
                "components": {"schemas": {"Item": item, "Bag": bag}},
            }
        )
    )
    generate(spec, tmp_path / "pkg")
    app = tmp_path / "app.py"
    app.write_text(
        "import copy, pickle\n"
        "from pkg.models import Bag\n"
        "from pkg.models._base import UNSET\n"
        "bag = Bag.from_dict({'items': [{'n': 1}]})\n"
        "if bag.items is not UNSET:\n"
        "    print(bag.items[0].n)\n"
        "if bag.items:\n"
        "    print(len(bag.items))\n"
        "empty = Bag()\n"
        "assert empty.items is UNSET and not empty.items\n"
        "assert copy.deepcopy(UNSET) is UNSET is pickle.loads(pickle.dumps(UNSET))\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "app.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert isolated(app.read_text(), tmp_path).split() == ["1", "1"]
