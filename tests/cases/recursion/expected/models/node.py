"""The Node model."""

from __future__ import annotations

from typing import List

from ._base import ApiModel, Omittable


class Node(ApiModel):
    """A tree of nodes."""

    value: str

    children: Omittable[List[Node]] = None

    parent: Omittable[Node] = None
