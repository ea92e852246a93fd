"""The Status model."""

from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    """Status model."""

    OPEN = "open"

    CLOSED = "closed"
