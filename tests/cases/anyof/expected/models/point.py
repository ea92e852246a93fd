"""The Point model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Point(ApiModel):
    """Point model."""

    x: Omittable[float] = None

    y: Omittable[float] = None
