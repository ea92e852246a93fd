"""What besides the spec decides the bytes of the output: the toolchain fields of the manifest.

`check` reports TOOLCHAIN when one of these differs from what the manifest
recorded, and the manifest's fast path proves nothing then. Besides the
generator's own code, its templates and black, that is:

- `libraries`: the versions of the libraries that parse the spec and fill
  the templates;
- `naming`: the names the generator gives to the words whose status differs
  between Python versions (keywords, soft keywords, builtins). Equal on
  every interpreter as long as the naming tables are fixed in the generator;
  a digest that changes with the interpreter shows that they are not;
- `unicode`: how the running interpreter's Unicode database treats every
  non-ASCII character of the inputs (printable or escaped, case, category,
  decomposition). Recorded only for inputs with such characters, with the
  characters themselves, so the fast path can recompute it without the spec.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from typing import Any, Iterable

from .distversion import installed_version

LIBRARIES = ("jinja2", "pyyaml")
TOOLCHAIN_FIELDS = ("tool", "formatter", "templates", "libraries", "naming", "unicode")

# Words that are keywords, soft keywords or builtins in some Python version ≥ 3.8 and
# not in another, and a few that are in all (a control).
_PROBE = """False None True and as assert async await break class continue def del elif
else except finally for from global if import in is lambda nonlocal not or pass raise
return try while with yield _ case match type print exec __peg_parser__ aiter anext
EncodingWarning BaseExceptionGroup ExceptionGroup PythonFinalizationError
_IncompleteInputError""".split()


@functools.lru_cache(maxsize=1)
def libraries() -> str:
    return ", ".join(f"{name} {installed_version(name) or '?'}" for name in LIBRARIES)


@functools.lru_cache(maxsize=1)
def black_identity() -> str:
    """black's version and mode; read from metadata so `check` need not import black."""
    return f"black {installed_version('black')} default mode"


@functools.lru_cache(maxsize=1)
def naming_digest() -> str:
    from .naming import attr_name, class_name, member_name, module_name

    digest = hashlib.sha256()
    for word in _PROBE:
        names = (
            attr_name(word),
            class_name(word),
            module_name(word),
            member_name(word),
        )
        digest.update(("\0".join(names) + "\n").encode())
    return digest.hexdigest()[:16]


def unicode_digest(characters: Iterable[int]) -> str:
    """How this interpreter treats each of `characters` (code points)."""
    digest = hashlib.sha256(b"unicode\n")
    for point in sorted(set(characters)):
        char = chr(point)
        facts = (
            unicodedata.category(char),
            unicodedata.normalize("NFKD", char),
            str(unicodedata.combining(char)),
            char.lower(),
            char.upper(),
            repr(char),
            "".join(
                "1" if test else "0"
                for test in (
                    char.isprintable(),
                    char.isspace(),
                    char.isidentifier(),
                    char.isalnum(),
                )
            ),
        )
        digest.update(f"{point:x}\0{chr(0).join(facts)}\n".encode("utf-8", "replace"))
    return digest.hexdigest()[:16]


def non_ascii(data: Any) -> set[int]:
    """The code points above 127 in every string (key or value) of parsed `data`."""
    found: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii():
                found.update(ord(c) for c in item if ord(c) > 127)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return {p for p in found if not 0xD800 <= p <= 0xDFFF}


def unicode_fields(characters: set[int]) -> dict[str, Any]:
    """The manifest's `unicode` and `characters` entries (empty for ASCII-only inputs)."""
    if not characters:
        return {}
    points = " ".join(f"{p:x}" for p in sorted(characters))
    return {"unicode": unicode_digest(characters), "characters": points}


def recorded_characters(manifest: dict[str, Any]) -> set[int] | None:
    text = manifest.get("characters")
    if text is None:
        return set()
    try:
        return {int(part, 16) for part in str(text).split()}
    except ValueError:
        return None


def toolchain_now(manifest: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    """The toolchain fields as this interpreter has them, for the inputs `manifest` records."""
    now = {key: meta.get(key) for key in TOOLCHAIN_FIELDS}
    characters = recorded_characters(manifest)
    now["unicode"] = (
        None if characters is None else unicode_fields(characters).get("unicode")
    )
    return now


def toolchain_change(manifest: dict[str, Any], meta: dict[str, Any]) -> str:
    """Which recorded toolchain fields differ from this toolchain ('' when none)."""
    if not manifest:
        return ""
    now = toolchain_now(manifest, meta)
    return "; ".join(
        f"{key} {manifest.get(key)!r} recorded, {now[key]!r} now"
        for key in TOOLCHAIN_FIELDS
        if manifest.get(key) != now[key]
    )
