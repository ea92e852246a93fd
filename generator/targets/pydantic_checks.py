"""The pydantic target's validators: the checks run on the JSON value before
validation (presence rules, `allOf` object parts) and the choice of the
subclass a discriminator names (`by_tag`)."""

from __future__ import annotations

from ..ir import Model
from ..render.filters import Code, ident, pyrepr
from ..render.pycode import import_lines
from .pydantic_types import Annotator


def dispatch_code(
    model: Model, annotate: Annotator, models: dict[str, Model]
) -> Code | None:
    """The statement of the wrap validator of a class whose discriminator names
    its subclasses (see `by_tag`); they are imported when first named."""
    found = model.subclasses
    if found is None or model.kind != "object":
        return None
    table = {
        value: f"{models[name].module}.{name}"
        for value, name in found.values
        if name in models
    }
    if not table:
        return None
    for module, name in (
        ("pydantic", "model_validator"),
        ("pydantic", "ModelWrapValidatorHandler"),
        ("typing", "Any"),
    ):
        annotate.use(module, name)
    by_tag = annotate.use("._base", "by_tag")
    values = ", ".join(f"{pyrepr(k)}: {pyrepr(v)}" for k, v in table.items())
    return Code(
        f"return {by_tag}(cls, {ident(model.name)}, data, handler, "
        f"{pyrepr(found.tag)}, {{{values}}})"
    )


def check_code(
    model: Model, annotate: Annotator, models: dict[str, Model], deferred: set[str]
) -> tuple[Code, ...]:
    """The statements of the model's before-validator: presence rules, allOf parts.

    A part in an import cycle with this model is imported when the check runs."""
    checks = [presence_code(model, annotate)] if model.presence else []
    if model.also:
        for name in model.also:
            annotate.classes.add(name)
            if name in deferred:
                checks.extend(
                    Code(line)
                    for line in import_lines(f".{models[name].module}", [name])
                )
        checks.append(
            Code(
                f"{annotate.use('._base', 'also_valid')}(data, {', '.join(model.also)})"
            )
        )
    if checks:
        annotate.use("pydantic", "model_validator")
        annotate.use("typing", "Any")
    return tuple(checks)


def presence_code(model: Model, annotate: Annotator) -> Code:
    """`Presence(...).check(data)`."""
    rules = model.presence
    assert rules is not None

    def literal(
        items: list[str],
    ) -> str:  # a tuple, with no trailing comma black would keep
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"

    def sets(value: tuple[tuple[str, ...], ...]) -> str:
        return literal([literal([pyrepr(n) for n in names]) for names in value])

    args = ", ".join(
        f"{key}={sets(value)}"
        for key, value in (
            ("any_of", rules.any_of),
            ("one_of", rules.one_of),
            ("none_of", rules.none_of),
        )
        if value
    )
    return Code(f"{annotate.use('._base', 'Presence')}({args}).check(data)")
