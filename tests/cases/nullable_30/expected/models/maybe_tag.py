"""The MaybeTag model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class MaybeTag(ApiModel):
    """A component that is nullable itself."""

    label: Omittable[str] = None
