"""The YAML loader: safe, YAML 1.2-style scalars, no duplicate keys, JSON values only.

Plain scalars are typed in one recursive pass (faster than PyYAML's generic
constructor); mapping keys stay the text written; tags that would build
non-JSON values are refused. `compose` gives the node tree for mapping a
JSON pointer back to a line and column.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


_PLAIN = "modelgen:plain"  # an untyped plain scalar, typed by `_Loader.construct_plain`
_STR, _SEQ, _MAP, _MERGE = (
    f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map", "merge")
)
_MISSING = object()


class _Duplicate(yaml.MarkedYAMLError):  # type: ignore[misc]
    pass


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    """Safe loader for OpenAPI documents.

    YAML 1.2 booleans (`on`/`yes` stay strings), no timestamps, no duplicate
    keys, mapping keys kept as the text written (`200`, `null`, `true` are
    names, not numbers or constants), and no tags that build non-JSON values.
    """

    yaml_implicit_resolvers: dict[str, list[Any]] = {}
    _typed: dict[str, tuple[Any, ...]] = {}

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if (
                isinstance(key_node, yaml.ScalarNode)
                and key_node.tag != "tag:yaml.org,2002:merge"
            ):
                if key_node.value in seen:
                    raise _Duplicate(
                        "while constructing a mapping",
                        node.start_mark,
                        f"duplicate key {key_node.value!r}",
                        key_node.start_mark,
                    )
                seen.add(key_node.value)
        self.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = (
                key_node.value
                if isinstance(key_node, yaml.ScalarNode)
                else self.construct_object(key_node, deep=True)
            )
            if not isinstance(key, str):
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "keys must be strings",
                    key_node.start_mark,
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    # Construction. PyYAML's generic constructor (state machine, generators,
    # a resolver call per scalar) costs more than parsing in C; this builds the
    # same values in one recursive pass. Plain scalars are tagged `_PLAIN` by
    # `resolve` and typed here only when their first character could start a
    # non-string (the resolvers are keyed by it); anything unusual (explicit
    # tags, merge keys) goes through PyYAML's own constructors.

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0] and value not in ("<<", "="):
            return _PLAIN
        return super().resolve(kind, value, implicit)

    def construct_document(self, node: Any) -> Any:
        self.block_keys: list[int] = (
            []
        )  # lines of the keys of block mappings (for `reparse`)
        data = self._build(node, {})
        self.constructed_objects: dict[Any, Any] = {}
        self.recursive_objects: dict[Any, Any] = {}
        return data

    def _build(self, node: Any, memo: dict[int, Any]) -> Any:
        known = memo.get(id(node), _MISSING)
        if known is not _MISSING:
            return known
        tag = node.tag
        if tag == _PLAIN:
            return self.construct_plain(node)
        if tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            memo[id(node)] = items
            items.extend(self._build(child, memo) for child in node.value)
            return items
        if (
            tag == _MAP
            and isinstance(node, yaml.MappingNode)
            and not any(k.tag == _MERGE for k, _ in node.value)
        ):
            mapping: dict[str, Any] = {}
            memo[id(node)] = mapping
            block = not node.flow_style
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        "keys must be strings",
                        key_node.start_mark,
                    )
                key = key_node.value
                if block:
                    self.block_keys.append(key_node.start_mark.line)
                if key in mapping:
                    raise _Duplicate(
                        "while constructing a mapping",
                        node.start_mark,
                        f"duplicate key {key!r}",
                        key_node.start_mark,
                    )
                mapping[key] = self._build(value_node, memo)
            return mapping
        try:
            value = self.construct_object(node, deep=True)
        except (
            KeyError,
            TypeError,
            AttributeError,
        ) as exc:  # e.g. `!!bool maybe`, `!!map [1]`
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the tag {node.tag!r} does not fit this value",
                node.start_mark,
            ) from exc
        memo[id(node)] = value
        return value

    def construct_plain(self, node: Any) -> Any:
        value = node.value
        for tag, regexp in self._typed.get(value[:1], ()):
            if regexp.match(value):
                node.tag = tag
                return self.yaml_constructors[tag](self, node)
        return value

    def refuse_tag(self, node: Any) -> Any:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"the tag {node.tag!r} makes a value JSON cannot hold",
            node.start_mark,
        )


for _tag in ("binary", "timestamp", "set", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _Loader.refuse_tag)


def _install_resolvers() -> None:
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
        for tag, regexp in resolvers:
            if tag.endswith((":timestamp", ":bool")):
                continue
            _Loader.yaml_implicit_resolvers.setdefault(first, []).append((tag, regexp))
    boolean = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
    for first in "tTfF":
        _Loader.yaml_implicit_resolvers.setdefault(first, []).append(
            ("tag:yaml.org,2002:bool", boolean)
        )


_install_resolvers()
_Loader._typed = {
    first: tuple(r) for first, r in _Loader.yaml_implicit_resolvers.items()
}
_Loader.add_constructor(_PLAIN, _Loader.construct_plain)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)


def load_yaml_keyed(text: str) -> tuple[Any, list[int]]:
    """The data and the lines of every block-mapping key (what `reparse` may splice at)."""
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
        return data, getattr(loader, "block_keys", [])
    finally:
        loader.dispose()


def yaml_message(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is not None:
            return f"invalid YAML: {problem} (line {mark.line + 1}, column {mark.column + 1})"
        return f"invalid YAML: {problem}"
    return f"invalid YAML: {exc}"


@functools.lru_cache(maxsize=4)
def compose(path: str) -> Any:
    """The node tree of the YAML (or JSON) file at `path`; None when it cannot be read."""
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.compose(handle, Loader=_BASE)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None


def node_at(node: Any, tokens: list[str]) -> Any:
    """The node reached by following `tokens` as far as they lead."""
    for token in tokens:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if getattr(k, "value", None) == token]
            if not match:
                break
            node = match[0]
        elif (
            isinstance(node, yaml.SequenceNode)
            and re.fullmatch(r"[0-9]+", token)
            and int(token) < len(node.value)
        ):
            node = node.value[int(token)]
        else:
            break
    return node
