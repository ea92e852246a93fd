"""Problems found in a spec, as values with a location.

A `Diagnostic` names the file and the RFC 6901 JSON pointer of the offending
place; `line`/`column` are filled in when the loader can map the pointer back
to the source text. Stages return diagnostics instead of raising, so the user
sees every problem at once. `SpecError` is raised only to stop the pipeline
after the diagnostics have been collected.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Callable, Iterable

from .pointer import escape_token as escape_token, join_pointer as join_pointer


class Level(enum.IntEnum):
    WARNING = 1
    ERROR = 2


@dataclass(frozen=True, slots=True)
class Diagnostic:
    level: Level
    file: str
    pointer: str
    message: str
    line: int = 0
    column: int = 0

    def render(self) -> str:
        """One line, safe to print: control characters in names are escaped."""
        where = f"{self.file}#{self.pointer}"
        if self.line:
            where += f" (line {self.line}, column {self.column})"
        text = f"{one_line(where)}: {one_line(self.message)}"
        return text

    def sort_key(self) -> tuple[str, str, str]:
        return (self.file, self.pointer, self.message)


def one_line(text: str, limit: int = 400) -> str:
    """Printable single-line form of `text` (control characters escaped)."""
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    joined = "".join(out)
    return joined if len(joined) <= limit else joined[: limit - 1] + "…"


class SpecError(Exception):
    """The spec cannot be turned into output; `diagnostics` says why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = diagnostics


def errors_of(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.level == Level.ERROR]


def raise_on_errors(
    diagnostics: Iterable[Diagnostic],
    place: Callable[[list[Diagnostic]], list[Diagnostic]] | None = None,
) -> None:
    """Stop with `SpecError` when any diagnostic is an error (`place`: add line numbers)."""
    errors = errors_of(diagnostics)
    if errors:
        raise SpecError(place(errors) if place else errors)


def error(file: str, pointer: str, message: str) -> Diagnostic:
    return Diagnostic(Level.ERROR, file, pointer, message)


def warning(file: str, pointer: str, message: str) -> Diagnostic:
    return Diagnostic(Level.WARNING, file, pointer, message)


def did_you_mean(name: str, choices: list[str]) -> str:
    """`; did you mean 'Customer'?` for a close match, else the choices when few."""
    import difflib  # only an error message needs it

    close = difflib.get_close_matches(name, choices, n=3)
    if close:
        return f"; did you mean {' or '.join(repr(c) for c in close)}?"
    if 0 < len(choices) <= 10:
        return f" (choices: {', '.join(choices)})"
    return ""
