"""Models of Defaults."""

from .mode import Mode
from .settings import Settings

__all__ = [
    "Mode",
    "Settings",
]
