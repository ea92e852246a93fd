"""Which operation tags use each component, directly or through references."""

from __future__ import annotations

from typing import Any, Callable, Iterator

from ..diagnostics import join_pointer
from ..pointer import unescape_token

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def component_refs(node: Any, prefix: str) -> set[str]:
    """Names of the components `node` refers to with `$ref: '<prefix><name>'`."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith(prefix):
                found.add(unescape_token(ref[len(prefix) :]))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def operations(
    document: dict[str, Any],
    file: str = "",
    follow: Callable[[Any], Any] = lambda place: place,
) -> Iterator[tuple[str, str, Any]]:
    """(path, method, (operation, its file, its pointer)) of every operation
    under `paths`; `follow` resolves a path item or operation that is a `$ref`
    (a (node, file, pointer) place: it returns the place the reference leads to)."""
    paths = document.get("paths")
    for path, raw in paths.items() if isinstance(paths, dict) else ():
        item, where, at = follow((raw, file, join_pointer("", "paths", str(path))))
        for method in METHODS:
            if isinstance(item, dict) and method in item:
                place = follow((item[method], where, join_pointer(at, method)))
                if isinstance(place[0], dict):
                    yield str(path), method, place


def operation_tags(document: dict[str, Any], prefix: str) -> dict[str, set[str]]:
    """component name → tags of the operations that mention it directly."""
    tags: dict[str, set[str]] = {}
    for _, _, (operation, _, _) in operations(document):
        names = operation.get("tags")
        labels = (
            [t for t in names if isinstance(t, str)] if isinstance(names, list) else []
        )
        for component in component_refs(operation, prefix):
            tags.setdefault(component, set()).update(labels or ["default"])
    return tags
