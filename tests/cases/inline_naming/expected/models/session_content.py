"""The SessionContent model."""

from __future__ import annotations

from typing import Union

from ._base import ApiRoot
from .session_content_one_of import SessionContentOneOf
from .session_content_one_of1 import SessionContentOneOf1


class SessionContent(ApiRoot[Union[SessionContentOneOf, SessionContentOneOf1]]):
    """SessionContent model."""
