"""The FigureAllOf model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class FigureAllOf(ApiModel):
    """FigureAllOf model."""

    color: Omittable[str] = None
