"""The ConModel model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class ConModel(ApiModel):
    """A Windows device name."""

    x: Omittable[str] = None
