"""Black's line splitting, for the one long construct we emit often: class headers.

Root models carry their whole type in the base class, so `class X(ApiRoot[...]):`
is often longer than 88 columns. Black splits such a line at its last
bracket pair; the content goes on one indented line if it fits, else one
item per line with a trailing comma (none after a lone subscript item), and
dict displays are always exploded; inside brackets, a too long `A | B` is
split at its operators first. Laying the header out the same way here
lets those files skip black; strings are double-quoted as black quotes them.
`format.black_stable` still vets every file, and a test compares this
layout with black's on real specs.
"""

from __future__ import annotations

import re

LINE = 88


_TOKENS = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[()\[\]{},|]""", re.S)


def _scan(text: str) -> list[tuple[int, str]]:
    """(index, char) of every bracket, comma and `|` outside strings."""
    return [
        (m.start(), m.group())
        for m in _TOKENS.finditer(text)
        if m.group()[0] not in "\"'"
    ]


def last_bracket(expr: str) -> tuple[str, str, str] | None:
    """(head with its opening bracket, content, closing bracket) when `expr` ends in a bracket."""
    marks = _scan(expr)
    if not marks or marks[-1][0] != len(expr) - 1 or marks[-1][1] not in ")]}":
        return None
    depth = 0
    for index, char in reversed(marks):
        if char in ")]}":
            depth += 1
        elif char in "([{":
            depth -= 1
            if depth == 0:
                return expr[: index + 1], expr[index + 1 : -1], expr[-1]
    return None


def split_items(inner: str, separator: str = ",") -> list[str]:
    """Top-level items of a bracket's content, split at `separator` (a comma or `|`)."""
    items, depth, start = [], 0, 0
    for index, char in _scan(inner):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and char == separator:
            items.append(inner[start:index].strip())
            start = index + 1
    items.append(inner[start:].strip())
    return [item for item in items if item]


def layout(expr: str, indent: int, suffix: str = "", inside: bool = False) -> list[str]:
    """Lines black would make of `expr` at `indent`, followed by `suffix`.

    `inside`: `expr` stands inside brackets, where black splits a too long
    line at its operators first: `A | B` becomes one operand per line, each
    after the first led by `| `.
    """
    pad = " " * indent
    if len(pad) + len(expr) + len(suffix) <= LINE:
        return [pad + expr + suffix]
    operands = split_items(expr, "|") if inside else []
    if len(operands) > 1 and len(split_items(expr)) == 1:
        last = len(operands) - 1
        return [
            line
            for index, operand in enumerate(operands)
            for line in layout(
                operand if index == 0 else f"| {operand}",
                indent,
                suffix if index == last else "",
                inside=True,
            )
        ]
    parts = last_bracket(expr)
    if parts is None or not parts[1].strip():
        return [pad + expr + suffix]
    head, inner, close = parts
    items = split_items(inner)
    display = head in ("[", "{", "(") and len(items) > 1
    if not display and len(" " * (indent + 4) + inner) <= LINE:
        return [pad + head, " " * (indent + 4) + inner, pad + close + suffix]
    if len(items) == 1:
        return [
            pad + head,
            *layout(inner, indent + 4, inside=True),
            pad + close + suffix,
        ]
    body = [line for item in items for line in layout(item, indent + 4, ",", True)]
    return [pad + head, *body, pad + close + suffix]


def double_quoted(expr: str) -> str:
    """`expr` with each single-quoted string that holds no quote or backslash
    double-quoted, as black writes it (the others are left to black)."""
    return _TOKENS.sub(
        lambda m: (
            f'"{m.group()[1:-1]}"'
            if m.group()[0] == "'" and not re.search(r"[\"'\\]", m.group()[1:-1])
            else m.group()
        ),
        expr,
    )


def class_header(name: str, bases: str) -> str:
    """`class name(bases):` laid out as black lays it out."""
    if not (name + bases).isascii():
        return f"class {name}({bases}):"  # black measures width; leave it to black
    lines = layout(f"class {name}({double_quoted(bases)})", 0, ":")
    return "\n".join(lines)
