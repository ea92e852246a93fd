"""The Thing1 model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Thing1(ApiModel):
    """Thing1 model."""

    b: Omittable[str] = None
