"""Models of Operation models."""

from .create_key_request import CreateKeyRequest
from .create_key404_response import CreateKey404Response
from .key import Key
from .unused import Unused

__all__ = [
    "CreateKeyRequest",
    "CreateKey404Response",
    "Key",
    "Unused",
]
