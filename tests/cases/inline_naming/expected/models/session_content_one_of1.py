"""The SessionContentOneOf1 model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class SessionContentOneOf1(ApiModel):
    """SessionContentOneOf1 model."""

    audio: Omittable[str] = None
