"""Markdown target: one page per model in the seed's layout, plus an index."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..ir import Document, Field, Model, TypeRef
from .docexample import example_block
from .examples import Synthesizer
from .filters import md_cell, md_name

if TYPE_CHECKING:
    from ..targets.base import Target


class Md(str):
    """Markdown assembled by the renderer from escaped parts."""


PY_NAMES = {
    "str": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "datetime": "datetime",
    "date": "date",
    "uuid": "UUID",
    "any": "object",
    "null": "None",
}


@dataclass(frozen=True)
class Row:
    name: str
    type: Md
    description: str
    notes: Md


@dataclass(frozen=True)
class Member:
    value: Md
    name: Md
    description: str


def plain_type(
    ref: TypeRef, names: Mapping[str, str] = PY_NAMES
) -> tuple[str, str | None]:
    """(Python type text, the model it links to) as the seed writes types;
    `names`: the text of each scalar kind."""
    kind = ref.kind
    if kind == "model":
        return ref.model, ref.model
    if kind == "literal":
        values = {type(v).__name__ for v in ref.values}
        return (values.pop() if len(values) == 1 else "object"), None
    if kind == "list":
        inner, link = plain_type(ref.args[0], names)
        return f"List[{inner}]", link
    if kind == "dict":
        inner, link = plain_type(ref.args[0], names)
        return f"Dict[str, {inner}]", link
    if kind == "tuple":
        parts = [plain_type(a, names) for a in ref.args]
        links = [link for _, link in parts if link]
        return f"Tuple[{', '.join(p for p, _ in parts)}]", (
            links[0] if len(links) == 1 else None
        )
    if kind == "union":
        parts = [plain_type(a, names) for a in ref.args if a.kind != "null"]
        links = [link for _, link in parts if link]
        text = (
            parts[0][0]
            if len(parts) == 1
            else f"Union[{', '.join(p for p, _ in parts)}]"
        )
        return text, links[0] if len(links) == 1 else None
    return names.get(kind, "object"), None


def type_cell(ref: TypeRef, names: Mapping[str, str] = PY_NAMES) -> Md:
    text, link = plain_type(ref, names)
    if link:
        return Md(f"[**{text}**]({link}.md)")
    return Md(f"**{text}**")


def literal_text(value: Any) -> str:
    return md_name(json.dumps(value, ensure_ascii=False))


def enum_values(ref: TypeRef) -> list[Any]:
    if ref.kind == "literal":
        return list(ref.values)
    if ref.kind in ("union", "list"):
        return [v for a in ref.args for v in enum_values(a)]
    return []


def notes_cell(field: Field, attributes: bool = True) -> Md:
    """`attributes`: the target's classes have Python attributes (else the
    wire names are the keys, and no rename is noted)."""
    notes = []
    if attributes and field.attr != field.name:
        why = field.renamed
        reason = f"; {why.split(': ', 1)[1].rstrip('.')}" if why else ""
        notes.append(f"[python: `{field.attr}`{md_cell(reason)}]")
    if not field.required:
        notes.append("[optional]")
    if field.default_json is not None:
        notes.append(f"[default to {literal_text(json.loads(field.default_json))}]")
    if field.nullable:
        notes.append("[nullable]")
    if field.read_only:
        notes.append("[readonly]")
    if field.write_only:
        notes.append("[writeonly]")
    if field.deprecated:
        notes.append("[deprecated]")
    values = enum_values(field.type)
    if values:
        shown = ", ".join(literal_text(v) for v in values[:50])
        more = f" and {len(values) - 50} more" if len(values) > 50 else ""
        notes.append(f"[enum: {shown}{more}]")
    for key, value in _constraints(field.type):
        notes.append(f"[{key}: {literal_text(value)}]")
    return Md(" ".join(notes))


def _constraints(ref: TypeRef) -> list[tuple[str, Any]]:
    found = list(ref.constraints)
    if ref.unique:
        found.append(("uniqueItems", True))
    if ref.kind == "union":
        for arg in ref.args:
            found.extend(_constraints(arg))
    return found


def rows(
    model: Model, names: Mapping[str, str] = PY_NAMES, attributes: bool = True
) -> list[Row]:
    return [
        Row(f.name, type_cell(f.type, names), f.description, notes_cell(f, attributes))
        for f in model.fields
    ]


def page_view(
    model: Model,
    document: Document,
    synth: Synthesizer,
    package: str,
    users: dict[str, list[tuple[str, str]]],
    target: Target | None = None,
    inline: Collection[str] = (),
) -> dict[str, Any]:
    """The names the page template reads; `inline`: as in `example_block`."""
    from .relations import diagram, used_by_lines

    names = {**PY_NAMES, **target.doc_types} if target else PY_NAMES
    example = example_block(model, synth, package, target, inline)
    root_type = type_cell(model.root, names) if model.root else None
    return {
        "model": model,
        "rows": rows(model, names, target.runtime if target else True),
        "example": example,
        "root_type": root_type,
        "members": [
            Member(Md(literal_text(m.value)), Md(f"`{m.name}`"), m.description)
            for m in model.members
        ],
        # the Python names and descriptions, when the spec named the members
        "member_names": any(m.title or m.description for m in model.members),
        "base": model.base,
        "closed": model.closed,
        "extra": type_cell(model.extra, names) if model.extra else None,
        "presence": presence_lines(model),
        "subclasses": subclass_rows(model),
        "also": [Md(f"[**{name}**]({name}.md)") for name in model.also],
        "used_by": used_by_lines(model, users),
        "diagram": diagram(model, document, users),
        "branches": [
            Md(f"[**{a.model}**]({a.model}.md)")
            for a in (
                model.root.args if model.root and model.root.kind == "union" else ()
            )
            if a.kind == "model"
        ],
    }


def subclass_rows(model: Model) -> list[tuple[Md, Md, Md]]:
    """(tag property, value, subclass link) of each subclass the discriminator
    (the model's or a parent's) names, for the Subclasses table."""
    found = model.subclasses
    if found is None:
        return []
    tag = Md(literal_text(found.tag))
    return [
        (tag, Md(literal_text(value)), Md(f"[**{name}**]({name}.md)"))
        for value, name in found.values
    ]


def presence_lines(model: Model) -> list[Md]:
    """Which properties go together, as sentences."""
    rules = model.presence
    if rules is None:
        return []

    def sets(value: tuple[tuple[str, ...], ...]) -> str:
        return " or ".join(
            " and ".join(f"**{md_name(n)}**" for n in names) for names in value
        )

    lines = [
        Md(f"{lead}: {sets(value)}.")
        for lead, value in (
            ("At least one of", rules.any_of),
            ("Exactly one of", rules.one_of),
        )
        if value
    ]
    lines += [Md(f"Never all of: {sets((names,))}.") for names in rules.none_of]
    return lines


IndexRow = tuple[str, tuple[str, ...], str]  # summary, tags, kind


def index_row(model: Model, link_base: str = "") -> IndexRow:
    """What the docs index shows of one model."""
    return str(summary(model, link_base)), model.tags, model.kind


def index_view(
    document: Document, link_base: str = "", rows: dict[str, IndexRow] | None = None
) -> dict[str, Any]:
    """Every model alphabetically, then grouped by the tags of the operations using it.
    `rows`: each model's `index_row`, in document order (else from `document`)."""
    if rows is None:
        rows = {m.name: index_row(m, link_base) for m in document.models}
    items = sorted(
        ({"name": name, "summary": Md(row[0])} for name, row in rows.items()),
        key=lambda item: str(item["name"]).lower(),
    )
    groups: dict[str, list[str]] = {}
    for name, (_, tags, _) in rows.items():
        for tag in tags:
            groups.setdefault(tag, []).append(name)
    tagged = [
        {"tag": tag, "anchor": Md(anchor(tag)), "models": sorted(names, key=str.lower)}
        for tag, names in sorted(groups.items(), key=lambda kv: kv[0].lower())
    ]
    kinds = {
        kind: sum(row[2] == kind for row in rows.values())
        for kind in ("object", "enum", "root")
    }
    return {
        "title": document.title or "Models",
        "version": document.version,
        "count": len(items),
        "kinds": kinds,
        "models": items,
        "groups": tagged,
        "untagged": sum(not row[1] for row in rows.values()),
    }


def anchor(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9 _-]", "", text.lower()).strip().replace(" ", "-")


def summary(model: Model, link_base: str = "") -> str:
    first = model.description.strip().split("\n\n")[0]
    return md_cell(first, link_base)


__all__ = ["page_view", "summary", "Md", "md_cell"]
