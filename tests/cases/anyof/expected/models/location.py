"""The Location model."""

from __future__ import annotations

from typing import List, Union

from ._base import ApiRoot
from .point import Point


class Location(ApiRoot[Union[str, Point, List[float]]]):
    """A union without discriminator."""
