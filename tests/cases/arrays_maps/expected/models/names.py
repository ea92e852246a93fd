"""The Names model."""

from __future__ import annotations

from typing import List

from ._base import ApiRoot


class Names(ApiRoot[List[str]]):
    """A root model of a list."""
