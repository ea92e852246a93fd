"""Models of Odd names."""

from .class_ import Class
from .con_model_ import ConModel
from .model import Model
from .model404_response import Model404Response

__all__ = [
    "Class",
    "ConModel",
    "Model",
    "Model404Response",
]
