"""The CreateKey404Response model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class CreateKey404Response(ApiModel):
    """CreateKey404Response model."""

    error: Omittable[str] = None
