"""The site's search index, written from the models themselves.

The theme's search reads `search/search_index.json` (lunr documents: a
location, a title and a text). Making it from the IR instead of parsing
every built page is faster and lets each property be its own document, so
a search for a property name leads to its row (`Model/#prop-name`). The
theme's search worker is given a small prelude that also tries each term
with one typo allowed, so a misspelt name still finds its model.
"""

from __future__ import annotations

import html
import json
from typing import Any

from ..ir import Document, Field, Model
from ..render.markdown import enum_values, plain_type
from .anchors import property_anchor

SEPARATOR = r"[\s\-]+"


def _text(*parts: str) -> str:
    return html.escape(" ".join(p for p in parts if p))


def _values(values: list[Any]) -> str:
    return " ".join(v if isinstance(v, str) else json.dumps(v) for v in values)


def _field_entry(model: Model, field: Field) -> dict[str, str]:
    return {
        "location": f"{model.name}/#{property_anchor(field.name)}",
        "title": f"{model.name}.{field.name}",
        "text": _text(
            field.name,
            plain_type(field.type)[0],
            field.description,
            _values(enum_values(field.type)),
        ),
    }


def model_entries(model: Model) -> list[dict[str, str]]:
    members = _values([m.value for m in model.members])
    names = " ".join(f.name for f in model.fields)
    entries = [
        {
            "location": f"{model.name}/",
            "title": model.name,
            "text": _text(model.description, names, members),
        }
    ]
    entries += [_field_entry(model, f) for f in model.fields]
    return entries


def search_index(document: Document, pages: list[tuple[str, str, str]]) -> str:
    """JSON of the index: every model and property, then other pages (location, title, text)."""
    docs = [
        {"location": loc, "title": title, "text": _text(text)}
        for loc, title, text in pages
    ]
    for model in document.models:
        docs += model_entries(model)
    return json.dumps(
        {
            "config": {
                "lang": ["en"],
                "separator": SEPARATOR,
                "pipeline": ["stopWordFilter"],
                "fields": {
                    "title": {"boost": 1000.0},
                    "text": {"boost": 1.0},
                    "tags": {"boost": 1000000.0},
                },
            },
            "docs": docs,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
