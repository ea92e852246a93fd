"""The Name model."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ._base import ApiRoot


class Name(ApiRoot[Annotated[str, Field(min_length=1)]]):
    """A string alias."""
