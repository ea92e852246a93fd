"""The Lizard model."""

from __future__ import annotations

from ._base import ApiModel


class Lizard(ApiModel):
    """Lizard model."""

    pet_type: str
