"""The Event model."""

from __future__ import annotations

from typing import Annotated, Literal

from ._base import ApiModel, NotBool, Omittable


class Event(ApiModel):
    """Event model."""

    type: Literal["event.created"]

    version: Annotated[Literal[2], NotBool]

    flag: Omittable[Literal[True]] = None
