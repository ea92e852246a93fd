"""Models of Const."""

from .event import Event
from .fixed import Fixed

__all__ = [
    "Event",
    "Fixed",
]
