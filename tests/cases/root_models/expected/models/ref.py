"""The Ref model."""

from __future__ import annotations

from ._base import ApiRoot
from .name import Name


class Ref(ApiRoot[Name]):
    """Ref model."""
