"""The User model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class User(ApiModel):
    """User model."""

    id: str

    password: str

    name: str

    legacy: Omittable[str] = None
