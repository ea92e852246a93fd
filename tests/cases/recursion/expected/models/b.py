"""The B model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._base import ApiModel, Omittable

if TYPE_CHECKING:
    from .a import A


class B(ApiModel):
    """B model."""

    a: Omittable[A] = None
