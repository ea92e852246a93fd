"""Models of Union and object."""

from .circle import Circle
from .square import Square
from .figure_all_of import FigureAllOf
from .figure import Figure

__all__ = [
    "Circle",
    "Square",
    "FigureAllOf",
    "Figure",
]
