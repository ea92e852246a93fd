"""The Holder model."""

from __future__ import annotations

from typing import Optional

from ._base import ApiModel
from .maybe_tag import MaybeTag


class Holder(ApiModel):
    """Holder model."""

    maybe: Optional[MaybeTag] = None
