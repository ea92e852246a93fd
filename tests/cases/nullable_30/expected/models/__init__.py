"""Models of Nullable 3.0."""

from .tag_model import TagModel
from .item import Item
from .maybe_tag import MaybeTag
from .holder import Holder

__all__ = [
    "TagModel",
    "Item",
    "MaybeTag",
    "Holder",
]
