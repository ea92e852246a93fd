"""The A model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._base import ApiModel, Omittable

if TYPE_CHECKING:
    from .b import B


class A(ApiModel):
    """A model."""

    b: Omittable[B] = None
