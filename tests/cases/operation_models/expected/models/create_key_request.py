"""The CreateKeyRequest model."""

from __future__ import annotations

from ._base import ApiModel


class CreateKeyRequest(ApiModel):
    """CreateKeyRequest model."""

    name: str
