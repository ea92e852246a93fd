"""The Customer model."""

from __future__ import annotations

from ._base import ApiModel, Omittable
from .address import Address


class Customer(ApiModel):
    """A customer, in a file of its own."""

    name: Omittable[str] = None

    home: Omittable[Address] = None
