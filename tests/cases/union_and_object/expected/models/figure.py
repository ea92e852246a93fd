"""The Figure model."""

from __future__ import annotations

from typing import Any, Union

from pydantic import model_validator

from ._base import ApiRoot, also_valid
from .circle import Circle
from .figure_all_of import FigureAllOf
from .square import Square


class Figure(ApiRoot[Union[Circle, Square]]):
    """One of the shapes, and also a color."""

    @model_validator(mode="before")
    @classmethod
    def _check_Figure(cls, data: Any) -> Any:
        also_valid(data, FigureAllOf)
        return data
