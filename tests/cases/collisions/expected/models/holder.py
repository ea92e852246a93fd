"""The Holder model."""

from __future__ import annotations

from pydantic import Field

from ._base import ApiModel, Omittable


class Holder(ApiModel):
    """Holder model."""

    some_name: Omittable[str] = Field(default=None, alias="someName")

    some_name_1: Omittable[str] = Field(default=None, alias="some_name")

    some_name_2: Omittable[str] = Field(default=None, alias="some-name")
