"""The Model model."""

from __future__ import annotations

from pydantic import Field

from ._base import ApiModel, Omittable


class Model(ApiModel):
    """Model model."""

    str_: Omittable[str] = Field(default=None, alias="str")

    list_: Omittable[int] = Field(default=None, alias="list")
