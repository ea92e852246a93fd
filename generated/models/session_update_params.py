"""The SessionUpdateParams model."""

from __future__ import annotations

from typing import List, Literal

from ._base import ApiModel, Lax, Omittable
from .audio_format import AudioFormat
from .session_update_params_max_response_output_tokens import (
    SessionUpdateParamsMaxResponseOutputTokens,
)
from .session_update_params_tools_inner import SessionUpdateParamsToolsInner


class SessionUpdateParams(ApiModel):
    """Fields a client may set when creating or updating a session."""

    voice: Omittable[Literal["juniper", "cedar", "marlow"]] = None
    """Voice preset to speak with."""

    output_audio_format: Omittable[Lax[AudioFormat]] = None

    tools: Omittable[List[SessionUpdateParamsToolsInner]] = None
    """Functions the assistant is allowed to call."""

    max_response_output_tokens: Omittable[
        SessionUpdateParamsMaxResponseOutputTokens
    ] = None
    """Upper bound on tokens in a single assistant reply. Use `inf` to leave replies unbounded."""
