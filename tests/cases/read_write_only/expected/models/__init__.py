"""Models of Read and write only."""

from .user import User

__all__ = [
    "User",
]
