"""The SessionEnvelope model."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Optional
from uuid import UUID

from pydantic import Field, Strict

from ._base import ApiModel
from .realtime_session import RealtimeSession


class SessionEnvelope(ApiModel):
    """A session wrapped with metadata about the event that last changed it."""

    event_id: Annotated[UUID, Strict(False)]
    """Unique id of the most recent session event."""

    created_at: Annotated[datetime, Strict(False)]
    """When that event was emitted."""

    from_: Literal["client", "server"] = Field(default="server", alias="from")
    """Who triggered the change."""

    session: RealtimeSession
    """Session state as of this event."""
