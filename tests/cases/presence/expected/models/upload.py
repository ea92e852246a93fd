"""The Upload model."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from ._base import ApiModel, Omittable, Presence


class Upload(ApiModel):
    """One of file_id or file; never both url and path."""

    file_id: Omittable[str] = None

    file: Omittable[str] = None

    url: Omittable[str] = None

    path: Omittable[str] = None

    @model_validator(mode="before")
    @classmethod
    def _check_Upload(cls, data: Any) -> Any:
        Presence(one_of=(("file_id",), ("file",)), none_of=(("url", "path"),)).check(
            data
        )
        return data
