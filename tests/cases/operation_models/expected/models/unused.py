"""The Unused model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Unused(ApiModel):
    """Unused model."""

    x: Omittable[str] = None
