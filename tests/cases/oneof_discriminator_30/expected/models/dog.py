"""The Dog model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Dog(ApiModel):
    """Dog model."""

    pet_type: str

    barks: Omittable[bool] = None
