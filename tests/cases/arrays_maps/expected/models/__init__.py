"""Models of Arrays and maps."""

from .bag_entries_inner import BagEntriesInner
from .bag_lookup_value import BagLookupValue
from .bag import Bag
from .names import Names

__all__ = [
    "BagEntriesInner",
    "BagLookupValue",
    "Bag",
    "Names",
]
