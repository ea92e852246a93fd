"""The ErrorResponse model."""

from __future__ import annotations

from ._base import ApiModel
from .error_detail import ErrorDetail


class ErrorResponse(ApiModel):
    """Body returned with every non-2xx response."""

    error: ErrorDetail
