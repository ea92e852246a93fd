"""The RealtimeSession model."""

from __future__ import annotations

from typing import Annotated, List, Literal, Optional

from pydantic import Field

from ._base import ApiModel, Lax, NotBool, Omittable
from .audio_format import AudioFormat
from .client_secret import ClientSecret
from .realtime_session_input_audio_transcription import (
    RealtimeSessionInputAudioTranscription,
)
from .realtime_session_model import RealtimeSessionModel
from .realtime_session_turn_detection import RealtimeSessionTurnDetection
from .sample_rate import SampleRate
from .session_update_params_max_response_output_tokens import (
    SessionUpdateParamsMaxResponseOutputTokens,
)
from .session_update_params_tools_inner import SessionUpdateParamsToolsInner
from .usage_counters import UsageCounters


class RealtimeSession(ApiModel):
    """Full configuration of a realtime voice session."""

    id: str
    """Server-assigned identifier, prefixed with `sess_`."""

    object_: Literal["realtime.session"] = Field(alias="object")
    """Always "realtime.session"."""

    modalities: Omittable[List[Literal["text", "audio"]]] = None
    """Channels the assistant may answer on."""

    model: RealtimeSessionModel
    """Model backing the session, either a known alias or any custom name."""

    instructions: Omittable[str] = None
    """Standing guidance prepended to every turn of the conversation. It steers tone, pacing and what the assistant should refuse, for example "keep answers under three sentences" or "always confirm before booking anything".

The text is not guaranteed to be followed word for word. Put hard constraints in `tools` definitions instead, and keep this field for style. Phrases such as "speak slowly" or "use a friendly tone" affect audio output as well as `text` replies."""

    voice: Literal["juniper", "cedar", "marlow"] = "juniper"
    """Voice preset to speak with; cannot change once audio has been produced."""

    input_audio_format: Omittable[Lax[AudioFormat]] = None

    output_audio_format: Omittable[Lax[AudioFormat]] = None

    sample_rate: Omittable[Annotated[Lax[SampleRate], NotBool]] = None

    input_audio_transcription: Omittable[RealtimeSessionInputAudioTranscription] = None
    """Settings for transcribing what the user says."""

    turn_detection: Optional[RealtimeSessionTurnDetection] = None
    """Voice activity detection settings; null disables automatic turns."""

    tools: Omittable[List[SessionUpdateParamsToolsInner]] = None
    """Functions the assistant is allowed to call."""

    temperature: Annotated[float, Field(ge=0.6, le=1.2)] = 0.8
    """Sampling temperature for replies."""

    max_response_output_tokens: Omittable[
        SessionUpdateParamsMaxResponseOutputTokens
    ] = None
    """Upper bound on tokens in a single assistant reply. Use `inf` to leave replies unbounded."""

    client_secret: Omittable[ClientSecret] = None

    usage: Omittable[UsageCounters] = None
