"""TypedDict target: static types for JSON payloads, nothing at runtime but `typing`.

Objects are `TypedDict` classes keyed by wire names (a key that cannot be a
class attribute goes into a functional-form part the class inherits from);
enums and consts are `Literal` aliases, root models and unions type aliases.
Formats that JSON carries as text (date-time, date, time, uuid) stay `str`.

Optional keys: Python 3.11 marks them `NotRequired`. For Python 3.10, whose
`typing` has no `NotRequired`, the required keys go into a `total=True` part
and the class declares the optional ones with `total=False`, so the package
needs nothing beyond the standard library on either version.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass

from .. import marks
from ..diagnostics import Diagnostic, Level
from ..ir import Document, Field, Model, TypeRef
from ..naming import NameRules
from ..render import pycode
from ..render.docexample import python_literal
from ..render.examples import declared_only
from ..render.filters import Code, ident, pyrepr
from ..render.inplace import one_literal
from ..render.layout import class_header, item, statement
from ..render.pycode import CodeContext, Imports, cycle_peers, package_files
from .base import ExampleContext, Target
from .typeddict_names import Forwards, is_typeddict, own_fields, spell

TEXT_KINDS = ("str", "datetime", "date", "time", "uuid")
PLAIN = {"int": "int", "float": "float", "bool": "bool", "null": "None"}
CODE_NAMES = frozenset(
    "Any Literal NotRequired TypeAlias TypedDict Union TYPE_CHECKING".split()
)


@dataclass(frozen=True)
class Key:
    """One key of a class-form TypedDict."""

    line: Code
    doc: str


@dataclass(frozen=True)
class Part:
    """One statement defining a TypedDict: a class (with keys) or a functional form."""

    header: Code  # the `class ...:` line(s), or the whole functional statement
    doc: str = ""
    keys: tuple[Key, ...] = ()
    functional: bool = False
    after_imports: bool = False  # a functional form first: one blank line before


@dataclass(frozen=True)
class View:
    module_doc: str
    imports: tuple[Code, ...]
    parts: tuple[Part, ...]
    alias: Code | None  # `Name: TypeAlias = ...` for enums, roots and open maps
    doc: str
    tail_imports: tuple[Code, ...]


class Annotator:
    """`TypeRef` → annotation text; records the typing names and models it uses."""

    def __init__(
        self, quote: frozenset[str], inline: dict[str, TypeRef] | None = None
    ) -> None:
        self.quote = quote  # models not bound yet when the statement runs
        self.inline = inline or {}  # aliases a key spells out (typeddict_names)
        self.imports = Imports()
        self.names = self.imports.classes

    def use(self, name: str) -> str:
        return self.imports.use("typing", name)

    def __call__(self, ref: TypeRef) -> str:
        kind = ref.kind
        if kind in TEXT_KINDS:
            return "str"
        if kind in PLAIN:
            return PLAIN[kind]
        if kind == "literal":
            return self.literal(ref.values)
        if kind == "model":
            self.names.add(ref.model)
            return f'"{ref.model}"' if ref.model in self.quote else ref.model
        if kind == "list":
            return f"list[{self(ref.args[0])}]"
        if kind == "tuple":  # a JSON array: a list of any of the item types
            return f"list[{self.either([self(a) for a in ref.args])}]"
        if kind == "dict":
            key = self(ref.args[1]) if len(ref.args) > 1 else "str"
            return f"dict[{key}, {self(ref.args[0])}]"
        if kind == "union":
            return self.either([self(a) for a in one_literal(list(ref.args))])
        return self.use("Any")

    def literal(self, values: tuple[object, ...]) -> str:
        """`Literal[...]`; floats are no literal type, so they widen to `float`."""
        exact = [v for v in values if v is not None and not isinstance(v, float)]
        listed = ", ".join(pyrepr(v) for v in exact)
        parts = [f"{self.use('Literal')}[{listed}]"] if exact else []
        if any(isinstance(v, float) for v in values):
            parts.append("float")
        if None in values:
            parts.append("None")
        return self.either(parts)

    def either(self, parts: list[str]) -> str:
        """`A | B` (once each); `Union[...]` when a quoted name takes part,
        since `"A" | B` fails when the statement runs."""
        parts = list(dict.fromkeys(parts))
        if "Any" in parts:
            return "Any"
        if len(parts) == 1:
            return parts[0]
        if any(p.startswith('"') for p in parts):
            return f"{self.use('Union')}[{', '.join(parts)}]"
        return " | ".join(parts)


def class_key(name: str) -> bool:
    """Whether a wire name can be a key in a class body (else: functional form).

    Not a keyword, ASCII (identifiers are NFKC-normalised) and no leading
    `__` (names are mangled in a class body)."""
    return (
        name.isidentifier()
        and name.isascii()
        and not keyword.iskeyword(name)
        and not name.startswith("__")
    )


def shadows(fields: list[Field], annotate: Annotator, marked: bool) -> bool:
    """Whether a key would hide a name the types of the keys after it use
    (`Driver: Driver` then `Templating: Driver`, or `int` then `count: int`):
    type checkers read a class body's names in its later annotations."""
    seen: set[str] = set()
    for field in fields:
        text = _STRINGS.sub("", key_type(field, annotate, marked))
        if seen.intersection(re.findall(r"[A-Za-z_]\w*", text)):
            return True
        seen.add(field.name)
    return False


_STRINGS = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")  # literals' text


def key_type(field: Field, annotate: Annotator, marked: bool) -> str:
    ref, nullable = spell(field.type, annotate.inline), field.nullable
    if nullable and ref is not field.type and ref.kind == "union":
        ref, nullable = TypeRef("union", args=(*ref.args, TypeRef("null"))), False
    text = annotate(ref)
    if nullable:
        text = annotate.either([text, "None"])
    if marked and not field.required:
        text = f"{annotate.use('NotRequired')}[{text}]"
    return text


def functional(
    name: str, fields: list[Field], total: bool, annotate: Annotator, marked: bool
) -> Code:
    """`name = TypedDict("name", {...})`, exploded as black explodes it."""
    body = "".join(
        item(f"{pyrepr(f.name)}: {key_type(f, annotate, marked)}", 8) + "\n"
        for f in fields
    )
    # keys that could be a class's, were it not for a name they hide: ruff asks for one
    mark = f"  {marks.CLASS_FORM}" if all(class_key(f.name) for f in fields) else ""
    head = f'{name} = {annotate.use("TypedDict")}({mark}\n    "{name}",\n    {{\n'
    tail = "" if total else "    total=False,\n"
    return Code(f"{head}{body}    }},\n{tail})")


def object_parts(
    model: Model, models: dict[str, Model], annotate: Annotator, python: tuple[int, int]
) -> tuple[Part, ...]:
    """The TypedDict statements of an object model: private parts, then the
    class. The last group of keys goes in the class if its keys can."""
    base, fields = own_fields(model, models)
    annotate.names.update([base] if base else [])
    marked = python >= (3, 11)
    required = [f for f in fields if f.required]
    optional = [f for f in fields if not f.required]
    groups = (
        [(fields, True, "Keys")]
        if marked
        else [(required, True, "Required"), (optional, False, "Optional")]
    )
    groups = [g for g in groups if g[0]]
    parts: list[Part] = []
    bases, own, total = [base] if base else [], [], True
    for index, (group, whole, suffix) in enumerate(groups):
        private = f"_{model.name}{suffix}"
        safe = all(class_key(f.name) for f in group) and not shadows(
            group, annotate, marked
        )
        if safe and index == len(groups) - 1:
            own, total = group, whole
            continue
        if safe:
            header = class_header(private, class_bases([], whole, annotate))
            keys = tuple(key_line(f, annotate, marked) for f in group)
            parts.append(Part(Code(header), f"Keys of {model.name}.", keys))
        else:
            code = functional(private, group, whole, annotate, marked)
            parts.append(Part(code, functional=True, after_imports=not parts))
        bases.append(private)
    header = class_header(ident(model.name), class_bases(bases, total, annotate))
    doc = model.description or f"{model.name} model."
    keys = tuple(key_line(f, annotate, marked) for f in own)
    return tuple(parts) + (Part(Code(header), doc, keys),)


def class_bases(bases: list[str], total: bool, annotate: Annotator) -> str:
    names = bases or [annotate.use("TypedDict")]
    return ", ".join(names + ([] if total else ["total=False"]))


def key_line(field: Field, annotate: Annotator, marked: bool) -> Key:
    text = statement(f"{ident(field.name)}: {key_type(field, annotate, marked)}", 4)
    return Key(Code(text), field.description)


def alias_code(model: Model, annotate: Annotator) -> Code:
    """`Name: TypeAlias = ...` for an enum, a root model or an open map."""
    if model.kind == "enum":
        text = annotate.literal(tuple(m.value for m in model.members))
    elif model.kind == "root":
        text = annotate(model.root or TypeRef("any"))
    else:
        value = annotate(model.extra) if model.extra else annotate.use("Any")
        text = f"dict[str, {value}]"
    return Code(
        statement(f"{ident(model.name)}: {annotate.use('TypeAlias')} = {text}", 0)
    )


def model_view(model: Model, forwards: Forwards, python: tuple[int, int]) -> View:
    """Cycle peers are imported after the class, and so are the names its
    inherited annotations leave quoted (they are resolved in this module)."""
    models = forwards.models
    deferred = forwards.peers[model.name].same - {model.base or ""}
    annotate = Annotator(frozenset(deferred | {model.name}), forwards.inline)
    parts: tuple[Part, ...] = ()
    alias = None
    if is_typeddict(model, models):
        parts = object_parts(model, models, annotate, python)
    else:
        alias = alias_code(model, annotate)
    annotate.names.discard(model.name)
    head, tail = annotate.imports.block(models, deferred)
    needed = forwards.needed(model.name) - annotate.names
    tail += pycode.reexports(model.name, "\n".join(head + tail), needed, models)
    return View(
        module_doc=f"The {model.name} type.",
        imports=head,
        parts=parts,
        alias=alias,
        doc=model.description or f"{model.name} type.",
        tail_imports=tail,
    )


def code(document: Document, context: CodeContext) -> list[tuple[str, str]]:
    """Every file of the package: (path, unformatted text). No runtime module."""
    from ..render import environment

    env = environment()
    models: dict[str, Model] = {m.name: m for m in document.models}
    forwards = Forwards(models, cycle_peers(document, context.only))
    template = env.get_template("typeddict/model.py.jinja")
    files = [f for f in package_files(context, env, "") if f[0] != "models/_base.py"]
    for model in filter(context.chosen, document.models):
        view = model_view(model, forwards, context.python)
        files.append(
            (
                f"models/{model.module}.py",
                template.render(view=view, header=context.header),
            )
        )
    return files


def example(context: ExampleContext) -> str:
    """The docs' Example: the payload as a typed assignment mypy checks."""
    name = context.model.name
    models = dict(context.models)
    value = declared_only(TypeRef("model", model=name), context.value, models)
    return "\n".join(
        [
            f"from {context.package}.models import {name}",
            "",
            f"payload: {name} = {python_literal(value)}",
            "print(payload)",
        ]
    )


def warnings(document: Document) -> list[Diagnostic]:
    """A warning per property named "": type checkers refuse it as a key."""
    models: dict[str, Model] = {m.name: m for m in document.models}
    return [
        Diagnostic(
            Level.WARNING,
            *model.source.partition("#")[::2],
            'typeddict: the property named "" is no key type checkers accept; '
            "it is left out of the TypedDict (payloads may still hold it)",
        )
        for model in document.models
        if any(f.name == "" for f in model.fields) and is_typeddict(model, models)
    ]


TARGET = Target(
    name="typeddict",
    summary="TypedDict classes and Literal aliases for JSON payloads (typing only)",
    requires=(),
    names=NameRules(code_names=CODE_NAMES, library="TypedDict"),
    code=code,
    doc_types={**dict.fromkeys(TEXT_KINDS[1:], "str"), "any": "Any"},
    example=example,
    warnings=warnings,
    default_python=(3, 11),
    runtime=False,
)
