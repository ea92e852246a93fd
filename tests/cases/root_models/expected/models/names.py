"""The Names model."""

from __future__ import annotations

from typing import List

from ._base import ApiRoot
from .name import Name


class Names(ApiRoot[List[Name]]):
    """Names model."""
