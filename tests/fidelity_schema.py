"""OpenAPI component schemas → JSON Schema 2020-12, for the fidelity harness.

`convert_components` turns every component of a spec into a JSON Schema
2020-12 schema and gathers them in one `$defs` registry (component refs are
rewritten to `#/$defs/Name`). The conversion follows what the OpenAPI
version means:

- 3.0 (and Swagger 2.0): `nullable: true` / `x-nullable: true` admit null
  (`type: [t, "null"]`, or `anyOf: [{type: null}, schema]` when there is no
  plain `type`); boolean `exclusiveMinimum`/`exclusiveMaximum` become the
  numeric form; siblings of `$ref` are ignored (except `nullable`).
- 3.1: already 2020-12; `nullable` is not a keyword (ignored);
  `$recursiveRef: "#"` (2019-09) refers to the enclosing component.
- Both: a schema without `type` reads as the generator documents it (real
  specs omit `type`): `properties`/`additionalProperties` mean an object,
  `items` an array. Plain JSON Schema would also admit every other type there.

OpenAPI-only keywords (`discriminator`, `xml`, `externalDocs`, `example`,
`readOnly`/`writeOnly`, `x-*`) and annotations are dropped. `format` is kept
(hypothesis-jsonschema generates well-formed values for known formats) but
the validator does not assert it.

`generation_schema` inlines the `$ref`s of one component for
hypothesis-jsonschema, which cannot follow recursive references: a
reference met again below itself (or deeper than `max_depth` references) is
replaced by `false`, so only finite instances are generated. Every instance
is checked against the full schema afterwards anyway.
"""

from __future__ import annotations

from typing import Any

from modelgen.pointer import escape_token, unescape_token

SCHEMA_ONE = (
    "items",
    "additionalProperties",
    "not",
    "propertyNames",
    "contains",
    "if",
    "then",
    "else",
    "unevaluatedProperties",
    "unevaluatedItems",
    "additionalItems",
    "contentSchema",
)
SCHEMA_LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
SCHEMA_MAP = ("properties", "patternProperties", "dependentSchemas")
KEPT = frozenset(
    "$ref type enum const required minimum maximum exclusiveMinimum exclusiveMaximum multipleOf "
    "minLength maxLength pattern format minItems maxItems uniqueItems minContains maxContains "
    "minProperties maxProperties dependentRequired".split()
)
COMPONENT_PREFIXES = ("#/components/schemas/", "#/definitions/")


COMPOSED = {"$ref", "allOf", "anyOf", "oneOf", "enum", "const"}


class Converter:
    """Converts the schemas of one spec; `version31` picks the dialect."""

    def __init__(self, version31: bool) -> None:
        self.version31 = version31

    def component(self, name: str, schema: Any) -> Any:
        return self.convert(schema, name)

    def convert(self, schema: Any, component: str) -> Any:
        if isinstance(schema, bool):
            return schema
        if not isinstance(schema, dict):
            return {}
        if "$ref" in schema and not self.version31:
            out: dict[str, Any] = {"$ref": self.ref(schema["$ref"])}
        elif "$recursiveRef" in schema:
            out = {"$ref": "#/$defs/" + escape(component)}
        else:
            out = self.keywords(schema, component)
        if not self.version31 and (
            schema.get("nullable") is True or schema.get("x-nullable") is True
        ):
            return with_null(out)
        if self.version31 and schema.get("x-nullable") is True:
            return with_null(out)
        return out

    def keywords(self, schema: dict[str, Any], component: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key in SCHEMA_ONE:
                out[key] = (
                    self.convert(value, component)
                    if isinstance(value, (dict, bool))
                    else value
                )
                if key == "items" and isinstance(value, list):  # draft-4 tuple form
                    out.pop(key)
                    out["prefixItems"] = [self.convert(v, component) for v in value]
            elif key in SCHEMA_LIST and isinstance(value, list):
                out[key] = [self.convert(v, component) for v in value]
            elif key in SCHEMA_MAP and isinstance(value, dict):
                out[key] = {
                    str(k): self.convert(v, component) for k, v in value.items()
                }
            elif key == "$ref":
                out[key] = self.ref(value)
            elif key in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(
                value, bool
            ):
                bound = schema.get(
                    "minimum" if key == "exclusiveMinimum" else "maximum"
                )
                if value and isinstance(bound, (int, float)):
                    out[key] = bound
            elif key in KEPT:
                out[key] = value
        for key in ("exclusiveMinimum", "exclusiveMaximum"):
            if schema.get(key) is True:  # the bound moved to the exclusive keyword
                out.pop("minimum" if key == "exclusiveMinimum" else "maximum", None)
        if "type" not in schema and not COMPOSED & set(schema):
            if "properties" in schema or "additionalProperties" in schema:
                out["type"] = "object"
            elif "items" in schema or "prefixItems" in schema:
                out["type"] = "array"
        return out

    @staticmethod
    def ref(value: Any) -> Any:
        if isinstance(value, str):
            for prefix in COMPONENT_PREFIXES:
                if value.startswith(prefix):
                    return "#/$defs/" + value[len(prefix) :]
        return value


def escape(name: str) -> str:
    return escape_token(name)


def unescape(token: str) -> str:
    import urllib.parse

    return unescape_token(urllib.parse.unquote(token))


def with_null(schema: Any) -> Any:
    """`schema` or null."""
    if schema is True or schema == {}:
        return schema
    if (
        isinstance(schema, dict)
        and isinstance(schema.get("type"), (str, list))
        and not (
            set(schema) & {"$ref", "enum", "const", "allOf", "anyOf", "oneOf", "not"}
        )
    ):
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return {**schema, "type": list(dict.fromkeys([*types, "null"]))}
    return {"anyOf": [{"type": "null"}, schema]}


def spec_components(document: dict[str, Any]) -> tuple[bool, dict[str, Any]]:
    """(is 3.1, component schemas) of an OpenAPI document."""
    version = str(document.get("openapi", ""))
    if version.startswith("3."):
        schemas = (document.get("components") or {}).get("schemas") or {}
        return not version.startswith("3.0"), schemas
    return False, document.get("definitions") or {}


def convert_components(document: dict[str, Any]) -> dict[str, Any]:
    """`$defs`: component name → JSON Schema 2020-12."""
    version31, schemas = spec_components(document)
    converter = Converter(version31)
    return {
        str(name): converter.component(str(name), schema)
        for name, schema in schemas.items()
    }


class TooLarge(Exception):
    """The inlined schema exceeds the node budget."""


def generation_schema(
    defs: dict[str, Any], name: str, max_depth: int = 8, budget: int = 20000
) -> Any:
    """Component `name` with every `$ref` inlined (recursion cut with `false`)."""
    count = [0]

    def inline(schema: Any, stack: tuple[str, ...]) -> Any:
        count[0] += 1
        if count[0] > budget:
            raise TooLarge(name)
        if not isinstance(schema, dict):
            return schema
        if "$ref" in schema:
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            target = schema["$ref"]
            if not (isinstance(target, str) and target.startswith("#/$defs/")):
                return False
            key = unescape(target[len("#/$defs/") :].split("/", 1)[0])
            if key not in defs or key in stack or len(stack) > max_depth:
                resolved: Any = False
            else:
                resolved = inline(defs[key], stack + (key,))
                tail = target[len("#/$defs/") :].split("/")[1:]
                for token in tail:  # a pointer into a component
                    token = unescape(token)
                    resolved = (
                        resolved.get(token, True)
                        if isinstance(resolved, dict)
                        else (
                            resolved[int(token)] if isinstance(resolved, list) else True
                        )
                    )
            rest = inline(rest, stack) if rest else {}
            return {"allOf": [resolved, rest]} if rest else resolved
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key in SCHEMA_ONE:
                out[key] = inline(value, stack)
            elif key in SCHEMA_LIST and isinstance(value, list):
                out[key] = [inline(v, stack) for v in value]
            elif key in SCHEMA_MAP and isinstance(value, dict):
                out[key] = {k: inline(v, stack) for k, v in value.items()}
            else:
                out[key] = value
        return out

    return inline(defs[name], (name,))


def patch_hypothesis_jsonschema() -> None:
    """Make hypothesis-jsonschema 0.23 work with Hypothesis ≥ 6.150.

    Its object strategy drives Hypothesis' private `cu.many` with the old
    `while elements.more(): ... elements.reject()` protocol; newer Hypothesis
    made `many` a context manager iterated with `for _ in elements`. This
    adapter speaks the old protocol on top of the new one (no-op when the
    installed Hypothesis still has `more`).
    """
    import types

    from hypothesis.internal.conjecture import utils as cu
    from hypothesis_jsonschema import _from_schema

    if hasattr(cu.many, "more") or getattr(_from_schema.cu, "_fidelity_patched", False):
        return

    class OldMany:
        def __init__(
            self, data: Any, min_size: int, max_size: Any, average_size: Any
        ) -> None:
            self.inner = cu.many(
                data, min_size=min_size, max_size=max_size, average_size=average_size
            )
            self.inner.__enter__()
            self.steps = iter(self.inner)

        def more(self) -> bool:
            try:
                next(self.steps)
                return True
            except StopIteration:
                self.inner.__exit__(None, None, None)
                return False

        def reject(self, why: str | None = None) -> None:
            self.inner.reject(why)

    shim = types.SimpleNamespace(
        **{k: getattr(cu, k) for k in dir(cu) if not k.startswith("__")}
    )
    shim.many = OldMany
    shim._fidelity_patched = True
    _from_schema.cu = shim  # type: ignore[assignment]
    memoize_strategies(_from_schema)


STRATEGY_CACHE: dict[tuple[Any, ...], tuple[Any, Any]] = {}


def memoize_strategies(module: Any) -> None:
    """Build each sub-strategy once per schema object, not once per draw.

    hypothesis-jsonschema builds the strategies of an object's properties
    while drawing, so every draw canonicalises the same sub-schemas again
    (quadratic in the schema's size). The inputs are the same dict objects
    each time, so their ids are a sound key while the cache holds them.
    `clear_strategy_cache` between components bounds the memory.
    """
    build_one = module.__dict__["__from_schema"]
    build_merged = module.merged_as_strategies

    def from_schema(schema: Any, *, alphabet: Any, custom_formats: Any) -> Any:
        key = ("one", id(schema), id(alphabet), id(custom_formats))
        if key not in STRATEGY_CACHE:
            STRATEGY_CACHE[key] = (
                schema,
                build_one(schema, alphabet=alphabet, custom_formats=custom_formats),
            )
        return STRATEGY_CACHE[key][1]

    def merged(schemas: Any, *, alphabet: Any, custom_formats: Any) -> Any:
        key = ("merged", *map(id, schemas), id(alphabet), id(custom_formats))
        if key not in STRATEGY_CACHE:
            STRATEGY_CACHE[key] = (
                list(schemas),
                build_merged(schemas, alphabet=alphabet, custom_formats=custom_formats),
            )
        return STRATEGY_CACHE[key][1]

    module.__dict__["__from_schema"] = from_schema
    module.merged_as_strategies = merged


def clear_strategy_cache() -> None:
    STRATEGY_CACHE.clear()


def subschemas(
    defs: dict[str, Any], schema: Any, path: list[Any]
) -> list[tuple[Any, bool]]:
    """The converted schemas that apply at instance `path` below `schema`.

    Each comes with whether a `$ref` was followed to reach it. Follows
    `$ref`, `allOf`/`anyOf`/`oneOf` members, `properties`, `items`,
    `prefixItems` and `additionalProperties`; for diagnosis only.
    """
    frontier = expand(defs, schema, False, set())
    for key in path:
        step: list[tuple[Any, bool]] = []
        for sub, via_ref in frontier:
            if not isinstance(sub, dict):
                continue
            if isinstance(key, str) and key in (sub.get("properties") or {}):
                nxt = sub["properties"][key]
            elif (
                isinstance(key, int)
                and isinstance(sub.get("prefixItems"), list)
                and key < len(sub["prefixItems"])
            ):
                nxt = sub["prefixItems"][key]
            elif isinstance(key, int) and "items" in sub:
                nxt = sub["items"]
            elif isinstance(key, str) and isinstance(
                sub.get("additionalProperties"), dict
            ):
                nxt = sub["additionalProperties"]
            else:
                continue
            step.extend(expand(defs, nxt, via_ref, set()))
        frontier = step
    return frontier


def expand(
    defs: dict[str, Any], schema: Any, via_ref: bool, seen: set[str]
) -> list[tuple[Any, bool]]:
    out: list[tuple[Any, bool]] = [(schema, via_ref)]
    if not isinstance(schema, dict):
        return out
    target = schema.get("$ref")
    if isinstance(target, str) and target.startswith("#/$defs/") and target not in seen:
        key = unescape(target[len("#/$defs/") :].split("/", 1)[0])
        if key in defs and "/" not in target[len("#/$defs/") :]:
            out.extend(expand(defs, defs[key], True, seen | {target}))
    for keyword in ("allOf", "anyOf", "oneOf"):
        for member in schema.get(keyword) or []:
            out.extend(expand(defs, member, via_ref, seen))
    return out


def admits_null(schema: Any) -> bool:
    kind = schema.get("type") if isinstance(schema, dict) else None
    return kind == "null" or (isinstance(kind, list) and "null" in kind)


def typeless(schema: Any) -> bool:
    """A schema that constrains objects or arrays but does not say it is one."""
    return (
        isinstance(schema, dict)
        and "type" not in schema
        and bool(
            set(schema)
            & {"properties", "additionalProperties", "items", "required", "prefixItems"}
        )
    )


def ecma_pattern(pattern: str) -> str:
    """An ECMA-262 `pattern` (what JSON Schema means) as a Python regex.

    Python's `re` differs where it matters for validation: `$` also matches
    before a final newline (ECMA: only at the end) and `\\d`/`\\w` match
    non-ASCII digits and letters (ECMA: ASCII only).
    """
    out, in_class, i = [], False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            code = pattern[i + 1]
            ascii_class = {"d": "0-9", "w": "A-Za-z0-9_"}.get(code)
            if ascii_class and in_class:
                out.append(ascii_class)
            elif ascii_class:
                out.append(f"[{ascii_class}]")
            elif code in "DW" and not in_class:
                out.append("[^0-9]" if code == "D" else "[^A-Za-z0-9_]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
        i += 1
    return "".join(out)
