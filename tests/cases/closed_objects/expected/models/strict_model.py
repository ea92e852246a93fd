"""The StrictModel model."""

from __future__ import annotations

from pydantic import ConfigDict

from ._base import ApiModel, Omittable


class StrictModel(ApiModel):
    """StrictModel model."""

    model_config = ConfigDict(extra="forbid")

    a: Omittable[str] = None
