"""Unit tests of `modelgen.naming`: every name the generator invents."""

from __future__ import annotations

import keyword

import pytest

from modelgen import naming
from modelgen.targets.pydantic import NAMES as PYDANTIC

ODD = [
    "",
    "2fa",
    "class",
    "from",
    "type-name",
    "$ref",
    "model_config",
    "naïve café",
    "con",
    "NUL",
    "str",
    "None",
    "copy",
    "match",
    "_",
    "日本",
    "a" * 200,
    "404 Response",
]


@pytest.mark.parametrize(
    "text, pascal, snake",
    [
        ("turn_detection", "TurnDetection", "turn_detection"),
        ("Array of parts", "ArrayOfParts", "array_of_parts"),
        ("RealtimeSession", "RealtimeSession", "realtime_session"),
        ("HTTPServer2", "HTTPServer2", "http_server2"),
        ("TaxIDsList", "TaxIDsList", "tax_ids_list"),
        ("type-name", "TypeName", "type_name"),
        ("naïve café", "NaiveCafe", "naive_cafe"),
        ("__private__", "Private", "private"),
        ("日本", "", ""),
    ],
)
def test_case_conversions(text: str, pascal: str, snake: str) -> None:
    assert naming.pascal_case(text) == pascal
    assert naming.snake_case(text) == snake


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("realtime_session", "RealtimeSession"),
        ("Session_turn_detection", "SessionTurnDetection"),
        ("2fa", "Model2fa"),
        ("", "Model"),
        ("日本", "Model"),
        ("Str", "Str"),  # only the lower-case builtins are taken
    ],
)
def test_class_name_examples(raw: str, expected: str) -> None:
    assert naming.class_name(raw, PYDANTIC) == expected


@pytest.mark.parametrize("raw", ["Field", "BaseModel", "Enum", "Literal", "Annotated"])
def test_class_names_never_shadow_what_the_code_imports(raw: str) -> None:
    name = naming.class_name(raw, PYDANTIC)
    assert name != raw and name.startswith(raw)
    assert name not in PYDANTIC.code_names


@pytest.mark.parametrize("raw", ["con", "Aux", "lpt1", "COM3"])
def test_class_and_module_names_avoid_windows_devices(raw: str) -> None:
    cls = naming.class_name(raw, PYDANTIC)
    module = naming.module_name(cls)
    assert cls.lower() not in naming.WINDOWS_DEVICES
    assert module.split(".")[0].lower() not in naming.WINDOWS_DEVICES


@pytest.mark.parametrize("raw", ODD)
def test_every_invented_name_is_a_safe_identifier(raw: str) -> None:
    cls = naming.class_name(raw, PYDANTIC)
    module = naming.module_name(cls)
    attr = naming.attr_name(raw, rules=PYDANTIC)
    member = naming.member_name(raw)
    for name in (cls, module, attr, member):
        assert name.isidentifier() and name.isascii(), (raw, name)
        assert not keyword.iskeyword(name) and not naming.is_reserved(name), (raw, name)
    assert cls[0].isupper()
    assert len(cls) <= naming.MAX_CLASS and len(attr) <= naming.MAX_ATTR
    assert not attr.startswith("model_") or attr.endswith("_")  # pydantic's namespace
    assert attr not in PYDANTIC.reserved | naming.BUILTIN_NAMES
    assert member[: naming.MAX_ATTR - 9] == member[: naming.MAX_ATTR - 9].upper()


@pytest.mark.parametrize(
    "wire, attr",
    [
        ("from", "from_"),
        ("match", "match"),  # a soft keyword is a valid identifier
        ("2fa", "field_2fa"),
        ("type-name", "type_name"),
        ("camelCase", "camel_case"),
        ("model_config", "model_config_"),
        ("copy", "copy_"),
        ("str", "str_"),
        ("$ref", "dollar_ref"),  # a leading symbol is spelled out
        ("@type", "at_type"),
        ("+1", "plus_1"),
        ("", "field"),
    ],
)
def test_attr_name_examples(wire: str, attr: str) -> None:
    assert naming.attr_name(wire, rules=PYDANTIC) == attr


@pytest.mark.parametrize(
    "value, member",
    [
        ("dark-blue", "DARK_BLUE"),
        ("2tone", "VALUE_2TONE"),
        (1, "NUMBER_1"),
        ("", "EMPTY"),
        (None, "NONE"),
        ("!!!", "NOT_NOT_NOT"),
    ],
)
def test_member_name_examples(value: object, member: str) -> None:
    assert naming.member_name(value) == member


def test_long_names_are_shortened_with_a_digest_of_the_source() -> None:
    assert naming.class_name("x" * 50, PYDANTIC) == "X" + "x" * 49  # short enough: kept
    size = naming.MAX_CLASS + 10
    one, two = naming.class_name("x" * size, PYDANTIC), naming.class_name(
        "x" * (size + 1), PYDANTIC
    )
    assert len(one) == len(two) == naming.MAX_CLASS
    assert one != two  # same prefix, different source: different digest
    assert naming.class_name("x" * size, PYDANTIC) == one  # deterministic
    attr = naming.attr_name("a_" * naming.MAX_ATTR, rules=PYDANTIC)
    assert len(attr) == naming.MAX_ATTR
    assert attr != naming.attr_name("a_" * (naming.MAX_ATTR + 1))


def test_module_names_are_snake_case_and_not_the_package_name() -> None:
    assert naming.module_name("RealtimeSession") == "realtime_session"
    assert naming.module_name("Models") != "models"
    assert naming.module_name("Class") == "class_"
    assert naming.module_name("404Thing")[0].isalpha()


def test_namer_suffixes_collisions_in_order_case_insensitively() -> None:
    namer = naming.Namer()
    assert [namer.claim(n) for n in ("Thing", "thing", "THING", "Other")] == [
        "Thing",
        "thing1",
        "THING2",
        "Other",
    ]
    assert not namer.is_free("OTHER") and namer.is_free("Else")
    attrs = naming.Namer(taken={"Reserved"}, sep="_")
    assert attrs.claim("reserved") == "reserved_1"
    assert attrs.claim("a") == "a" and attrs.claim("A") == "A_1"
