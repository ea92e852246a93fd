"""The Settings model."""

from __future__ import annotations

from typing import Dict, List, Optional

from ._base import ApiModel, Lax, Omittable
from .mode import Mode


class Settings(ApiModel):
    """Settings model."""

    name: str = "untitled"

    retries: int = 3

    ratio: float = 0.5

    enabled: bool = False

    tags: List[str] = ["a", "b"]

    options: Dict[str, int] = {"x": 1}

    mode: Lax[Mode] = Mode("fast")

    note: Optional[str] = None

    wrong: Omittable[int] = None
    """A default that does not match is dropped with a warning."""
