"""The dialect of the input: OpenAPI 2.0, 3.0, 3.1, or a JSON Schema draft.

One value says everything that differs between them: where the named
schemas (the components) live, whether the document itself is a schema,
whether `nullable: true` admits null, whether the discriminator keyword
means anything and whether its mapping decides or only annotates, and
whether operations may carry body parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SCHEMA_KEYWORDS = frozenset(
    "type properties items prefixItems additionalProperties patternProperties oneOf anyOf "
    "allOf not enum const $ref $dynamicRef $recursiveRef".split()
)
DRAFTS = {
    "2020-12": "2020-12",
    "2019-09": "2019-09",
    "draft-07": "draft-07",
    "draft-06": "draft-06",
    "draft-04": "draft-04",
}


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str  # as shown to users, e.g. "OpenAPI 3.1", "JSON Schema 2020-12"
    roots: tuple[
        tuple[str, ...], ...
    ]  # pointer tokens of each mapping of named schemas
    document_schema: bool = False  # the document itself is a schema (JSON Schema)
    nullable_keyword: bool = False  # `nullable: true` admits null (OpenAPI 3.0)
    discriminator: bool = True  # the OpenAPI discriminator keyword is honoured
    mapping_decides: bool = (
        True  # 3.0/2.0: the discriminator mapping decides; 3.1: annotation
    )
    body_parameters: bool = False  # Swagger 2 `in: body` parameters
    operations: bool = True  # the document has `paths`

    @property
    def component_prefix(self) -> str:
        """`$ref` prefix of a named schema, e.g. `#/components/schemas/`."""
        return "#/" + "/".join(self.roots[0]) + "/"


SWAGGER2 = Dialect(
    "OpenAPI 2.0", (("definitions",),), nullable_keyword=True, body_parameters=True
)
OPENAPI30 = Dialect("OpenAPI 3.0", (("components", "schemas"),), nullable_keyword=True)
OPENAPI31 = Dialect("OpenAPI 3.1", (("components", "schemas"),), mapping_decides=False)


def json_schema(draft: str) -> Dialect:
    return Dialect(
        f"JSON Schema {draft}",
        (("$defs",), ("definitions",)),
        document_schema=True,
        discriminator=False,
        mapping_decides=False,
        operations=False,
    )


def detect_dialect(document: dict[str, Any]) -> Dialect | str:
    """The dialect a document is written in; a message when it is none of them."""
    version = document.get("openapi")
    if isinstance(version, str) and version.startswith("3."):
        return OPENAPI30 if version.startswith("3.0") else OPENAPI31
    if str(document.get("swagger", "")).startswith("2"):
        return SWAGGER2
    declared = document.get("$schema")
    if isinstance(declared, str) and "json-schema.org" in declared:
        found = [d for key, d in DRAFTS.items() if key in declared]
        return json_schema(found[0] if found else "2020-12")
    if (
        "openapi" not in document
        and "swagger" not in document
        and (
            SCHEMA_KEYWORDS & set(document)
            or "$defs" in document
            or "definitions" in document
        )
    ):
        return json_schema("2020-12")
    return (
        "not an OpenAPI document or JSON Schema: no 'openapi: 3.x', "
        "'swagger: \"2.0\"' or '$schema' field"
    )


def describes_data(document: dict[str, Any]) -> bool:
    """A JSON Schema document that is a schema itself, not only a holder of `$defs`."""
    return bool(SCHEMA_KEYWORDS & set(document))
