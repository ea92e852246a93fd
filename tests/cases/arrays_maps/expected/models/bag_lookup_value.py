"""The BagLookupValue model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class BagLookupValue(ApiModel):
    """BagLookupValue model."""

    value: Omittable[str] = None
