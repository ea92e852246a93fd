"""The `dataclasses` target: standard-library dataclasses, no runtime dependency.

Each class carries its schema as data (`_schema_()`: wire name, attribute
and a compact type descriptor per property) that the runtime in
`templates/dataclasses/_base.py.jinja` turns into a converter on first use.
Model classes named in annotations are imported for type checkers only, and
in `_schema_()` when it runs: a model module imports no other model module
(only its `allOf` parent), so reference cycles need no special order.
"""

from __future__ import annotations

import re

from dataclasses import dataclass

from ..ir import Document, Field, Model, Subclasses, TypeRef
from ..naming import NameRules
from ..render.filters import Code, ident, pyrepr
from ..render.inplace import document_in_place, plain_roots
from ..render.layout import class_header, statement
from ..render.pycode import CodeContext, import_lines, natural
from .base import Target
from .dataclasses_table import Bracket, Part, bracket, call, lay, prefixed, tuple_part
from .dataclasses_types import Writer, field_type
from .pydantic import field_doc

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
RUNTIME_DOCS = {
    "_convert": "Converters of the models of {title}: JSON data → objects, made\n"
    "from each class's schema table on first use.",
    "_values": "JSON values of the models of {title}: the absent marker, the\n"
    "validation error, scalar types, formats and constraints.",
}


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
    """`attr: annotation = value` in a class body, as black lays it out (a long
    union in parentheses, split at its operators when still too long)."""
    return Code(statement(f"{ident(attr)}: {annotation}{value}", 4))


def field_view(field: Field, writer: Writer) -> FieldView:
    text = writer.annotation(field_type(field))
    value = ""
    if not field.required:
        text = f"{text} | {writer.imports.use('._base', 'Unset', typing=False)}"
        value = f" = {writer.imports.use('._base', 'UNSET', typing=False)}"
    return FieldView(declaration(field.attr, text, value, writer), field_doc(field))


def schema_code(model: Model, writer: Writer) -> Bracket:
    """`return Schema(...)`: the model's properties and rules as data."""
    args: list[Part] = []
    if model.kind == "root":
        args.append(prefixed("root=", writer.descriptor(model.root or TypeRef("any"))))
        if model.also:
            args.append(
                prefixed("also=", tuple_part(list(map(writer.cls, model.also))))
            )
    else:
        rows: list[Part] = [
            tuple_part(
                [
                    pyrepr(f.name),
                    pyrepr(f.attr),
                    writer.descriptor(field_type(f)),
                    str(f.required),
                ]
            )
            for f in model.fields
        ]
        if rows:
            args.append(tuple_part(rows))
        if model.closed:
            args.append("closed=True")
        if model.extra is not None:
            args.append(prefixed("extra=", writer.descriptor(model.extra)))
        if model.presence:
            rules = model.presence
            sets: list[Part] = [
                (
                    tuple_part(
                        [tuple_part(list(map(pyrepr, names))) for names in group]
                    )
                    if group
                    else "()"
                )
                for group in (rules.any_of, rules.one_of, rules.none_of)
            ]
            args.append(prefixed("presence=", bracket("", "(", sets)))
        below = [(v, n) for v, n in (model.subclasses or Subclasses("", ())).values]
        if below and model.subclasses:
            table: list[Part] = [
                tuple_part([pyrepr(v), writer.cls(n)]) for v, n in below
            ]
            pair: list[Part] = [pyrepr(model.subclasses.tag), tuple_part(table)]
            args.append(prefixed("subclasses=", tuple_part(pair)))
    schema = writer.imports.use("._base", "Schema", typing=False)
    return call(f"return {schema}", args)


def model_view(
    model: Model, models: dict[str, Model], python: tuple[int, int]
) -> ModelView:
    writer = Writer(model, models)
    use = writer.imports.use
    fields: tuple[FieldView, ...] = ()
    schema = None
    decorator: Code | None = None
    if model.kind == "enum":
        if model.enum_type == "str" and python >= (3, 11):
            bases = use("enum", "StrEnum", typing=False)
        else:
            bases = f"{model.enum_type}, {use('enum', 'Enum', typing=False)}"
    else:
        dataclass = use("dataclasses", "dataclass", typing=False)
        decorator = Code(f"@{dataclass}(kw_only=True, slots=True)")
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
        schema = Code("\n".join(lay(schema_code(model, writer), 8)))
    imports = writer.imports
    local = sorted(  # in isort's order: by module
        (n for n in imports.local if n != model.base and n != model.name),
        key=lambda n: natural(models[n].module),
    )
    # Names for type checkers only, where an annotation shows them (a typed
    # `additionalProperties` is only in the schema table, read at run time).
    shown = set(re.findall(r"\w+", " ".join([*(f.line for f in fields), bases])))
    typing = {
        m: kept
        for m, names in imports.typing.items()
        if (kept := (names - imports.runtime.get(m, set())) & shown)
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
    from ..render.pycode import package_files, typing_self

    env = environment()
    document = document_in_place(document)
    models: dict[str, Model] = {m.name: m for m in document.models}
    title = document.title or "the API"

    typing_names, extension_imports = typing_self("TYPE_CHECKING, Any", context.python)

    def runtime(name: str, doc: str) -> str:
        template = env.get_template(f"dataclasses/{name}.py.jinja")
        return template.render(
            header=context.header,
            doc=doc.format(title=title),
            typing_names=Code(typing_names),
            extension_imports=[Code(line) for line in extension_imports],
        )

    files = package_files(context, env, runtime("_base", BASE_DOC))
    if context.with_runtime:
        files[3:3] = [
            (f"models/{name}.py", runtime(name, doc))
            for name, doc in RUNTIME_DOCS.items()
        ]
    template = env.get_template("dataclasses/model.py.jinja")
    for model in filter(context.chosen, document.models):
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
    in_place=lambda document: plain_roots(document.models),
)
