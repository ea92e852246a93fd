"""The RealtimeSessionTurnDetection model."""

from __future__ import annotations

from typing import Literal

from ._base import ApiModel, Omittable


class RealtimeSessionTurnDetection(ApiModel):
    """Voice activity detection settings; null disables automatic turns."""

    type: Omittable[Literal["server_vad"]] = None

    threshold: float = 0.5
    """Activation level between 0 and 1."""

    prefix_padding_ms: int = 300
    """Audio kept before detected speech, in milliseconds."""

    silence_duration_ms: int = 500
    """Silence needed to end a turn, in milliseconds."""
