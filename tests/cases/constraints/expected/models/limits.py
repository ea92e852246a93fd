"""The Limits model."""

from __future__ import annotations

import re
from typing import Annotated, Dict, List

from pydantic import Field

from ._base import ApiModel, Omittable


class Limits(ApiModel):
    """Limits model."""

    code: Omittable[
        Annotated[str, Field(min_length=2, max_length=8, pattern="^[A-Z]+$")]
    ] = None

    lookahead: Omittable[Annotated[str, Field(pattern=re.compile("^(?!x).*$"))]] = None
    """A pattern only Python's `re` understands."""

    percent: Omittable[Annotated[float, Field(ge=0, le=100)]] = None

    positive: Omittable[Annotated[int, Field(gt=0)]] = None

    step: Omittable[Annotated[float, Field(multiple_of=0.5)]] = None

    tags: Omittable[Annotated[List[str], Field(min_length=1, max_length=3)]] = None

    small_map: Omittable[Annotated[Dict[str, str], Field(max_length=2)]] = None
