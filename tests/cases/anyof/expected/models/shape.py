"""The Shape model."""

from __future__ import annotations

from ._base import ApiModel, Omittable
from .location import Location
from .shape_size import ShapeSize


class Shape(ApiModel):
    """Shape model."""

    where: Omittable[Location] = None

    size: Omittable[ShapeSize] = None
    """An inline union of primitives."""
