"""The Thing model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Thing(ApiModel):
    """Thing model."""

    a: Omittable[str] = None
