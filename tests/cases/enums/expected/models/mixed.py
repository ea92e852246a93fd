"""The Mixed model."""

from __future__ import annotations

from typing import Literal

from ._base import ApiRoot


class Mixed(ApiRoot[Literal["auto", 0, True]]):
    """Values of several types become a union of literals."""
