"""The SessionEnvelope model."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import Field

from ._base import ApiModel, Lax
from .realtime_session import RealtimeSession


class SessionEnvelope(ApiModel):
    """A session wrapped with metadata about the event that last changed it."""

    event_id: Lax[UUID]
    """Unique id of the most recent session event."""

    created_at: Lax[datetime]
    """When that event was emitted."""

    from_: Literal["client", "server"] = Field(default="server", alias="from")
    """Who triggered the change."""

    session: RealtimeSession
    """Session state as of this event."""
