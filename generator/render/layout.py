"""Black's line splitting, for the long constructs we emit often: class headers
and field declarations.

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

import functools
import re

from .. import marks

LINE = 88


_TOKENS = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[()\[\]{},|]""", re.S)


@functools.lru_cache(maxsize=256)
def scan(text: str) -> tuple[tuple[int, str], ...]:
    """(index, char) of every bracket, comma and `|` outside strings (cached: the
    layout of one expression asks for it up to three times)."""
    return tuple(
        (m.start(), m.group())
        for m in _TOKENS.finditer(text)
        if m.group()[0] not in "\"'"
    )


def last_bracket(expr: str) -> tuple[str, str, str] | None:
    """(head with its opening bracket, content, closing bracket) when `expr` ends in a bracket."""
    marks = scan(expr)
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
    for index, char in scan(inner):
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
    if len(pad) + len(parts[0]) > LINE:
        parts = _omitting_trailers(expr, indent, suffix) or parts
    head, inner, close = parts
    items = split_items(inner)
    # A bare bracket (not a call's or a subscript's) is a display: exploded
    # (a one-item tuple too).
    bare = not re.search(r"[\w\])]$", head[:-1].rstrip())
    display = bare and (len(items) > 1 or inner.rstrip().endswith(","))
    if not display and len(" " * (indent + 4) + inner) <= LINE:
        return [pad + head, " " * (indent + 4) + inner, pad + close + suffix]
    if len(items) == 1 and not display:
        return [
            pad + head,
            *layout(inner, indent + 4, inside=True),
            pad + close + suffix,
        ]
    body = [line for item in items for line in layout(item, indent + 4, ",", True)]
    return [pad + head, *body, pad + close + suffix]


_TRAILER = re.compile(r"(?:\.\w+)?")


def _omitting_trailers(
    expr: str, indent: int, suffix: str
) -> tuple[str, str, str] | None:
    """(head, content, closing bracket with the calls and attributes after it) of
    the last earlier bracket pair whose head fits on its line, the trailers
    fitting on the closing line: where black splits when the head before the
    last bracket is too long. None when there is no such pair."""
    pairs, depth, close = [], 0, -1
    for index, char in reversed(scan(expr)):
        if char in ")]}":
            close = index if depth == 0 else close
            depth += 1
        elif char in "([{":
            depth -= 1
            if depth == 0:
                pairs.append((index, close))
    for (later, _), (start, end) in zip(pairs, pairs[1:]):
        if not _TRAILER.fullmatch(expr[end + 1 : later]):
            return None
        if (
            indent + start + 1 <= LINE
            and indent + len(expr) - end + len(suffix) <= LINE
        ):
            return expr[: start + 1], expr[start + 1 : end], expr[end:]
    return None


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
    if len(lines) > 1 and len(lines[0]) > LINE:  # the name alone is too long
        lines[0] += marks.LONG
    return "\n".join(lines)


def item(expr: str, indent: int) -> str:
    """`expr` as an item of an exploded bracket (a dict entry, say), its comma
    after it, as black lays it out when it is too long for its line."""
    if not expr.isascii():
        return " " * indent + expr + ","  # black measures width; leave it to black
    return "\n".join(layout(expr, indent, ",", inside=True))


def top_level(expr: str, text: str) -> int:
    """Index of the first `text` outside strings and brackets, or -1."""
    depth, start = 0, 0
    for index, char in scan(expr):
        if depth == 0:
            found = expr.find(text, start, index)
            if found >= 0:
                return found
        depth += 1 if char in "([{" else -1 if char in ")]}" else 0
        start = index + 1
    return expr.find(text, start) if depth == 0 else -1


def statement(line: str, indent: int) -> str:
    """`name: annotation` or `name: annotation = value` at `indent`, as black lays
    it out: a call as value is split at its bracket; a plain value or a union
    is wrapped in parentheses when `name: annotation = (` fits (a union split
    at its operators when still too long), else the annotation is
    split at its last bracket. Other long forms stay on one line, so
    `format.black_stable` sends them to black."""
    pad = " " * indent
    if len(pad) + len(line) <= LINE or not line.isascii():
        return pad + line
    equals = top_level(line, " = ")
    target, value = (line, "") if equals < 0 else (line[:equals], line[equals + 3 :])
    call = last_bracket(value) if value else None
    wrap = len(pad) + len(target) + len(" = (") <= LINE  # the value in parentheses
    if len(split_items(value, "|")) > 1:  # a union: in parentheses
        if wrap:
            body = layout(value, indent + 4, inside=True)
            return "\n".join([f"{pad}{target} = (", *body, pad + ")"])
        named = _parenthesized_annotation(target, indent, f" = ({value})", False)
        return pad + line if named is None else named
    if call is not None and call[0] != "(":
        head = last_bracket(line)
        if head is not None and len(pad) + len(head[0]) <= LINE:
            return "\n".join(layout(line, indent))
        if wrap:
            return "\n".join(
                [f"{pad}{target} = (", *layout(value, indent + 4), pad + ")"]
            )
        named = _parenthesized_annotation(target, indent, f" = {value}", union=False)
        return _split_annotation(target, value, indent) if named is None else named
    if value and not re.fullmatch(r'[\w.]+|"[^"\\]*"|-?[\d.]+', value):
        return pad + line
    if value and wrap:
        if len(pad) + 4 + len(value) > LINE:
            return pad + line
        return f"{pad}{target} = (\n{pad}    {value}\n{pad})"
    annotated = _parenthesized_annotation(
        target, indent, f" = {value}" if value else ""
    )
    if annotated is not None:
        return annotated
    parts = last_bracket(target)
    if parts is None or len(pad) + len(parts[0]) > LINE:
        return pad + line
    return "\n".join(layout(target, indent, f" = {value}" if value else ""))


def _split_annotation(target: str, value: str, indent: int) -> str:
    """`name: X[` / content / `] = call(...)`: a subscripted annotation (no union)
    too long for its line split at its last bracket, the call after it split
    at its own when still too long; else the line as it is (left to black)."""
    pad = " " * indent
    parts = last_bracket(target)
    colon = top_level(target, ": ")
    if (
        parts is None
        or colon < 0
        or len(pad) + len(target) <= LINE
        or len(pad) + len(parts[0]) > LINE
        or len(split_items(target[colon + 2 :], "|")) > 1
    ):
        return f"{pad}{target} = {value}"
    lines = layout(target, indent)
    return "\n".join(lines[:-1] + layout(f"{lines[-1].strip()} = {value}", indent))


def _parenthesized_annotation(
    target: str, indent: int, tail: str, union: bool = True
) -> str | None:
    """`name: (` / annotation / `) = value`, where black puts a too long annotation
    in parentheses: a union (split at its operators when still too long) or a
    single name (`union=False`: only that); a call as value is split at its
    bracket after `) = `. None for any other annotation."""
    colon = top_level(target, ": ")
    name, annotation = target[:colon], target[colon + 2 :]
    operands = split_items(annotation, "|") if union else []
    if colon < 0 or not (len(operands) > 1 or re.fullmatch(r"[\w.]+", annotation)):
        return None
    pad = " " * indent
    if len(pad) + len(name) + len(": (") > LINE:
        return None
    body = layout(annotation, indent + 4, inside=True)
    return "\n".join([f"{pad}{name}: (", *body, *layout(f"){tail}", indent)])
