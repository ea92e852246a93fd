"""The Thing2 model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Thing2(ApiModel):
    """Thing2 model."""

    c: Omittable[str] = None
