"""The Start model."""

from __future__ import annotations

from typing import Literal

from ._base import ApiModel, Omittable


class Start(ApiModel):
    """Start model."""

    kind: Literal["start"]

    at: Omittable[int] = None
