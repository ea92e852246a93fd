"""The ErrorDetail model."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from ._base import ApiModel


class ErrorDetail(ApiModel):
    """Machine- and human-readable description of a failure."""

    type_name: str = Field(alias="type-name")
    """Broad error category, e.g. "invalid_request_error"."""

    code: Optional[str] = None
    """Specific error code, when one applies."""

    message: str
    """Explanation suitable for logs."""

    param: Optional[str] = None
    """Request field that caused the error, if any."""
