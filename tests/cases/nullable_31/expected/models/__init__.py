"""Models of Nullable 3.1."""

from .tag_model import TagModel
from .item import Item

__all__ = [
    "TagModel",
    "Item",
]
