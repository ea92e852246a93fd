"""The Square model."""

from __future__ import annotations

from ._base import ApiModel


class Square(ApiModel):
    """Square model."""

    side: float
