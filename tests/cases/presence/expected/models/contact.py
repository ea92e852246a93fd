"""The Contact model."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from ._base import ApiModel, Omittable, Presence


class Contact(ApiModel):
    """Contact model."""

    email: Omittable[str] = None

    phone: Omittable[str] = None

    @model_validator(mode="before")
    @classmethod
    def _check_Contact(cls, data: Any) -> Any:
        Presence(any_of=(("email",), ("phone",))).check(data)
        return data
