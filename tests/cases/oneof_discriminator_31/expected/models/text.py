"""The Text model."""

from __future__ import annotations

from typing import Literal

from ._base import ApiModel


class Text(ApiModel):
    """Text model."""

    type: Literal["text"]

    text: str
