"""The CustomTitle model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class CustomTitle(ApiModel):
    """CustomTitle model."""

    a: Omittable[str] = None
