"""Models of Formats."""

from .record import Record

__all__ = [
    "Record",
]
