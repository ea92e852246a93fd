"""The Record model."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from ._base import ApiModel, Lax, Omittable


class Record(ApiModel):
    """Record model."""

    id: Omittable[Lax[UUID]] = None

    created: Omittable[Lax[datetime]] = None

    day: Omittable[Lax[date]] = None

    email: Omittable[str] = None

    blob: Omittable[str] = None

    big: Omittable[int] = None

    price: Omittable[float] = None

    link: Omittable[str] = None
