"""The TagModel model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class TagModel(ApiModel):
    """TagModel model."""

    label: Omittable[str] = None
