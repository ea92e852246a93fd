"""The UsageCounters model."""

from __future__ import annotations

from typing import Dict

from pydantic import Field

from ._base import ApiModel


class UsageCounters(ApiModel):
    """Running totals keyed by counter name (for example `input_tokens` or `audio_seconds`). Every value is a non-negative whole number."""

    __pydantic_extra__: Dict[str, int] = Field(init=False)
