"""The SessionTurnDetection model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class SessionTurnDetection(ApiModel):
    """SessionTurnDetection model."""

    threshold: Omittable[float] = None
