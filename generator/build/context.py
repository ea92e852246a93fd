"""State shared by the build functions: names taken, models made, problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote
from typing import Any, Callable

from .. import naming
from ..diagnostics import Diagnostic, error, join_pointer, warning
from ..ir import ClassName, Model
from ..load import SpecFiles
from ..refs import Target, resolve_ref
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


@dataclass(slots=True)
class Trail:
    """What building one component did to the shared state of `Builder`: enough to
    tell, when the component is built again alone, whether the rest would notice."""

    claims: list[tuple[str, str]] = field(default_factory=list)  # (asked, got)
    made: dict[str, ClassName] = field(
        default_factory=dict
    )  # inline schema key → class
    hits: list[str] = field(default_factory=list)  # keys of inline models reused
    reads: set[str] = field(
        default_factory=set
    )  # places whose schema it read (pointers)
    diagnostics: list[Diagnostic] = field(default_factory=list)


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
        self.trails: dict[str, Trail] = {"": Trail()}  # by component ("": none)
        self.trail = self.trails[""]

    def begin(self, component: str) -> None:
        """What follows is done for `component` (recorded in its trail)."""
        self.trail = self.trails.setdefault(component, Trail())

    def shown(self, file: str) -> str:
        shown = self._shown.get(file)
        if shown is None:
            shown = self._shown[file] = self.files.display(file)
        return shown

    def error(self, where: Where, message: str, *tokens: object) -> None:
        pointer = join_pointer(where.pointer, *tokens)
        self._note(error(self.shown(where.file), pointer, message))

    def warn(self, where: Where, message: str, *tokens: object) -> None:
        pointer = join_pointer(where.pointer, *tokens)
        self._note(warning(self.shown(where.file), pointer, message))

    def _note(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)
        self.trail.diagnostics.append(diagnostic)

    def new_class(self, raw: str) -> ClassName:
        """Claim a unique class name for the raw (spec) name `raw`."""
        asked = naming.class_name(raw, self.options.names)
        got = self.classes.claim(asked)
        self.trail.claims.append((asked, got))
        return ClassName(got)

    def resolve(self, ref: Any, base_file: str) -> Target | str:
        """`refs.resolve_ref`, noting the place read in the current trail."""
        target = resolve_ref(self.files, ref, base_file)
        if not isinstance(target, str):
            self.trail.reads.add(target.pointer)
        if isinstance(ref, str) and "#" in ref:  # and the first step of a chain
            self.trail.reads.add(unquote(ref.partition("#")[2]))
        return target

    def reuse(self, key: str) -> ClassName | None:
        """The model made earlier for an identical inline schema (`key`), if any."""
        name = self.structural.get(key)
        if name is not None:
            self.trail.hits.append(key)
            made = self.models.get(name)
            if made is not None:
                self.trail.reads.add(made.source.partition("#")[2])
        return name

    def made(self, key: str, name: ClassName) -> None:
        self.structural[key] = name
        self.trail.made[key] = name

    def add(self, model: Model) -> None:
        self.models[model.name] = model
        self.yields.setdefault(model.component, []).append(model.name)

    def source(self, where: Where) -> str:
        return f"{self.shown(where.file)}#{where.pointer}"
