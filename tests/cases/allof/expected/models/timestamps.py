"""The Timestamps model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Timestamps(ApiModel):
    """Timestamps model."""

    created: Omittable[int] = None
