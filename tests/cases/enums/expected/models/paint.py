"""The Paint model."""

from __future__ import annotations

from typing import Annotated, Literal

from ._base import ApiModel, Lax, NotBool, Omittable
from .color import Color
from .priority import Priority


class Paint(ApiModel):
    """Paint model."""

    color: Lax[Color]

    finish: Omittable[Literal["matte", "gloss"]] = None
    """An inline enum stays a literal."""

    priority: Omittable[Annotated[Lax[Priority], NotBool]] = None
