"""The model libraries modelgen writes for (`--target`).

Each target is a module here defining `TARGET` (see `base.Target`) and a
template folder `templates/<name>/`; adding one means adding those and a
line below. Modules are imported only when their target is used.
"""

from __future__ import annotations

import importlib

from .base import ExampleContext, Target

DEFAULT = "pydantic"
TARGETS = {
    "pydantic": "modelgen.targets.pydantic",
    "typeddict": "modelgen.targets.typeddict",
    "msgspec": "modelgen.targets.msgspec",
}


def get(name: str = DEFAULT) -> Target:
    """The target called `name` (one of `TARGETS`)."""
    if name not in TARGETS:
        raise ValueError(
            f"unknown target {name!r}; choose one of: {', '.join(sorted(TARGETS))}"
        )
    target = importlib.import_module(TARGETS[name]).TARGET
    assert isinstance(target, Target)
    return target


__all__ = ["DEFAULT", "TARGETS", "ExampleContext", "Target", "get"]
