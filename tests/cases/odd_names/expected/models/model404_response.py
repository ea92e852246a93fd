"""The Model404Response model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Model404Response(ApiModel):
    """Model404Response model."""

    message: Omittable[str] = None
