"""Which operation tags use each component, directly or through references."""

from __future__ import annotations

from typing import Any, Iterator

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
                found.add(ref[len(prefix) :].replace("~1", "/").replace("~0", "~"))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) of every operation under `paths`."""
    paths = document.get("paths")
    for path, item in paths.items() if isinstance(paths, dict) else ():
        for method in METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if isinstance(operation, dict):
                yield str(path), method, operation


def operation_tags(document: dict[str, Any], prefix: str) -> dict[str, set[str]]:
    """component name → tags of the operations that mention it directly."""
    tags: dict[str, set[str]] = {}
    for _, _, operation in operations(document):
        names = operation.get("tags")
        labels = (
            [t for t in names if isinstance(t, str)] if isinstance(names, list) else []
        )
        for component in component_refs(operation, prefix):
            tags.setdefault(component, set()).update(labels or ["default"])
    return tags
