"""Models of Enums."""

from .color import Color
from .priority import Priority
from .mixed import Mixed
from .paint import Paint

__all__ = [
    "Color",
    "Priority",
    "Mixed",
    "Paint",
]
