"""The SampleRate model."""

from __future__ import annotations

from enum import Enum


class SampleRate(int, Enum):
    """Supported audio sample rates, in hertz."""

    NUMBER_8000 = 8000

    NUMBER_16000 = 16000

    NUMBER_24000 = 24000
