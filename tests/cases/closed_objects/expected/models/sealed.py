"""The Sealed model."""

from __future__ import annotations

from pydantic import ConfigDict

from ._base import ApiModel, Omittable


class Sealed(ApiModel):
    """Sealed model."""

    model_config = ConfigDict(extra="forbid")

    b: Omittable[int] = None
