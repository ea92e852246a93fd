"""Discriminators inherited through `allOf`: decoding as the base gives the
subclass the tag names, through properties and lists typed as the base too.

msgspec decodes a union of the subclasses by the tag; decoding as the base
itself (and a property typed as the base) still gives the base there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, SHARED, modelgen, need_shared, run_python

CASE = REPO / "tests" / "cases" / "inherited_discriminator" / "openapi.yaml"
CORPUS = SHARED / "specs" / "corpus"
DISPATCHING = ["pydantic", "dataclasses"]

DRAWING = {
    "main": {"kind": "Square", "side": 1.0},
    "shapes": [
        {"kind": "circle", "radius": 2.0},
        {"kind": "RoundedSquare", "side": 1.0, "corner": 0.5},
        {"kind": "hexagon", "label": "h"},
    ],
    "either": {"kind": "RoundedSquare", "side": 3.0, "corner": 1.0},
}


def generated(tmp_path: Path, spec: Path, target: str, *extra: str) -> Path:
    out = tmp_path / "pkg"
    result = modelgen(
        "generate", str(spec), "-o", str(out), "--no-docs", "--target", target, *extra
    )
    assert result.returncode == 0, result.stderr
    return out


def decoded(out: Path, cases: list[tuple[str, str, object]]) -> list[object]:
    """For each (class, "dict" or "json", data): the class of the result and its
    to_dict(), or the error's text."""
    script = f"""
import json
import pkg.models as m
out = []
for name, how, value in json.loads({json.dumps(json.dumps(cases))}):
    cls = getattr(m, name)
    try:
        text = json.dumps(value)
        found = cls.from_json(text) if how == "json" else cls.from_dict(value)
        out.append([type(found).__name__, found.to_dict()])
    except ValueError as exc:
        out.append(["error", str(exc)])
print(json.dumps(out))
"""
    result = run_python(script, out.parent)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def classes(out: Path, expression: str) -> object:
    script = f"import json\nimport pkg.models as m\nprint(json.dumps({expression}))\n"
    result = run_python(script, out.parent)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("target", DISPATCHING)
def test_decoding_as_the_base_gives_the_subclass_the_tag_names(
    tmp_path: Path, target: str
) -> None:
    out = generated(tmp_path, CASE, target)
    square = {"kind": "Square", "side": 2.0}
    rounded = {"kind": "RoundedSquare", "side": 2.0, "corner": 0.5}
    results = decoded(
        out,
        [
            ("Shape", "dict", {"kind": "circle", "radius": 1.0}),  # by the mapping
            ("Shape", "json", square),  # by the schema name
            ("Shape", "dict", rounded),  # the most specific subclass
            ("Shape", "dict", {"kind": "Shape"}),  # the base itself
            ("Shape", "json", {"kind": "hexagon"}),  # an unknown tag value
            ("Square", "dict", rounded),  # a subclass with subclasses
            ("Square", "dict", {"kind": "circle", "side": 1.0}),  # unchanged
            ("Shape", "dict", {"kind": "Square", "side": "x"}),  # as a Square
            ("Shape", "json", {"kind": "Square"}),
        ],
    )
    assert [r[0] for r in results[:7]] == [
        "Circle",
        "Square",
        "RoundedSquare",
        "Shape",
        "Shape",
        "RoundedSquare",
        "Square",
    ]
    assert results[1][1] == square and results[2][1] == rounded
    assert results[7][0] == "error" and "side" in results[7][1]
    assert results[8][0] == "error" and "side" in results[8][1]


@pytest.mark.parametrize("target", DISPATCHING)
def test_properties_typed_as_the_base_hold_subclasses(
    tmp_path: Path, target: str
) -> None:
    out = generated(tmp_path, CASE, target)
    for how in ("dict", "json"):
        [(name, written)] = decoded(out, [("Drawing", how, DRAWING)])
        assert name == "Drawing" and written == DRAWING  # subclass fields written
    found = classes(
        out,
        "[type(v).__name__ for v in (lambda d: [d.main, *d.shapes, d.either.root])"
        f"(m.Drawing.from_dict({DRAWING!r}))]",
    )
    assert found == ["Square", "Circle", "RoundedSquare", "Shape", "RoundedSquare"]


def test_pydantic_construction_by_keyword_keeps_the_class(tmp_path: Path) -> None:
    out = generated(tmp_path, CASE, "pydantic")
    found = classes(
        out,
        "[type(m.Shape(kind='circle')).__name__,"
        " type(m.Drawing(main={'kind': 'circle'}).main).__name__,"
        " type(m.Shape.model_validate({'kind': 'circle'})).__name__]",
    )
    assert found == ["Shape", "Circle", "Circle"]


@pytest.mark.parametrize("target", ["pydantic", "msgspec", "dataclasses"])
def test_a_union_of_subclasses_is_routed_by_the_base_discriminator(
    tmp_path: Path, target: str
) -> None:
    need_shared()
    spec = CORPUS / "readme-3.0-discriminators.yaml"
    out = generated(tmp_path, spec, target, "--operation-models")
    name = "EmbeddedDiscriminatorPatchRequest"
    results = decoded(
        out,
        [
            (name, "dict", {"pet_type": "Dog"}),
            (name, "json", {"pet_type": "Dog", "breed": "Husky"}),
            (name, "dict", {"pet_type": "Cat", "hunts": True}),
        ],
    )
    assert [r[1] for r in results] == [
        {"pet_type": "Dog"},
        {"pet_type": "Dog", "breed": "Husky"},
        {"pet_type": "Cat", "hunts": True},
    ]
    found = classes(
        out,
        f"[type(m.{name}.from_dict(v).root).__name__ for v in "
        "({'pet_type': 'Dog'}, {'pet_type': 'Dog', 'breed': 'Husky'},"
        " {'pet_type': 'Cat'})]",
    )
    assert found == ["Dog", "Dog", "Cat"]


@pytest.mark.parametrize("target", DISPATCHING)
def test_corpus_bases_decode_as_their_subclasses(tmp_path: Path, target: str) -> None:
    need_shared()
    out = generated(
        tmp_path / "readme", CORPUS / "readme-3.0-discriminators.yaml", target
    )
    results = decoded(
        out,
        [
            ("Pet", "dict", {"pet_type": "Dog", "bark": True}),
            ("Pet", "json", {"pet_type": "Cat", "hunts": True}),
            ("BaseVehicle", "dict", {"powerSource": "electricity", "chargeSpeed": 3}),
            ("BaseVehicle", "json", {"powerSource": "human-energy"}),
        ],
    )
    assert [r[0] for r in results] == [
        "Dog",
        "Cat",
        "ElectricVehicle",
        "PedaledVehicle",
    ]
    fish = {
        "fishtype": "salmon",
        "length": 1.0,
        "siblings": [
            {"fishtype": "shark", "length": 2.0, "birthday": "2020-01-01T00:00:00Z"},
            {"fishtype": "salmon", "length": 3.0, "iswild": True},
        ],
    }
    out = generated(
        tmp_path / "autorest", CORPUS / "autorest-body-complex.json", target
    )
    found = classes(
        out,
        f"(lambda f: [type(f).__name__, *[type(s).__name__ for s in f.siblings],"
        f" f.to_dict()])(m.Fish.from_dict({fish!r}))",
    )
    assert found == ["Salmon", "Shark", "Salmon", fish]
