"""Models of Presence rules."""

from .upload import Upload
from .contact import Contact

__all__ = [
    "Upload",
    "Contact",
]
