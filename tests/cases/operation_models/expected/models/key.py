"""The Key model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Key(ApiModel):
    """Key model."""

    id: Omittable[str] = None
