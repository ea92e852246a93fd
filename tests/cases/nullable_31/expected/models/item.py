"""The Item model."""

from __future__ import annotations

from typing import Optional, Union

from ._base import ApiModel, Omittable
from .tag_model import TagModel


class Item(ApiModel):
    """Item model."""

    name: Optional[str] = None

    note: Optional[str]
    """Required and nullable."""

    tag: Optional[TagModel] = None

    ignored: Omittable[str] = None
    """`nullable` is not a 3.1 keyword: this is a plain string."""

    either: Optional[Union[int, str]] = None
