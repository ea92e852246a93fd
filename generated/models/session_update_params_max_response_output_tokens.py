"""The SessionUpdateParamsMaxResponseOutputTokens model."""

from __future__ import annotations

from typing import Literal, Union

from ._base import ApiRoot


class SessionUpdateParamsMaxResponseOutputTokens(ApiRoot[Union[int, Literal["inf"]]]):
    """Upper bound on tokens in a single assistant reply. Use `inf` to leave replies unbounded."""
