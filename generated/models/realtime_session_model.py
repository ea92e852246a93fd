"""The RealtimeSessionModel model."""

from __future__ import annotations

from typing import Literal, Union

from ._base import ApiRoot


class RealtimeSessionModel(
    ApiRoot[Union[str, Literal["parrot-voice-1", "parrot-voice-1-mini"]]]
):
    """Model backing the session, either a known alias or any custom name."""
