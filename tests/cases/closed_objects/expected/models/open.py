"""The Open model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Open(ApiModel):
    """Open model."""

    a: Omittable[str] = None
