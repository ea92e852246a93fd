"""Files the formatter passes through untouched are exactly what black would write."""

from __future__ import annotations

import subprocess
import sys

import black
import pytest

from conftest import OPENAI, modelgen, need_shared
from modelgen.build import build_document
from modelgen.format import black_stable, format_files
from modelgen.load import load_spec
from modelgen.render import RenderedFile, render_files
from modelgen.render.layout import class_header, item, statement
from modelgen.targets import get

CORPUS = OPENAI.parent / "corpus"
SPECS = [
    OPENAI / "openai-2024-12-18.yaml",
    CORPUS / "opc-baseline-3.1.yaml",
    CORPUS / "readme-3.0-discriminators.yaml",
] + [
    pytest.param(path, marks=pytest.mark.slow)
    for path in (
        OPENAI / "openai-2026-08.yaml",
        CORPUS / "stripe-2021-08.json",
        CORPUS / "kubernetes.json",
    )
]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name)
def test_black_stable_files_are_black_stable(spec) -> None:
    need_shared()
    document, _ = build_document(load_spec(str(spec)))
    python = [f for f in render_files(document, "oai") if f.is_python]
    stable = [f for f in python if black_stable(f.text)]
    assert len(stable) > len(python) // 2  # the shortcut matters
    wrong = [
        f.path for f in stable if black.format_str(f.text, mode=black.Mode()) != f.text
    ]
    assert wrong == []


def test_unstable_text_goes_through_black(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MODELGEN_CACHE_DIR", str(tmp_path))
    ugly = RenderedFile("m.py", "x = {'a':1}\n")
    assert not black_stable(ugly.text)
    assert format_files([ugly])[0].text == 'x = {"a": 1}\n'
    assert format_files([ugly])[0].text == 'x = {"a": 1}\n'  # from the cache this time


@pytest.mark.parametrize(
    "text",
    ["x = 1\n\n", "x = 1", "'''doc'''\n", "y = '\\\\'\n", "z = " + "1 + " * 30 + "1\n"],
)
def test_shortcut_is_refused_when_unsure(text: str) -> None:
    assert not black_stable(text)


MEMBERS = ", ".join(f'Annotated[{n}, Tag("{n}")]' for n in ("Cat", "Dog", "Lizard"))
UNION = " | ".join(f'Annotated[{n}, Tag("{n}")]' for n in ("Cat", "Dog", "Lizard"))


@pytest.mark.parametrize(
    "bases, provable",
    [
        ("ApiRoot[str]", True),
        (
            f"ApiRoot[Annotated[Union[{MEMBERS}], "
            "tag_union('pet_type', {'cat': 'Cat'})]]",
            True,
        ),
        (
            f"ApiRoot[Annotated[{UNION}, "
            'tag_union("pet_type", {"cat": "Cat", "dog": "Dog"})]]',
            True,
        ),
        (f"ApiRoot[{UNION} | None]", True),
        (
            f"ApiRoot[Annotated[{UNION}, "
            + " | ".join(f"VeryLongMemberNameNumber{i}" for i in range(4))
            + "]]",
            True,
        ),
        # a lone long argument: laid out right, but left to black to confirm
        ("ApiRoot[Annotated[str, Field(description=\"it's " + "x" * 90 + '")]]', False),
    ],
)
def test_class_headers_are_laid_out_as_black_does(bases: str, provable: bool) -> None:
    text = class_header("Pet", bases) + "\n    pass\n"
    assert black.format_str(text, mode=black.Mode()) == text
    assert black_stable(text) == provable


LONG = "CreateAssistantRequestToolResourcesCodeInterpreterFileSearchVectorStore"
SHORT = LONG[:40]
CHOICES = ", ".join(f'"value_number_{i}"' for i in range(8))


@pytest.mark.parametrize(
    "line, provable",
    [
        ("name: str = None", True),
        (f"tools: Omittable[{LONG}] = None", True),  # the value in parentheses
        (f"tools: Omittable[list[{LONG}Items]] = None", True),  # annotation split
        (f"status: Literal[{CHOICES}]", True),
        (f"status: Omittable[Literal[{CHOICES}]] = None", True),
        (
            "api_version: Omittable[str] = Field(default=None, "
            'validation_alias="apiVersion", serialization_alias="apiVersion")',
            True,
        ),
        # the head before `Field(` is too long: the annotation split instead
        (f'kind: Omittable[{LONG}] = Field(default=None, alias="kind")', True),
        # ... or, a single name, put in parentheses
        (f'kind: {LONG}Kind = Field(default=None, alias="kind")', True),
        (f"tools: {LONG} | None = None", True),  # a union in parentheses
        (f"tools: {LONG}Items", True),
        (f'CHOICE_{LONG.upper()} = "value"', True),  # the value in parentheses
        # a call with trailers: split at the bracket whose head fits
        (
            f"x: list[{SHORT}] = Field(default_factory=lambda: TypeAdapter("
            f"Annotated[list[{SHORT}], Field(max_length=128)]).validate_python([]))",
            True,
        ),
        # a union of subscripts in parentheses, split at its operators
        (f"tools: Omittable[{LONG}] | Annotated[{LONG}, Field(min_length=1)]", True),
        # black's line for the head alone would be too long: left to black
        (f'CHOICE_OF_{LONG.upper()} = "value"', False),
        (f'label: str = "{"x" * 80}"', False),
    ],
)
def test_field_declarations_are_laid_out_as_black_does(
    line: str, provable: bool
) -> None:
    text = "class A:\n" + statement(line, 4) + "\n"
    assert black_stable(text) == provable
    if provable:
        assert black.format_str(text, mode=black.Mode()) == text


OPENAI_SPECS = [
    OPENAI / "openai-2024-12-18.yaml",
    pytest.param(OPENAI / "openai-2026-08.yaml", marks=pytest.mark.slow),
]


@pytest.mark.parametrize("target", ["pydantic", "typeddict", "msgspec", "dataclasses"])
@pytest.mark.parametrize("spec", OPENAI_SPECS, ids=lambda p: p.name)
def test_no_openai_module_needs_black(spec, target: str) -> None:
    """The renderer's layout is proven black-stable for every module of the
    OpenAI specs, so a cold run never starts black there."""
    need_shared()
    document, _ = build_document(load_spec(str(spec)))
    files = render_files(document, "oai", target=get(target))
    python = [f for f in files if f.is_python]
    assert len(python) > 500
    assert [f.path for f in python if not black_stable(f.text)] == []


@pytest.mark.slow
def test_whole_2026_08_output_is_what_black_writes(tmp_path) -> None:
    """black itself decides: every Python file of the generated 2026-08 package
    is unchanged by `black --check`."""
    need_shared()
    out = tmp_path / "oai"
    result = modelgen("generate", str(OPENAI / "openai-2026-08.yaml"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    check = subprocess.run(
        [sys.executable, "-m", "black", "--check", "-q", str(out)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr[-3000:]


NAME = "ResponseAudioTranscriptionSessionCreateRequestInputAudioTranscription"
UNION = f"""x: (
    {NAME}
    | Annotated[
        {NAME[:34]}, Tag("{NAME[:34]}")
    ]
)
"""


@pytest.mark.parametrize(
    "text, provable",
    [
        # a union black has split at its operators, one operand led by `| `
        (UNION, True),
        (UNION.replace('"', "'"), False),
        # a lone long string as a call's only argument, or a dict entry's value
        (f'Tag(\n    "{NAME}|{NAME}"\n)\n', True),
        (f'x = {{\n    "key": (\n        "{NAME}|{NAME}"\n    ),\n}}\n', True),
        # ... but never in parentheses black would drop
        (f'x = (\n    "{NAME}|{NAME}"\n)\n', False),
        # a subscript's lone item; single quotes around a double quote stay
        (f"x = ApiRoot[\n    'Tag(\"{NAME}\", {NAME})'\n]\n", True),
        ("x = ApiRoot['Tag(\"x\")']\n", True),
        ("x = ApiRoot['Tag(x)']\n", False),
        ("x = ApiRoot['Tag(\\\"x\\\")']\n", False),
        # the head of a lambda's one call, and a mark for linters after a long item
        (
            f'Field(\n    default_factory=lambda: {NAME}Value.model_validate(\n        "auto"\n    )\n)\n',
            True,
        ),
        (f'x = {{\n    "{NAME}.{NAME}": "{NAME}",  # noqa: E501\n}}\n', True),
        # raw strings black leaves alone; comments; f-strings without escapes
        ('x = r"\\d+"\n', True),
        ("x = r'\"\\d+\"'\n", True),
        ("x = r'\\d+'\n", False),
        ("# it's a comment\nx = 1\n", True),
        ("x = f\"{', '.join(y)}\"\n", True),
        ('x = f"\\n{y}"\n', False),
    ],
)
def test_proof_accepts_only_what_black_keeps(text: str, provable: bool) -> None:
    assert black_stable(text) == provable
    if provable:
        assert black.format_str(text, mode=black.Mode()) == text


ALIAS = "ChatCompletionRequestAssistantMessageContent"
HEADLONG = (
    "CreateAssistantRequestToolResourcesFileSearchVectorStoresInnerChunkingStrategy"
)
MODELS = ", ".join(f'"gpt-4o-2024-{month:02}-01"' for month in range(1, 9))


@pytest.mark.parametrize(
    "line",
    [
        f"{ALIAS}: TypeAlias = str | list[{ALIAS}Part]",  # in parentheses
        f"{ALIAS}: TypeAlias = {ALIAS}Text | {ALIAS}Refusal | {ALIAS}Audio",
        f"{ALIAS}: TypeAlias = str | Literal[{MODELS}]",  # an operand split
        f"{ALIAS}: TypeAlias = Literal[{MODELS}] | None",
        # `name: TypeAlias = (` too long: the annotation in parentheses
        f"{HEADLONG}: TypeAlias = AutoChunkingStrategy | StaticChunkingStrategy",
        f"{HEADLONG}: TypeAlias = {ALIAS}Text | {ALIAS}Refusal | {ALIAS}Audio",
    ],
)
def test_union_aliases_are_laid_out_as_black_does(line: str) -> None:
    text = statement(line, 0) + "\n"
    assert black.format_str(text, mode=black.Mode()) == text
    assert black_stable(text)


@pytest.mark.parametrize(
    "entry",
    [
        f'"workload_identity_provider.created": NotRequired[{ALIAS}Created]',
        f'"workload_identity_provider.created": {ALIAS[:40]} | None',
        f'"workload_identity_provider.created": NotRequired[{ALIAS} | None]',
        f'"workload_identity_provider": NotRequired[Literal[{MODELS}]]',
    ],
)
def test_dict_entries_are_laid_out_as_black_does(entry: str) -> None:
    text = 'X = TypedDict(\n    "X",\n    {\n' + item(entry, 8) + "\n    },\n)\n"
    assert black.format_str(text, mode=black.Mode()) == text
    assert black_stable(text)


LONGEST = "X" * 60
OPERANDS = f"{ALIAS}Text | {ALIAS}Refusal"
ITEMS = "".join(f'        "gpt-4o-2024-{month:02}-01",\n' for month in range(1, 9))


@pytest.mark.parametrize(
    "text",
    [
        # joined, the line would fit
        "X: TypeAlias = (\n    A | B\n)\n",
        "X: TypeAlias = (\n    A\n    | B\n)\n",
        "X: (\n    TypeAlias\n) = (A | B)\n",
        # parentheses black adds or drops after an annotation in parentheses
        f"{HEADLONG}: (\n    TypeAlias\n) = A | B\n",
        f"{HEADLONG}: (\n    TypeAlias\n) = (A)\n",
        "x = (a | b)\n",
        "x = f(\n    a, b\n)\n",
        "class A(\n    B\n):\n    pass\n",
        'X = {\n    "key": NotRequired[\n        Name\n    ],\n}\n',
        'X = {\n    "key": Name\n    | None,\n}\n',
        "from .m import (\n    A as A\n)\n",
        # a union split though its operands fit on one line, or split at some
        # of its operators only, or split at a bracket instead of parenthesized
        f"{LONGEST}: TypeAlias = (\n    {ALIAS}\n    | {ALIAS[:20]}\n)\n",
        f"{ALIAS}: TypeAlias = (\n    {OPERANDS}\n    | {ALIAS}Audio\n)\n",
        f"{ALIAS}: TypeAlias = str | list[\n    {ALIAS}Part\n]\n",
        # items of a split bracket: not one per line, or the last without comma
        f"{ALIAS}: TypeAlias = (\n    str\n    | Literal[\n{ITEMS[:-2]}\n    ]\n)\n",
        f"x = [\n    {LONGEST * 2},\n    b\n]\n",
        f"x = f(\n    {LONGEST}, {LONGEST},\n)\n",
        f"from .m import (\n    {LONGEST} as {LONGEST}\n)\n",
        # blank lines
        'from typing import TypedDict\n\n\nX = TypedDict("X", {"a": int})\n',
        "from typing import TypedDict\n\nclass X(TypedDict):\n    a: int\n",
        'X = TypedDict("X", {"a": int})\n\nclass Y(X):\n    a: int\n',
        "from typing import Any\nX = Any\n",
        "class A:\n    a: int\n\n\n    b: int\n",
    ],
)
def test_proof_refuses_near_misses(text: str) -> None:
    """Texts one step from black's layout: black changes each, so the proof
    must refuse each."""
    assert black.format_str(text, mode=black.Mode()) != text
    assert not black_stable(text)
