"""Models of Root models."""

from .name import Name
from .count import Count
from .anything import Anything
from .names import Names
from .ref import Ref

__all__ = [
    "Name",
    "Count",
    "Anything",
    "Names",
    "Ref",
]
