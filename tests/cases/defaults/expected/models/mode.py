"""The Mode model."""

from __future__ import annotations

from enum import Enum


class Mode(str, Enum):
    """Mode model."""

    FAST = "fast"

    SLOW = "slow"
