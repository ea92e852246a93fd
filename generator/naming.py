"""Every name the generator invents: classes, modules, fields, enum members.

One place decides them, so the rules are easy to audit: names are ASCII
identifiers derived from spec text, never the text itself; reserved words,
builtins, names the generated code imports, pydantic's own attributes and
Windows device names are avoided; collisions get a deterministic numeric
suffix in document order, compared case-insensitively (file systems).
"""

from __future__ import annotations

import functools
import hashlib
import keyword
import re
import unicodedata

MAX_CLASS = 80
MAX_ATTR = 80

# Names the generated modules import or use in annotations.
GENERATED_CODE_NAMES = frozenset(
    """Annotated Any ApiModel ApiRoot ClassVar Dict Enum Field List Literal NotNull
    Optional RootModel Strict Union UniqueItems ConfigDict BaseModel TYPE_CHECKING
    annotations datetime date time UUID Decimal typing pydantic enum uuid decimal
    Self Mapping TypeAdapter Tag Discriminator TagBy Lax Omittable Tuple TypeVar Generic re
    AfterValidator T RootT Optional""".split()
)
BUILTIN_NAMES = frozenset(
    "str int float bool bytes list dict set tuple object None True False".split()
)
# Attributes of pydantic.BaseModel and of our base class; fixed here (not
# read from pydantic) so the output does not depend on the installed version.
MODEL_ATTRIBUTES = frozenset(
    """copy dict json parse_obj parse_raw parse_file from_orm construct schema
    schema_json validate update_forward_refs fields from_dict to_dict from_json
    to_json root""".split()
)
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{i}" for i in range(10)]
    + [f"lpt{i}" for i in range(10)]
)


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(
        c if ord(c) < 128 else " " for c in decomposed if not unicodedata.combining(c)
    )
    return tuple(w for w in re.split(r"[^A-Za-z0-9]+", ascii_text) if w)


def ascii_words(text: str) -> list[str]:
    """Alphanumeric ASCII words of `text` (accents dropped, others split)."""
    return list(_words(text))


def pascal_case(text: str) -> str:
    """`turn_detection` → `TurnDetection`, `Array of parts` → `ArrayOfParts`."""
    return "".join(w[0].upper() + w[1:] for w in ascii_words(text))


@functools.lru_cache(maxsize=65536)
def snake_case(text: str) -> str:
    """`RealtimeSession` → `realtime_session`, `HTTPServer2` → `http_server2`."""
    words = []
    for word in ascii_words(text):
        spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", word)
        spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", spaced)
        words.append(spaced.lower())
    return "_".join(words)


def _shorten(name: str, limit: int, source: str) -> str:
    if len(name) <= limit:
        return name
    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return (
        name[: limit - 9] + "_" + digest
        if "_" in name
        else name[: limit - 9] + "H" + digest
    )


def class_name(raw: str) -> str:
    """A safe PascalCase class name for the component or inline-model name `raw`."""
    name = pascal_case(raw) or "Model"
    if name[0].isdigit():
        name = "Model" + name
    if (
        keyword.iskeyword(name)
        or name in GENERATED_CODE_NAMES
        or name in BUILTIN_NAMES
        or name.lower() in WINDOWS_DEVICES
    ):
        name += "Model"
    return _shorten(name, MAX_CLASS, raw)


def module_name(cls: str) -> str:
    """The module (file stem) for class `cls`: snake_case, portable."""
    name = snake_case(cls) or "model"
    if name[0].isdigit():
        name = "m_" + name
    if (
        keyword.iskeyword(name)
        or name.split("_")[0] in WINDOWS_DEVICES
        or name in {"models"}
    ):
        name += "_"
    return name


def attr_name(wire: str) -> str:
    """A Python attribute name for the JSON property `wire`."""
    name = snake_case(wire) or "field"
    if name[0].isdigit():
        name = "field_" + name
    if (
        keyword.iskeyword(name)
        or keyword.issoftkeyword(name)
        or name in BUILTIN_NAMES
        or name in GENERATED_CODE_NAMES
        or name in MODEL_ATTRIBUTES
        or name.startswith("model_")
    ):
        name += "_"
    return _shorten(name, MAX_ATTR, wire)


def member_name(value: object) -> str:
    """An Enum member name for `value`: UPPER_SNAKE."""
    name = snake_case(str(value)).upper() if value is not None else "NONE"
    if not name:
        name = "EMPTY" if value == "" else "VALUE"
    if name[0].isdigit():
        name = ("NUMBER_" if isinstance(value, (int, float)) else "VALUE_") + name
    return _shorten(name, MAX_ATTR, str(value))


class Namer:
    """Hands out unique names; uniqueness is case-insensitive."""

    def __init__(self, taken: set[str] | None = None, sep: str = "") -> None:
        self._taken = {n.lower() for n in taken or ()}
        self._sep = sep

    def is_free(self, name: str) -> bool:
        return name.lower() not in self._taken

    def claim(self, base: str) -> str:
        name, count = base, 0
        while name.lower() in self._taken:
            count += 1
            name = f"{base}{self._sep}{count}"
        self._taken.add(name.lower())
        return name
