"""The Stop model."""

from __future__ import annotations

from typing import Literal

from ._base import ApiModel, Omittable


class Stop(ApiModel):
    """Stop model."""

    kind: Literal["stop"]

    reason: Omittable[str] = None
