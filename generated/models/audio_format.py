"""The AudioFormat model."""

from __future__ import annotations

from enum import Enum


class AudioFormat(str, Enum):
    """Encoding used for raw audio frames sent over the socket."""

    PCM16 = "pcm16"

    G711_ULAW = "g711_ulaw"

    G711_ALAW = "g711_alaw"
