"""Python target: IR models → views for `templates/python/*.jinja`.

All decisions live here (imports, annotations, defaults, config); the
templates only place the pieces. Spec values enter code solely through
`pyrepr`, and the assembled pieces are marked `Code`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from .. import naming
from ..ir import Document, Field, Model, Routes, TypeRef, lineage
from .filters import Code, ident, pyrepr
from .layout import class_header, statement
from .graph import cycles

LAX = {
    "datetime": ("datetime", "datetime"),
    "date": ("date", "datetime"),
    "uuid": ("UUID", "uuid"),
}


@dataclass(frozen=True)
class FieldView:
    attr: str
    annotation: Code
    default: Code
    doc: str

    @property
    def line(self) -> Code:
        """The declaration in a class body, laid out as black lays it out."""
        return Code(
            statement(f"{ident(self.attr)}: {self.annotation}{self.default}", 4)
        )


@dataclass(frozen=True)
class ModelView:
    name: str
    module_doc: str
    doc: str
    header: Code
    config: Code | None
    imports: tuple[Code, ...]
    fields: tuple[FieldView, ...]
    members: tuple[Any, ...]
    extra: Code | None
    tail_imports: tuple[Code, ...] = ()
    checks: tuple[Code, ...] = ()  # statements run on the JSON value before validation
    check_name: str = (
        "_check"  # per class, so a subclass's checks do not replace its base's
    )


class Annotator:
    """Renders `TypeRef`s as annotations and records the names they need."""

    def __init__(
        self, models: dict[str, Model], quote: frozenset[str] = frozenset()
    ) -> None:
        self.models = models
        self.names: set[str] = set()
        self.modules: dict[str, set[str]] = {}
        self.quote = quote  # names not yet defined when the class statement runs

    def use(self, module: str, name: str) -> str:
        self.modules.setdefault(module, set()).add(name)
        return name

    def constrained(self, text: str, ref: TypeRef) -> str:
        extras = []
        if ref.constraints:
            args = ", ".join(
                (
                    f"pattern={self.use('re', 're')}.compile({pyrepr(v)})"
                    if k == "pattern_re"
                    else f"{k}={pyrepr(v)}"
                )
                for k, v in ref.constraints
            )
            extras.append(f"{self.use('pydantic', 'Field')}({args})")
        if ref.unique:
            extras.append(self.use("._base", "UniqueItems"))
        if not extras:
            return text
        return f"{self.use('typing', 'Annotated')}[{text}, {', '.join(extras)}]"

    def not_bool(self, text: str) -> str:
        return f"{self.use('typing', 'Annotated')}[{text}, {self.use('._base', 'NotBool')}]"

    def __call__(self, ref: TypeRef) -> str:
        kind = ref.kind
        if kind in ("str", "int", "float", "bool"):
            return self.constrained(kind, ref)
        if kind in LAX:
            name, module = LAX[kind]
            return f"{self.use('._base', 'Lax')}[{self.use(module, name)}]"
        if kind == "null":
            return "None"
        if kind == "literal":
            text = f"{self.use('typing', 'Literal')}[{', '.join(pyrepr(v) for v in ref.values)}]"
            return self.not_bool(text) if numbers_only(ref.values) else text
        if kind == "model":
            target = self.models.get(ref.model)
            self.names.add(ref.model)
            name = f'"{ref.model}"' if ref.model in self.quote else ref.model
            if target is not None and target.kind == "enum":
                text = f"{self.use('._base', 'Lax')}[{name}]"
                return self.not_bool(text) if target.enum_type != "str" else text
            return name
        if kind == "list":
            return self.constrained(f"list[{self(ref.args[0])}]", ref)
        if kind == "dict":
            key = self(ref.args[1]) if len(ref.args) > 1 else "str"
            return self.constrained(f"dict[{key}, {self(ref.args[0])}]", ref)
        if kind == "tuple":
            items = ", ".join(self(a) for a in ref.args)
            return f"{self.use('._base', 'Lax')}[tuple[{items}]]"
        if kind == "union":
            return self.union(ref)
        return self.use("typing", "Any")

    def union(self, ref: TypeRef) -> str:
        members = [a for a in ref.args if a.kind != "null"]
        if not members:
            return "None"
        if ref.tag and len(members) > 1:
            inner = self.tagged(ref, members)
        else:
            inner = self.either([self(a) for a in members])
        if len(members) < len(ref.args):
            return self.optional(inner)
        return inner

    def either(self, parts: list[str]) -> str:
        """`A | B`; `Union[...]` where a quoted forward reference takes part
        (a base class is evaluated at once, and `"A" | B` is an error there)."""
        if len(parts) == 1:
            return parts[0]
        if any(p.startswith('"') for p in parts):
            return f"{self.use('typing', 'Union')}[{', '.join(parts)}]"
        return " | ".join(parts)

    def optional(self, text: str) -> str:
        if text == "None":
            return text
        if text.startswith('"'):
            return f"{self.use('typing', 'Optional')}[{text}]"
        return f"{text} | None"

    def tagged(self, ref: TypeRef, members: list[TypeRef]) -> str:
        """A union that pydantic picks from by the discriminator property.

        Every member is a choice of its own (tagged with its class name); a
        tag value several members can hold gets a choice that is their union.
        """
        annotated, tag = self.use("typing", "Annotated"), self.use("pydantic", "Tag")
        routes = ref.routes or Routes(values=tuple((k, (v,)) for k, v in ref.mapping))
        parts = [f"{annotated}[{self(a)}, {tag}({pyrepr(a.model)})]" for a in members]
        choices: dict[tuple[str, ...], str] = {(a.model,): a.model for a in members}
        for route in [r for _, r in routes.values] + [
            routes.absent,
            routes.other,
            routes.null,
            routes.other_json,
        ]:
            if route and route not in choices:
                choices[route] = "|".join(route)
                union = self.either([self(TypeRef("model", model=m)) for m in route])
                parts.append(f"{annotated}[{union}, {tag}({pyrepr(choices[route])})]")
        mapping = (
            "{"
            + ", ".join(
                f"{pyrepr(k)}: {pyrepr(choices[r])}" for k, r in routes.values if r
            )
            + "}"
        )
        extra = "".join(
            f", {name}={pyrepr(choices[route])}"
            for name, route in (
                ("absent", routes.absent),
                ("other", routes.other),
                ("null", routes.null),
                ("other_json", routes.other_json),
            )
            if route
        )
        chooser = (
            f"{self.use('._base', 'tag_union')}({pyrepr(ref.tag)}, {mapping}{extra})"
        )
        return f"{annotated}[{self.either(parts)}, {chooser}]"


def numbers_only(values: tuple[object, ...]) -> bool:
    """Literal numbers, which `True`/`False` would pass for in Python."""
    return any(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in values
    ) and not any(isinstance(v, bool) for v in values)


def field_view(field: Field, annotate: Annotator) -> FieldView:
    annotation = annotate(field.type)
    kwargs: list[str] = []

    def optional() -> str:
        return annotate.optional(annotation)

    if field.required:
        text = optional() if field.nullable else annotation
        default = None
    elif field.default_json is not None:
        text = (
            optional() if field.nullable or field.default_json == "null" else annotation
        )
        default = default_code(field, annotate)
    elif field.nullable:
        text, default = optional(), "None"
    else:
        text = f"{annotate.use('._base', 'Omittable')}[{annotation}]"
        default = "None"
    if field.attr != field.name:
        # Both aliases rather than `alias`: type checkers then see the
        # constructor's keywords by their Python names.
        wire = pyrepr(field.name)
        kwargs.append(f"validation_alias={wire}, serialization_alias={wire}")
    if kwargs or (default or "").startswith("default_factory"):
        if default is not None:
            kwargs.insert(
                0,
                (
                    default
                    if default.startswith("default_factory")
                    else f"default={default}"
                ),
            )
        value = f" = {annotate.use('pydantic', 'Field')}({', '.join(kwargs)})"
    else:
        value = f" = {default}" if default is not None else ""
    return FieldView(field.attr, Code(text), Code(value), field_doc(field))


def field_doc(field: Field) -> str:
    """The attribute docstring: the spec's description, and why a name differs."""
    note = naming.explain_attr(field.name, field.attr)
    if not note:
        return field.description
    return f"{field.description}\n\n{note}" if field.description else note


def default_code(field: Field, annotate: Annotator) -> str:
    value = field.default
    ref = field.type
    if value is None:
        return "None"
    if ref.kind == "model":
        target = annotate.models.get(ref.model)
        if target is not None and target.kind == "enum":
            return f"{ref.model}({pyrepr(value)})"
        return f"default_factory=lambda: {ref.model}.model_validate({pyrepr(value)})"
    if ref.models() or _has_lax(ref):
        return f"default_factory=lambda: {annotate.use('pydantic', 'TypeAdapter')}({annotate(ref)}).validate_python({pyrepr(value)})"
    return pyrepr(value)


def model_view(
    model: Model,
    models: dict[str, Model],
    deferred: set[str],
    python: tuple[int, int] = (3, 10),
) -> ModelView:
    """`deferred`: models in a reference cycle with this one, imported lazily."""
    deferred = deferred - {model.base} if model.base else deferred
    annotate = Annotator(models)
    fields = tuple(field_view(f, annotate) for f in model.fields)
    extra = Code(f"dict[str, {annotate(model.extra)}]") if model.extra else None
    if extra:
        annotate.use("pydantic", "Field")
    config = None
    if model.kind == "enum":
        if model.enum_type == "str" and python >= (3, 11):
            bases = annotate.use("enum", "StrEnum")
        else:
            bases = f"{model.enum_type}, {annotate.use('enum', 'Enum')}"
    elif model.kind == "root":
        annotate.quote = frozenset(deferred | {model.name})
        bases = f"{annotate.use('._base', 'ApiRoot')}[{annotate(model.root or TypeRef('any'))}]"
        annotate.quote = frozenset()
    else:
        bases = model.base or annotate.use("._base", "ApiModel")
        if model.base:
            annotate.names.add(model.base)
        if model.closed:
            config = Code(
                f'model_config = {annotate.use("pydantic", "ConfigDict")}(extra="forbid")'
            )
    checks = check_code(model, annotate, models, deferred)
    annotate.names.discard(model.name)
    head, tail = imports(annotate, models, model, deferred)
    return ModelView(
        name=model.name,
        module_doc=f"The {model.name} model.",
        doc=model.description or f"{model.name} model.",
        header=Code(class_header(ident(model.name), bases)),
        config=config,
        imports=head,
        tail_imports=tail,
        fields=fields,
        members=model.members,
        extra=extra,
        checks=checks,
        check_name=f"_check_{model.name}",
    )


def check_code(
    model: Model, annotate: Annotator, models: dict[str, Model], deferred: set[str]
) -> tuple[Code, ...]:
    """The statements of the model's before-validator: presence rules, allOf object parts.

    A part in an import cycle with this model is imported when the check runs."""
    checks = [presence_code(model, annotate)] if model.presence else []
    if model.also:
        for name in model.also:
            annotate.names.add(name)
            if name in deferred:
                checks.extend(
                    Code(line)
                    for line in import_lines(f".{models[name].module}", [name])
                )
        checks.append(
            Code(
                f"{annotate.use('._base', 'also_valid')}(data, {', '.join(model.also)})"
            )
        )
    if checks:
        annotate.use("pydantic", "model_validator")
        annotate.use("typing", "Any")
    return tuple(checks)


def presence_code(model: Model, annotate: Annotator) -> Code:
    """`Presence(...).check(data)`."""
    rules = model.presence
    assert rules is not None

    def literal(
        items: list[str],
    ) -> str:  # a tuple, with no trailing comma black would keep
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"

    def sets(value: tuple[tuple[str, ...], ...]) -> str:
        return literal([literal([pyrepr(n) for n in names]) for names in value])

    args = ", ".join(
        f"{key}={sets(value)}"
        for key, value in (
            ("any_of", rules.any_of),
            ("one_of", rules.one_of),
            ("none_of", rules.none_of),
        )
        if value
    )
    return Code(f"{annotate.use('._base', 'Presence')}({args}).check(data)")


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
        tail = f"  {comment}, E501" if comment else "  # noqa: E501"
    return [f"{head}{tail}"] + [f"{indent}    {n}," for n in names] + [f"{indent})"]


def natural(text: str) -> tuple[object, ...]:
    """Case-insensitive natural order (`m2` before `m10`), as isort orders modules."""
    return tuple(
        int(part) if part.isdigit() else part
        for part in re.split(r"(\d+)", text.lower())
    )


def name_order(name: str) -> tuple[int, tuple[object, ...], str]:
    """isort's order of imported names: CONSTANTS, Classes, functions."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, natural(name), name


MIN_PYTHON = (3, 10)  # the oldest Python a generated package supports by default
PYTHON_VERSIONS = ("3.10", "3.11")  # choices of --python-version

STDLIB_ORDER = ("re", "datetime", "enum", "typing", "uuid")


def imports(
    annotate: Annotator, models: dict[str, Model], model: Model, deferred: set[str]
) -> tuple[tuple[Code, ...], tuple[Code, ...]]:
    """The import block, and the imports of models in a reference cycle with
    this one, placed after the class (each module of a cycle then finds the
    others' classes whichever is imported first)."""
    lines: list[str] = []
    mods = annotate.modules
    stdlib = [m for m in STDLIB_ORDER if m in mods]
    if "re" in mods:
        lines.append("import re")
    for module in stdlib:
        if module != "re":
            lines.extend(import_lines(module, sorted(mods[module])))
    if "pydantic" in mods:
        lines.extend([""] if lines else [])
        lines.extend(import_lines("pydantic", sorted(mods["pydantic"])))
    local = {models[n].module: n for n in annotate.names if n not in deferred}
    if "._base" in mods:
        local["_base"] = ""
    if local:
        lines.extend([""] if lines else [])
    for module in sorted(local, key=natural):
        names = sorted(mods["._base"]) if module == "_base" else [local[module]]
        lines.extend(import_lines(f".{module}", names))
    lazy = {models[n].module: n for n in annotate.names if n in deferred}
    tail = [
        line
        for module in sorted(lazy, key=natural)
        for line in import_lines(f".{module}", [lazy[module]], comment="# noqa: E402")
    ]
    return tuple(Code(line) for line in lines), tuple(Code(line) for line in tail)


def python_views(
    document: Document, python: tuple[int, int] = MIN_PYTHON
) -> list[tuple[Model, ModelView]]:
    """(model, view) pairs; `python` is the oldest Python the package supports."""
    models: dict[str, Model] = {m.name: m for m in document.models}
    groups = cycles({m.name: m.references() for m in document.models})
    group_of = {name: index for index, group in enumerate(groups) for name in group}
    views = []
    for model in document.models:
        same = set(groups[group_of[model.name]]) - {model.name}
        # A subclass of a model in a cycle completes with its parents' names.
        inherited = {
            name
            for parent in lineage(model, models)[1:]
            for name in parent.references()
            if name in groups[group_of[parent.name]]
        }
        view = model_view(model, models, same, python)
        views.append((model, with_inherited(view, inherited, models)))
    return views


def with_inherited(
    view: ModelView, names: set[str], models: dict[str, Model]
) -> ModelView:
    """Imports (after the class, as re-exports) of the names that the
    parents' fields need when pydantic completes this subclass."""
    shown = "\n".join(view.imports + view.tail_imports)
    missing = sorted(
        (n for n in names - {view.name} if not re.search(rf"\b{n}\b", shown)),
        key=lambda n: natural(models[n].module),
    )
    if not missing:
        return view
    lines = [
        Code(line)
        for name in missing
        for line in import_lines(
            f".{models[name].module}", [f"{name} as {name}"], comment="# noqa: E402"
        )
    ]
    return replace(view, tail_imports=view.tail_imports + tuple(lines))


def _mentions(model: Model) -> set[str]:
    refs = [f.type for f in model.fields] + [t for t in (model.root, model.extra) if t]
    return {name for ref in refs for name in ref.models()}


def _has_lax(ref: TypeRef) -> bool:
    return ref.kind in LAX or any(_has_lax(a) for a in ref.args)
