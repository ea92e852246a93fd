"""The pydantic target: IR models → views for `templates/pydantic/*.jinja`.

All decisions live here (imports, annotations, defaults, config); the
templates only place the pieces. Spec values enter code solely through
`pyrepr`, and the assembled pieces are marked `Code`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..build.constraints import linear_pattern
from ..ir import Document, Field, Model, Routes, TypeRef
from ..naming import NameRules
from ..render.filters import Code, ident, pyrepr
from ..render.layout import class_header, statement
from ..render.pycode import CodeContext, Imports, cycle_peers, import_lines, reexports
from .base import Target

# Names the generated modules use in annotations or class bodies; an
# attribute or class of the same name would shadow them there.
CODE_NAMES = frozenset(
    """Annotated Any ApiModel ApiRoot ClassVar Enum Field Literal NotBool NotNull
    RootModel Strict UniqueItems ConfigDict BaseModel TYPE_CHECKING UUID Self
    Mapping TypeAdapter Tag Discriminator TagBy Lax Omittable TypeVar Generic
    AfterValidator Presence also_valid model_validator tag_union StrEnum Date
    DateTime""".split()
)
# Attributes of pydantic.BaseModel and of the generated base class.
MODEL_ATTRIBUTES = frozenset(
    """copy dict json parse_obj parse_raw parse_file from_orm construct schema
    schema_json validate update_forward_refs from_dict to_dict from_json
    to_json""".split()
)
NAMES = NameRules(MODEL_ATTRIBUTES, ("model_",), CODE_NAMES, "pydantic")

# JSON Schema keyword → pydantic's `Field` argument.
ARGUMENTS = {
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

LAX = {
    "datetime": ("DateTime", "._base"),
    "date": ("Date", "._base"),
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


class Annotator(Imports):
    """Renders `TypeRef`s as annotations and records the names they need."""

    third_party = ("pydantic",)

    def __init__(
        self, models: dict[str, Model], quote: frozenset[str] = frozenset()
    ) -> None:
        super().__init__()
        self.models = models
        self.quote = quote  # names not yet defined when the class statement runs

    def argument(self, key: str, value: Any) -> str:
        """One constraint as a `Field` argument; a pattern that pydantic's
        linear-time engine cannot run is compiled with Python's `re`."""
        if key == "pattern" and linear_pattern(str(value)) is None:
            return f"pattern={self.use('re', 're')}.compile({pyrepr(value)})"
        return f"{ARGUMENTS[key]}={pyrepr(value)}"

    def constrained(self, text: str, ref: TypeRef) -> str:
        extras = []
        if ref.constraints:
            args = ", ".join(self.argument(k, v) for k, v in ref.constraints)
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
            if module == "._base":  # JSON text in RFC 3339 form only
                return self.use(module, name)
            return f"{self.use('._base', 'Lax')}[{self.use(module, name)}]"
        if kind == "null":
            return "None"
        if kind == "literal":
            text = f"{self.use('typing', 'Literal')}[{', '.join(pyrepr(v) for v in ref.values)}]"
            return self.not_bool(text) if numbers_only(ref.values) else text
        if kind == "model":
            target = self.models.get(ref.model)
            self.classes.add(ref.model)
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
    note = field.renamed
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
            annotate.classes.add(model.base)
        if model.closed:
            config = Code(
                f'model_config = {annotate.use("pydantic", "ConfigDict")}(extra="forbid")'
            )
    checks = check_code(model, annotate, models, deferred)
    annotate.classes.discard(model.name)
    head, tail = annotate.block(models, deferred)
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
            annotate.classes.add(name)
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


def model_views(
    document: Document, python: tuple[int, int]
) -> list[tuple[Model, ModelView]]:
    """(model, view) pairs; `python` is the oldest Python the package supports."""
    models: dict[str, Model] = {m.name: m for m in document.models}
    peers = cycle_peers(document)
    views = []
    for model in document.models:
        view = model_view(model, models, peers[model.name].same, python)
        # A subclass of a model in a cycle completes with its parents' names.
        shown = "\n".join(view.imports + view.tail_imports)
        extra = reexports(model.name, shown, peers[model.name].inherited, models)
        views.append(
            (model, replace(view, tail_imports=view.tail_imports + extra))
            if extra
            else (model, view)
        )
    return views


BASE_DOC = """Runtime support shared by the generated models of {title}.

Every model validates strictly (no silent coercion: "5" is not an
integer), keeps unknown properties unless the schema closes the object,
and writes back exactly the properties it read: to_dict omits the ones
that were absent and keeps explicit nulls."""


def code(document: Document, context: CodeContext) -> list[tuple[str, str]]:
    """Every Python file of the package: (path, unformatted text)."""
    from ..render import environment
    from ..render.pycode import package_files

    env = environment()
    python = context.python
    base = env.get_template("pydantic/_base.py.jinja").render(
        doc=BASE_DOC.format(title=document.title or "the API"),
        header=context.header,
        typing_names=Code(
            "Annotated, Any, Generic, Self, TypeVar"
            if python >= (3, 11)
            else "Annotated, Any, Generic, TypeVar"
        ),
        extension_imports=(
            [] if python >= (3, 11) else [Code("from typing_extensions import Self")]
        ),
    )
    files = package_files(context, env, base)
    template = env.get_template("pydantic/model.py.jinja")
    for model, view in model_views(document, python):
        files.append(
            (
                f"models/{model.module}.py",
                template.render(view=view, header=context.header),
            )
        )
    return files


def _has_lax(ref: TypeRef) -> bool:
    return ref.kind in LAX or any(_has_lax(a) for a in ref.args)


TARGET = Target(
    name="pydantic",
    summary="pydantic v2 models: validation, aliases, JSON Schema at runtime",
    requires=("pydantic>=2.11",),
    names=NAMES,
    code=code,
)
