"""Models of Parrot Realtime Voice API."""

from .audio_format import AudioFormat
from .sample_rate import SampleRate
from .usage_counters import UsageCounters
from .client_secret import ClientSecret
from .session_update_params_tools_inner import SessionUpdateParamsToolsInner
from .session_update_params_max_response_output_tokens import (
    SessionUpdateParamsMaxResponseOutputTokens,
)
from .session_update_params import SessionUpdateParams
from .realtime_session_model import RealtimeSessionModel
from .realtime_session_input_audio_transcription import (
    RealtimeSessionInputAudioTranscription,
)
from .realtime_session_turn_detection import RealtimeSessionTurnDetection
from .realtime_session import RealtimeSession
from .session_envelope import SessionEnvelope
from .error_detail import ErrorDetail
from .error_response import ErrorResponse

__all__ = [
    "AudioFormat",
    "SampleRate",
    "UsageCounters",
    "ClientSecret",
    "SessionUpdateParamsToolsInner",
    "SessionUpdateParamsMaxResponseOutputTokens",
    "SessionUpdateParams",
    "RealtimeSessionModel",
    "RealtimeSessionInputAudioTranscription",
    "RealtimeSessionTurnDetection",
    "RealtimeSession",
    "SessionEnvelope",
    "ErrorDetail",
    "ErrorResponse",
]
