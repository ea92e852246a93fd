"""What kind of file a spec argument is, when it does not parse as YAML or JSON.

Used only for error messages: `modelgen generate pyproject.toml` should say
that it was given a TOML file, not report a JSON syntax error.
"""

from __future__ import annotations

import re

_KINDS = (
    (
        re.compile(r"^\s*\[[\w.\-\"' ]+\]\s*$", re.M),
        re.compile(r"^\s*[\w.\-\"]+\s*=", re.M),
        "TOML",
    ),
    (re.compile(r"^\s*<(\?xml|!DOCTYPE|html|svg)", re.I), None, "XML/HTML"),
    (
        re.compile(r"^\s*\[[\w .]+\]\s*$", re.M),
        re.compile(r"^\s*\w+\s*[=:]", re.M),
        "INI",
    ),
    (re.compile(r"^(#!|import |from \w+ import |def |class )", re.M), None, "Python"),
)
_SUFFIXES = {
    ".toml": "TOML",
    ".ini": "INI",
    ".cfg": "INI",
    ".xml": "XML/HTML",
    ".html": "XML/HTML",
    ".py": "Python",
    ".md": "Markdown",
    ".txt": "text",
}


def file_kind(name: str, text: str) -> str | None:
    """'TOML', 'Python', ... when `text` is plainly not YAML/JSON, else None."""
    for suffix, kind in _SUFFIXES.items():
        if name.lower().endswith(suffix):
            return kind
    for first, second, kind in _KINDS:
        if first.search(text[:4096]) and (second is None or second.search(text[:4096])):
            return kind
    return None


def not_openapi(name: str, text: str) -> str | None:
    """The one-line reason for an input that is not an OpenAPI document at all."""
    kind = file_kind(name, text)
    if kind is None:
        return None
    return f"not an OpenAPI document: this looks like a {kind} file (expected YAML or JSON)"
