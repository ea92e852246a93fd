"""The Fixed model."""

from __future__ import annotations

from typing import Literal

from ._base import ApiRoot


class Fixed(ApiRoot[Literal["fixed"]]):
    """A component that is one value."""
