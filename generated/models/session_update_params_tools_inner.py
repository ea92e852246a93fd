"""The SessionUpdateParamsToolsInner model."""

from __future__ import annotations

from typing import Any, Dict, Literal

from ._base import ApiModel, Omittable


class SessionUpdateParamsToolsInner(ApiModel):
    """SessionUpdateParamsToolsInner model."""

    type: Omittable[Literal["function"]] = None
    """Kind of tool; only functions exist today."""

    name: Omittable[str] = None
    """Name the assistant uses to invoke the tool."""

    description: Omittable[str] = None
    """What the tool does and when it should be used, written for the assistant rather than for a human."""

    parameters: Omittable[Dict[str, Any]] = None
    """JSON Schema describing the tool arguments."""
