"""Lines no formatter can shorten, marked for linters.

After black, a line can still pass 88 columns when it holds one long token
pair that has no break point: a tag value and its class name in a
discriminator table, a default built from a long class name, an attribute
named by a long property. Such a line gets `# noqa: E501`, so the package
passes the user's linters untouched; a line that could be shortened is
never marked (black has split everything it can). Docstrings carry their
own mark (see `render.filters.pydoc`).
"""

from __future__ import annotations

import io
import tokenize

from .format import NOQA_LONG as MARK
from .format import black_stable
from .marks import LATE, LATE_LONG, LATE_UNUSED, LATE_UNUSED_LONG, LONG
from .rendered import RenderedFile

LINE = 88


def mark_long_lines(files: list[RenderedFile]) -> list[RenderedFile]:
    return [_marked(f) if f.is_python else f for f in files]


# A line ending in one of these can't be a line of code without a comment: the
# text is either that comment or inside a string that goes on to the next line.
_ENDS = (LONG.strip(), LATE, LATE_LONG, LATE_UNUSED, LATE_UNUSED_LONG)


def _marked(file: RenderedFile) -> RenderedFile:
    if all(len(line) <= LINE or line.endswith(_ENDS) for line in file.text.split("\n")):
        return file  # (a package's `__init__` with marked imports: no tokenizing)
    long_lines = _code_line_ends(file.text)
    if not long_lines:
        return file
    lines = file.text.split("\n")
    for number in long_lines:
        lines[number - 1] += MARK
    text = "\n".join(lines)
    # black decides: a mark that would make it lay the line out anew is dropped
    # (asked only when the marked text is not provably black-stable).
    if not black_stable(text):
        import black

        try:
            if black.format_str(text, mode=black.Mode()) != text:
                return file
        except Exception:  # black.InvalidInput: not Python black can read
            return file  # `write` parses every file and refuses it
    return RenderedFile(file.path, text)


def _code_line_ends(text: str) -> list[int]:
    """Numbers of the lines over the limit that end a line of code without a comment."""
    commented: set[int] = set()
    ends: set[int] = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                commented.add(token.start[0])
            elif token.type in (tokenize.NEWLINE, tokenize.NL):
                ends.add(token.start[0])
    except (tokenize.TokenError, SyntaxError):
        return []
    lines = text.split("\n")
    return sorted(
        n for n in ends - commented if n <= len(lines) and len(lines[n - 1]) > LINE
    )
