"""Which operation tags use each component, directly or through references."""

from __future__ import annotations

from typing import Any

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
                found.add(ref[len(prefix):].replace("~1", "/").replace("~0", "~"))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def operation_tags(document: dict[str, Any], prefix: str) -> dict[str, set[str]]:
    """component name → tags of the operations that mention it directly."""
    tags: dict[str, set[str]] = {}
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return tags
    for item in paths.values():
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            names = operation.get("tags")
            labels = [t for t in names if isinstance(t, str)] if isinstance(names, list) else []
            for component in component_refs(operation, prefix):
                tags.setdefault(component, set()).update(labels or ["default"])
    return tags
