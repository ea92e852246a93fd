"""What every Python target shares: import blocks, the package's own files,
the order of names and modules, and the reference cycles between models.

A target module (`modelgen.targets.*`) writes the model modules; the files
around them (the package `__init__.py`, `py.typed`, the lazy
`models/__init__.py`) are the same for every target and made here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import marks
from ..ir import Document, Model, lineage
from .filters import Code, pyrepr
from .graph import cycles

MIN_PYTHON = (3, 10)  # the oldest Python a generated package supports by default
PYTHON_VERSIONS = ("3.10", "3.11")  # choices of --python-version

# Standard-library modules in the order isort puts them (`import re` first).
STDLIB_ORDER = (
    "re",
    "dataclasses",
    "datetime",
    "enum",
    "typing",
    "uuid",
)


# JSON Schema keyword → the keyword argument that pydantic's `Field` and
# msgspec's `Meta` (and annotated-types) both take for it.
CONSTRAINT_ARGUMENTS = {
    "minLength": "min_length",
    "maxLength": "max_length",
    "minItems": "min_length",
    "maxItems": "max_length",
    "minProperties": "min_length",
    "maxProperties": "max_length",
    "minimum": "ge",
    "maximum": "le",
    "exclusiveMinimum": "gt",
    "exclusiveMaximum": "lt",
    "multipleOf": "multiple_of",
    "pattern": "pattern",
}


def typing_self(names: str, python: tuple[int, int]) -> tuple[str, list[str]]:
    """`names` imported from `typing`, with `Self` where the oldest supported
    Python has it, and the `typing_extensions` import it needs otherwise."""
    if python >= (3, 11):
        listed = names.split(", ")
        return ", ".join(sorted(listed + ["Self"], key=name_order)), []
    return names, [f"from typing_extensions import Self  {marks.OLD_PYTHON}"]


@dataclass(frozen=True)
class CodeContext:
    """What a target needs besides the IR to write the package's modules."""

    document: Document
    header: str  # the first comment line of every module
    python: tuple[int, int] = MIN_PYTHON  # the oldest Python the package supports
    package: str = ""
    # only these models' modules (a regeneration after an edit); None: the whole package
    only: frozenset[str] | None = None
    # the package's own files (`__init__`, `_base`, ...): by default when `only` is None
    runtime: bool | None = None

    def chosen(self, model: Model) -> bool:
        return self.only is None or model.name in self.only

    @property
    def with_runtime(self) -> bool:
        return self.only is None if self.runtime is None else self.runtime


class Imports:
    """Names a module's code uses: `use(module, name)` records an import,
    `classes` the model classes it mentions (imported from their modules)."""

    third_party: tuple[str, ...] = ()  # the target's library, imported after stdlib

    def __init__(self) -> None:
        self.classes: set[str] = set()
        self.modules: dict[str, set[str]] = {}

    def use(self, module: str, name: str) -> str:
        self.modules.setdefault(module, set()).add(name)
        return name

    def block(
        self, models: dict[str, Model], deferred: set[str]
    ) -> tuple[tuple[Code, ...], tuple[Code, ...]]:
        """The import block, and the imports of models in a reference cycle
        with this one, placed after the class (each module of a cycle then
        finds the others' classes whichever is imported first)."""
        lines: list[str] = []
        mods = self.modules
        if "re" in mods:
            lines.append("import re")
        for module in STDLIB_ORDER:
            if module in mods and module != "re":
                lines.extend(import_lines(module, sorted(mods[module])))
        for module in self.third_party:
            if module in mods:
                lines.extend([""] if lines else [])
                lines.extend(import_lines(module, sorted(mods[module])))
        local = {models[n].module: n for n in self.classes if n not in deferred}
        if "._base" in mods:
            local["_base"] = ""
        if local:
            lines.extend([""] if lines else [])
        for module in sorted(local, key=natural):
            names = sorted(mods["._base"]) if module == "_base" else [local[module]]
            lines.extend(import_lines(f".{module}", names))
        lazy = {models[n].module: n for n in self.classes if n in deferred}
        tail = [
            line
            for module in sorted(lazy, key=natural)
            for line in import_lines(f".{module}", [lazy[module]], comment=marks.LATE)
        ]
        return tuple(Code(line) for line in lines), tuple(Code(line) for line in tail)


def import_lines(
    module: str, names: list[str], indent: str = "", comment: str = ""
) -> list[str]:
    """`from module import names`, wrapped the way black wraps imports."""
    names = sorted(names, key=name_order)
    tail = f"  {comment}" if comment else ""
    line = f"{indent}from {module} import {', '.join(names)}"
    if len(line + tail) <= 88:
        return [line + tail]
    head = f"{indent}from {module} import ("
    if len(head + tail) > 88:  # a module name too long for any line
        tail = f"  {marks.LONGER[comment]}" if comment else marks.LONG
    return [f"{head}{tail}"] + [f"{indent}    {n}," for n in names] + [f"{indent})"]


@functools.lru_cache(maxsize=65536)
def natural(text: str) -> tuple[object, ...]:
    """Case-insensitive natural order (`m2` before `m10`), as isort orders modules
    (cached: a module's name is sorted in every module that imports it)."""
    return tuple(
        int(part) if part.isdigit() else part
        for part in re.split(r"(\d+)", text.lower())
    )


@functools.lru_cache(maxsize=65536)
def name_order(name: str) -> tuple[int, tuple[object, ...], str]:
    """isort's order of imported names: CONSTANTS, Classes, functions."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, natural(name), name


@dataclass(frozen=True)
class Peers:
    """For one model: the models in a reference cycle with it (`same`), and
    those its parents' fields need from their own cycles (`inherited`)."""

    same: set[str]
    inherited: set[str]


def cycle_peers(
    document: Document, only: frozenset[str] | None = None
) -> dict[str, Peers]:
    """Each model's peers in reference cycles: their imports come after the class.
    `only`: of those models (and all they reach: a cycle is reached whole)."""
    models: dict[str, Model] = {m.name: m for m in document.models}
    edges: dict[str, tuple[str, ...]] = (
        {m.name: m.references() for m in document.models} if only is None else {}
    )
    todo = list(only or ())
    while todo:
        name = todo.pop()
        if name not in edges and name in models:
            edges[name] = models[name].references()
            todo.extend(edges[name])
    groups = cycles(edges)
    group_of = {name: index for index, group in enumerate(groups) for name in group}
    found: dict[str, Peers] = {}
    for model in (models[name] for name in edges):
        same = set(groups[group_of[model.name]]) - {model.name}
        inherited = {
            name
            for parent in lineage(model, models)[1:]
            for name in parent.references()
            if name in groups[group_of[parent.name]]
        }
        found[model.name] = Peers(same, inherited)
    return found


def reexports(
    name: str, shown: str, names: set[str], models: dict[str, Model]
) -> tuple[Code, ...]:
    """Imports (after the class, as re-exports) of the names that the
    parents' fields need when the library completes the subclass `name`;
    `shown`: the module's import lines so far."""
    missing = sorted(
        (n for n in names - {name} if not re.search(rf"\b{n}\b", shown)),
        key=lambda n: natural(models[n].module),
    )
    return tuple(
        Code(line)
        for other in missing
        for line in import_lines(
            f".{models[other].module}",
            [other],
            comment=marks.LATE_UNUSED,
        )
    )


def package_files(
    context: CodeContext, environment: object, base_text: str
) -> list[tuple[str, str]]:
    """(path, text) of the files every target's package has besides its models:
    `__init__.py`, `py.typed`, `models/_base.py` (`base_text`, the target's
    runtime) and the lazy `models/__init__.py`."""
    import jinja2

    assert isinstance(environment, jinja2.Environment)
    if not context.with_runtime:
        return []  # they name every model: unchanged while the names are
    document, header = context.document, context.header
    ordered = sorted(document.models, key=lambda m: natural(m.module))
    title = document.title or "the API"
    version = f" {document.version}" if document.version else ""
    return [
        (
            "__init__.py",
            environment.get_template("python/package_init.py.jinja").render(
                doc=f"Typed models of {title}{version}, generated by modelgen. "
                "Do not edit by hand.",
                header=header,
            ),
        ),
        ("py.typed", ""),
        ("models/_base.py", base_text),
        (
            "models/__init__.py",
            environment.get_template("python/models_init.py.jinja").render(
                doc=f"Models of {title}.",
                header=header,
                imports=[
                    {
                        "line": Code(
                            "\n".join(import_lines(f".{m.module}", [m.name], "    "))[
                                4:
                            ]
                        ),
                        "name": m.name,
                        "entry": _module_entry(m.name, m.module),
                    }
                    for m in ordered
                ],
                exports=sorted((m.name for m in ordered), key=export_order),
            ),
        ),
    ]


def export_order(name: str) -> tuple[object, ...]:
    """The order of `__all__` that ruff (RUF022) and isort keep: constants,
    then classes, then the rest; each in natural, case-sensitive order."""
    group = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    parts = re.split(r"(\d+)", name)
    return (group, [int(p) if i % 2 else p for i, p in enumerate(parts)])


def _module_entry(name: str, module: str) -> Code:
    """`"Name": "module",` in the table of the lazy package, as black lays it out."""
    line = f"    {pyrepr(name)}: {pyrepr(module)},"
    if len(line) <= 88:
        return Code(line[4:])
    key = f"{pyrepr(name)}: ("
    noqa = marks.LONG if len(key) + 4 > 88 else ""
    value = f"        {pyrepr(module)}"
    long = marks.LONG if len(value) > 88 else ""  # a module name no line holds
    return Code(f"{key}{noqa}\n{value}{long}\n    ),")
