"""The Bag model."""

from __future__ import annotations

from typing import Annotated, Any, Dict, List, Tuple

from ._base import ApiModel, Lax, Omittable, UniqueItems
from .bag_entries_inner import BagEntriesInner
from .bag_lookup_value import BagLookupValue


class Bag(ApiModel):
    """Bag model."""

    names: Omittable[List[str]] = None

    unique_ids: Omittable[Annotated[List[int], UniqueItems]] = None

    matrix: Omittable[List[List[float]]] = None

    scores: Omittable[Dict[str, int]] = None

    anything: Omittable[Dict[str, Any]] = None

    pair: Omittable[Lax[Tuple[str, int]]] = None

    entries: Omittable[List[BagEntriesInner]] = None

    lookup: Omittable[Dict[str, BagLookupValue]] = None
