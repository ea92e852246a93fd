"""A Python-Markdown extension for the docs site: an anchor on each property row.

The Markdown pages list a model's properties in the table under the
"Properties" heading; on the site each row gets an `id` (`prop-NAME`) and a
permalink, so `RealtimeSession/#prop-turn_detection` points at one property.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def property_anchor(name: str) -> str:
    """The id of a property's row: `prop-` and the name, other characters as `-`."""
    return "prop-" + (_UNSAFE.sub("-", name).strip("-") or "_")


class PropertyAnchors(Treeprocessor):  # type: ignore[misc]
    def run(self, root: etree.Element) -> None:
        previous: etree.Element | None = None
        for element in list(root):
            if (
                element.tag == "table"
                and previous is not None
                and previous.tag == "h2"
                and "".join(previous.itertext()).startswith("Properties")
            ):
                _anchor_rows(element)
            previous = element


def _anchor_rows(table: etree.Element) -> None:
    seen: set[str] = set()
    for row in table.iter("tr"):
        cells = [cell for cell in row if cell.tag == "td"]
        if not cells:
            continue
        anchor = base = property_anchor("".join(cells[0].itertext()).strip())
        count = 1
        while anchor in seen:
            count += 1
            anchor = f"{base}-{count}"
        seen.add(anchor)
        row.set("id", anchor)
        link = etree.SubElement(
            cells[0],
            "a",
            {
                "class": "headerlink",
                "href": f"#{anchor}",
                "title": "Link to this property",
            },
        )
        link.text = "¶"


class PropertyAnchorsExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (the library's name)
        # After inline parsing and the restoring of escaped characters (priority 0).
        md.treeprocessors.register(
            PropertyAnchors(md), "modelgen_property_anchors", -10
        )


def makeExtension(**kwargs: Any) -> PropertyAnchorsExtension:  # noqa: N802
    return PropertyAnchorsExtension(**kwargs)
