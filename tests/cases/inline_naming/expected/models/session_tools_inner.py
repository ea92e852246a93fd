"""The SessionToolsInner model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class SessionToolsInner(ApiModel):
    """SessionToolsInner model."""

    name: Omittable[str] = None
