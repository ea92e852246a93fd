"""The Cat model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Cat(ApiModel):
    """Cat model."""

    pet_type: str

    meows: Omittable[bool] = None
