"""The pydantic target: IR models → views for `templates/pydantic/*.jinja`.

All decisions live here (imports, annotations, defaults, config); the
templates only place the pieces. Spec values enter code solely through
`pyrepr`, and the assembled pieces are marked `Code`.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, replace
from typing import Any

from ..ir import Document, Field, Model, TypeRef
from ..naming import NameRules
from ..render.filters import Code, ident, pyrepr
from ..render.inplace import document_in_place, plain_roots
from ..render.layout import class_header, statement
from ..render.pycode import CodeContext, cycle_peers, reexports
from .base import Target
from .pydantic_checks import check_code, dispatch_code
from .pydantic_types import LAX, Annotator

# Names the generated modules use in annotations or class bodies; an
# attribute or class of the same name would shadow them there.
CODE_NAMES = frozenset(
    """Annotated Any ApiModel ApiRoot ClassVar Enum Field Literal NumbersOnly NotNull
    RootModel Strict UniqueItems ConfigDict BaseModel TYPE_CHECKING UUID Self
    Mapping TypeAdapter Tag Discriminator TagBy Lax Omittable TypeVar Generic
    AfterValidator Presence also_valid model_validator tag_union StrEnum Date
    DateTime by_tag ModelWrapValidatorHandler SerializeAsAny""".split()
)
# Attributes of pydantic.BaseModel and of the generated base class.
MODEL_ATTRIBUTES = frozenset(
    """copy dict json parse_obj parse_raw parse_file from_orm construct schema
    schema_json validate update_forward_refs from_dict to_dict from_json
    to_json""".split()
)
NAMES = NameRules(MODEL_ATTRIBUTES, ("model_",), CODE_NAMES, "pydantic")


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
    dispatch: Code | None = None  # returns the subclass the discriminator names
    dispatch_name: str = "_subclass"  # per class, as `check_name`


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
    elif field.type.kind == "any":  # null is one of its values
        text, default = annotation, "None"
    else:
        text = f"{annotate.use('._base', 'Omittable')}[{annotation}]"
        default = "None"
    if field.attr != field.name:
        # Both aliases rather than `alias`: type checkers then see the
        # constructor's keywords by their Python names.
        wire = pyrepr(field.name)
        kwargs.append(f"validation_alias={wire}, serialization_alias={wire}")
    # pydantic copies a list or dict default for each instance; written in
    # `Field(default=...)` it is no mutable class attribute to linters
    mutable = isinstance(field.default, (list, dict)) and field.default_json is not None
    if kwargs or mutable or (default or "").startswith("default_factory"):
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
    if ref.models() or _has(ref, LAX):
        return f"default_factory=lambda: {annotate.use('pydantic', 'TypeAdapter')}({annotate(ref)}).validate_python({pyrepr(value)})"
    if isinstance(value, (list, dict)) and not value:
        return f"default_factory={type(value).__name__}"  # a new one for each instance
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
    dispatch = dispatch_code(model, annotate, models)
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
        dispatch=dispatch,
        dispatch_name=f"_subclass_{model.name}",
    )


def model_views(
    document: Document, python: tuple[int, int], only: frozenset[str] | None = None
) -> list[tuple[Model, ModelView]]:
    """(model, view) pairs (of the models in `only`, when given); `python` is the
    oldest Python the package supports."""
    models: dict[str, Model] = {m.name: m for m in document.models}
    peers = cycle_peers(document, only)
    views = []
    for model in document.models:
        if only is not None and model.name not in only:
            continue
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
    from ..render.pycode import package_files, typing_self

    env = environment()
    python = context.python
    typing_names, extension_imports = typing_self(
        "Annotated, Any, Generic, TypeVar", python
    )
    base = env.get_template("pydantic/_base.py.jinja").render(
        doc=BASE_DOC.format(title=document.title or "the API"),
        header=context.header,
        typing_names=Code(typing_names),
        extension_imports=[Code(line) for line in extension_imports],
    )
    files = package_files(context, env, base)
    template = env.get_template("pydantic/model.py.jinja")
    written = document_in_place(document)
    for model, view in model_views(written, python, context.only):
        files.append(
            (
                f"models/{model.module}.py",
                template.render(view=view, header=context.header),
            )
        )
    return files


def _has(ref: TypeRef, kinds: Container[str]) -> bool:
    return ref.kind in kinds or any(_has(a, kinds) for a in ref.args)


TARGET = Target(
    name="pydantic",
    summary="pydantic v2 models: validation, aliases, JSON Schema at runtime",
    requires=("pydantic>=2.11",),
    names=NAMES,
    code=code,
    in_place=lambda document: plain_roots(document.models),
)
