"""The Color model."""

from __future__ import annotations

from enum import Enum


class Color(str, Enum):
    """A string enum."""

    RED = "red"

    GREEN = "green"

    DARK_BLUE = "dark-blue"

    VALUE_2TONE = "2tone"
