"""The SessionContentOneOf model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class SessionContentOneOf(ApiModel):
    """SessionContentOneOf model."""

    text: Omittable[str] = None
