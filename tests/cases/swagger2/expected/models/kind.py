"""The Kind model."""

from __future__ import annotations

from enum import Enum


class Kind(str, Enum):
    """Kind model."""

    CAT = "cat"

    DOG = "dog"
