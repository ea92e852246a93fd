"""JSON pointers (RFC 6901): the one place reference tokens are escaped and unescaped."""

from __future__ import annotations


def escape_token(token: str) -> str:
    """Escape one reference token: `~` → `~0`, `/` → `~1`."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    """The token as written in the document: `~1` → `/`, `~0` → `~` (in that order)."""
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, *tokens: object) -> str:
    """`pointer` extended by `tokens`, each escaped."""
    return pointer + "".join("/" + escape_token(str(t)) for t in tokens)


def split_pointer(pointer: str) -> list[str]:
    """The unescaped tokens of `pointer` (`""` → `[]`, `/a~1b/c` → `["a/b", "c"]`)."""
    return [unescape_token(t) for t in pointer.split("/")[1:]]
