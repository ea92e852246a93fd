"""The code of a `_schema_()` table, built as a tree of brackets and laid out
from it.

`render.layout.layout` finds the brackets of an expression by scanning its
text, once per level it splits; a table holds a bracket per property and
more per type, so the dataclasses target builds its tables as `Bracket`
trees and lays them out here by the same rules without scanning: what
does not fit on its line is split at its own bracket, its items one per
line (a display, a bracket not after a name, always so when it has a
comma). Atoms (literals, names) and brackets whose head is too long go to
`layout` as text, which lays them out the same way.
"""

from __future__ import annotations

import re

from dataclasses import dataclass

from ..render.layout import LINE, layout

CLOSING = {"(": ")", "[": "]", "{": "}"}
_AFTER_NAME = re.compile(r"[\w\])]$")


@dataclass(frozen=True, slots=True)
class Bracket:
    """`head` then a bracket of `items` (a trailing comma after a lone item
    when `comma`); `text`: all of it on one line."""

    head: str
    open: str
    items: tuple[Part, ...]
    comma: bool
    inner: str
    text: str


Part = str | Bracket


def text(part: Part) -> str:
    return part if isinstance(part, str) else part.text


def bracket(head: str, open: str, items: list[Part], comma: bool = False) -> Bracket:
    inner = ", ".join(map(text, items)) + ("," if comma else "")
    return Bracket(
        head, open, tuple(items), comma, inner, f"{head}{open}{inner}{CLOSING[open]}"
    )


def tuple_part(items: list[Part]) -> Bracket:
    """A tuple display (a lone item with its comma)."""
    return bracket("", "(", items, len(items) == 1)


def call(name: str, args: list[Part]) -> Bracket:
    return bracket(name, "(", args)


def prefixed(prefix: str, part: Part) -> Part:
    """`prefix` (a keyword and `=`, a dict key and `: `) before `part`."""
    if isinstance(part, str):
        return prefix + part
    return Bracket(
        prefix + part.head,
        part.open,
        part.items,
        part.comma,
        part.inner,
        prefix + part.text,
    )


def lay(part: Part, indent: int, suffix: str = "", inside: bool = False) -> list[str]:
    """The lines of `part` at `indent`, then `suffix`: `layout(text(part), ...)`."""
    pad = " " * indent
    code = text(part)
    if len(pad) + len(code) + len(suffix) <= LINE:
        return [pad + code + suffix]
    if isinstance(part, str) or not part.items or len(pad) + len(part.head) + 1 > LINE:
        return layout(code, indent, suffix, inside)
    head, close = pad + part.head + part.open, pad + CLOSING[part.open] + suffix
    items = part.items
    display = not _AFTER_NAME.search(part.head.rstrip()) and (
        len(items) > 1 or part.comma
    )
    deeper = indent + 4
    if not display and deeper + len(part.inner) <= LINE:
        return [head, " " * deeper + part.inner, close]
    if len(items) == 1 and not display:
        return [head, *lay(items[0], deeper, inside=True), close]
    body = [line for item in items for line in lay(item, deeper, ",", True)]
    return [head, *body, close]
