"""Models of Recursion."""

import sys as _sys

from .node import Node
from .a import A
from .b import B
from .json import Json

__all__ = [
    "Node",
    "A",
    "B",
    "Json",
]

# Models in reference cycles import one another lazily, so they (and models
# built on them) are completed here, once every class exists.
_namespace = _sys.modules[__name__].__dict__
for _name in __all__:
    _model = _namespace[_name]
    if not getattr(_model, "__pydantic_complete__", True):
        _model.model_rebuild(_types_namespace=_namespace)
