"""Models of Inline naming."""

from .session_turn_detection import SessionTurnDetection
from .session_tools_inner import SessionToolsInner
from .session_metadata_value import SessionMetadataValue
from .session_content_one_of import SessionContentOneOf
from .session_content_one_of1 import SessionContentOneOf1
from .session_content import SessionContent
from .custom_title import CustomTitle
from .session_same_as_turn import SessionSameAsTurn
from .session import Session

__all__ = [
    "SessionTurnDetection",
    "SessionToolsInner",
    "SessionMetadataValue",
    "SessionContentOneOf",
    "SessionContentOneOf1",
    "SessionContent",
    "CustomTitle",
    "SessionSameAsTurn",
    "Session",
]
