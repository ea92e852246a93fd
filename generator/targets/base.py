"""What a target is: everything the rest of modelgen needs from a model library.

A target is one module in this package (defining `TARGET`) plus one folder
of templates (`templates/<name>/`). `load` and `build` know nothing of
targets: `build` only receives the target's `NameRules` (names its classes
reserve); `render` asks the target for the package's Python files, for the
docs' type names where they differ, and for the docs' example code.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from ..ir import Document, Model
from ..naming import NameRules
from ..render.pycode import CodeContext


@dataclass(frozen=True)
class ExampleContext:
    """What the docs' Example block of one model is made from."""

    model: Model
    value: Any  # the example payload (JSON data) the model accepts
    models: Mapping[str, Model]
    package: str  # the import name of the generated package
    inline: Collection[str] = ()  # root models written as their type where used


@dataclass(frozen=True)
class Target:
    name: str  # the `--target` value
    summary: str  # one line, for `--help` and the docs index
    requires: tuple[str, ...]  # what the generated package needs at runtime
    names: NameRules  # what the target's classes reserve (build avoids it)
    code: Callable[[Document, CodeContext], list[tuple[str, str]]]  # (path, text)
    # TypeRef kind → the docs' type-column text, where it differs from the default.
    doc_types: Mapping[str, str] = field(default_factory=dict)
    # The docs' example code; None: the shared one (from_dict, to_json, to_dict,
    # equality, and the same instance built by keyword).
    example: Callable[[ExampleContext], str | None] | None = None
    default_python: tuple[int, int] | None = None  # when the target needs a newer one
    # False: static types keyed by wire names, without the runtime API
    # (from_dict, to_dict, ...) and Python attribute names of the other targets.
    runtime: bool = True
    # Generation-time warnings: schemas the library cannot express as such
    # (each names the schema and the fallback used).
    warnings: Callable[[Document], list[Diagnostic]] | None = None
    # The root models the target writes as their type where they are used (the
    # docs' Example passes their values as such); None: none.
    in_place: Callable[[Document], Collection[str]] | None = None
    # True: a class's code also depends on the other members of the unions it is
    # in (e.g. a tag the library stores on the class), so a regeneration after an
    # edit renders those too.
    siblings: bool = False
