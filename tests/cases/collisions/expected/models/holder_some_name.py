"""The HolderSomeName model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class HolderSomeName(ApiModel):
    """Takes the name an inline model of Holder would want."""

    x: Omittable[str] = None
