"""The Order model."""

from __future__ import annotations

from ._base import ApiModel, Lax, Omittable
from .address import Address
from .customer import Customer
from .status import Status


class Order(ApiModel):
    """Order model."""

    id: Omittable[str] = None

    customer: Omittable[Customer] = None

    address: Omittable[Address] = None

    status: Omittable[Lax[Status]] = None
