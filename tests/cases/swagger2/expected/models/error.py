"""The Error model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Error(ApiModel):
    """Error model."""

    code: Omittable[int] = None
