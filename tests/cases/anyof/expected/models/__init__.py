"""Models of AnyOf."""

from .point import Point
from .location import Location
from .shape_size import ShapeSize
from .shape import Shape

__all__ = [
    "Point",
    "Location",
    "ShapeSize",
    "Shape",
]
