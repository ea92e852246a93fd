"""Who uses whom: the "Used by" lists and the Mermaid class diagrams of the docs."""

from __future__ import annotations

from ..ir import Document, Model
from .filters import md_name
from .markdown import Md, plain_type

MAX_FIELDS = 20  # attributes listed in a diagram's class box
MAX_NEIGHBOURS = 12


def used_by(document: Document) -> dict[str, list[tuple[str, str]]]:
    """model → [(user model, wire name of the field; "" for base or root)]."""
    users: dict[str, list[tuple[str, str]]] = {}
    for model in document.models:
        if model.base:
            users.setdefault(model.base, []).append((model.name, ""))
        for field in model.fields:
            for target in field.type.models():
                users.setdefault(target, []).append((model.name, field.name))
        for ref in (model.root, model.extra):
            for target in ref.models() if ref else ():
                users.setdefault(target, []).append((model.name, ""))
    return {
        k: sorted(set(v), key=lambda item: (item[0].lower(), item[1]))
        for k, v in users.items()
    }


def used_by_lines(model: Model, users: dict[str, list[tuple[str, str]]]) -> list[Md]:
    lines = []
    for user, field in users.get(model.name, []):
        where = f": {md_name(field)}" if field else ""
        lines.append(Md(f"[**{user}**]({user}.md){where}"))
    return lines


def _mermaid_type(text: str) -> str:
    return text.replace("[", "~").replace("]", "~").replace(", ", "-").replace(" ", "")


def diagram(
    model: Model, document: Document, users: dict[str, list[tuple[str, str]]]
) -> Md | None:
    """A `classDiagram` of the model, what it references and who uses it."""
    if model.kind != "object" and not model.references():
        return None
    lines = ["classDiagram", f"    class {model.name} {{"]
    for field in model.fields[:MAX_FIELDS]:
        lines.append(
            f"        +{_mermaid_type(plain_type(field.type)[0])} {field.attr}"
        )
    if len(model.fields) > MAX_FIELDS:
        lines.append(f"        +{len(model.fields) - MAX_FIELDS} more")
    lines.append("    }")
    edges: list[str] = []
    if model.base:
        edges.append(f"    {model.base} <|-- {model.name}")
    for field in model.fields:
        for target in field.type.models():
            edges.append(f"    {model.name} --> {target} : {field.attr}")
    if model.root:
        edges.extend(f"    {model.name} --> {target}" for target in model.root.models())
    for user, _ in users.get(model.name, [])[:MAX_NEIGHBOURS]:
        if user != model.name:
            edges.append(f"    {user} --> {model.name}")
    unique = list(dict.fromkeys(edges))[: MAX_NEIGHBOURS * 2]
    return Md("\n".join(lines + unique))
