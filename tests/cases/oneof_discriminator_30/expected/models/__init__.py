"""Models of Discriminator 3.0."""

from .cat import Cat
from .dog import Dog
from .lizard import Lizard
from .pet import Pet

__all__ = [
    "Cat",
    "Dog",
    "Lizard",
    "Pet",
]
