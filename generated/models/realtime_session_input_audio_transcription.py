"""The RealtimeSessionInputAudioTranscription model."""

from __future__ import annotations

from typing import Annotated, Optional

from ._base import ApiModel, NotNull


class RealtimeSessionInputAudioTranscription(ApiModel):
    """Settings for transcribing what the user says."""

    enabled: bool = False

    model: Annotated[Optional[str], NotNull] = None
    """Speech-to-text model to use."""

    language: Annotated[Optional[str], NotNull] = None
    """ISO-639-1 hint such as `en` or `de`."""
