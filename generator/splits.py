"""Splits black would undo, for `format.black_stable`: a bracket split over lines
or a union split at its operators whose line would fit in 88 columns, and
an exploded bracket whose commas black would place otherwise.

Black puts a line on one line when it fits and has no magic trailing comma;
the line it measured holds at least the lines from the one that opens the
bracket to the one that closes it (with the brackets split after that on
the same statement), and at most two characters less per pair of
parentheses it may drop. So a split passes only when even that shortest
joined form is too long. When black splits the items of a bracket apart,
each goes on its own line and the last one ends in a comma.
"""

from __future__ import annotations

import functools
import re

from . import marks
from .render.layout import LINE, last_bracket, scan, split_items, top_level

PAIRS = {"(": ")", "[": "]", "{": "}"}
OPENING = tuple(PAIRS)
_BRACKET_COMMENT = re.compile(r"^( *[^ #].*[(\[{])  # .*$")
_STRING = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'""")
# The parameters of a lambda, whose commas separate no items.
# The mark `longlines` puts after a line no formatter can shorten: black keeps
# such a comment where it is, and without it a joined line can only be shorter.
NOQA_LONG = marks.LONG
_LAMBDA = re.compile(r"\blambda\b[\w\s,=*]*:")
_TARGETS = re.compile(r"\bfor\b[\w\s,]*\bin\b")  # ... and of a comprehension's loop


class _Module:
    """The lines of a module, their indentation, and where each bracket that
    ends a line is closed."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = list(lines)
        self.indents = [len(line) - len(line.lstrip(" ")) for line in lines]
        self.closers: dict[int, int] = {}

    def closer(self, start: int) -> int | None:
        """The line that closes the bracket ending line `start`: the next one as
        indented as it (every line between indented deeper), or None."""
        lines, indents = self.lines, self.indents
        depth, close = indents[start], PAIRS[lines[start][-1]]
        for index in range(start + 1, len(lines)):
            if indents[index] <= depth or indents[index] == len(lines[index]):
                ok = indents[index] == depth and lines[index][depth:].startswith(close)
                return index if ok else None
        return None

    def joined(self, start: int, end: int) -> int:
        """Shortest length black could give lines `start`..`end` (and the
        brackets the last one opens) joined, less the parentheses it might drop."""
        while end in self.closers:
            end = self.closers[end]
        text = self.lines[start]
        for line in self.lines[start + 1 : end + 1]:
            part = line.strip()
            glue = text.endswith(OPENING) or part[:1] in ")]}"
            text += part if glue else " " + part
        if len(text) - 2 * text.count(" (") > LINE:
            return len(text)  # too long even if every such pair were dropped
        return len(text) - 2 * _droppable(text.lstrip())


def splits_kept(lines: list[str]) -> bool:
    """False when black would join or regroup a split of `lines` (the lines of
    a module, each docstring line as its quotes), or when unsure. A comment
    after an opening bracket is left out (the joined line only grows with it)."""
    module = _Module(lines)
    lines, indents = module.lines, module.indents
    operands = []
    for index, line in enumerate(lines):
        if "  # " in line:
            if line.endswith(NOQA_LONG):
                line = lines[index] = line[: -len(NOQA_LONG)]
            line = lines[index] = _BRACKET_COMMENT.sub(r"\1", line)
        if line.startswith("| ", indents[index]):
            operands.append(index)
        if " = " in line and not _value_kept(line, indents[index]):
            return False
        if line.endswith(OPENING) and not line.startswith("#", indents[index]):
            end = module.closer(index)
            if end is None:
                return False
            module.closers[index] = end
    if not all(_bracket_kept(module, s, e) for s, e in module.closers.items()):
        return False
    openers = {end: start for start, end in module.closers.items()}
    return all(_operators_kept(module, index, openers) for index in operands)


def _value_kept(line: str, indent: int) -> bool:
    """A value on one line after ` = ` whose parentheses black keeps: around a
    tuple or a generator, or around a union after an annotation black put in
    parentheses (`) = (A | B)`, which it writes so); a union there needs them.
    Other parentheses around the whole value it may drop."""
    head, _, value = line.partition(" = ")
    after_annotation = head[indent:] == ")"
    if not value.startswith("(") or value.endswith("("):
        return not (after_annotation and len(split_items(value, "|")) > 1)
    parts = last_bracket(value)
    if parts is None or parts[0] != "(":
        return True  # not one parenthesized value
    inner = _STRING.sub('""', parts[1].strip())
    union = after_annotation and len(split_items(inner, "|")) > 1
    tuple_or_loop = not inner or inner.endswith(",") or len(split_items(inner)) > 1
    return union or tuple_or_loop or top_level(inner, " for ") >= 0


def _droppable(text: str) -> int:
    """How many pairs of parentheses in `text` black might drop: after a space
    (not a call's), holding no comma outside brackets (not a tuple)."""
    stack: list[list[bool]] = []  # [may drop, holds a comma] per open bracket
    count = 0
    for index, char in scan(text):
        if char in "([{":
            stack.append([char == "(" and index > 0 and text[index - 1] == " ", False])
        elif char == "," and stack:
            stack[-1][1] = True
        elif char in ")]}" and stack:
            drop, comma = stack.pop()
            count += drop and not comma
    return count


def _commas(line: str) -> tuple[bool, bool]:
    """(a comma between items before the end of `line`, `line` ends with one);
    the commas of a lambda's parameters or a loop's targets separate none."""
    return _stripped_commas(line.strip())


@functools.lru_cache(maxsize=16384)
def _stripped_commas(text: str) -> tuple[bool, bool]:
    """`_commas` of a line without its indentation (cached: many modules hold
    the same item lines, a property's row in a table say)."""
    if "," not in text[:-1]:
        return False, text.endswith(",")
    if "lambda" in text or "for " in text:
        text = _TARGETS.sub("in", _LAMBDA.sub("lambda:", text))
    depth, inner = 0, False
    for index, char in scan(text):
        depth += (char in "([{") - (char in ")]}")
        inner = inner or (char == "," and depth <= 0 and index < len(text) - 1)
    return inner, text.endswith(",")


def _bracket_kept(module: _Module, start: int, end: int) -> bool:
    """The bracket opened at the end of line `start`, closed on line `end`, as
    black leaves it: its items one per line, the last with a comma, unless
    they fit on one line; and not all on one line when black would join it."""
    lines, indents = module.lines, module.indents
    depth = indents[start] + 4
    if end == start + 1 or min(indents[start + 1 : end]) < depth:
        return False
    body = lines[start + 1 : end]
    items = [_commas(lines[i]) for i in range(start + 1, end) if indents[i] == depth]
    if indents[start + 1] != depth or len(body) > 1 and any(i for i, _ in items):
        return False  # more than one line: the items go one per line
    several = sum(e for _, e in items[:-1]) > 0 or any(i for i, _ in items)
    trailing = body[-1].endswith(",")
    opener = lines[start].rstrip()
    importing = opener.lstrip().startswith("from ")
    if not trailing and (importing or several and len(body) > 1):
        return False  # black adds the comma after the last item
    if trailing and len(body) == 1 and several:
        return False  # a magic trailing comma: black explodes the items
    subscript = opener[-1] == "[" and re.search(r"[\w\])]$", opener[:-1]) is not None
    magic = trailing and (
        opener[-1] == "{"
        or opener[-1] == "["
        and (several or not subscript)
        or opener[-1] == "("
        and (several or importing)
    )
    return magic or module.joined(start, end) > LINE


def _operators_kept(module: _Module, index: int, openers: dict[int, int]) -> bool:
    """The union whose operand line `index` (led by `| `) is: split at each of
    its operators, and too long to be joined (`openers`: the closers inverted)."""
    lines, indents, closers = module.lines, module.indents, module.closers
    depth = indents[index]
    first = index - 1
    while first in openers:  # the operand before ends in a split bracket
        first = openers[first]
    if first < 0 or indents[first] != depth:
        return False
    if lines[first].lstrip().startswith("| "):
        return True  # the union is checked from its first operand
    operands, last, number = [lines[first]], index, index
    while number < len(lines) and indents[number] == depth:
        if not lines[number].lstrip().startswith("| "):
            break
        operands.append(lines[number])
        last = number
        while last in closers:
            last = closers[last]
        number = last + 1
    if any(_bars(line) for line in operands):
        return False  # black splits at every operator of the union
    return module.joined(first, last) > LINE


def _bars(line: str) -> bool:
    """Whether `line` (an operand) holds `|` outside brackets after its lead."""
    depth = 0
    for index, char in scan(line.lstrip()):
        depth += (char in "([{") - (char in ")]}")
        if char == "|" and depth == 0 and index > 0:
            return True
    return False
