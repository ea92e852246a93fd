"""The SessionMetadataValue model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class SessionMetadataValue(ApiModel):
    """SessionMetadataValue model."""

    value: Omittable[str] = None
