"""Models of Discriminator 3.1."""

from .text import Text
from .image import Image
from .free import Free
from .part import Part

__all__ = [
    "Text",
    "Image",
    "Free",
    "Part",
]
