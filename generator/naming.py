"""Every name the generator invents: classes, modules, fields, enum members.

One place decides them, so the rules are easy to audit: names are ASCII
identifiers derived from spec text, never the text itself; reserved words,
builtins, names the generated code imports, the attributes of the target's
model classes (`NameRules`, given by the target) and Windows device names are
avoided; collisions get a deterministic numeric
suffix in document order, compared case-insensitively (file systems).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass

# A file name may not exceed 255 bytes on common file systems, and writing
# goes through a temporary name ~30 bytes longer; names are shortened (with a
# digest of the source text) only beyond that.
MAX_FILE_STEM = 196
MAX_CLASS = MAX_FILE_STEM
MAX_ATTR = 200

# The tables below decide names. They are written out here, not read from the
# running interpreter, so every Python gives the same output: reserved words
# are those of every Python version the generated package supports (3.10+).
# Soft keywords (`match`, `case`, `type`, `_`) are valid identifiers there
# and are kept. `tests/test_naming.py` fails if a new Python adds a keyword.
KEYWORDS = frozenset(
    """False None True and as assert async await break class continue def del
    elif else except finally for from global if import in is lambda nonlocal
    not or pass raise return try while with yield""".split()
)
SOFT_KEYWORDS = frozenset(["_", "case", "match", "type"])

BUILTIN_NAMES = frozenset(
    "str int float bool bytes list dict set tuple object None True False".split()
)


@dataclass(frozen=True, slots=True)
class NameRules:
    """What a target's generated classes reserve, so names avoid it.

    `reserved`: attributes of the target's model base class; `prefixes`:
    attribute prefixes it reserves; `code_names`: names its modules import
    (a class or attribute of that name would shadow them); `library`: the
    name the docs give when they explain a rename. Fixed tables, never read
    from an installed library, so output does not depend on its version."""

    reserved: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    code_names: frozenset[str] = frozenset()
    library: str = "model"


PLAIN = NameRules()  # Python's own rules only


# Names `models/__init__.py` uses: a submodule of the same name would become
# a package attribute and shadow them there.
PACKAGE_NAMES = BUILTIN_NAMES | frozenset(
    "models importlib typing sorted globals getattr".split()
)
AMBIGUOUS = frozenset("lOI")  # pycodestyle's E741: names read as 1 or 0
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{i}" for i in range(10)]
    + [f"lpt{i}" for i in range(10)]
)
# Symbols spelled out as words where they stand alone or lead or end a name
# (`+1` → `plus_1`, `@type` → `at_type`); between two words they separate.
SYMBOL_WORDS = {
    "+": "plus",
    "-": "minus",
    "@": "at",
    "$": "dollar",
    "#": "hash",
    "%": "percent",
    "&": "and",
    "*": "star",
    "!": "not",
    "<": "lt",
    ">": "gt",
    "=": "eq",
    "~": "tilde",
    "^": "caret",
    "?": "question",
}
# Spelled only when a name has no letter or digit at all (`/` → `slash`).
LONE_SYMBOL_WORDS = {"/": "slash", ".": "dot", "_": "underscore", ":": "colon"}
# Compound words that camelCase splits wrongly, written as one hump.
_COMPOUNDS = re.compile(r"OAuth|IdP(?![a-z])|ETag|IPv(?=[46])|iOS|macOS")


def is_reserved(name: str) -> bool:
    """A keyword in some supported Python version (soft keywords are not)."""
    return name in KEYWORDS


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


_HUMPS = re.compile(
    r"[A-Z]+s(?=[A-Z0-9]|$)|[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+[a-z]*"
)


def _split_humps(word: str) -> list[str]:
    """`TaxIDsList` → Tax IDs List; `IdPCsr` → IdP Csr; `OAuth2Client` → OAuth2 Client."""
    word = _COMPOUNDS.sub(lambda m: m.group()[0].upper() + m.group()[1:].lower(), word)
    out: list[str] = []
    for part in _HUMPS.findall(word):
        if part[0].isdigit() and out:
            out[-1] += part  # digits stay with the word before them
        else:
            out.append(part)
    return out


@functools.lru_cache(maxsize=65536)
def snake_case(text: str) -> str:
    """`RealtimeSession` → `realtime_session`, `TaxIDsList` → `tax_ids_list`."""
    return "_".join(p.lower() for w in ascii_words(text) for p in _split_humps(w))


def _spelled(text: str) -> str:
    """`+1` → `plus 1`: symbols that lead, end or stand alone become words."""
    if not any(c.isalnum() for c in text):
        return " ".join(
            SYMBOL_WORDS.get(c) or LONE_SYMBOL_WORDS.get(c, "") for c in text
        )
    out = []
    for i, char in enumerate(text):
        word = SYMBOL_WORDS.get(char)
        before = text[i - 1 : i].isalnum()
        after = text[i + 1 : i + 2].isalnum()
        if word and not (before and after):
            out.append(f" {word} ")
        else:
            out.append(char)
    return "".join(out)


def _shorten(name: str, limit: int, source: str) -> str:
    if len(name) <= limit:
        return name
    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return (
        name[: limit - 9] + "_" + digest
        if "_" in name
        else name[: limit - 9] + "H" + digest
    )


def class_name(raw: str, rules: NameRules = PLAIN) -> str:
    """A safe PascalCase class name for the component or inline-model name `raw`."""
    name = pascal_case(raw) or "Model"
    if name[0].isdigit():
        name = "Model" + name
    if (
        is_reserved(name)
        or name in rules.code_names
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
        is_reserved(name)
        or name.split("_")[0] in WINDOWS_DEVICES
        or name in PACKAGE_NAMES
    ):
        name += "_"
    return _shorten(name, MAX_FILE_STEM, cls)


def attr_base(wire: str) -> str:
    """The snake_case attribute for `wire` before any reserved-name rename."""
    name = snake_case(_spelled(wire)) or "field"
    return "field_" + name if name[0].isdigit() else name


def rename_reason(
    name: str, bound: frozenset[str] = frozenset(), rules: NameRules = PLAIN
) -> str | None:
    """Why the attribute `name` cannot be used as it is, or None; `bound`:
    names the model's module binds for its types (`re`)."""
    if is_reserved(name):
        return "a Python keyword"
    if name in BUILTIN_NAMES:
        return "a Python builtin"
    if name in AMBIGUOUS:
        return "easily read as 1 or 0"
    if name in rules.code_names or name in bound:
        return "a name the model's module uses for its types"
    if name in rules.reserved or name.startswith(rules.prefixes):
        return f"a {rules.library} model attribute"
    return None


def explain_attr(wire: str, attr: str, rules: NameRules = PLAIN) -> str | None:
    """A note for the docs when the attribute is not the plain snake_case of `wire`."""
    base = attr_base(wire)
    if attr == base:
        return None
    reason = rename_reason(base, frozenset(), rules) or rename_reason(
        base, frozenset({base}), rules
    )
    if attr == base + "_" and reason:
        return f"Python attribute `{attr}`: `{base}` is {reason}."
    return f"Python attribute `{attr}`: another property is also `{base}` in Python."


def attr_name(
    wire: str, bound: frozenset[str] = frozenset(), rules: NameRules = PLAIN
) -> str:
    """A Python attribute name for the JSON property `wire`."""
    name = attr_base(wire)
    if rename_reason(name, bound, rules):
        name += "_"
    return _shorten(name, MAX_ATTR, wire)


def member_name(value: object) -> str:
    """An Enum member name for `value`: UPPER_SNAKE."""
    if value is None:
        name = "NONE"
    else:
        name = snake_case(_spelled(str(value))).upper()
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
