"""State shared by the build functions: names taken, models made, problems."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .. import naming
from ..diagnostics import Diagnostic, error, join_pointer, warning
from ..ir import ClassName, Model
from ..load import SpecFiles
from .dialect import OPENAPI30, Dialect

MAX_SCHEMA_DEPTH = 120


@dataclass(frozen=True, slots=True)
class Where:
    """The schema being built: its file and pointer, and how to name inline models."""

    file: str
    pointer: str
    hint: str  # raw name for an inline model made here, e.g. "Session_turn_detection"
    component: str
    depth: int = 0

    def child(self, *tokens: object, hint: str | None = None) -> "Where":
        return Where(
            self.file,
            join_pointer(self.pointer, *tokens),
            self.hint if hint is None else hint,
            self.component,
            self.depth + 1,
        )


@dataclass(frozen=True, slots=True)
class Options:
    """Choices that change the generated models."""

    dialect: Dialect = OPENAPI30
    operations: bool = False  # also make models of inline operation schemas
    names: naming.NameRules = naming.PLAIN  # what the target's classes reserve


ModelMaker = Callable[["Builder", dict[str, Any], ClassName, Where], Model]


@dataclass(frozen=True, slots=True)
class Makers:
    """How an inline schema becomes a model. `types` finds inline schemas and
    `objects`/`models` build them (using `types` for their parts), so the
    builders are handed over here rather than imported back."""

    object: ModelMaker
    union: ModelMaker
    union_and_object: ModelMaker


class Builder:
    """Mutable workspace of one `build_document` call."""

    def __init__(self, files: SpecFiles, options: Options, makers: Makers) -> None:
        self.files = files
        self.options = options
        self.makers = makers
        self.diagnostics: list[Diagnostic] = []
        self.models: dict[str, Model] = {}
        self.classes = naming.Namer()
        self.locations: dict[tuple[str, str], ClassName] = {}
        self.structural: dict[str, ClassName] = {}
        self.expanding: set[tuple[str, str]] = set()
        self.pending: list[tuple[ClassName, Any, Where]] = []
        # defaults whose type uses models not built yet: (model, property, where), checked at the end
        self.unchecked_defaults: list[tuple[str, str, Where]] = []
        self._shown: dict[str, str] = {}  # file → as shown in messages
        self.yields: dict[str, list[str]] = {}

    def shown(self, file: str) -> str:
        shown = self._shown.get(file)
        if shown is None:
            shown = self._shown[file] = self.files.display(file)
        return shown

    def error(self, where: Where, message: str, *tokens: object) -> None:
        pointer = join_pointer(where.pointer, *tokens)
        self.diagnostics.append(error(self.shown(where.file), pointer, message))

    def warn(self, where: Where, message: str, *tokens: object) -> None:
        pointer = join_pointer(where.pointer, *tokens)
        self.diagnostics.append(warning(self.shown(where.file), pointer, message))

    def new_class(self, raw: str) -> ClassName:
        """Claim a unique class name for the raw (spec) name `raw`."""
        return ClassName(self.classes.claim(naming.class_name(raw, self.options.names)))

    def add(self, model: Model) -> None:
        self.models[model.name] = model
        self.yields.setdefault(model.component, []).append(model.name)

    def source(self, where: Where) -> str:
        return f"{self.shown(where.file)}#{where.pointer}"
