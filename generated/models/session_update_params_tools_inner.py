"""The SessionUpdateParamsToolsInner model."""

from __future__ import annotations

from typing import Annotated, Any, Dict, Literal, Optional

from ._base import ApiModel, NotNull


class SessionUpdateParamsToolsInner(ApiModel):
    """SessionUpdateParamsToolsInner model."""

    type: Annotated[Optional[Literal["function"]], NotNull] = None
    """Kind of tool; only functions exist today."""

    name: Annotated[Optional[str], NotNull] = None
    """Name the assistant uses to invoke the tool."""

    description: Annotated[Optional[str], NotNull] = None
    """What the tool does and when it should be used, written for the assistant rather than for a human."""

    parameters: Annotated[Optional[Dict[str, Any]], NotNull] = None
    """JSON Schema describing the tool arguments."""
