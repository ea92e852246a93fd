"""Models of Implicit tag."""

from .start import Start
from .stop import Stop
from .command import Command

__all__ = [
    "Start",
    "Stop",
    "Command",
]
