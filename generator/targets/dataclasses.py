"""The `dataclasses` target: standard-library dataclasses, no runtime dependency.

Each class carries its schema as data (`_schema_()`: wire name, attribute
and a compact type descriptor per property) that the runtime in
`templates/dataclasses/_base.py.jinja` turns into a converter on first use.
Model classes named in annotations are imported for type checkers only, and
in `_schema_()` when it runs: a model module imports no other model module
(only its `allOf` parent), so reference cycles need no special order.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ir import Document, Field, Model, Routes, TypeRef, or_null
from ..naming import NameRules
from ..render.filters import Code, ident, pyrepr
from ..render.layout import LINE, class_header, layout, split_items, statement
from ..render.pycode import CodeContext, import_lines, name_order, natural
from .base import Target
from .pydantic import field_doc

SCALARS = {"str": "str", "time": "str", "int": "int", "float": "float", "bool": "bool"}
TEXT_KINDS = ("str", "time", "datetime", "date", "uuid")
STAMPS = {"datetime": ("datetime", "datetime"), "date": ("datetime", "date")}
# Names the generated modules import: an attribute or class of the same name would shadow them.
CODE_NAMES = frozenset(
    """TYPE_CHECKING Any Literal Union Enum StrEnum UUID date datetime dataclass
    ApiModel ApiRoot Schema UNSET Unset""".split()
)
RESERVED = frozenset("from_dict from_json to_dict to_json extra_properties".split())
BASE_DOC = """Runtime support shared by the generated models of {title}.

Standard library only. Every model validates strictly (no silent
coercion: "5" is not an integer) and names the JSON path of what it
rejects; it keeps unknown properties unless the schema closes the object,
and writes back exactly the properties it read: absent ones are UNSET and
omitted by to_dict, explicit nulls stay null."""


@dataclass
class Imports:
    """The names a model module needs: at run time, and for type checkers only."""

    runtime: dict[str, set[str]]
    typing: dict[str, set[str]]
    local: dict[str, str]  # class → module, imported inside `_schema_()`

    def use(self, module: str, name: str, typing: bool = True) -> str:
        (self.typing if typing else self.runtime).setdefault(module, set()).add(name)
        return name


class Writer:
    """Annotations and schema descriptors of one model's types."""

    def __init__(self, model: Model, models: dict[str, Model]) -> None:
        self.model = model
        self.models = models
        self.imports = Imports({}, {}, {})

    def cls(self, name: str) -> str:
        if name != self.model.name:
            self.imports.use(f".{self.models[name].module}", name)
            self.imports.local[name] = self.models[name].module
        return name

    def annotation(self, ref: TypeRef) -> str:
        kind = ref.kind
        if kind in SCALARS:
            return SCALARS[kind]
        if kind in STAMPS:
            return self.imports.use(*STAMPS[kind])
        if kind == "uuid":
            return self.imports.use("uuid", "UUID")
        if kind == "null":
            return "None"
        if kind == "literal":
            values = ", ".join(pyrepr(v) for v in ref.values)
            return f"{self.imports.use('typing', 'Literal')}[{values}]"
        if kind == "model":
            return self.cls(ref.model)
        if kind == "list":
            return f"list[{self.annotation(ref.args[0])}]"
        if kind == "dict":
            return f"dict[str, {self.annotation(ref.args[0])}]"
        if kind == "tuple":
            return f"tuple[{', '.join(map(self.annotation, ref.args))}]"
        if kind == "union":
            members = [a for a in ref.args if a.kind != "null"]
            parts = list(dict.fromkeys(self.annotation(a) for a in members))
            if len(members) < len(ref.args):
                parts.append("None")
            return " | ".join(parts) or "None"
        return self.imports.use("typing", "Any")

    def descriptor(self, ref: TypeRef) -> str:
        kind = ref.kind
        if kind in SCALARS or kind in STAMPS or kind == "uuid":
            rules = self.rules(ref)
            return f"({pyrepr(kind)}, {rules})" if rules != "{}" else pyrepr(kind)
        if kind in ("null", "any"):
            return pyrepr(kind)
        if kind == "literal":
            return f'("const", {tuple_code([pyrepr(v) for v in ref.values])})'
        if kind == "model":
            return self.cls(ref.model)
        if kind in ("list", "dict"):
            return (
                f"({pyrepr(kind)}, {self.descriptor(ref.args[0])}, {self.rules(ref)})"
            )
        if kind == "tuple":
            return f'("tuple", {tuple_code([self.descriptor(a) for a in ref.args])})'
        if kind == "union":
            return self.union(ref)
        return pyrepr("any")

    def rules(self, ref: TypeRef) -> str:
        """The JSON Schema validation keywords of a type, as a dict literal."""
        pairs = [(key, value) for key, value in ref.constraints if key in KEYWORDS]
        if ref.unique:
            pairs.append(("uniqueItems", True))
        return "{" + ", ".join(f"{pyrepr(k)}: {pyrepr(v)}" for k, v in pairs) + "}"

    def union(self, ref: TypeRef) -> str:
        members = [a for a in ref.args if a.kind != "null"]
        null = [pyrepr("null")] if len(members) < len(ref.args) else []
        if ref.tag and len(members) > 1:
            inner = self.tagged(ref)
            return f'("union", ({inner}, {null[0]}))' if null else inner
        parts = [self.descriptor(a) for a in members] + null
        return parts[0] if len(parts) == 1 else f'("union", {tuple_code(parts)})'

    def tagged(self, ref: TypeRef) -> str:
        routes = ref.routes or Routes(values=tuple((k, (v,)) for k, v in ref.mapping))

        def classes(route: tuple[str, ...]) -> str:
            return tuple_code([self.cls(m) for m in route]) if route else "None"

        table = ", ".join(f"{pyrepr(k)}: {classes(r)}" for k, r in routes.values if r)
        rest = [routes.absent, routes.other, routes.null, routes.other_json]
        return (
            f'("tagged", {pyrepr(ref.tag)}, {{{table}}}, '
            + ", ".join(classes(r) for r in rest)
            + ")"
        )


KEYWORDS = frozenset(
    """minLength maxLength pattern minimum maximum exclusiveMinimum exclusiveMaximum
    multipleOf minItems maxItems minProperties maxProperties""".split()
)


def tuple_code(items: list[str]) -> str:
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def field_type(field: Field) -> TypeRef:
    """The property's type, with null when the schema lets it be null."""
    has_null = field.type.kind == "null" or (
        field.type.kind == "union" and any(a.kind == "null" for a in field.type.args)
    )
    return or_null(field.type, field.nullable and not has_null)


@dataclass(frozen=True)
class FieldView:
    line: Code
    doc: str


@dataclass(frozen=True)
class ModelView:
    module_doc: str
    doc: str
    decorator: Code | None
    header: Code
    imports: tuple[Code, ...]
    typing_imports: tuple[Code, ...]
    fields: tuple[FieldView, ...]
    members: tuple[object, ...]
    schema_imports: tuple[Code, ...]
    schema: Code | None


def declaration(attr: str, annotation: str, value: str, writer: Writer) -> Code:
    """`attr: annotation = value` in a class body, as black lays it out; a union
    too long for one line is spelled `Union[...]`, which black can split."""
    line = statement(f"{ident(attr)}: {annotation}{value}", 4)
    parts = split_items(annotation, "|")
    if len(f"    {attr}: {annotation}{value}") > LINE and len(parts) > 1:
        union = f"{writer.imports.use('typing', 'Union')}[{', '.join(parts)}]"
        line = statement(f"{ident(attr)}: {union}{value}", 4)
    return Code(line)


def field_view(field: Field, writer: Writer) -> FieldView:
    text = writer.annotation(field_type(field))
    value = ""
    if not field.required:
        text = f"{text} | {writer.imports.use('._base', 'Unset', typing=False)}"
        value = f" = {writer.imports.use('._base', 'UNSET', typing=False)}"
    return FieldView(declaration(field.attr, text, value, writer), field_doc(field))


def schema_code(model: Model, writer: Writer) -> str:
    """`Schema(...)`: the model's properties and rules as data."""
    args: list[str] = []
    if model.kind == "root":
        args.append(f"root={writer.descriptor(model.root or TypeRef('any'))}")
        if model.also:
            args.append(f"also={tuple_code([writer.cls(n) for n in model.also])}")
    else:
        rows = [
            f"({pyrepr(f.name)}, {pyrepr(f.attr)}, {writer.descriptor(field_type(f))}, {f.required})"
            for f in model.fields
        ]
        if rows:
            args.append(tuple_code(rows))
        if model.closed:
            args.append("closed=True")
        if model.extra is not None:
            args.append(f"extra={writer.descriptor(model.extra)}")
        if model.presence:
            rules = model.presence
            sets = [
                (
                    tuple_code(
                        [tuple_code([pyrepr(n) for n in names]) for names in group]
                    )
                    if group
                    else "()"
                )
                for group in (rules.any_of, rules.one_of, rules.none_of)
            ]
            args.append(f"presence=({', '.join(sets)})")
    return f"return {writer.imports.use('._base', 'Schema', typing=False)}({', '.join(args)})"


def model_view(
    model: Model, models: dict[str, Model], python: tuple[int, int]
) -> ModelView:
    writer = Writer(model, models)
    use = writer.imports.use
    fields: tuple[FieldView, ...] = ()
    schema = None
    decorator = Code(
        f"@{use('dataclasses', 'dataclass', typing=False)}(kw_only=True, slots=True)"
    )
    if model.kind == "enum":
        decorator = None
        if model.enum_type == "str" and python >= (3, 11):
            bases = use("enum", "StrEnum", typing=False)
        else:
            bases = f"{model.enum_type}, {use('enum', 'Enum', typing=False)}"
    else:
        if model.kind == "root":
            bases = use("._base", "ApiRoot", typing=False)
            root = model.root or TypeRef("any")
            line = declaration("root", writer.annotation(root), "", writer)
            fields = (FieldView(line, ""),)
        else:
            fields = tuple(field_view(f, writer) for f in model.fields)
            if model.base:
                bases = model.base
                use(f".{models[model.base].module}", model.base, typing=False)
            else:
                bases = use("._base", "ApiModel", typing=False)
        schema = Code("\n".join(layout(schema_code(model, writer), 8)))
    imports = writer.imports
    local = sorted(
        (n for n in imports.local if n != model.base and n != model.name),
        key=name_order,
    )
    typing = {
        m: names - imports.runtime.get(m, set())
        for m, names in imports.typing.items()
        if names - imports.runtime.get(m, set())
    }
    if typing:
        use("typing", "TYPE_CHECKING", typing=False)
    schema_imports = tuple(
        Code(line)
        for name in local
        for line in import_lines(f".{models[name].module}", [name], "        ")
    )
    return ModelView(
        module_doc=f"The {model.name} model.",
        doc=model.description or f"{model.name} model.",
        decorator=decorator,
        header=Code(class_header(ident(model.name), bases)),
        imports=block(imports.runtime),
        typing_imports=block(typing, "    "),
        fields=fields,
        members=model.members,
        schema_imports=schema_imports,
        schema=schema,
    )


def block(modules: dict[str, set[str]], indent: str = "") -> tuple[Code, ...]:
    """Import lines in isort's order: standard library, then the package's modules."""
    stdlib = sorted((m for m in modules if not m.startswith(".")), key=natural)
    local = sorted((m for m in modules if m.startswith(".")), key=natural)
    lines: list[str] = []
    for group in (stdlib, local):
        if lines and group:
            lines.append("")
        for module in group:
            lines.extend(import_lines(module, sorted(modules[module]), indent))
    return tuple(Code(line) for line in lines)


def code(document: Document, context: CodeContext) -> list[tuple[str, str]]:
    """Every Python file of the package: (path, unformatted text)."""
    from ..render import environment
    from ..render.pycode import package_files

    env = environment()
    models = {m.name: m for m in document.models}
    base = env.get_template("dataclasses/_base.py.jinja").render(
        header=context.header, doc=BASE_DOC.format(title=document.title or "the API")
    )
    files = package_files(context, env, base)
    template = env.get_template("dataclasses/model.py.jinja")
    for model in document.models:
        view = model_view(model, models, context.python)
        files.append(
            (
                f"models/{model.module}.py",
                template.render(view=view, header=context.header),
            )
        )
    return files


TARGET = Target(
    name="dataclasses",
    summary="standard-library dataclasses: no dependency, from_dict/to_dict with JSON-path errors",
    requires=(),
    names=NameRules(RESERVED, (), CODE_NAMES, "dataclasses"),
    code=code,
)
