"""Models of Docs text."""

from .note import Note

__all__ = [
    "Note",
]
