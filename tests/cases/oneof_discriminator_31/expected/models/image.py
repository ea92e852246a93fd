"""The Image model."""

from __future__ import annotations

from typing import Literal

from ._base import ApiModel, Omittable


class Image(ApiModel):
    """Image model."""

    type: Literal["image", "picture"]

    url: Omittable[str] = None
