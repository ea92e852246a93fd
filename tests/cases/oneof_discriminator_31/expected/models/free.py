"""The Free model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Free(ApiModel):
    """Its tag is any string, so in 3.1 it may hold every value."""

    type: Omittable[str] = None
