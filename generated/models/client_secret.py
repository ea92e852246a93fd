"""The ClientSecret model."""

from __future__ import annotations

from pydantic import ConfigDict

from ._base import ApiModel


class ClientSecret(ApiModel):
    """Short-lived credential a browser can use to join the session."""

    model_config = ConfigDict(extra="forbid")

    value: str
    """Opaque token; treat it as a secret."""

    expires_at: int
    """Unix timestamp (seconds) after which the token is void."""
