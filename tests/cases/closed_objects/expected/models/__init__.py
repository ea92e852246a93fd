"""Models of Closed objects."""

from .strict_model import StrictModel
from .typed import Typed
from .open import Open
from .sealed import Sealed

__all__ = [
    "StrictModel",
    "Typed",
    "Open",
    "Sealed",
]
