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

from ..build.constraints import python_pattern
from ..diagnostics import Diagnostic, Level
from ..ir import Document, Field, Model, Routes, TypeRef, lineage
from ..naming import NameRules
from ..render.filters import Code, ident, pyrepr
from ..render.layout import class_header, statement
from ..render.pycode import MIN_PYTHON, CodeContext, Imports, cycle_peers, reexports
from . import msgspec_tags as tags
from .base import Target

CODE_NAMES = frozenset(
    """Annotated Any ApiModel ApiRoot Literal OneOf Route UNTAGGED UNSET UnsetType Omittable
    Presence also_valid unique Meta field Enum StrEnum DateTime Date Time UUID Self
    TYPE_CHECKING Mapping TypeVar Generic""".split()
)
MODEL_ATTRIBUTES = frozenset(
    "from_dict to_dict from_json to_json extra _extra _closed _closed_tree _extra_type "
    "_decode _check".split()
)
NAMES = NameRules(MODEL_ATTRIBUTES, ("__struct_",), CODE_NAMES, "msgspec")

META = {  # JSON Schema keyword → msgspec.Meta argument
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
FORMATS = {"datetime": "DateTime", "date": "Date", "time": "Time", "uuid": "UUID"}
# What each kind decodes from, for the union rule: msgspec tells members apart
# by JSON type only, one member per type (int and float may go together).
SORTS = {"str": "str", "int": "int", "float": "float", "bool": "bool", "null": "null"}
SORTS.update(dict.fromkeys(FORMATS, "str"))
SORTS.update(list="array", tuple="array", dict="object")


class Annotator(Imports):
    """Renders `TypeRef`s as annotations; `fallbacks` lists the unions it routes in Python."""

    third_party = ("msgspec",)

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.models = plan.models
        self.inline = plan.inline  # root models written as their type where used
        self.tags = plan.tags  # tagged members: model → (tag property, value)
        self.fallbacks: list[str] = []

    def base(self, name: str) -> str:
        return self.use("._base", name)

    def constrained(self, text: str, ref: TypeRef) -> str:
        args = [
            f"{META[k]}={pyrepr(v)}"
            for k, v in ref.constraints
            if k in META
            and (k != "pattern" or python_pattern(str(v)))
            and not (isinstance(v, int) and abs(v) >= 2**63)  # msgspec: int64 bounds
        ]
        if not args:
            return text
        meta = self.use("msgspec", "Meta")
        return f"{self.use('typing', 'Annotated')}[{text}, {meta}({', '.join(args)})]"

    def one_of(self, text: str, route: str = "") -> str:
        return f"{self.base('OneOf')}[{text}, {route or self.base('UNTAGGED')}]"

    def __call__(self, ref: TypeRef) -> str:
        kind = ref.kind
        if kind in ("str", "int", "float", "bool"):
            return self.constrained(kind, ref)
        if kind in FORMATS:
            return self.base(FORMATS[kind])
        if kind == "null":
            return "None"
        if kind == "literal":
            text = f"{self.use('typing', 'Literal')}[{', '.join(pyrepr(v) for v in ref.values)}]"
            return self.one_of(text) if self.sorts(ref) is None else text
        if kind == "model":
            target = self.models.get(ref.model)
            if target is not None and target.root and ref.model in self.inline:
                return self(target.root)
            self.classes.add(ref.model)
            if target is not None and target.kind == "enum" and not self.sorts(ref):
                return self.one_of(ref.model)  # float values: msgspec takes str or int
            return ref.model
        if kind == "list":
            return self.constrained(f"list[{self(ref.args[0])}]", ref)
        if kind == "dict":
            key = self(ref.args[1]) if len(ref.args) > 1 else "str"
            return self.constrained(f"dict[{key}, {self(ref.args[0])}]", ref)
        if kind == "tuple":
            return f"tuple[{', '.join(self(a) for a in ref.args)}]"
        if kind == "union":
            return self.union(ref)
        return self.use("typing", "Any")

    def sorts(self, ref: TypeRef) -> tuple[str, ...] | None:
        """The JSON types `ref` decodes from, when msgspec decodes it alone
        inside a union (None: it needs the Python fallback). "str*": a
        string of a narrower type; "lit:str": string literals (they go
        with `str`, not with another string type)."""
        if ref.kind == "literal":
            if any(isinstance(v, float) for v in ref.values):
                return None
            names = {SORTS.get(type(v).__name__, "null") for v in ref.values}
            return tuple(sorted(f"lit:{n}" for n in names))
        if ref.kind == "model":
            target = self.models.get(ref.model)
            if target is not None and target.root and ref.model in self.inline:
                return self.sorts(target.root)
            if target is None or target.kind == "root":
                return None
            if target.kind == "enum":
                return (
                    None if target.enum_type == "float" else (f"{target.enum_type}*",)
                )
            return ("object",)
        if ref.kind in FORMATS:
            return ("str*",)
        if ref.kind == "union" and not ref.tag:
            members = [a for a in ref.args if a.kind != "null"]
            if self.native(members):
                found = [s for a in members for s in self.sorts(a) or ()]
                return tuple(found) + (
                    ("null",) if len(members) < len(ref.args) else ()
                )
        return (SORTS[ref.kind],) if ref.kind in SORTS else None

    def union(self, ref: TypeRef) -> str:
        members = [a for a in ref.args if a.kind != "null"]
        if not members:
            return "None"
        if any(a.kind == "any" for a in members):
            inner = self.use("typing", "Any")
        elif len(members) == 1:
            inner = self(members[0])
        elif ref.tag:
            inner = self.tagged(ref, members)
        else:
            inner = " | ".join(self(a) for a in members)
            if not self.native(members):
                self.fallbacks.append(inner)
                inner = self.one_of(inner)
        return f"{inner} | None" if len(members) < len(ref.args) else inner

    def native(self, members: list[TypeRef]) -> bool:
        """Whether msgspec tells the members apart: one per JSON type (int
        and float are two), literals only beside their plain type."""
        plain: list[str] = []
        literals: set[str] = set()
        for member in members:
            sorts = self.sorts(member)
            if sorts is None:
                return False
            plain.extend(s for s in sorts if not s.startswith("lit:"))
            literals.update(s[4:] for s in sorts if s.startswith("lit:"))
        bare = [s.rstrip("*") for s in plain]
        return len(bare) == len(set(bare)) and not any(
            f"{lit}*" in plain for lit in literals
        )

    def tagged(self, ref: TypeRef, members: list[TypeRef]) -> str:
        """`A | B` (msgspec's tags), else
        `OneOf[A | B, Route(tag, {value: "A", ...}, absent=..., ...)]`."""
        inner = " | ".join(self(a) for a in members)
        if tags.native(ref, self.tags):
            return inner
        self.fallbacks.append(f"Route\0{inner}")
        routes = tags.routes_of(ref)
        values = ", ".join(
            f"{pyrepr(k)}: {pyrepr('|'.join(r))}" for k, r in routes.values if r
        )
        extra = "".join(
            f", {name}={pyrepr('|'.join(route))}"
            for name, route in (
                ("absent", routes.absent),
                ("other", routes.other),
                ("null", routes.null),
                ("other_json", routes.other_json),
            )
            if route
        )
        route = f"{self.base('Route')}({pyrepr(ref.tag)}, {{{values}}}{extra})"
        return self.one_of(inner, route)


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


def closed_trees(document: Document) -> set[str]:
    """Models from which no open object (one keeping unknown properties) is reachable."""
    models: dict[str, Model] = {m.name: m for m in document.models}
    edges: dict[str, set[str]] = {m.name: set(m.references()) for m in document.models}
    for model in document.models:
        edges[model.name].update(p.name for p in lineage(model, models)[1:])
    open_: set[str] = {
        m.name
        for m in document.models
        if (m.kind == "object" and not m.closed) or any(map(has_tuple, kinds(m)))
    }
    changed = True
    while changed:
        changed = False
        for name, targets in edges.items():
            if name not in open_ and targets & open_:
                open_.add(name)
                changed = True
    return {m.name for m in document.models if m.name not in open_}


def kinds(model: Model) -> list[TypeRef]:
    return [f.type for f in model.fields] + [t for t in (model.root, model.extra) if t]


def has_tuple(ref: TypeRef) -> bool:
    return ref.kind == "tuple" or any(map(has_tuple, ref.args))


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
    if model.closed != bool(parent and parent.closed):
        settings.append(Code(f"_closed = {model.closed}"))
    checks: list[Code] = []
    if any(has_checks(p) for p in lineage(model, models)[1:]) and has_checks(model):
        checks.append(Code("super().__post_init__()"))
    if model.presence:
        checks.append(Code(presence_code(model)))
        annotate.base("Presence")
    for field in model.fields:
        if field.type.unique:
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
            if not (prop and f.name == prop)
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


def root_parts(
    model: Model, annotate: Annotator, deferred: set[str], closed: set[str]
) -> dict[str, Any]:
    ref = model.root or TypeRef("any")
    text = annotate(ref)
    if (set(ref.models()) | set(model.also)) & (deferred | {model.name}):
        text = pyrepr(text)  # resolved on first use, once every module is loaded
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
        settings=tuple(settings),
        root_checks=tuple(checks),
    )


@dataclass(frozen=True)
class Plan:
    """What the modules of one document are written from."""

    models: dict[str, Model]
    peers: dict[str, Any]  # pycode.Peers of each model
    closed: set[str]  # see `closed_trees`
    inline: set[str]  # root models written as their type where used
    tags: dict[str, tuple[str, str]]  # see `msgspec_tags.tag_plan`

    @classmethod
    def of(cls, document: Document) -> Plan:
        peers = cycle_peers(document)
        inline: set[str] = {
            m.name
            for m in document.models
            if m.root
            and not (m.also or m.root.unique or peers[m.name].same)
            and m.name not in m.root.models()
        }
        models: dict[str, Model] = {m.name: m for m in document.models}
        plan = tags.tag_plan(document)
        return cls(models, peers, closed_trees(document), inline, plan)


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
            kind = "Route" if union.startswith("Route") else "OneOf"
            shown = " ".join(union.split("\0")[-1].split())[:200]
            message = f"msgspec: the union {shown} {FALLBACKS[kind]}"
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
    from ..render.pycode import package_files

    env = environment()
    python = context.python
    base = env.get_template("msgspec/_base.py.jinja").render(
        doc=BASE_DOC.format(title=document.title or "the API"),
        header=context.header,
        typing_names=Code(
            "TYPE_CHECKING, Any, Generic, Self, TypeVar"
            if python >= (3, 11)
            else "TYPE_CHECKING, Any, Generic, TypeVar"
        ),
        extension_imports=(
            [] if python >= (3, 11) else [Code("from typing_extensions import Self")]
        ),
    )
    files = package_files(context, env, base)
    template = env.get_template("msgspec/model.py.jinja")
    plan, made = views(document, python)
    for model, (view, _) in zip(document.models, made):
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
)
