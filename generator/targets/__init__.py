"""The model libraries modelgen writes for (`--target`).

Each target is a module here defining `TARGET` (see `base.Target`) and a
template folder `templates/<name>/`; adding one means adding those and a
line below. Modules (and `base`, which needs the renderer) are imported only
when a target is used, so listing the names costs nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import Target

DEFAULT = "pydantic"
TARGETS = {
    "pydantic": "modelgen.targets.pydantic",
    "dataclasses": "modelgen.targets.dataclasses",
    "typeddict": "modelgen.targets.typeddict",
    "msgspec": "modelgen.targets.msgspec",
}


def get(name: str = DEFAULT) -> Target:
    """The target called `name` (one of `TARGETS`)."""
    if name not in TARGETS:
        raise ValueError(
            f"unknown target {name!r}; choose one of: {', '.join(sorted(TARGETS))}"
        )
    from .base import Target

    target = importlib.import_module(TARGETS[name]).TARGET
    assert isinstance(target, Target)
    return target


__all__ = ["DEFAULT", "TARGETS", "get"]
