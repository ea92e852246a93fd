"""The Typed model."""

from __future__ import annotations

from typing import Dict

from pydantic import Field

from ._base import ApiModel, Omittable


class Typed(ApiModel):
    """Known properties plus typed extra ones."""

    a: Omittable[str] = None

    __pydantic_extra__: Dict[str, int] = Field(init=False)
