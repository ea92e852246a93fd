"""The Animal model."""

from __future__ import annotations

from ._base import ApiModel


class Animal(ApiModel):
    """Animal model."""

    name: str
