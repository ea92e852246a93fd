"""The Item model."""

from __future__ import annotations

from typing import List, Optional

from ._base import ApiModel, Omittable
from .tag_model import TagModel


class Item(ApiModel):
    """Item model."""

    name: Optional[str]

    note: Optional[str]
    """Required and nullable."""

    count: Optional[int] = None

    tag: Optional[TagModel] = None
    """A nullable reference (allOf wrapper)."""

    labels: Omittable[List[Optional[str]]] = None
