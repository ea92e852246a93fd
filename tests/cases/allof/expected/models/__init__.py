"""Models of AllOf."""

from .animal import Animal
from .dog import Dog
from .timestamps import Timestamps
from .merged import Merged
from .alias import Alias

__all__ = [
    "Animal",
    "Dog",
    "Timestamps",
    "Merged",
    "Alias",
]
