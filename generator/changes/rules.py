"""Part of `changes`: how serious a change is, for the direction it travels in.

A `Delta` is a change in a schema without a direction, with its effect on the
set of values the schema accepts: it `narrows` (fewer values), `widens`
(more values), is `incomparable` (neither contains the other), `unknown`
(cannot be decided, e.g. a changed pattern) or `none` (documentation only).

The level follows from the effect and the direction. A request body is
written by the client: narrowing it can reject what clients send (error),
widening it is harmless (info). A response body is read by the client:
widening it can hand clients values they never handled (error), narrowing
it is harmless (info). A `readOnly` property never travels in a request, a
`writeOnly` one never in a response, so changes to them there are info. A
few kinds carry an agreed level of their own (`CONVENTIONS`). Components
that no operation reaches are graded info.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"
LEVELS = (ERROR, WARNING, INFO)
RANK = {ERROR: 2, WARNING: 1, INFO: 0}
REQUEST, RESPONSE, NOWHERE = "request", "response", "none"

LAW = {
    ("narrows", REQUEST): ERROR,
    ("narrows", RESPONSE): INFO,
    ("widens", REQUEST): INFO,
    ("widens", RESPONSE): ERROR,
}
EFFECTS = ("narrows", "widens", "incomparable", "unknown", "none")

# Kinds whose level is set by convention rather than by the effect alone.
CONVENTIONS: dict[tuple[str, str], str] = {
    # removing a property the client sends: the server may stop using it
    ("required-property-removed", REQUEST): WARNING,
    ("optional-property-removed", REQUEST): WARNING,
    # a schema turned into a union: generated code gets a different type
    ("wrapped-in-one-of", REQUEST): ERROR,
    ("wrapped-in-one-of", RESPONSE): ERROR,
    # a property that now appears in responses
    ("became-not-write-only", RESPONSE): WARNING,
    # the tagged union of the generated code routes differently
    ("discriminator-property-name-changed", REQUEST): WARNING,
    ("discriminator-property-name-changed", RESPONSE): WARNING,
    ("discriminator-mapping-changed", REQUEST): WARNING,
    ("discriminator-mapping-changed", RESPONSE): WARNING,
    ("discriminator-mapping-deleted", REQUEST): WARNING,
    ("discriminator-mapping-deleted", RESPONSE): WARNING,
    # a closed object rejects what clients send; an opened one may carry more
    ("additional-properties-closed", REQUEST): WARNING,
    ("additional-properties-opened", RESPONSE): WARNING,
    # an operation clients call is gone
    ("operation-removed", REQUEST): ERROR,
    # a parameter the server no longer reads
    ("parameter-removed", REQUEST): WARNING,
    # a generated class disappears
    ("schema-removed", REQUEST): WARNING,
    ("schema-removed", RESPONSE): WARNING,
    ("schema-removed", NOWHERE): WARNING,
}
# Kinds named without the `body`/`property` scope word.
UNSCOPED = frozenset(
    """required-property-added optional-property-added required-property-removed
    optional-property-removed schema-added schema-removed body-added-required
    body-added-optional body-added body-removed parameter-added parameter-added-required
    parameter-added-optional parameter-removed""".split()
)


@dataclass(frozen=True, slots=True)
class Delta:
    """One change in a schema, before it is graded for a direction."""

    kind: str  # e.g. "became-nullable", "max-length-decreased"
    effect: str  # one of EFFECTS
    old: str  # where it is in the old version ("" if nowhere)
    new: str  # where it is in the new version
    message: str
    root: bool = False  # at the top of a request or response body
    read_only: bool = False
    write_only: bool = False


def level_of(delta: Delta, direction: str) -> str:
    if direction == NOWHERE:
        return CONVENTIONS.get((delta.kind, NOWHERE), INFO)
    if (direction == REQUEST and delta.read_only) or (
        direction == RESPONSE and delta.write_only
    ):
        return INFO
    fixed = CONVENTIONS.get((delta.kind, direction))
    if fixed:
        return fixed
    if delta.effect in ("incomparable",):
        return ERROR
    if delta.effect == "unknown":
        return WARNING
    return LAW.get((delta.effect, direction), INFO)


def rule_id(delta: Delta, direction: str, top: str) -> str:
    """`response-property-became-nullable`, `request-body-type-changed`, `schema-...`.

    `top`: what a change at the top of the schema is called (`body`,
    `parameter`), or "" when the schema is only ever a property.
    """
    prefix = "schema" if direction == NOWHERE else direction
    if (delta.kind.startswith("schema-") and direction == NOWHERE) or (
        delta.kind.startswith("operation-")
    ):
        return delta.kind
    if delta.kind in UNSCOPED:
        return f"{prefix}-{delta.kind}"
    scope = top if delta.root and top else "property"
    return f"{prefix}-{scope}-{delta.kind}"
