"""The msgspec target: IR models → `msgspec.Struct` classes (`templates/msgspec/`).

What msgspec decodes natively stays native: constraints become
`Annotated[T, msgspec.Meta(...)]`, optional properties default to `UNSET`
(absent, distinct from null), closed objects forbid unknown fields. What it
cannot express goes through `OneOf[A | B, route]`, a type the runtime decodes
in Python: tagged unions, unions of several objects (tried in order, the
member declaring most properties wins), unions mixing kinds msgspec keeps
apart, float enums and literals, and root models used in fields. Checks
beyond types (presence rules, `uniqueItems`, `allOf` parts) run in
`__post_init__` or the root model's `_check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as default
from typing import Any

from ..diagnostics import Diagnostic, Level
from ..ir import Document, Field, Model, TypeRef, lineage
from ..naming import NameRules
from ..render.filters import Code, ident, pyrepr
from ..render.layout import class_header, statement
from ..render.pycode import MIN_PYTHON, CodeContext, reexports
from . import msgspec_tags as tags
from .base import Target
from .msgspec_types import Annotator, Plan, written_in_place

CODE_NAMES = frozenset(
    """Annotated Any ApiModel ApiRoot Literal OneOf Route Tagged UNTAGGED UNSET UnsetType Omittable
    Presence also_valid unique Meta field Enum StrEnum DateTime Date Time UUID Self
    TYPE_CHECKING Mapping TypeVar Generic TypeAlias""".split()
)
MODEL_ATTRIBUTES = frozenset(
    "from_dict to_dict from_json to_json extra _extra _closed _closed_tree _extra_type "
    "_decode _check".split()
)
NAMES = NameRules(MODEL_ATTRIBUTES, ("__struct_",), CODE_NAMES, "msgspec")


@dataclass(frozen=True)
class ModelView:
    name: str
    module_doc: str
    doc: str
    header: Code
    imports: tuple[Code, ...]
    settings: tuple[Code, ...] = ()  # class attributes before the fields
    members: tuple[Any, ...] = ()
    fields: tuple[dict[str, str], ...] = ()  # declaration ("line") and docstring
    checks: tuple[Code, ...] = ()  # statements of __post_init__ (objects)
    root_checks: tuple[Code, ...] = ()  # statements of _check (root models)
    tag: dict[str, str] = default(default_factory=dict)  # the tag property, if tagged
    tail_imports: tuple[Code, ...] = ()
    after: tuple[Code, ...] = ()  # statements after the class and its imports
    before: tuple[Code, ...] = ()  # statements before the class


def field_line(field: Field, annotate: Annotator) -> Code:
    text = annotate(field.type)
    if (field.nullable or field.default_json == "null") and not (
        text == "None" or text.endswith("| None")
    ):
        text = f"{text} | None"
    options = [] if field.required else ["default=UNSET"]
    if not field.required:
        text = f"{annotate.base('Omittable')}[{text}]"
        annotate.use("msgspec", "UNSET")
    if field.attr != field.name:
        options.append(f"name={pyrepr(field.name)}")
        value = f" = {annotate.use('msgspec', 'field')}({', '.join(options)})"
    else:
        value = " = UNSET" if options else ""
    return Code(statement(f"{ident(field.attr)}: {text}{value}", 4))


def field_doc(field: Field) -> str:
    note = field.renamed
    if not note:
        return field.description
    return f"{field.description}\n\n{note}" if field.description else note


def presence_code(model: Model) -> Code:
    rules = model.presence
    assert rules is not None

    def tup(items: list[str]) -> str:
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"

    args = ", ".join(
        f"{key}={tup([tup([pyrepr(n) for n in names]) for names in value])}"
        for key, value in (
            ("any_of", rules.any_of),
            ("one_of", rules.one_of),
            ("none_of", rules.none_of),
        )
        if value
    )
    return Code(f"Presence({args}).check(self)")


def object_parts(model: Model, plan: Plan, annotate: Annotator) -> dict[str, Any]:
    models = plan.models
    bases = (model.base or annotate.base("ApiModel")) + ", kw_only=True"
    own, value = plan.tags.get(model.name, ("", ""))
    if own:
        bases += f", tag_field={pyrepr(own)}, tag={pyrepr(value)}"
    prop = tags.tagged_by(model, plan.tags, models)
    if model.base:
        annotate.classes.add(model.base)
    settings = [Code("_closed_tree = True")] if model.name in plan.closed else []
    parent = models.get(model.base) if model.base else None
    skipped = [f.name for f in model.fields if tags.unnamable(f.name)]
    annotate.fallbacks.extend(f"Field\0{name}" for name in skipped)
    closed = model.closed and not skipped
    if closed != bool(parent and parent.closed):
        settings.append(Code(f"_closed = {closed}"))
    checks: list[Code] = []
    if any(has_checks(p) for p in lineage(model, models)[1:]) and has_checks(model):
        checks.append(Code("super().__post_init__()"))
    if model.presence:
        checks.append(Code(presence_code(model)))
        annotate.base("Presence")
    for field in model.fields:
        if field.type.unique and field.name not in skipped:
            checks.append(Code(f"{annotate.base('unique')}(self.{ident(field.attr)})"))
    after = []
    if model.extra is not None and model.extra.kind != "any":
        after.append(Code(f"{model.name}._extra_type = {annotate(model.extra)}"))
    return dict(
        bases=bases,
        settings=tuple(settings),
        fields=tuple(
            {"line": field_line(f, annotate), "doc": field_doc(f)}
            for f in model.fields
            if not (prop and f.name == prop) and f.name not in skipped
        ),
        tag=tag_property(lineage(model, models), own, annotate),
        checks=tuple(checks),
        after=tuple(after),
    )


def tag_property(
    chain: tuple[Model, ...], prop: str, annotate: Annotator
) -> dict[str, str]:
    """The tag as a read-only attribute (msgspec keeps it out of the fields)."""
    fields = [f for m in chain for f in m.fields if prop and f.name == prop]
    field = fields[0] if fields else None
    if field is None:
        return {}
    return {
        "attr": field.attr,
        "type": Code(annotate(field.type)),
        "value": Code(pyrepr(field.type.values[0])),
        "doc": field_doc(field) or f"The tag {prop!r} (a class constant).",
    }


def has_checks(model: Model) -> bool:
    return bool(model.presence) or any(f.type.unique for f in model.fields)


ROOT_ALIAS = "_Value"  # no class is named so: class names start with a letter


def root_parts(
    model: Model, annotate: Annotator, deferred: set[str], closed: set[str]
) -> dict[str, Any]:
    ref = model.root or TypeRef("any")
    text = annotate(ref)
    before = []
    if (set(ref.models()) | set(model.also)) & (deferred | {model.name}):
        # resolved on first use, once every module is loaded; a type alias,
        # so that linters and type checkers read the names in the string
        alias = f"{ROOT_ALIAS}: {annotate.use('typing', 'TypeAlias')}"
        before.append(Code(f"{alias} = {pyrepr(text)}"))
        text = ROOT_ALIAS
    checks = []
    if model.also:
        annotate.classes.update(model.also)
        checks.append(
            Code(f"{annotate.base('also_valid')}(obj, {', '.join(model.also)})")
        )
    if ref.unique:
        checks.append(Code(f"{annotate.base('unique')}(value)"))
    if checks:
        annotate.use("typing", "Any")
    settings = [Code("_closed_tree = True")] if model.name in closed else []
    return dict(
        bases=f"{annotate.base('ApiRoot')}[{text}]",
        before=tuple(before),
        settings=tuple(settings),
        root_checks=tuple(checks),
    )


def model_view(
    model: Model, plan: Plan, python: tuple[int, int]
) -> tuple[ModelView, list[str]]:
    models, closed = plan.models, plan.closed
    deferred = plan.peers[model.name].same
    deferred = deferred - {model.base} if model.base else deferred
    annotate = Annotator(plan)
    parts: dict[str, Any] = {}
    if model.kind == "enum":
        if model.enum_type == "str" and python >= (3, 11):
            parts["bases"] = annotate.use("enum", "StrEnum")
        else:
            parts["bases"] = f"{model.enum_type}, {annotate.use('enum', 'Enum')}"
    elif model.kind == "root":
        parts = root_parts(model, annotate, deferred, closed)
    else:
        parts = object_parts(model, plan, annotate)
    annotate.classes.discard(model.name)
    head, tail = annotate.block(models, deferred)
    view = ModelView(
        name=model.name,
        module_doc=f"The {model.name} model.",
        doc=model.description or f"{model.name} model.",
        header=Code(class_header(ident(model.name), parts.pop("bases"))),
        imports=head,
        tail_imports=tail,
        members=model.members,
        **parts,
    )
    return view, annotate.fallbacks


_VIEWS: dict[str, Any] = {}


def views(
    document: Document, python: tuple[int, int]
) -> tuple[Plan, list[tuple[ModelView, list[str]]]]:
    """The plan and each model's view (with its Python-decoded unions); the
    last document's are kept, as `warnings` and `code` both need them."""
    key = (id(document), python)
    if _VIEWS.get("key") != key or _VIEWS.get("document") is not document:
        plan = Plan.of(document)
        made = [model_view(m, plan, python) for m in document.models]
        _VIEWS.update(key=key, document=document, made=(plan, made))
    found: tuple[Plan, list[tuple[ModelView, list[str]]]] = _VIEWS["made"]
    return found


FALLBACKS = {
    "Field": "cannot be the name of a msgspec field (quotes, backslashes, control "
    "characters); the property is kept as an unknown one, its value not checked",
    "OneOf": "has members msgspec cannot tell apart by their JSON type; decoded "
    "in Python (members tried in order, the one declaring most properties wins)",
    "Route": "cannot use msgspec's tags (a tag value several members may hold, a "
    "member reached without its tag, or tagged differently elsewhere); decoded "
    "in Python, routed by the tag",
}


def warnings(document: Document) -> list[Diagnostic]:
    """A warning per schema whose unions msgspec cannot pick from natively."""
    found = []
    for model, (_, fallbacks) in zip(document.models, views(document, MIN_PYTHON)[1]):
        for union in dict.fromkeys(fallbacks):
            file, _, pointer = model.source.partition("#")
            kind = union.split("\0")[0] if "\0" in union else "OneOf"
            shown = " ".join(union.split("\0")[-1].split())[:200]
            what = "property" if kind == "Field" else "union"
            message = f"msgspec: the {what} {shown!r} {FALLBACKS[kind]}"
            found.append(Diagnostic(Level.WARNING, file, pointer, message))
    return found


BASE_DOC = """Runtime support shared by the generated models of {title} (msgspec).

Every model validates strictly (no silent coercion: "5" is not an
integer), keeps unknown properties unless the schema closes the object,
and writes back exactly the properties it read: to_dict omits the ones
that were absent (`UNSET`) and keeps explicit nulls."""


def code(document: Document, context: CodeContext) -> list[tuple[str, str]]:
    """Every Python file of the package: (path, unformatted text)."""
    from ..render import environment
    from ..render.pycode import package_files, typing_self

    env = environment()
    python = context.python
    typing_names, extension_imports = typing_self(
        "TYPE_CHECKING, Annotated, Any, ClassVar, Generic, TypeVar", python
    )
    base = env.get_template("msgspec/_base.py.jinja").render(
        doc=BASE_DOC.format(title=document.title or "the API"),
        header=context.header,
        typing_names=Code(typing_names),
        extension_imports=[Code(line) for line in extension_imports],
    )
    files = package_files(context, env, base)
    template = env.get_template("msgspec/model.py.jinja")
    plan, made = views(document, python)
    for model, (view, _) in zip(document.models, made):
        if not context.chosen(model):
            continue
        shown = "\n".join(view.imports + view.tail_imports)
        inherited = plan.peers[model.name].inherited
        extra = reexports(model.name, shown, inherited, plan.models)
        text = template.render(view=view, header=context.header, reexports=extra)
        files.append((f"models/{model.module}.py", text))
    return files


TARGET = Target(
    name="msgspec",
    summary="msgspec Structs: fast native JSON decoding, UNSET for absent properties",
    requires=("msgspec>=0.18",),
    names=NAMES,
    code=code,
    warnings=warnings,
    example=tags.example,
    in_place=written_in_place,
    siblings=True,
)
