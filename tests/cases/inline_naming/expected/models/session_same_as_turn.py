"""The SessionSameAsTurn model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class SessionSameAsTurn(ApiModel):
    """Identical to turn_detection, so it reuses that model."""

    threshold: Omittable[float] = None
