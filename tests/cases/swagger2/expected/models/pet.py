"""The Pet model."""

from __future__ import annotations

from typing import Optional

from ._base import ApiModel, Lax, Omittable
from .kind import Kind


class Pet(ApiModel):
    """Pet model."""

    id: int

    name: Optional[str] = None

    kind: Omittable[Lax[Kind]] = None
