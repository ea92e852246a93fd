"""The Note model."""

from __future__ import annotations

from pydantic import Field

from ._base import ApiModel, Omittable


class Note(ApiModel):
    """A description with a | pipe, <b>html</b>, a `code | span` and
    two paragraphs.

    The second paragraph."""

    text: Omittable[str] = None
    "Cells escape: | \\ < >"

    level: Omittable[int] = None

    starred: Omittable[str] = Field(default=None, alias="*starred*")
