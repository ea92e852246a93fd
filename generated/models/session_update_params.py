"""The SessionUpdateParams model."""

from __future__ import annotations

from typing import Annotated, List, Literal, Optional

from pydantic import Strict

from ._base import ApiModel, NotNull
from .audio_format import AudioFormat
from .session_update_params_max_response_output_tokens import (
    SessionUpdateParamsMaxResponseOutputTokens,
)
from .session_update_params_tools_inner import SessionUpdateParamsToolsInner


class SessionUpdateParams(ApiModel):
    """Fields a client may set when creating or updating a session."""

    voice: Annotated[Optional[Literal["juniper", "cedar", "marlow"]], NotNull] = None
    """Voice preset to speak with."""

    output_audio_format: Annotated[
        Optional[Annotated[AudioFormat, Strict(False)]], NotNull
    ] = None

    tools: Annotated[Optional[List[SessionUpdateParamsToolsInner]], NotNull] = None
    """Functions the assistant is allowed to call."""

    max_response_output_tokens: Annotated[
        Optional[SessionUpdateParamsMaxResponseOutputTokens], NotNull
    ] = None
    """Upper bound on tokens in a single assistant reply. Use `inf` to leave replies unbounded."""
