"""The Alias model."""

from __future__ import annotations

from ._base import ApiRoot
from .animal import Animal


class Alias(ApiRoot[Animal]):
    """A single allOf member is the member itself."""
