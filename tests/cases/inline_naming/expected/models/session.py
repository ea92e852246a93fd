"""The Session model."""

from __future__ import annotations

from typing import Dict, List

from ._base import ApiModel, Omittable
from .custom_title import CustomTitle
from .session_content import SessionContent
from .session_metadata_value import SessionMetadataValue
from .session_same_as_turn import SessionSameAsTurn
from .session_tools_inner import SessionToolsInner
from .session_turn_detection import SessionTurnDetection


class Session(ApiModel):
    """Session model."""

    turn_detection: Omittable[SessionTurnDetection] = None

    tools: Omittable[List[SessionToolsInner]] = None

    metadata: Omittable[Dict[str, SessionMetadataValue]] = None

    content: Omittable[SessionContent] = None

    titled: Omittable[CustomTitle] = None

    same_as_turn: Omittable[SessionSameAsTurn] = None
    """Identical to turn_detection, so it reuses that model."""
