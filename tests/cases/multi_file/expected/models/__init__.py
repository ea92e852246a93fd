"""Models of Multi-file."""

from .address import Address
from .customer import Customer
from .status import Status
from .order import Order

__all__ = [
    "Address",
    "Customer",
    "Status",
    "Order",
]
