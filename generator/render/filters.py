"""Escaping filters: the only way spec text reaches generated files.

One filter per output context. Python source gets spec strings only as
`repr`-built literals (`pyrepr`, `pydoc`) or as code assembled by
`render.python` from such literals (`Code`, checked by `code`); names only
as identifiers made by `naming` (checked by `ident`). Markdown gets table
cells (`md_cell`), running text (`md_text`), literal names (`md_name`) and
code blocks whose fence is longer than any backtick run inside (`md_fence`).
"""

from __future__ import annotations

import functools
import keyword
import re
from typing import Callable

from .. import marks
from .layout import layout, statement

MAX_TEXT = 20_000  # characters of a description kept in code and docs


class Code(str):
    """Python source assembled by the renderer from escaped parts."""


def truncate(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + " … (truncated)"


def pyrepr(value: object) -> str:
    """A Python literal for a JSON value (str, number, bool, None, list, dict)."""
    if isinstance(value, str):
        return _str_literal(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(pyrepr(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{pyrepr(str(k))}: {pyrepr(v)}" for k, v in value.items())
            + "}"
        )
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    raise TypeError(f"not a JSON value: {type(value).__name__}")


_LINE_BREAKS = re.compile(r"[\u0085\u2028\u2029]")


@functools.lru_cache(maxsize=65536)
def _str_literal(value: str) -> str:
    """repr(), in the quotes black prefers, one line even for U+2028 and friends."""
    literal = repr(value)
    literal = _LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", literal)
    if literal[0] == "'" and '"' not in value:
        literal = '"' + literal[1:-1].replace("\\'", "'") + '"'
    return literal


_UNSAFE_DOC = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029]")
LINE = 88
_LIST_ITEM = re.compile(r"(?:[-*+>]|\d+[.)])\s+")


def pydoc(text: str, indent: int = 0) -> str:
    """A docstring literal at `indent` columns: readable triple quotes when
    safe (backslashes doubled), else an implicitly joined `repr`.

    The text is laid out as black lays out docstrings, lines wrapped at
    spaces to fit 88 columns (Markdown reads a line break in a paragraph as
    a space), continuation lines indented, no trailing whitespace.
    """
    text = truncate(text.strip())
    prefix = " " * indent
    if _UNSAFE_DOC.search(text) or '"""' in text:
        return _chunked(text, prefix)
    lines = _docstring_layout(text.replace("\\", "\\\\"), prefix)
    if lines[0].startswith('"'):
        lines[0] = " " + lines[0]
    if lines[-1].endswith('"'):
        lines[-1] += " "
    body = "\n".join(lines)
    if len(lines) > 1 and len(lines[-1]) + 3 > LINE:
        body += "\n" + prefix
    literal = '"""' + body + '"""'
    if (
        any(len(line) > LINE for line in lines[1:])
        or len(prefix) + len(lines[0]) + 3 > LINE
    ):
        literal += marks.LONG  # a word or code line that no break would shorten
    return literal


def _chunked(text: str, prefix: str) -> str:
    """A string literal too odd for triple quotes, in pieces that fit a line."""
    literal = _str_literal(text)
    if len(prefix) + len(literal) <= LINE:
        return literal
    room = max(20, LINE - len(prefix) - 8)
    pieces, start = [], 0
    while start < len(text):
        end = start + 1
        while end < len(text) and len(_str_literal(text[start : end + 1])) <= room:
            end += 1
        pieces.append(_str_literal(text[start:end]))
        start = end
    inner = "\n".join(prefix + "    " + piece for piece in pieces)
    return "(\n" + inner + "\n" + prefix + ")"


def _docstring_layout(text: str, prefix: str) -> list[str]:
    lines = [
        line.expandtabs(4) if line[:1].isspace() else line for line in text.split("\n")
    ]
    widths = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    common = min(widths, default=0)
    out: list[str] = []
    fenced = False
    for number, line in enumerate(lines):
        content = line.strip() if number == 0 else line[common:].rstrip()
        lead = 0 if number else 3 if len(lines) > 1 else 6  # the quotes
        if content.count("```") == 1 or content.lstrip().startswith("~~~"):
            fenced = not fenced  # a fence opens or closes on this line
        if not content:
            out.append("")
        elif fenced or len(prefix) + lead + len(content) <= LINE:
            out.append((prefix if number else "") + content)
        else:
            out.extend(_wrap(content, prefix, lead, first=number == 0))
    return out


def _wrap(content: str, prefix: str, lead: int, first: bool) -> list[str]:
    """Greedy wrap at spaces; continuation lines indented under the item's text."""
    stripped = content.lstrip()
    indent = content[: len(content) - len(stripped)]
    item = _LIST_ITEM.match(stripped)
    hang = indent + " " * (item.end() if item else 0)
    lines: list[str] = []
    current = ("" if first else prefix) + content[: len(indent)]
    limit = LINE - lead - (len(prefix) if first else 0)
    for word in stripped.split(" "):
        if not word:
            continue
        candidate = current + (" " if current.strip() else "") + word
        if len(candidate) > limit and current.strip():
            lines.append(current)
            current = prefix + hang + word
            limit = LINE
        else:
            current = candidate
    lines.append(current)
    return lines


def pycomment(text: str) -> str:
    """Text for a `#` comment: one line, no characters that end a line."""
    return "# " + re.sub(r"[\x00-\x1f\x7f\u0085\u2028\u2029]", " ", text)


def ident(name: str) -> str:
    """Pass an identifier made by `naming`; refuse anything else."""
    if (
        not isinstance(name, str)
        or not name.isidentifier()
        or keyword.iskeyword(name)
        or not name.isascii()
    ):
        raise ValueError(f"not a safe identifier: {name!r}")
    return name


def assignment(value: object, name: str, indent: int) -> str:
    """`name = value` (a literal of a JSON value) at `indent`, laid out as black does."""
    return statement(f"{ident(name)} = {pyrepr(value)}", indent)


def code(value: str) -> str:
    if not isinstance(value, Code):
        raise TypeError(
            f"refusing to splice unescaped text into source: {value!r}"[:200]
        )
    return value


def code_at(value: str, indent: int) -> str:
    """`code`, laid out as black lays out a line too long at `indent` (the
    template indents the first line)."""
    return "\n".join(layout(code(value), indent))[indent:]


_MD_SPECIAL = re.compile(
    r"([\\`*{}\[\]()#+!|<>~&]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|^[-.=])"
)


def md_name(text: str) -> str:
    """Literal text: Markdown-significant characters backslash-escaped."""
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(), _one_line(text))


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\x00", " ")).strip()


_UNSAFE_LINK = re.compile(
    r"\]\(\s*<?(?!(?:https?|mailto):)[A-Za-z][A-Za-z0-9+.-]*:", re.I
)
_LINK_DEFINITION = re.compile(r"(?m)^(\s*)\[(?=[^\]\n]*\]:)")


def _defuse_links(text: str) -> str:
    """Spec text keeps its Markdown links, but not `javascript:` and other odd schemes."""
    text = _UNSAFE_LINK.sub(lambda m: "]\\(" + m.group()[2:], text)
    return _LINK_DEFINITION.sub(r"\1\\[", text)


_SITE_LINK = re.compile(
    r"\[((?:[^\]\n]|\n(?![ \t]*\n))*)\]"
    r"\(\s*<?((?![A-Za-z][A-Za-z0-9+.-]*:|#|//)[^\s()<>]+)>?\s*\)"
)
_PATH_SPECIAL = re.compile(r"([*_`\[\]()#])")


def site_links(text: str, link_base: str = "") -> str:
    """The spec's links into its vendor's own site (`/docs/guides/audio`, any link
    without a scheme that is not an anchor): made absolute with `link_base`, else
    shown as text with the path, so none is left dead in the docs."""
    if link_base:
        base = link_base.rstrip("/")
        return _SITE_LINK.sub(
            lambda m: f"[{m.group(1)}]({base}/{m.group(2).lstrip('/')})", text
        )
    return _SITE_LINK.sub(lambda m: f"{m.group(1)} ({_escape_path(m.group(2))})", text)


def _escape_path(path: str) -> str:
    return _PATH_SPECIAL.sub(r"\\\1", path)


# An inline code span of one or two backticks on one line (CommonMark: closed by
# a run of as many); inside it Markdown shows every character as written.
_CODE_SPAN = re.compile(r"(?<!`)(`{1,2})(?!`)([^\n]+?)(?<!`)\1(?!`)")


def _outside_code(
    text: str, escape: Callable[[str], str], inside: Callable[[str], str]
) -> str:
    """`text` with `escape` applied outside its code spans and `inside` within them."""
    parts, last = [], 0
    for span in _CODE_SPAN.finditer(text):
        parts.append(escape(text[last : span.start()]))
        parts.append(span.group(1) + inside(span.group(2)) + span.group(1))
        last = span.end()
    parts.append(escape(text[last:]))
    return "".join(parts)


def _no_html(text: str) -> str:
    return text.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>")


def md_text(text: str, link_base: str = "") -> str:
    """Running Markdown text: keeps emphasis and code spans, no HTML, no fences."""
    text = truncate(text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", " "))
    text = _outside_code(text, _no_html, lambda code: code).replace("```", "\\`\\`\\`")
    text = site_links(_defuse_links(text.replace("~~~", "\\~\\~\\~")), link_base)
    text = re.sub(r"[ \t]+(?=\n|$)", "", text)
    return re.sub(r"(?m)^(\s*)([#=+\-*|])", r"\1\\\2", text).strip()


def md_cell(text: str, link_base: str = "") -> str:
    """A table cell: one line, `|` escaped, paragraphs joined by `<br>`."""
    text = truncate(text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", " "))
    text = _outside_code(
        text,
        lambda plain: _no_html(plain).replace("|", "\\|"),
        lambda code: code.replace("|", "\\|"),  # GFM: a table cell ends at any bare |
    )
    text = site_links(_defuse_links(text), link_base)
    paragraphs = [_cell_lines(p) for p in re.split(r"\n\s*\n", text)]
    return "<br><br>".join(p for p in paragraphs if p)


_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,3}[.)]) ")


def _cell_lines(paragraph: str) -> str:
    """A paragraph on one line; each item of a list in it after a line break."""
    joined = ""
    for line in (" ".join(part.split()) for part in paragraph.split("\n")):
        if line:
            gap = "<br>" if _LIST_ITEM.match(line) else " "
            joined = f"{joined}{gap}{line}" if joined else line
    return joined


def md_fence(body: str) -> str:
    """A backtick fence longer than any run of backticks in `body`."""
    longest = max((len(m) for m in re.findall(r"`+", body)), default=0)
    return "`" * max(3, longest + 1)


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    import json

    return json.dumps(text, ensure_ascii=True)


def num(value: int) -> str:
    """A count computed by the renderer (never spec text)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"not a count: {value!r}"[:200])
    return str(value)


def counted(value: int, noun: str) -> str:
    """`1 object`, `2 objects`: a count and the template's (English) noun."""
    return f"{num(value)} {noun}{'' if value == 1 else 's'}"


FILTERS = {
    "num": num,
    "counted": counted,
    "yaml_str": yaml_str,
    "pyrepr": pyrepr,
    "pydoc": pydoc,
    "pycomment": pycomment,
    "ident": ident,
    "code": code,
    "code_at": code_at,
    "assignment": assignment,
    "md_name": md_name,
    "md_text": md_text,
    "md_cell": md_cell,
    "md_fence": md_fence,
}
