"""The Json model."""

from __future__ import annotations

from typing import Dict, List, Union

from ._base import ApiRoot


class Json(ApiRoot[Union[str, float, List["Json"], Dict[str, "Json"]]]):
    """A recursive union."""
