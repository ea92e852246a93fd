"""The Count model."""

from __future__ import annotations

from ._base import ApiRoot


class Count(ApiRoot[int]):
    """Count model."""
