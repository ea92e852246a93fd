"""The ShapeSize model."""

from __future__ import annotations

from typing import Literal, Union

from ._base import ApiRoot


class ShapeSize(ApiRoot[Union[int, Literal["small", "large"]]]):
    """An inline union of primitives."""
