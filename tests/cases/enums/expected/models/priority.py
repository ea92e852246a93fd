"""The Priority model."""

from __future__ import annotations

from enum import Enum


class Priority(int, Enum):
    """An integer enum."""

    NUMBER_1 = 1

    NUMBER_2 = 2

    NUMBER_3 = 3
