"""The Merged model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class Merged(ApiModel):
    """Two parents are merged into one object."""

    name: str

    created: Omittable[int] = None

    extra: Omittable[bool] = None
