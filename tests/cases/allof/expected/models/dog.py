"""The Dog model."""

from __future__ import annotations


from .animal import Animal


class Dog(Animal):
    """A subclass of Animal with its own properties."""

    breed: str
