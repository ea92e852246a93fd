"""The Circle model."""

from __future__ import annotations

from ._base import ApiModel


class Circle(ApiModel):
    """Circle model."""

    radius: float
