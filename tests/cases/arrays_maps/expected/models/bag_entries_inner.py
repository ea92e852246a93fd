"""The BagEntriesInner model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class BagEntriesInner(ApiModel):
    """BagEntriesInner model."""

    key: Omittable[str] = None
