"""The Class model."""

from __future__ import annotations

from pydantic import Field

from ._base import ApiModel, Omittable


class Class(ApiModel):
    """A component named after a keyword."""

    from_: Omittable[str] = Field(default=None, alias="from")

    type_name: Omittable[str] = Field(default=None, alias="type-name")

    ref: Omittable[str] = Field(default=None, alias="$ref")

    field_2fa: Omittable[bool] = Field(default=None, alias="2fa")

    model_config_: Omittable[str] = Field(default=None, alias="model_config")

    schema_: Omittable[str] = Field(default=None, alias="schema")

    field: Omittable[str] = Field(default=None, alias="")

    naive_cafe: Omittable[str] = Field(default=None, alias="naïve café")

    camel_case: Omittable[str] = Field(default=None, alias="camelCase")

    snake_case: Omittable[str] = None
