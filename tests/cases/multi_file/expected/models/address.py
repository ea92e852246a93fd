"""The Address model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Address(ApiModel):
    """Address model."""

    street: Omittable[str] = None

    city: Omittable[str] = None
