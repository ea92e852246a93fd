"""The Anything model."""

from __future__ import annotations

from typing import Any

from ._base import ApiRoot


class Anything(ApiRoot[Any]):
    """No type at all."""
