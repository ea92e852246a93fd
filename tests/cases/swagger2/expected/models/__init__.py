"""Models of Swagger 2."""

from .kind import Kind
from .pet import Pet
from .error import Error

__all__ = [
    "Kind",
    "Pet",
    "Error",
]
