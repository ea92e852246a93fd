"""The RealtimeSessionInputAudioTranscription model."""

from __future__ import annotations

from ._base import ApiModel, Omittable


class RealtimeSessionInputAudioTranscription(ApiModel):
    """Settings for transcribing what the user says."""

    enabled: bool = False

    model: Omittable[str] = None
    """Speech-to-text model to use."""

    language: Omittable[str] = None
    """ISO-639-1 hint such as `en` or `de`."""
